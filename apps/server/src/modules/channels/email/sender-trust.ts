import { domainOf, normalizeAddress } from './mail-address.js';

/**
 * What the receiving mail server said about the sender (RFC 8601
 * Authentication-Results), and whether the From address is believable. Only a
 * header stamped by the server the admin trusts counts (a sender can write any
 * Authentication-Results header into their own message, but not above the one the
 * receiving server adds); without a trusted server name, the topmost header counts.
 */
export type AuthVerdict =
  | 'pass'
  | 'fail'
  | 'softfail'
  | 'neutral'
  | 'none'
  | 'temperror'
  | 'permerror'
  | 'policy';

export type AuthenticationResults = {
  authservId: string;
  spf: AuthVerdict | null;
  dkim: AuthVerdict | null;
  dmarc: AuthVerdict | null;
  /** DKIM passed for the From domain (or a parent/child of it). */
  dkimAligned: boolean;
  /** SPF passed for an envelope domain aligned with the From domain. */
  spfAligned: boolean;
};

const VERDICTS = new Set(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy']);

function stripComments(value: string) {
  let out = value;
  for (let i = 0; i < 10 && /\([^()]*\)/.test(out); i += 1) out = out.replace(/\([^()]*\)/g, ' ');
  return out;
}

function aligned(a: string | undefined, fromDomain: string | null) {
  if (!a || !fromDomain) return false;
  const d = a.replace(/^.*@/, '').toLowerCase();
  return d === fromDomain || d.endsWith(`.${fromDomain}`) || fromDomain.endsWith(`.${d}`);
}

/** Parses one Authentication-Results value; null when it is not one. */
export function parseAuthenticationResults(
  value: string,
  fromAddress: string | null,
): AuthenticationResults | null {
  const parts = stripComments(value)
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);
  const authservId = parts.shift()?.split(/\s+/)[0]?.toLowerCase();
  if (!authservId) return null;
  const fromDomain = fromAddress ? domainOf(fromAddress) : null;
  const out: AuthenticationResults = {
    authservId,
    spf: null,
    dkim: null,
    dmarc: null,
    dkimAligned: false,
    spfAligned: false,
  };
  for (const part of parts) {
    const match = /^(spf|dkim|dmarc)\s*=\s*([a-z]+)(.*)$/is.exec(part);
    if (!match) continue;
    const method = match[1]!.toLowerCase() as 'spf' | 'dkim' | 'dmarc';
    const verdict = match[2]!.toLowerCase();
    if (!VERDICTS.has(verdict)) continue;
    const props = Object.fromEntries(
      [...match[3]!.matchAll(/([a-z]+\.[a-z-]+)\s*=\s*("[^"]*"|\S+)/gi)].map((m) => [
        m[1]!.toLowerCase(),
        m[2]!.replace(/^"|"$/g, ''),
      ]),
    );
    // Several DKIM signatures: a pass wins over a failure.
    if (out[method] !== 'pass') out[method] = verdict as AuthVerdict;
    if (
      method === 'dkim' &&
      verdict === 'pass' &&
      aligned(props['header.d'] ?? props['header.i'], fromDomain)
    )
      out.dkimAligned = true;
    if (
      method === 'spf' &&
      verdict === 'pass' &&
      aligned(props['smtp.mailfrom'] ?? props['smtp.helo'], fromDomain)
    )
      out.spfAligned = true;
  }
  return out;
}

/** The results to believe: from the trusted server when one is named, else the topmost header. */
export function trustedResults(
  values: readonly string[],
  fromAddress: string | null,
  trustedAuthservId: string | null,
): AuthenticationResults | null {
  for (const value of values) {
    const parsed = parseAuthenticationResults(value, fromAddress);
    if (!parsed) continue;
    if (!trustedAuthservId) return parsed;
    if (parsed.authservId === trustedAuthservId.toLowerCase()) return parsed;
  }
  return null;
}

/** DMARC passed, or (without a DMARC verdict) an aligned DKIM or SPF pass. */
export function isAuthenticated(results: AuthenticationResults | null) {
  if (!results) return false;
  if (results.dmarc) return results.dmarc === 'pass';
  return results.dkimAligned || results.spfAligned;
}

/** Reply-To naming someone other than From: shown to agents as a warning on the comment. */
export function replyToMismatch(fromAddress: string | null, replyTo: readonly string[]) {
  const from = normalizeAddress(fromAddress);
  return replyTo.some((r) => {
    const address = normalizeAddress(r);
    return address !== null && address !== from;
  });
}
