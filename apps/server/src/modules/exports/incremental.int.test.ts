import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import {
  api,
  createOrganization,
  createUser,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../../test/harness.js';

let t: TestApp;
let clock: ManualClock;
let admin: TestUser;
let agent: TestUser;
let customer: TestUser;
let start: number;

const SECOND = 1000;
type Page = Awaited<ReturnType<typeof api>>;

beforeAll(async () => {
  clock = new ManualClock(new Date(Math.floor(Date.now() / SECOND) * SECOND));
  t = await startTestApp({ clock });
  admin = await createUser(t, { role: 'admin' });
  agent = await createUser(t, { role: 'agent' });
  customer = await createUser(t, { role: 'end-user', name: 'Exported Customer' });
  start = Math.floor(clock.now().getTime() / SECOND);
});
afterAll(() => t?.close());

async function newTicket(subject: string) {
  const res = await api(t, agent, 'POST', '/api/v2/tickets', {
    ticket: { subject, comment: { body: subject }, requester_id: customer.user.id },
  });
  expect(res.status).toBe(201);
  return res.body.ticket.id as number;
}

/** Follows a link the way a client does: verbatim, from the absolute URL it was given. */
async function follow(url: string): Promise<Page> {
  expect(url.startsWith(`${t.url}/api/v2/incremental/`)).toBe(true);
  return api(t, admin, 'GET', url.slice(t.url.length));
}

async function walkCursor(first: string) {
  const pages: Page[] = [];
  let page = await api(t, admin, 'GET', first);
  pages.push(page);
  while (page.status === 200 && !page.body.end_of_stream) {
    page = await follow(page.body.after_url);
    pages.push(page);
  }
  return pages;
}

describe('incremental ticket export', () => {
  let early: number[];
  let deleted: number;
  let recent: number;

  beforeAll(async () => {
    early = [];
    for (const subject of ['one', 'two', 'three']) {
      early.push(await newTicket(subject));
      clock.advance(10 * SECOND);
    }
    // Two changes in the same second, to prove ties are ordered by ID and not lost.
    early.push(await newTicket('four'));
    clock.advance(300);
    early.push(await newTicket('five'));
    clock.advance(10 * SECOND);
    await api(t, agent, 'PUT', `/api/v2/tickets/${early[0]}`, { ticket: { priority: 'high' } });
    clock.advance(10 * SECOND);
    deleted = early[1]!;
    expect((await api(t, agent, 'DELETE', `/api/v2/tickets/${deleted}`)).status).toBe(204);
    clock.advance(2 * 60 * SECOND);
    recent = await newTicket('made within the last minute');
    clock.advance(5 * SECOND);
  });

  it('walks a cursor export to the end: every change once, nothing from the last minute', async () => {
    const pages = await walkCursor(`/api/v2/incremental/tickets/cursor.json?start_time=${start}&per_page=2`);
    expect(pages.every((p) => p.status === 200)).toBe(true);
    expect(pages.length).toBeGreaterThan(2);
    const tickets = pages.flatMap((p) => p.body.tickets);
    const ids = tickets.map((x: { id: number }) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a - b)).toEqual([...early].sort((a, b) => a - b));
    expect(ids).not.toContain(recent);
    // The updated ticket comes last-but-one: the order is the order of changes.
    expect(ids.slice(-2)).toEqual([early[0], deleted]);
    expect(tickets.find((x: { id: number }) => x.id === deleted).status).toBe('deleted');
    const last = pages.at(-1)!.body;
    expect(last.end_of_stream).toBe(true);
    expect(last.after_cursor).toEqual(expect.any(String));
    expect(last.after_url).toContain('cursor=');
  });

  it('picks up the rest from after_cursor once the minute has passed', async () => {
    const pages = await walkCursor(`/api/v2/incremental/tickets/cursor?start_time=${start}&per_page=100`);
    const end = pages.at(-1)!.body;
    expect(end.tickets.map((x: { id: number }) => x.id)).not.toContain(recent);
    const same = await follow(end.after_url);
    expect(same.body).toMatchObject({ tickets: [], end_of_stream: true, after_cursor: end.after_cursor });
    clock.advance(61 * SECOND);
    const later = await follow(end.after_url);
    expect(later.body.tickets.map((x: { id: number }) => x.id)).toEqual([recent]);
    expect(later.body.end_of_stream).toBe(true);
    clock.advance(-61 * SECOND);
  });

  it('goes back a page with before_url', async () => {
    const first = await api(
      t,
      admin,
      'GET',
      `/api/v2/incremental/tickets/cursor?start_time=${start}&per_page=2`,
    );
    const second = await follow(first.body.after_url);
    const back = await follow(second.body.before_url);
    expect(back.body.tickets.map((x: { id: number }) => x.id)).toEqual(
      first.body.tickets.map((x: { id: number }) => x.id),
    );
    expect(back.body.end_of_stream).toBe(false);
  });

  it('walks a time-based export by next_page without repeats, ending at the cut-off', async () => {
    const seen: number[] = [];
    let page = await api(t, admin, 'GET', `/api/v2/incremental/tickets.json?start_time=${start}&per_page=1`);
    for (let i = 0; i < 20 && page.status === 200; i++) {
      seen.push(...page.body.tickets.map((x: { id: number }) => x.id));
      expect(page.body.count).toBe(page.body.tickets.length);
      expect(page.body.next_page).toBe(
        `${t.url}/api/v2/incremental/tickets.json?start_time=${page.body.end_time}&per_page=1`,
      );
      if (page.body.end_of_stream) break;
      page = await follow(page.body.next_page);
    }
    expect(page.body.end_of_stream).toBe(true);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => a - b)).toEqual([...early].sort((a, b) => a - b));
    expect(page.body.end_time).toBe(Math.floor(clock.now().getTime() / SECOND) - 60);
  });

  it('leaves deleted tickets out on request, and side-loads users', async () => {
    const res = await api(
      t,
      admin,
      'GET',
      `/api/v2/incremental/tickets/cursor?start_time=${start}&exclude_deleted=true&include=users`,
    );
    const ids = res.body.tickets.map((x: { id: number }) => x.id);
    expect(ids).not.toContain(deleted);
    expect(res.body.users.map((u: { id: number }) => u.id)).toEqual(
      expect.arrayContaining([customer.user.id, agent.user.id]),
    );
  });
});

describe('incremental user and organization exports', () => {
  it('exports users (time and cursor) and organizations changed since start_time', async () => {
    const org = await createOrganization(t, 'Exported Org');
    clock.advance(2 * 60 * SECOND);
    const users = await api(t, admin, 'GET', `/api/v2/incremental/users?start_time=${start - 60}`);
    expect(users.status).toBe(200);
    expect(users.body.users.map((u: { id: number }) => u.id)).toEqual(
      expect.arrayContaining([admin.user.id, agent.user.id, customer.user.id]),
    );
    const cursor = await api(t, admin, 'GET', `/api/v2/incremental/users/cursor?start_time=${start - 60}`);
    expect(cursor.body.users.map((u: { id: number }) => u.id)).toContain(customer.user.id);
    expect(cursor.body.end_of_stream).toBe(true);
    const orgs = await api(t, admin, 'GET', `/api/v2/incremental/organizations?start_time=${start - 60}`);
    expect(orgs.body.organizations).toEqual([
      expect.objectContaining({ id: org.id, name: 'Exported Org', deleted_at: null }),
    ]);
  });
});

describe('incremental export access and input', () => {
  const paths = [
    '/api/v2/incremental/tickets/cursor',
    '/api/v2/incremental/tickets',
    '/api/v2/incremental/users',
    '/api/v2/incremental/users/cursor',
    '/api/v2/incremental/organizations',
  ];

  it.each(paths)('answers 403 to end-users and agents on %s', async (path) => {
    for (const who of [customer, agent]) {
      const res = await api(t, who, 'GET', `${path}?start_time=0`);
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('Forbidden');
    }
    expect((await api(t, null, 'GET', `${path}?start_time=0`)).status).toBe(401);
  });

  it.each([
    ['', 'start_time', /required/],
    [`start_time=${9_999_999_999}`, 'start_time', /future/],
    ['start_time=yesterday', 'start_time', /./],
    ['start_time=-5', 'start_time', /negative/],
    ['cursor=not-a-cursor', 'cursor', /cursor/],
  ])('answers 422 to ?%s naming %s', async (query, field, message) => {
    const res = await api(t, admin, 'GET', `/api/v2/incremental/tickets/cursor?${query}`);
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('RecordInvalid');
    expect(res.body.details[field][0].description).toMatch(message);
  });

  it('answers 422 to a time-based export without start_time', async () => {
    const res = await api(t, admin, 'GET', '/api/v2/incremental/organizations');
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.details)).toEqual(['start_time']);
  });
});

describe('OpenAPI document', () => {
  it('describes the export, bulk, job status, upload, attachment and tag calls', async () => {
    const res = await api(t, admin, 'GET', '/api/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v2/incremental/tickets/cursor',
        '/api/v2/incremental/organizations',
        '/api/v2/tickets/create_many',
        '/api/v2/tickets/update_many',
        '/api/v2/tickets/destroy_many',
        '/api/v2/job_statuses/{id}',
        '/api/v2/uploads',
        '/api/v2/attachments/{id}',
        '/api/v2/tags',
        '/api/v2/autocomplete/tags',
      ]),
    );
  });
});
