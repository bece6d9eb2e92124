import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import { ManualClock } from '../../platform/clock.js';
import {
  api,
  createGroup,
  createOrganization,
  createUser,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../../test/harness.js';
import { createSearchRepository } from './search.repository.js';
import { createSearchService, MAX_RESULTS } from './search.service.js';

const clock = new ManualClock('2026-03-01T09:00:00Z');
let t: TestApp;
let admin: TestUser;
let agent: TestUser;
let tier2Agent: TestUser;
let alice: TestUser;
let bob: TestUser;
let acme: { id: number };
let tier1: { id: number };
let tier2: { id: number };
const ids: Record<string, number> = {};

async function ticket(name: string, body: Record<string, unknown>, note?: string) {
  const res = await api(t, agent, 'POST', '/api/v2/tickets', { ticket: body });
  expect(res.status).toBe(201);
  ids[name] = res.body.ticket.id;
  if (note) {
    await api(t, agent, 'PUT', `/api/v2/tickets/${res.body.ticket.id}`, {
      ticket: { comment: { body: note, public: false } },
    });
  }
  clock.advance(3_600_000);
}

/** IDs of the tickets a search finds, in the order it gives them. */
async function found(who: TestUser, query: string, extra = '') {
  const res = await api(t, who, 'GET', `/api/v2/search?query=${encodeURIComponent(query)}${extra}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.results.map((r: { id: number; result_type: string }) =>
    r.result_type === 'ticket' ? r.id : `${r.result_type}:${r.id}`,
  );
}

beforeAll(async () => {
  t = await startTestApp({ clock });
  tier1 = await createGroup(t, 'Tier 1', 1);
  tier2 = await createGroup(t, 'Tier 2', 2);
  acme = await createOrganization(t, 'Acme Corp', ['acme.test']);
  await createOrganization(t, 'Globex', ['globex.test']);
  admin = await createUser(t, { role: 'admin', name: 'Ada Admin' });
  agent = await createUser(t, { role: 'agent', name: 'Sam Agent', groupIds: [tier1.id, tier2.id] });
  tier2Agent = await createUser(t, {
    role: 'agent',
    name: 'Rita Restricted',
    groupIds: [tier2.id],
    ticketRestriction: 'groups',
  });
  alice = await createUser(t, { name: 'Alice Liddell', email: 'alice@acme.test', organizationId: acme.id });
  bob = await createUser(t, { name: 'Bob Builder', email: 'bob@example.test' });

  await ticket('refund', {
    subject: 'Refund for double charge',
    comment: { body: 'I was charged twice. My card declined once, then it went through.' },
    requester_id: alice.user.id,
    priority: 'high',
    type: 'incident',
    tags: ['billing', 'vip'],
    group_id: tier1.id,
    assignee_id: agent.user.id,
    status: 'open',
  });
  await ticket('login', {
    subject: 'Cannot log in',
    comment: { body: 'The password reset link expired before I could use it.' },
    requester_id: bob.user.id,
    priority: 'low',
    type: 'question',
    tags: ['account'],
    group_id: tier2.id,
    status: 'pending',
    via: { channel: 'email' },
  });
  await ticket('chinese', {
    subject: '退款申请',
    comment: { body: '我的iPhone无法登录，请帮我退款。' },
    requester_id: alice.user.id,
    tags: ['chinese'],
    group_id: tier1.id,
  });
  await ticket('arabic', {
    subject: 'طلب استرداد',
    comment: { body: 'أُرِيدُ اسْتِرْدَادَ المَبْلَغِ من فضلك، الفاتورة رقم ٤٥' },
    requester_id: bob.user.id,
    group_id: tier2.id,
    priority: 'urgent',
  });
  await ticket(
    'printer',
    {
      subject: 'Printer question',
      comment: { body: 'How do I print my invoices?' },
      requester_id: alice.user.id,
      priority: 'normal',
      status: 'solved',
    },
    'Suspicious account, check before any refund',
  );
});
afterAll(() => t?.close());

describe('search: ticket words, phrases and keywords', () => {
  it('finds a ticket by a word of its subject or comments, in Zendesk result shape', async () => {
    const res = await api(t, agent, 'GET', '/api/v2/search.json?query=charged');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ facets: null, next_page: null, previous_page: null, count: 1 });
    expect(res.body.results[0]).toMatchObject({
      id: ids.refund,
      result_type: 'ticket',
      subject: 'Refund for double charge',
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api\/v2\/tickets\/\d+\.json$/),
    });
    expect(await found(agent, 'type:ticket double')).toEqual([ids.refund]);
  });

  it('matches every word, and a quoted phrase only with its words together in order', async () => {
    expect(await found(agent, 'card declined')).toEqual([ids.refund]);
    expect(await found(agent, '"card declined"')).toEqual([ids.refund]);
    expect(await found(agent, '"declined card"')).toEqual([]);
    expect(await found(agent, 'card password')).toEqual([]);
  });

  it('searches only the subject with subject: and the first comment with description:', async () => {
    expect(await found(agent, 'subject:refund')).toEqual([ids.refund]);
    expect(await found(agent, 'subject:"double charge"')).toEqual([ids.refund]);
    expect(await found(agent, 'subject:declined')).toEqual([]);
    expect(await found(agent, 'description:"reset link"')).toEqual([ids.login]);
  });

  it('filters by status, with comparisons and several values ORed', async () => {
    expect(await found(agent, 'status:pending')).toEqual([ids.login]);
    expect((await found(agent, 'status:open status:pending')).sort()).toEqual([ids.refund, ids.login].sort());
    expect(await found(agent, 'status>=solved')).toEqual([ids.printer]);
    expect(await found(agent, 'status<open')).toHaveLength(2);
    expect(await found(agent, '-status:new -status:solved order_by:created sort:asc')).toEqual([
      ids.refund,
      ids.login,
    ]);
  });

  it('filters by priority, type, tags, via and their negations', async () => {
    expect(await found(agent, 'priority>high')).toEqual([ids.arabic]);
    expect(await found(agent, 'priority:none')).toEqual([ids.chinese]);
    expect(await found(agent, 'ticket_type:question')).toEqual([ids.login]);
    expect(await found(agent, 'tags:vip')).toEqual([ids.refund]);
    expect((await found(agent, 'tags:vip tag:account')).sort()).toEqual([ids.refund, ids.login].sort());
    expect(await found(agent, 'via:email')).toEqual([ids.login]);
    expect(await found(agent, 'via:mail')).toEqual([ids.login]);
    // A ticket with no priority is not "high", so -priority:high keeps it.
    expect(await found(agent, '-priority:high -priority:low order_by:created sort:asc')).toEqual([
      ids.chinese,
      ids.arabic,
      ids.printer,
    ]);
  });

  it('finds tickets by assignee, requester, group and organization in each spelling', async () => {
    expect(await found(agent, 'assignee:me')).toContain(ids.refund);
    expect(await found(admin, 'assignee:me')).toEqual([]);
    expect(await found(admin, `assignee:${agent.user.id} status:open`)).toEqual([ids.refund]);
    expect(await found(admin, 'assignee:"sam agent" status:open')).toEqual([ids.refund]);
    expect(await found(admin, 'assignee:sam status:open')).toEqual([ids.refund]);
    expect(await found(admin, 'assignee:none status:pending')).toEqual([ids.login]);
    expect(await found(agent, 'requester:bob@example.test order_by:created sort:asc')).toEqual([
      ids.login,
      ids.arabic,
    ]);
    expect(await found(agent, 'requester:*@acme.test')).toHaveLength(3);
    expect(await found(agent, `submitter:${agent.user.id}`)).toHaveLength(5);
    expect((await found(agent, 'group:"tier 2"')).sort()).toEqual([ids.login, ids.arabic].sort());
    expect(await found(agent, `group:${tier1.id} -tags:chinese`)).toEqual([ids.refund]);
    expect(await found(agent, 'group:none')).toEqual([ids.printer]);
    expect(await found(agent, 'type:ticket organization:"acme corp"')).toHaveLength(3);
    expect(await found(agent, 'type:ticket organization:none')).toHaveLength(2);
    // organization: applies to users too, so without type: Alice is found with her tickets.
    expect(await found(agent, 'organization:"acme corp"')).toContain(`user:${alice.user.id}`);
  });

  it('filters by dates, absolute and relative to now', async () => {
    // Tickets were created an hour apart from 09:00 on March 1st; now is 14:00.
    expect(await found(agent, 'type:ticket created<2026-03-01T10:30:00Z order_by:created sort:asc')).toEqual([
      ids.refund,
      ids.login,
    ]);
    expect(await found(agent, 'type:ticket created:2026-03-01')).toHaveLength(5);
    expect(await found(agent, 'type:ticket created>2026-03-01')).toEqual([]);
    expect(await found(agent, 'type:ticket created>=2026-03-01T12:00:00Z')).toEqual(
      [ids.arabic, ids.printer].reverse(),
    );
    expect(await found(agent, 'type:ticket created>2hours')).toEqual([ids.printer]);
    expect(await found(agent, 'type:ticket updated<4hours')).toEqual([ids.refund]);
    expect(await found(agent, 'solved>1day')).toEqual([ids.printer]);
  });

  it('sorts by priority and status, in the query or with sort_by', async () => {
    expect(await found(agent, 'type:ticket order_by:priority sort:desc')).toEqual([
      ids.arabic,
      ids.refund,
      ids.printer,
      ids.login,
      ids.chinese,
    ]);
    expect(await found(agent, 'type:ticket', '&sort_by=status&sort_order=asc')).toEqual([
      ids.chinese,
      ids.arabic,
      ids.refund,
      ids.login,
      ids.printer,
    ]);
  });

  it('pages with absolute next and previous links, and a count of everything found', async () => {
    const first = await api(t, agent, 'GET', '/api/v2/search.json?query=type:ticket&per_page=2');
    expect(first.body.count).toBe(5);
    expect(first.body.results).toHaveLength(2);
    expect(first.body.next_page).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v2\/search\.json\?.*page=2/);
    const second = await api(t, agent, 'GET', first.body.next_page.replace(t.url, ''));
    expect(second.body.results).toHaveLength(2);
    expect(second.body.previous_page).toMatch(/page=1/);
    const seen = [...first.body.results, ...second.body.results].map((r: { id: number }) => r.id);
    expect(new Set(seen).size).toBe(4);
  });
});

describe('search: the count limit', () => {
  /** Every page of a query, per_page 2, through a service that counts up to `countLimit`. */
  async function pages(countLimit: number | undefined, query: string) {
    const service = createSearchService({
      repository: createSearchRepository(t.database.db),
      store: t.app.tickets.store,
      clock,
      ...(countLimit ? { countLimit } : {}),
    });
    const actor: Actor = { user: agent.user, groupIds: [tier1.id, tier2.id], method: 'api_token' };
    const seen: string[] = [];
    const counts: { count: number; pageable: number }[] = [];
    for (let page = 1; page <= 10; page++) {
      const result = await service.search(actor, { query, page, perPage: 2, sort: null });
      counts.push({ count: result.count, pageable: result.pageable });
      if (result.records.length === 0) break;
      seen.push(...result.records.map((r) => `${r.type}:${r.row.id}`));
    }
    return { seen, counts };
  }

  it.each([
    'type:ticket',
    'type:ticket order_by:created sort:asc',
    'type:ticket order_by:priority',
    'type:ticket status<solved',
    'test',
    'a',
  ])('stops counting at the limit and still pages every result in the same order: %s', async (query) => {
    const exact = await pages(undefined, query);
    const capped = await pages(2, query);
    expect(exact.seen.length).toBeGreaterThan(2);
    expect(capped.seen).toEqual(exact.seen);
    expect(exact.counts[0]).toEqual({ count: exact.seen.length, pageable: exact.seen.length });
    expect(capped.counts[0]).toEqual({ count: 2, pageable: MAX_RESULTS });
  });

  it('counts exactly below the limit', async () => {
    const capped = await pages(5, 'type:ticket status<solved');
    expect(capped.counts[0]).toEqual({ count: 4, pageable: 4 });
  });
});

describe('search: users and organizations', () => {
  it('finds users by role, email, name and organization', async () => {
    expect(await found(agent, 'type:user role:end-user')).toHaveLength(2);
    expect(await found(agent, 'email:alice@acme.test')).toEqual([`user:${alice.user.id}`]);
    expect(await found(agent, 'type:user name:builder')).toEqual([`user:${bob.user.id}`]);
    expect(await found(agent, `type:user organization:${acme.id}`)).toEqual([`user:${alice.user.id}`]);
    expect(await found(agent, 'type:user role:agent order_by:created sort:asc')).toEqual([
      `user:${agent.user.id}`,
      `user:${tier2Agent.user.id}`,
    ]);
  });

  it('matches free text in a user name, email or phone, and an organization name or domain', async () => {
    expect(await found(agent, 'type:user liddell')).toEqual([`user:${alice.user.id}`]);
    expect(await found(agent, 'type:user bob@example.test')).toEqual([`user:${bob.user.id}`]);
    expect(await found(agent, 'type:user builder')).toEqual([`user:${bob.user.id}`]);
    expect(await found(agent, 'type:organization globex.test')).toHaveLength(1);
    expect(await found(agent, 'type:organization name:acme')).toEqual([`organization:${acme.id}`]);
  });

  it('mixes types when no type is given, each with its result_type', async () => {
    const res = await api(t, agent, 'GET', '/api/v2/search?query=acme');
    const types = res.body.results.map((r: { result_type: string }) => r.result_type).sort();
    expect(types).toEqual(['organization', 'user']);
    expect(res.body.results.find((r: { result_type: string }) => r.result_type === 'user')).toMatchObject({
      email: 'alice@acme.test',
      role: 'end-user',
    });
  });
});

describe('search: who finds what', () => {
  it('lets an end-user find only their own tickets, through search and count', async () => {
    expect(await found(bob, 'refund')).toEqual([]);
    expect(await found(bob, 'type:ticket').then((r) => r.sort())).toEqual([ids.login, ids.arabic].sort());
    expect(await found(alice, 'password')).toEqual([]);
    const count = await api(t, bob, 'GET', '/api/v2/search/count?query=charged');
    expect(count.body).toEqual({ count: 0 });
    expect((await api(t, agent, 'GET', '/api/v2/search/count.json?query=charged')).body).toEqual({
      count: 1,
    });
  });

  it('never matches an end-user on words that appear only in an internal note', async () => {
    expect(await found(agent, 'suspicious')).toEqual([ids.printer]);
    expect(await found(alice, 'suspicious')).toEqual([]);
    expect(await found(alice, 'invoices')).toEqual([ids.printer]);
  });

  it('limits a restricted agent to their groups', async () => {
    expect((await found(tier2Agent, 'type:ticket')).sort()).toEqual([ids.login, ids.arabic].sort());
    expect(await found(tier2Agent, 'refund')).toEqual([]);
  });

  it('refuses end-users a search of users or organizations', async () => {
    const res = await api(t, alice, 'GET', '/api/v2/search?query=type:user');
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('Forbidden');
    expect(await found(alice, 'acme')).toEqual([]);
  });

  it('takes any character a client sends without failing', async () => {
    const queries = [
      'type%3Auser%20bob%00',
      'email%3A%25_%5C',
      '%22unterminated',
      'refund%ED%A0%80%FF',
      '-',
      '*',
    ];
    for (const query of queries) {
      const res = await api(t, agent, 'GET', `/api/v2/search?query=${query}`);
      expect([200, 422], query).toContain(res.status);
    }
  });

  it('asks for credentials', async () => {
    expect((await api(t, null, 'GET', '/api/v2/search?query=refund')).status).toBe(401);
  });
});

describe('search: bad queries', () => {
  const cases: [string, string, string, RegExp][] = [
    ['unknown keyword', '/api/v2/search?query=colour:red', 'query', /colour/],
    ['bad status', '/api/v2/search?query=status:done', 'query', /done is not one of/],
    ['bad date', '/api/v2/search?query=created>soon', 'query', /not a date/],
    ['no query', '/api/v2/search', 'query', /required/],
    ['blank query', '/api/v2/search?query=%20', 'query', /required/],
    ['page past 1000 results', '/api/v2/search?query=refund&page=11&per_page=100', 'page', /first 1000/],
    ['more than 100 per page', '/api/v2/search?query=refund&per_page=101', 'per_page', /100/],
    ['cursor pages on search', '/api/v2/search?query=refund&page[size]=10', 'page', /export/],
    [
      'sort_by priority on users',
      '/api/v2/search?query=type:user&sort_by=priority',
      'sort_by',
      /tickets only/,
    ],
    ['count with a bad key', '/api/v2/search/count?query=foo:bar', 'query', /foo/],
  ];
  it.each(cases)('%s answers 422 naming %s', async (_name, path, field, message) => {
    const res = await api(t, agent, 'GET', path);
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('RecordInvalid');
    expect(res.body.details[field]?.[0]?.description).toMatch(message);
  });
});
