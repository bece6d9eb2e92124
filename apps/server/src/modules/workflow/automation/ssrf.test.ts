import { describe, expect, it } from 'vitest';
import { isPrivateAddress, webhookUrlProblem } from './ssrf.js';

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
      false,
      'points at a private address (169.254.169.254); an admin must allow private targets',
    ],
    ['https://user:secret@example.com/', false, 'must not carry credentials; use the authentication setting'],
    ['http://127.0.0.1:8080/hook', true, null],
  ])('%s (private allowed: %s)', (url, allowPrivate, expected) => {
    expect(webhookUrlProblem(url, allowPrivate)).toBe(expected);
  });
});
