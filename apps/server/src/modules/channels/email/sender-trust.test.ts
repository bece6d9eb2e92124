import { describe, expect, it } from 'vitest';
import { isAuthenticated, replyToMismatch, trustedResults } from './sender-trust.js';

const gmail =
  'mx.google.com; dkim=pass header.i=@customer.test header.s=s1 header.b=Ab12; spf=pass (google.com: domain of jane@customer.test designates 1.2.3.4 as permitted sender) smtp.mailfrom=jane@customer.test; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=customer.test';
const forged =
  'evil.test; dkim=pass header.d=customer.test; spf=pass smtp.mailfrom=customer.test; dmarc=pass header.from=customer.test';
const failing =
  'mx.google.com; dkim=none; spf=softfail smtp.mailfrom=attacker.test; dmarc=fail (p=NONE) header.from=customer.test';
const noDmarc = 'mx.example.net; dkim=pass header.d=mail.customer.test; spf=fail smtp.mailfrom=customer.test';
const misaligned =
  'mx.example.net; dkim=pass header.d=bulkmailer.test; spf=pass smtp.mailfrom=bounces@bulkmailer.test';

describe('sender authentication', () => {
  it.each<[string, string[], string | null, boolean]>([
    ['Gmail says everything passed', [gmail], 'mx.google.com', true],
    ['no header at all', [], 'mx.google.com', false],
    ['DMARC failed', [failing], 'mx.google.com', false],
    ['a forged header below the trusted one is ignored', [failing, forged], 'mx.google.com', false],
    ['a forged header alone, trusted server named: nothing to believe', [forged], 'mx.google.com', false],
    ['without a trusted server the topmost header counts', [gmail, forged], null, true],
    ['no DMARC verdict: aligned DKIM (subdomain) passes', [noDmarc], null, true],
    ['no DMARC verdict: DKIM and SPF of another domain do not count', [misaligned], null, false],
    [
      'comments with semicolons do not confuse the parser',
      ['mx.google.com; spf=pass (a; b) smtp.mailfrom=customer.test'],
      null,
      true,
    ],
  ])('%s → %s', (_name, headers, trusted, expected) => {
    expect(isAuthenticated(trustedResults(headers, 'jane@customer.test', trusted))).toBe(expected);
  });

  it('reads each verdict', () => {
    expect(trustedResults([gmail], 'jane@customer.test', null)).toMatchObject({
      authservId: 'mx.google.com',
      spf: 'pass',
      dkim: 'pass',
      dmarc: 'pass',
      dkimAligned: true,
      spfAligned: true,
    });
  });

  it.each<[string | null, string[], boolean]>([
    ['jane@customer.test', [], false],
    ['jane@customer.test', ['Jane@Customer.test'], false],
    ['jane@customer.test', ['attacker@evil.test'], true],
    ['jane@customer.test', ['not an address'], false],
  ])('From %s with Reply-To %j is a mismatch: %s', (from, replyTo, expected) => {
    expect(replyToMismatch(from, replyTo)).toBe(expected);
  });
});
