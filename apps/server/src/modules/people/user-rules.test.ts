import { locale } from '@frontline/contracts';
import { describe, expect, it } from 'vitest';
import { changedUserFields, isTimeZone, NEW_USER, parseUserQuery, type UserSnapshot } from './user-rules.js';

const customer: UserSnapshot = {
  ...NEW_USER,
  name: 'Alice',
  email: 'alice@acme.test',
  ticket_restriction: 'requested',
  tags: ['vip', 'beta'],
};

describe('changedUserFields', () => {
  const cases: [string, Record<string, unknown>, UserSnapshot, string[]][] = [
    ['a new name', { name: 'Alicia' }, customer, ['name']],
    ['the same name', { name: 'Alice' }, customer, []],
    ['the address in other case', { email: 'ALICE@acme.test' }, customer, []],
    [
      'the whole user sent back',
      {
        name: 'Alice',
        role: 'end-user',
        role_type: null,
        agent_level: null,
        ticket_restriction: 'requested',
        tags: ['beta', 'vip'],
      },
      customer,
      [],
    ],
    ['a role change', { role: 'admin' }, customer, ['role']],
    ['a restriction spelled as the default', { ticket_restriction: null }, customer, []],
    ['a real restriction', { ticket_restriction: 'organization' }, customer, ['ticket_restriction']],
    ['a password, always', { password: 'secret-123' }, customer, ['password']],
    ['role_type 0 for someone with none', { role_type: 0 }, { ...NEW_USER, role: 'agent' }, []],
    ['light agent', { role_type: 1 }, { ...NEW_USER, role: 'agent' }, ['role_type']],
    ['a new user asking to be an end-user', { name: 'Bob', role: 'end-user' }, NEW_USER, ['name']],
    [
      'a new user asking to be an agent',
      { name: 'Bob', role: 'agent', agent_level: 'senior' },
      NEW_USER,
      ['name', 'role', 'agent_level'],
    ],
    ['fields left out', { name: undefined, notes: undefined }, customer, []],
  ];
  it.each(cases)('%s', (_name, input, current, expected) => {
    expect(changedUserFields(input, current)).toEqual(expected);
  });
});

describe('locale', () => {
  const cases: [string, string | null][] = [
    ['en-US', 'en-US'],
    ['en-us', 'en-US'],
    ['zh-CN', 'zh-CN'],
    ['zh-tw', 'zh-TW'],
    ['ar', 'ar'],
    ['ar-EG', 'ar-EG'],
    ['en', 'en'],
    ['fr-FR', null],
    ['de', null],
    ['english', null],
    ['', null],
  ];
  it.each(cases)('%s → %s', (given, expected) => {
    const parsed = locale.safeParse(given);
    expect(parsed.success ? parsed.data : null).toBe(expected);
  });
});

describe('isTimeZone', () => {
  it.each([
    ['UTC', true],
    ['Asia/Shanghai', true],
    ['Africa/Cairo', true],
    ['Mars/Olympus', false],
    ['', false],
  ] as const)('%s → %s', (name, expected) => {
    expect(isTimeZone(name)).toBe(expected);
  });
});

describe('parseUserQuery', () => {
  const cases: [string, unknown][] = [
    ['alice', { text: 'alice' }],
    ['Ali Hassan', { text: 'Ali Hassan' }],
    ['陈丽', { text: '陈丽' }],
    ['فاطمة', { text: 'فاطمة' }],
    ['email:alice@acme.test', { email: 'alice@acme.test' }],
    ['role:agent,admin', { roles: ['agent', 'admin'] }],
    ['role:end_user', { roles: ['end-user'] }],
    ['name:"Ali Hassan" role:agent', { name: 'Ali Hassan', roles: ['agent'] }],
    ['external_id:crm-42 bob', { externalId: 'crm-42', text: 'bob' }],
    ['organization_id:7', { organizationId: 7 }],
    ['role:owner', { error: 'role owner is not end-user, agent or admin' }],
    ['organization_id:acme', { error: 'organization_id acme is not a number' }],
    ['tags:vip', { text: 'tags:vip' }],
  ];
  it.each(cases)('%s', (query, expected) => {
    expect(parseUserQuery(query)).toEqual(expected);
  });
});
