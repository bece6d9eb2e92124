import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../db/schema.js';
import type { StoredCondition } from '../../db/tables/realtime.js';
import { checkConditions, compileConditions, orderedValues } from './view-conditions.js';

const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const ctx = { userId: 7, groupIds: [3, 4], now: new Date('2026-01-05T12:00:00Z') };

function compile(all: StoredCondition[], any: StoredCondition[] = []) {
  const query = db
    .selectFrom('tickets')
    .select('id')
    .where((eb) => compileConditions(eb, { all, any }, ctx))
    .compile();
  return { sql: query.sql.replace(/^select "id" from "tickets" where /, ''), params: query.parameters };
}

describe('orderedValues', () => {
  it.each([
    ['less_than', 'solved', ['new', 'open', 'pending', 'hold']],
    ['greater_than', 'pending', ['hold', 'solved', 'closed']],
    ['is', 'open', ['open']],
    ['is_not', 'closed', ['new', 'open', 'pending', 'hold', 'solved']],
    ['less_than', 'new', []],
  ])('status %s %s', (operator, value, expected) => {
    expect(orderedValues(['new', 'open', 'pending', 'hold', 'solved', 'closed'], operator, value)).toEqual(
      expected,
    );
  });
});

describe('compileConditions', () => {
  it.each<[string, StoredCondition, string, unknown[]]>([
    [
      'unsolved',
      { field: 'status', operator: 'less_than', value: 'solved' },
      '"tickets"."status" in ($1, $2, $3, $4)',
      ['new', 'open', 'pending', 'hold'],
    ],
    [
      'mine',
      { field: 'assignee_id', operator: 'is', value: 'current_user' },
      '"tickets"."assignee_id" = $1',
      [7],
    ],
    [
      'unassigned',
      { field: 'assignee_id', operator: 'is', value: '' },
      '"tickets"."assignee_id" is null',
      [],
    ],
    [
      'not assigned to 9 keeps unassigned ones',
      { field: 'assignee_id', operator: 'is_not', value: '9' },
      '"tickets"."assignee_id" is distinct from $1',
      [9],
    ],
    [
      'my groups',
      { field: 'group_id', operator: 'is', value: 'current_groups' },
      '"tickets"."group_id" in ($1, $2)',
      [3, 4],
    ],
    ['no priority', { field: 'priority', operator: 'is', value: '' }, '"tickets"."priority" is null', []],
    [
      'priority above normal',
      { field: 'priority', operator: 'greater_than', value: 'normal' },
      '"tickets"."priority" in ($1, $2)',
      ['high', 'urgent'],
    ],
    [
      'tags include any',
      { field: 'current_tags', operator: 'includes', value: 'Billing vip' },
      'tickets.tags && $1::text[]',
      [['billing', 'vip']],
    ],
    [
      'tags exclude',
      { field: 'current_tags', operator: 'not_includes', value: 'spam' },
      'not tickets.tags && $1::text[]',
      [['spam']],
    ],
    [
      'created within 24 hours',
      { field: 'created_at', operator: 'less_than', value: '24' },
      '"tickets"."created_at" > $1',
      [new Date('2026-01-04T12:00:00Z')],
    ],
    [
      'updated more than 48 hours ago',
      { field: 'updated_at', operator: 'greater_than', value: 48 },
      '"tickets"."updated_at" < $1',
      [new Date('2026-01-03T12:00:00Z')],
    ],
    [
      'via email',
      { field: 'via', operator: 'is', value: 'email' },
      '"tickets"."via_channel" = $1',
      ['email'],
    ],
    [
      'tier 2 groups',
      { field: 'group_tier', operator: 'is', value: '2' },
      '"tickets"."group_id" in (select "groups"."id" from "groups" where "groups"."tier" = $1 and "groups"."deleted_at" is null)',
      [2],
    ],
    [
      'custom field',
      { field: 'custom_fields_12', operator: 'is', value: 'gold' },
      "coalesce(tickets.custom_fields ->> $1, '') = $2",
      ['12', 'gold'],
    ],
  ])('%s', (_name, condition, expected, params) => {
    const out = compile([condition]);
    expect(out.sql).toBe(expected);
    expect(out.params).toEqual(params);
  });

  it('ANDs the all list and ORs the any list', () => {
    const out = compile(
      [{ field: 'status', operator: 'is', value: 'open' }],
      [
        { field: 'priority', operator: 'is', value: 'urgent' },
        { field: 'type', operator: 'is', value: 'incident' },
      ],
    );
    expect(out.sql).toBe(
      '("tickets"."status" in ($1) and ("tickets"."priority" in ($2) or "tickets"."type" = $3))',
    );
  });

  it('matches every ticket without conditions', () => {
    expect(compile([]).sql).toBe('true');
  });

  it('matches nothing for current_groups when the agent has no groups', () => {
    const query = db
      .selectFrom('tickets')
      .select('id')
      .where((eb) =>
        compileConditions(
          eb,
          { all: [{ field: 'group_id', operator: 'is', value: 'current_groups' }], any: [] },
          { ...ctx, groupIds: [] },
        ),
      )
      .compile();
    expect(query.sql).toMatch(/where false$/);
  });
});

describe('checkConditions', () => {
  it.each<[string, StoredCondition, string]>([
    ['unknown field', { field: 'colour', operator: 'is', value: 'red' }, 'all.0.field'],
    ['wrong operator', { field: 'status', operator: 'includes', value: 'open' }, 'all.0.operator'],
    ['unknown status', { field: 'status', operator: 'is', value: 'done' }, 'all.0.value'],
    ['non-numeric assignee', { field: 'assignee_id', operator: 'is', value: 'bob' }, 'all.0.value'],
    ['hours not a number', { field: 'updated_at', operator: 'less_than', value: 'yesterday' }, 'all.0.value'],
    ['empty tags', { field: 'current_tags', operator: 'includes', value: ' ' }, 'all.0.value'],
    ['tier 4', { field: 'group_tier', operator: 'is', value: '4' }, 'all.0.value'],
  ])('rejects %s naming %s', (_name, condition, key) => {
    const details = checkConditions({ all: [condition], any: [] });
    expect(Object.keys(details ?? {})).toEqual([key]);
    expect(details?.[key]?.[0]?.description).toContain(key);
  });

  it('accepts the conditions the built-in views use', () => {
    expect(
      checkConditions({
        all: [
          { field: 'assignee_id', operator: 'is', value: '' },
          { field: 'group_id', operator: 'is', value: 'current_groups' },
          { field: 'status', operator: 'less_than', value: 'solved' },
          { field: 'solved_at', operator: 'less_than', value: '168' },
          { field: 'group_tier', operator: 'is', value: '1' },
        ],
        any: [{ field: 'requester_id', operator: 'is', value: 'current_user' }],
      }),
    ).toBeNull();
  });
});
