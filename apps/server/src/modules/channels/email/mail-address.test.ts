import { describe, expect, it } from 'vitest';
import { baseAddress, isSystemSender, messageIdsIn, normalizeAddress, withTag } from './mail-address.js';
import { seal, unseal } from './secret-box.js';

describe('addresses', () => {
  it.each<[string | null, string | null]>([
    ['Jane@Example.COM', 'jane@example.com'],
    ['<jane@example.com>', 'jane@example.com'],
    ['  jane.doe+tag@sub.example.co.uk ', 'jane.doe+tag@sub.example.co.uk'],
    ['no-at-sign', null],
    ['two@@example.com', null],
    ['spaces in@example.com', null],
    ['jane@localhost', null],
    ['"quoted"@example.com', null],
    [`${'a'.repeat(250)}@example.com`, null],
    ['', null],
    [null, null],
  ])('normalizeAddress(%j) → %j', (input, expected) => {
    expect(normalizeAddress(input)).toBe(expected);
  });

  it.each([
    ['support@example.com', 'support@example.com', null],
    ['Support+Billing@Example.com', 'support@example.com', 'billing'],
    ['support+t12.ab34cd56@example.com', 'support@example.com', 't12.ab34cd56'],
    ['support+@example.com', 'support@example.com', null],
  ])('baseAddress(%s) → %s, tag %s', (address, base, tag) => {
    expect(baseAddress(address)).toEqual({ base, tag });
  });

  it('adds a tag', () => {
    expect(withTag('support@example.com', 't1.x')).toBe('support+t1.x@example.com');
  });

  it.each([
    ['MAILER-DAEMON@mx.example.net', true],
    ['postmaster@example.net', true],
    ['mailer-daemonic@example.net', false],
    ['jane@example.net', false],
  ])('%s is a mail system: %s', (address, expected) => {
    expect(isSystemSender(address)).toBe(expected);
  });

  it.each<[string | string[] | undefined, string[]]>([
    ['<a@x> <b@y>', ['a@x', 'b@y']],
    [
      ['<a@x>', '<a@x> <c@z>'],
      ['a@x', 'c@z'],
    ],
    ['a@x', ['a@x']],
    ['garbage without ids', []],
    [undefined, []],
  ])('messageIdsIn(%j) → %j', (value, expected) => {
    expect(messageIdsIn(value)).toEqual(expected);
  });
});

describe('sealed mailbox secrets', () => {
  it('opens with the key that sealed it, and not with another', () => {
    const sealed = seal('key-one', 'app-password');
    expect(sealed).not.toContain('app-password');
    expect(unseal('key-one', sealed)).toBe('app-password');
    expect(() => unseal('key-two', sealed)).toThrow();
    expect(seal('key-one', 'app-password')).not.toBe(sealed);
  });
});
