import { createHash } from 'node:crypto';
import { hmac, randomToken, safeEqual } from '../../platform/auth/secrets.js';

/**
 * The web form's spam check, hashcash-style: the page carries a challenge the server
 * signed (`issuedAt.bits.random.signature`); the page's script finds a nonce so that
 * SHA-256(`challenge:nonce`) starts with `bits` zero bits (~2^bits hashes, about a
 * second in a browser at 16) and the server checks it with one hash. A person waits
 * a moment once; a bot pays it for every submission. Without JavaScript the form
 * takes the slower path instead: the challenge must be at least NO_SCRIPT_WAIT_MS old.
 */
export const CHALLENGE_TTL_MS = 60 * 60 * 1000;
export const NO_SCRIPT_WAIT_MS = 20 * 1000;

export type Challenge = { text: string; issuedAt: number; bits: number };

export function issueChallenge(secret: string, bits: number, now: Date): string {
  const body = `${now.getTime()}.${bits}.${randomToken(9)}`;
  return `${body}.${hmac(secret, `pow:${body}`).slice(0, 32)}`;
}

/** The challenge if the server signed it; null for anything forged or malformed. */
export function readChallenge(secret: string, text: string): Challenge | null {
  const match = /^(\d{1,15})\.(\d{1,2})\.([A-Za-z0-9_-]{1,40})\.([A-Za-z0-9_-]{32})$/.exec(text);
  if (!match) return null;
  const body = `${match[1]}.${match[2]}.${match[3]}`;
  if (!safeEqual(match[4]!, hmac(secret, `pow:${body}`).slice(0, 32))) return null;
  return { text, issuedAt: Number(match[1]), bits: Number(match[2]) };
}

/** Leading zero bits of a digest. */
export function leadingZeroBits(digest: Buffer) {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function solves(challenge: string, nonce: string, bits: number) {
  const digest = createHash('sha256').update(`${challenge}:${nonce}`).digest();
  return leadingZeroBits(digest) >= bits;
}

/** Finds a nonce (what the page's script does; tests and tools use it). */
export function solve(challenge: string, bits: number): string {
  for (let n = 0; ; n += 1) if (solves(challenge, String(n), bits)) return String(n);
}

export type PowVerdict = 'ok' | 'missing' | 'invalid' | 'expired' | 'too_soon';

/**
 * Whether a submission paid: a valid signed challenge, not expired, and either a nonce
 * that solves it or (no nonce: no script ran) enough time since the page was served.
 */
export function checkProofOfWork(
  secret: string,
  input: { challenge: string | undefined; nonce: string | undefined },
  now: Date,
): { verdict: PowVerdict; challenge?: Challenge } {
  if (!input.challenge) return { verdict: 'missing' };
  const challenge = readChallenge(secret, input.challenge);
  if (!challenge) return { verdict: 'invalid' };
  const age = now.getTime() - challenge.issuedAt;
  if (age > CHALLENGE_TTL_MS || age < -60_000) return { verdict: 'expired', challenge };
  if (!input.nonce) return { verdict: age >= NO_SCRIPT_WAIT_MS ? 'ok' : 'too_soon', challenge };
  if (input.nonce.length > 20 || !solves(challenge.text, input.nonce, challenge.bits))
    return { verdict: 'invalid', challenge };
  return { verdict: 'ok', challenge };
}

/** Challenges already paid with, per node, until they expire: one solution buys one request. */
export function createSpentChallenges() {
  const spent = new Map<string, number>();
  return {
    /** Records the challenge; false when it was used before. */
    spend(challenge: Challenge, now: Date) {
      if (spent.has(challenge.text)) return false;
      if (spent.size > 50_000) for (const [k, until] of spent) if (until < now.getTime()) spent.delete(k);
      spent.set(challenge.text, challenge.issuedAt + CHALLENGE_TTL_MS);
      return true;
    },
  };
}
