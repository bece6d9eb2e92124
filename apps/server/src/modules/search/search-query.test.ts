import { describe, expect, it } from 'vitest';
import { HttpError } from '../../platform/http/errors.js';
import { lex } from './search-lexer.js';
import { parseSearchQuery } from './search-query.js';

const now = new Date('2026-03-10T12:00:00Z');
const at = (iso: string) => new Date(iso);
const parse = (query: string) => parseSearchQuery(query, now);

describe('parseSearchQuery: clauses', () => {
  const cases: [string, string, unknown][] = [
    ['status', 'status:open', [{ key: 'status', values: ['open'], negated: false }]],
    ['status is case-insensitive', 'Status:OPEN', [{ key: 'status', values: ['open'], negated: false }]],
    [
      'status below',
      'status<solved',
      [{ key: 'status', values: ['new', 'open', 'pending', 'hold'], negated: false }],
    ],
    [
      'status at or above',
      'status>=pending',
      [{ key: 'status', values: ['pending', 'hold', 'solved', 'closed'], negated: false }],
    ],
    ['status on-hold spelling', 'status:on-hold', [{ key: 'status', values: ['hold'], negated: false }]],
    [
      'the same key ORs its values',
      'status:open status:pending',
      [{ key: 'status', values: ['open', 'pending'], negated: false }],
    ],
    [
      'comparisons of the same key stay separate (AND)',
      'priority>low priority<urgent',
      [
        { key: 'priority', values: ['normal', 'high', 'urgent'], negated: false },
        { key: 'priority', values: ['low', 'normal', 'high'], negated: false },
      ],
    ],
    ['priority none', 'priority:none', [{ key: 'priority', values: [null], negated: false }]],
    ['ticket_type', 'ticket_type:incident', [{ key: 'ticket_type', values: ['incident'], negated: false }]],
    ['via email', 'via:email', [{ key: 'via', values: ['email'], negated: false }]],
    ['via mail (Zendesk spelling)', 'via:mail', [{ key: 'via', values: ['email'], negated: false }]],
    ['assignee me', 'assignee:me', [{ key: 'assignee', refs: [{ kind: 'me' }], negated: false }]],
    ['assignee none', 'assignee:none', [{ key: 'assignee', refs: [{ kind: 'none' }], negated: false }]],
    ['assignee id', 'assignee:42', [{ key: 'assignee', refs: [{ kind: 'id', id: 42 }], negated: false }]],
    [
      'assignee email',
      'assignee:Ann@Acme.com',
      [
        {
          key: 'assignee',
          refs: [{ kind: 'email', pattern: { value: 'ann@acme.com', wildcard: false } }],
          negated: false,
        },
      ],
    ],
    [
      'assignee quoted name',
      'assignee:"Ann Lee"',
      [{ key: 'assignee', refs: [{ kind: 'name', name: 'ann lee' }], negated: false }],
    ],
    [
      'requester email with wildcard',
      'requester:*@acme.com',
      [
        {
          key: 'requester',
          refs: [{ kind: 'email', pattern: { value: '*@acme.com', wildcard: true } }],
          negated: false,
        },
      ],
    ],
    ['submitter', 'submitter:7', [{ key: 'submitter', refs: [{ kind: 'id', id: 7 }], negated: false }]],
    [
      'group by name',
      'group:"Tier 1"',
      [{ key: 'group', refs: [{ kind: 'name', name: 'tier 1' }], negated: false }],
    ],
    ['group none', 'group:none', [{ key: 'group', refs: [{ kind: 'none' }], negated: false }]],
    ['group id', 'group:3', [{ key: 'group', refs: [{ kind: 'id', id: 3 }], negated: false }]],
    [
      'organization by name',
      'organization:acme',
      [{ key: 'organization', refs: [{ kind: 'name', name: 'acme' }], negated: false }],
    ],
    ['tags', 'tags:billing', [{ key: 'tags', tags: ['billing'], negated: false }]],
    ['tag (singular) and lower case', 'tag:VIP', [{ key: 'tags', tags: ['vip'], negated: false }]],
    [
      'two tags OR together',
      'tags:vip tags:premium',
      [{ key: 'tags', tags: ['vip', 'premium'], negated: false }],
    ],
    ['negated tag', '-tags:spam', [{ key: 'tags', tags: ['spam'], negated: true }]],
    [
      'negations never merge',
      '-tags:spam -tags:test',
      [
        { key: 'tags', tags: ['spam'], negated: true },
        { key: 'tags', tags: ['test'], negated: true },
      ],
    ],
    ['negated status', '-status:closed', [{ key: 'status', values: ['closed'], negated: true }]],
    [
      'created after a date: from the next day',
      'created>2026-01-01',
      [
        {
          key: 'created',
          range: { lower: { at: at('2026-01-02T00:00:00Z'), inclusive: true } },
          negated: false,
        },
      ],
    ],
    [
      'created on or after a date',
      'created>=2026-01-01',
      [
        {
          key: 'created',
          range: { lower: { at: at('2026-01-01T00:00:00Z'), inclusive: true } },
          negated: false,
        },
      ],
    ],
    [
      'updated before a date',
      'updated<2026-02-01',
      [
        {
          key: 'updated',
          range: { upper: { at: at('2026-02-01T00:00:00Z'), inclusive: false } },
          negated: false,
        },
      ],
    ],
    [
      'updated on or before a date: through its end',
      'updated<=2026-02-01',
      [
        {
          key: 'updated',
          range: { upper: { at: at('2026-02-02T00:00:00Z'), inclusive: false } },
          negated: false,
        },
      ],
    ],
    [
      'solved on a day',
      'solved:2026-03-01',
      [
        {
          key: 'solved',
          range: {
            lower: { at: at('2026-03-01T00:00:00Z'), inclusive: true },
            upper: { at: at('2026-03-02T00:00:00Z'), inclusive: false },
          },
          negated: false,
        },
      ],
    ],
    [
      'due_date before a time with an offset',
      'due_date<2026-03-01T10:00:00+02:00',
      [
        {
          key: 'due_date',
          range: { upper: { at: at('2026-03-01T08:00:00Z'), inclusive: false } },
          negated: false,
        },
      ],
    ],
    [
      'a day ends at 24:00',
      'created<2026-03-01T24:00:00Z',
      [
        {
          key: 'created',
          range: { upper: { at: at('2026-03-02T00:00:00Z'), inclusive: false } },
          negated: false,
        },
      ],
    ],
    [
      'created in the last 4 hours',
      'created>4hours',
      [
        {
          key: 'created',
          range: { lower: { at: at('2026-03-10T08:00:00Z'), inclusive: false } },
          negated: false,
        },
      ],
    ],
    [
      'updated more than 2 days ago',
      'updated<2days',
      [
        {
          key: 'updated',
          range: { upper: { at: at('2026-03-08T12:00:00Z'), inclusive: false } },
          negated: false,
        },
      ],
    ],
    [
      'created in the last week',
      'created>1week',
      [
        {
          key: 'created',
          range: { lower: { at: at('2026-03-03T12:00:00Z'), inclusive: false } },
          negated: false,
        },
      ],
    ],
    [
      'created in the last 30 minutes',
      'created>30minutes',
      [
        {
          key: 'created',
          range: { lower: { at: at('2026-03-10T11:30:00Z'), inclusive: false } },
          negated: false,
        },
      ],
    ],
    [
      'months count calendar months',
      'created>1month',
      [
        {
          key: 'created',
          range: { lower: { at: at('2026-02-10T12:00:00Z'), inclusive: false } },
          negated: false,
        },
      ],
    ],
    [
      'subject phrase',
      'subject:"Card Declined"',
      [
        {
          key: 'text',
          field: 'subject',
          term: {
            text: 'card declined',
            tokens: ['card', 'declined', 'card declined'],
            segments: ['card', 'declined'],
          },
          negated: false,
        },
      ],
    ],
    [
      'description word',
      'description:refund',
      [
        {
          key: 'text',
          field: 'description',
          term: { text: 'refund', tokens: ['refund'], segments: ['refund'] },
          negated: false,
        },
      ],
    ],
    [
      'quoted phrase',
      '"card declined"',
      [
        {
          key: 'text',
          field: 'any',
          term: {
            text: 'card declined',
            tokens: ['card', 'declined', 'card declined'],
            segments: ['card', 'declined'],
          },
          negated: false,
        },
      ],
    ],
    [
      'free words each become a clause',
      'Refund late',
      [
        {
          key: 'text',
          field: 'any',
          term: { text: 'refund', tokens: ['refund'], segments: ['refund'] },
          negated: false,
        },
        {
          key: 'text',
          field: 'any',
          term: { text: 'late', tokens: ['late'], segments: ['late'] },
          negated: false,
        },
      ],
    ],
    [
      'negated word',
      '-spam',
      [
        {
          key: 'text',
          field: 'any',
          term: { text: 'spam', tokens: ['spam'], segments: ['spam'] },
          negated: true,
        },
      ],
    ],
    [
      'Chinese words become bigram tokens',
      '无法登录',
      [
        {
          key: 'text',
          field: 'any',
          term: { text: '无法登录', tokens: ['无法', '法登', '登录'], segments: ['无法登录'] },
          negated: false,
        },
      ],
    ],
    [
      'Arabic words are folded',
      'إسْترداد',
      [
        {
          key: 'text',
          field: 'any',
          term: { text: 'إسْترداد', tokens: ['استرداد'], segments: ['استرداد'] },
          negated: false,
        },
      ],
    ],
    [
      'punctuation alone is no clause',
      'status:open ?!',
      [{ key: 'status', values: ['open'], negated: false }],
    ],
    ['a lone dash is not a negation', 'status:open -', [{ key: 'status', values: ['open'], negated: false }]],
    [
      'control characters separate words',
      'role:agent\u0000x',
      [
        { key: 'role', values: ['agent'], negated: false },
        { key: 'text', field: 'any', term: { text: 'x', tokens: ['x'], segments: ['x'] }, negated: false },
      ],
    ],
    ['role', 'role:agent', [{ key: 'role', values: ['agent'], negated: false }]],
    [
      'email',
      'email:Ann@acme.com',
      [{ key: 'email', patterns: [{ value: 'ann@acme.com', wildcard: false }], negated: false }],
    ],
    ['name', 'name:Acme', [{ key: 'name', patterns: [{ value: 'acme', wildcard: false }], negated: false }]],
  ];
  it.each(cases)('%s: %s', (_name, query, clauses) => {
    expect(parse(query).clauses).toEqual(clauses);
  });
});

describe('parseSearchQuery: record types and order', () => {
  const cases: [string, string, string[], unknown][] = [
    ['words search every type', 'acme', ['ticket', 'user', 'organization'], null],
    ['type:ticket', 'type:ticket', ['ticket'], null],
    ['a ticket-only key means tickets', 'status:open', ['ticket'], null],
    ['a user-only key means users', 'role:agent', ['user'], null],
    ['organization: applies to tickets and users', 'organization:acme', ['ticket', 'user'], null],
    ['name: applies to users and organizations', 'name:acme', ['user', 'organization'], null],
    ['tags: applies to all', 'tags:vip', ['ticket', 'user', 'organization'], null],
    ['two types', 'type:user type:organization acme', ['user', 'organization'], null],
    ['a negated type', '-type:ticket acme', ['user', 'organization'], null],
    [
      'order by created, newest first by default',
      'type:ticket order_by:created',
      ['ticket'],
      { by: 'created', direction: 'desc' },
    ],
    [
      'order by updated_at ascending',
      'type:ticket order_by:updated_at sort:asc',
      ['ticket'],
      { by: 'updated', direction: 'asc' },
    ],
    ['sort alone orders by updated', 'status:open sort:asc', ['ticket'], { by: 'updated', direction: 'asc' }],
    [
      'order by priority for tickets',
      'status:open order_by:priority',
      ['ticket'],
      { by: 'priority', direction: 'desc' },
    ],
  ];
  it.each(cases)('%s: %s', (_name, query, types, order) => {
    const parsed = parse(query);
    expect(parsed.types).toEqual(types);
    expect(parsed.order).toEqual(order);
  });
});

describe('parseSearchQuery: bad queries answer 422 naming the problem', () => {
  const cases: [string, string, RegExp][] = [
    ['unknown key', 'colour:red', /unknown keyword colour:/],
    ['unknown key names the keywords to use', 'foo:bar', /status, priority/],
    ['bad status', 'status:done', /status: done is not one of new, open, pending, hold, solved, closed/],
    [
      'bad priority comparison value',
      'priority>extreme',
      /priority: extreme is not one of low, normal, high, urgent/,
    ],
    ['none cannot be compared', 'priority>none', /priority: none is not one of/],
    ['bad date', 'created>yesterdayish', /created: yesterdayish is not a date/],
    ['impossible date', 'created>2026-02-30', /created: 2026-02-30 is not a calendar date/],
    ['bad relative unit', 'created>4fortnights', /created: 4fortnights is not a date/],
    [
      'too far back',
      'created>999999years',
      /created: 999999years is not a time between the years 1 and 9999/,
    ],
    ['too many weeks back', 'updated<999999weeks', /updated: 999999weeks is not a time between/],
    ['impossible time', 'created<2026-13-45T10:00', /created: 2026-13-45T10:00 is not a time between/],
    ['impossible day in a time', 'created<2026-02-30T10:00:00Z', /is not a time between/],
    ['year zero', 'created>0000-01-01', /created: 0000-01-01 is not a calendar date/],
    ['comparison on a key without order', 'assignee>5', /assignee: use assignee:value/],
    ['empty value', 'status:', /status: needs a value/],
    ['bad type', 'type:group', /type: group is not one of ticket, user, organization/],
    ['bad via', 'via:pigeon', /via: pigeon is not one of/],
    ['bad role', 'role:boss', /role: boss is not one of end-user, agent, admin/],
    ['keys of different types', 'status:open role:agent', /role: cannot be used when searching ticket/],
    ['key not of the given type', 'type:user status:open', /status: cannot be used when searching user/],
    ['bad order_by', 'order_by:colour', /order_by: colour is not one of/],
    ['bad sort', 'sort:sideways', /sort: sideways is not one of asc, desc/],
    ['ticket-only sort on users', 'type:user order_by:priority', /order_by: priority sorts tickets only/],
    ['nothing to search', '?!', /has no words or keywords/],
    ['empty query', '   ', /has no words or keywords/],
    ['subject without words', 'subject:"!!"', /subject: needs words/],
    ['too many clauses', Array.from({ length: 51 }, (_, i) => `w${i}`).join(' '), /at most 50/],
    ['a URL must be quoted', 'https://acme.com/x', /unknown keyword https:/],
  ];
  it.each(cases)('%s: %s', (_name, query, message) => {
    let error: unknown;
    try {
      parse(query);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HttpError);
    const http = error as HttpError;
    expect(http.statusCode).toBe(422);
    expect(http.body.error).toBe('RecordInvalid');
    const details = http.body.details as Record<string, { description: string }[]>;
    expect(details.query?.[0]?.description).toMatch(message);
  });
});

describe('lex', () => {
  it('keeps quoted keyword values and phrases whole, and negation on either', () => {
    expect(lex('subject:"a b" -"c d" x -y:z')).toEqual([
      { key: 'subject', op: ':', value: 'a b', negated: false },
      { key: null, value: 'c d', negated: true },
      { key: null, value: 'x', negated: false },
      { key: 'y', op: ':', value: 'z', negated: true },
    ]);
  });

  it('reads an unterminated quote to the end', () => {
    expect(lex('"card declined')).toEqual([{ key: null, value: 'card declined', negated: false }]);
  });

  it('splits on any whitespace, including the ideographic space', () => {
    expect(lex('退款\u3000登录').map((l) => l.value)).toEqual(['退款', '登录']);
  });

  it('reads two-character operators', () => {
    expect(lex('created<=2026-01-01 status>=open').map((l) => ('op' in l ? l.op : null))).toEqual([
      '<=',
      '>=',
    ]);
  });
});
