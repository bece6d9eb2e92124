import { describe, expect, it } from 'vitest';
import { hostProblem, isPrivateAddress, refusedAddress, webhookUrlProblem } from './ssrf.js';

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fc00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['93.184.216.34', false],
    ['2606:4700:4700::1111', false],
    ['not an address', true],
  ])('%s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe('webhookUrlProblem', () => {
  it.each([
    ['https://billing.example.com/refunds', false, null],
    ['ftp://example.com/x', false, 'must start with https:// or http://'],
    ['not a url', false, 'is not a URL'],
    [
      'http://127.0.0.1:8080/hook',
      false,
      'points at a private address (127.0.0.1); an admin must allow private targets',
    ],
    ['http://[::1]/hook', false, 'points at a private address (::1); an admin must allow private targets'],
    [
      'http://localhost/hook',
      false,
      'points at a private host (localhost); an admin must allow private targets',
    ],
    [
      'http://169.254.169.254/latest/meta-data',
      true,
      'points at a link-local or cloud metadata address (169.254.169.254), which is never allowed',
    ],
    [
      'http://metadata.google.internal/computeMetadata/v1/',
      true,
      'points at a link-local or cloud metadata address (metadata.google.internal), which is never allowed',
    ],
    ['https://user:secret@example.com/', false, 'must not carry credentials; use the authentication setting'],
    ['http://127.0.0.1:8080/hook', true, null],
  ])('%s (private allowed: %s)', (url, allowPrivate, expected) => {
    expect(webhookUrlProblem(url, allowPrivate)).toBe(expected);
  });
});

describe('hostProblem (IMAP hosts and webhooks alike)', () => {
  const never = (h: string) =>
    `points at a link-local or cloud metadata address (${h}), which is never allowed`;
  it.each([
    ['imap.gmail.com', false, null],
    ['93.184.216.34', false, null],
    ['169.254.169.254', true, never('169.254.169.254')],
    ['169.254.1.1', true, never('169.254.1.1')],
    ['[fe80::1]', true, never('fe80::1')],
    ['::ffff:169.254.169.254', true, never('::ffff:169.254.169.254')],
    ['fd00:ec2::254', true, never('fd00:ec2::254')],
    ['METADATA.google.internal.', true, never('metadata.google.internal')],
    ['127.0.0.1', false, 'points at a private address (127.0.0.1); an admin must allow private targets'],
    ['10.0.0.5', false, 'points at a private address (10.0.0.5); an admin must allow private targets'],
    [
      'mail.corp.internal',
      false,
      'points at a private host (mail.corp.internal); an admin must allow private targets',
    ],
    ['localhost', false, 'points at a private host (localhost); an admin must allow private targets'],
    ['127.0.0.1', true, null],
    ['10.0.0.5', true, null],
    ['localhost', true, null],
  ])('%s (private allowed: %s)', (host, allowPrivate, expected) => {
    expect(hostProblem(host, allowPrivate)).toBe(expected);
  });
});

describe('refusedAddress (what a name resolves to, at connect time)', () => {
  it.each([
    [['93.184.216.34'], false, null],
    [['93.184.216.34', '10.0.0.1'], false, '10.0.0.1 is a private address'],
    [['10.0.0.1'], true, null],
    [['169.254.169.254'], true, '169.254.169.254 is link-local or a cloud metadata address'],
  ])('%j (private allowed: %s)', (addresses, allowPrivate, expected) => {
    expect(refusedAddress(addresses, allowPrivate)).toBe(expected);
  });
});
