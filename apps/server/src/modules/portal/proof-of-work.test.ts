import { describe, expect, it } from 'vitest';
import {
  CHALLENGE_TTL_MS,
  checkProofOfWork,
  createSpentChallenges,
  issueChallenge,
  leadingZeroBits,
  NO_SCRIPT_WAIT_MS,
  readChallenge,
  solve,
} from './proof-of-work.js';

const secret = 'test-secret';
const t0 = new Date('2026-01-05T09:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe('proof-of-work', () => {
  it.each([
    [[0x00, 0x00, 0xff], 16],
    [[0x00, 0x0f], 12],
    [[0x80], 0],
    [[0x01], 7],
    [[0, 0, 0, 0], 32],
  ])('counts leading zero bits of %j as %i', (bytes, bits) => {
    expect(leadingZeroBits(Buffer.from(bytes))).toBe(bits);
  });

  it('accepts a solved challenge it signed, once the nonce really solves it', () => {
    const challenge = issueChallenge(secret, 10, t0);
    const nonce = solve(challenge, 10);
    expect(checkProofOfWork(secret, { challenge, nonce }, later(1000)).verdict).toBe('ok');
    expect(checkProofOfWork(secret, { challenge, nonce: `${nonce}1` }, later(1000)).verdict).toBe('invalid');
  });

  it.each([
    ['no challenge', undefined, 'missing'],
    ['another key', issueChallenge('other', 4, t0), 'invalid'],
    ['garbage', 'abc', 'invalid'],
  ])('refuses %s', (_name, challenge, verdict) => {
    expect(checkProofOfWork(secret, { challenge, nonce: '1' }, t0).verdict).toBe(verdict);
  });

  it('refuses a challenge whose difficulty was edited (the signature covers it)', () => {
    const challenge = issueChallenge(secret, 20, t0);
    const easier = challenge.replace(/^(\d+)\.20\./, '$1.1.');
    expect(readChallenge(secret, easier)).toBeNull();
  });

  it('expires challenges after an hour', () => {
    const challenge = issueChallenge(secret, 4, t0);
    const nonce = solve(challenge, 4);
    expect(checkProofOfWork(secret, { challenge, nonce }, later(CHALLENGE_TTL_MS + 1)).verdict).toBe(
      'expired',
    );
  });

  it('without a nonce (no script) accepts only after the wait', () => {
    const challenge = issueChallenge(secret, 18, t0);
    expect(checkProofOfWork(secret, { challenge, nonce: '' }, later(NO_SCRIPT_WAIT_MS - 1)).verdict).toBe(
      'too_soon',
    );
    expect(checkProofOfWork(secret, { challenge, nonce: '' }, later(NO_SCRIPT_WAIT_MS)).verdict).toBe('ok');
  });

  it('spends a challenge once', () => {
    const spent = createSpentChallenges();
    const challenge = readChallenge(secret, issueChallenge(secret, 4, t0))!;
    expect(spent.spend(challenge, t0)).toBe(true);
    expect(spent.spend(challenge, t0)).toBe(false);
  });
});
