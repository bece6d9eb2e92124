import { describe, expect, it } from 'vitest';
import { databaseRefusal, MAX_JSON_DEPTH, nestingDepth, unstorableText } from '../../platform/http/server.js';
import { redactUrl } from '../../platform/logger.js';

describe('nestingDepth', () => {
  const cases: [string, number][] = [
    ['1', 0],
    ['{}', 1],
    ['{"a":[1,{"b":[]}]}', 4],
    ['"[[[[[["', 0],
    ['{"a":"\\"[[[["}', 1],
    ['{"a":"\\\\"}', 1],
    ['[[[]],[[[]]]]', 4],
    [`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`, MAX_JSON_DEPTH + 1],
  ];
  for (const [text, depth] of cases) {
    it(`${text.slice(0, 30)} → ${depth}`, () => expect(nestingDepth(text)).toBe(depth));
  }
});

describe('unstorableText', () => {
  const cases: [unknown, string | null][] = [
    ['plain', null],
    ['a\u0000b', ''],
    [{ ticket: { subject: 'ok', comment: { body: 'x\u0000' } } }, '/ticket/comment/body'],
    [{ tags: ['fine', 'bad\u0000'] }, '/tags/1'],
    [{ 'ke\u0000y': 1 }, '/key'],
    [{ n: 1, b: true, z: null }, null],
    [Buffer.from([0, 0, 0]), null],
    [undefined, null],
    [{ ticket: { subject: 'lone \ud800 high' } }, '/ticket/subject'],
    [{ tags: ['ok', '\udc00 lone low'] }, '/tags/1'],
    [{ 'ke\udfffy': 'x' }, '/key'],
    [{ name: 'paired 😀 is text', other: 'ünïcødé' }, null],
  ];
  for (const [value, path] of cases) {
    it(`${JSON.stringify(value)} → ${path}`, () => expect(unstorableText(value)?.path ?? null).toBe(path));
  }
  it('says which problem it found', () => {
    expect(unstorableText('a\u0000')?.problem).toMatch(/NUL/);
    expect(unstorableText('a\ud800')?.problem).toMatch(/surrogate/);
  });
});

describe('redactUrl', () => {
  const cases: [string, string][] = [
    ['/api/v2/tickets/1', '/api/v2/tickets/1'],
    ['/attachments/12/AbC-sig_123/file.pdf', '/attachments/12/[redacted]/file.pdf'],
    ['/api/v2/uploads/tok123', '/api/v2/uploads/[redacted]'],
    ['/api/v2/uploads?filename=a.txt&token=tok123', '/api/v2/uploads?filename=a.txt&token=[redacted]'],
    ['/api/v2/x?TOKEN=a&b=c', '/api/v2/x?TOKEN=[redacted]&b=c'],
    ['/api/v2/uploads?filename=token=x', '/api/v2/uploads?filename=token=x'],
    ['/api/v2/search?query=token', '/api/v2/search?query=token'],
  ];
  for (const [url, logged] of cases) {
    it(`${url} → ${logged}`, () => expect(redactUrl(url)).toBe(logged));
  }
});

describe('databaseRefusal', () => {
  const fk = (detail: string) => ({ code: '23503', detail });
  const cases: [string, unknown, string | null][] = [
    ['a missing owner', fk('Key (owner_id)=(99) is not present in table "users".'), 'user_id'],
    ['a missing group', fk('Key (group_id)=(7) is not present in table "groups".'), 'group_id'],
    ['a record still in use', fk('Key (id)=(3) is still referenced from table "tickets".'), 'base'],
    ['a number out of range', { code: '22003' }, 'base'],
    ['a unique violation (services handle it)', { code: '23505' }, null],
    ['not a database error', new Error('boom'), null],
  ];
  for (const [what, error, field] of cases) {
    it(`${what} → ${field}`, () => {
      const body = databaseRefusal(error) as { details: Record<string, unknown> } | null;
      expect(body ? Object.keys(body.details) : null).toEqual(field === null ? null : [field]);
    });
  }
});
