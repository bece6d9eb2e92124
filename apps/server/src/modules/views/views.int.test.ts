import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createGroup,
  createUser,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../../test/harness.js';

let t: TestApp;
let admin: TestUser;
let alice: TestUser;
let bob: TestUser;
let restricted: TestUser;
let customer: TestUser;
let tier1: { id: number };
let tier2: { id: number };
let viewIds: Record<string, number>;

async function ticket(fields: Record<string, unknown>) {
  const res = await api(t, admin, 'POST', '/api/v2/tickets', {
    ticket: { comment: { body: 'Hello' }, requester_id: customer.user.id, ...fields },
  });
  expect(res.status).toBe(201);
  return res.body.ticket as { id: number; updated_at: string };
}

const ids = (body: { tickets: { id: number }[] }) => body.tickets.map((x) => x.id);

beforeAll(async () => {
  t = await startTestApp();
  tier1 = await createGroup(t, 'Billing', 1);
  tier2 = await createGroup(t, 'Product experts', 2);
  admin = await createUser(t, { role: 'admin' });
  alice = await createUser(t, { role: 'agent', groupIds: [tier1.id] });
  bob = await createUser(t, { role: 'agent', groupIds: [tier2.id] });
  restricted = await createUser(t, { role: 'agent', groupIds: [tier2.id], ticketRestriction: 'groups' });
  customer = await createUser(t, { role: 'end-user' });
  const list = await api(t, alice, 'GET', '/api/v2/views.json');
  viewIds = Object.fromEntries(
    list.body.views.map((v: { builtin: string; id: number }) => [v.builtin, v.id]),
  );
});
afterAll(() => t?.close());

describe('built-in views', () => {
  it('lists the built-in queues for every agent, in order', async () => {
    const res = await api(t, alice, 'GET', '/api/v2/views/active');
    expect(res.status).toBe(200);
    expect(res.body.views.map((v: { builtin: string }) => v.builtin)).toEqual([
      'my_open',
      'unassigned_my_groups',
      'sla_due_soon',
      'all_unsolved',
      'tier_1',
      'tier_2',
      'tier_3',
      'pending',
      'recently_solved',
    ]);
    expect(res.body.views[0]).toMatchObject({
      default: true,
      active: true,
      execution: { sort_by: 'updated_at' },
    });
  });

  it('is closed to end-users', async () => {
    expect((await api(t, customer, 'GET', '/api/v2/views')).status).toBe(403);
    expect((await api(t, null, 'GET', '/api/v2/views')).status).toBe(401);
  });

  it('puts each ticket in the queues it belongs to', async () => {
    const mine = await ticket({ subject: 'Mine', assignee_id: alice.user.id, group_id: tier1.id });
    const unassignedT1 = await ticket({ subject: 'Unassigned billing', group_id: tier1.id });
    const unassignedT2 = await ticket({ subject: 'Unassigned product', group_id: tier2.id });
    const pending = await ticket({ subject: 'Waiting', status: 'pending', assignee_id: bob.user.id });

    const myOpen = await api(t, alice, 'GET', `/api/v2/views/${viewIds.my_open}/tickets`);
    expect(ids(myOpen.body)).toEqual([mine.id]);
    const unassigned = await api(t, alice, 'GET', `/api/v2/views/${viewIds.unassigned_my_groups}/tickets`);
    expect(ids(unassigned.body)).toEqual([unassignedT1.id]);
    const tier2Queue = await api(t, alice, 'GET', `/api/v2/views/${viewIds.tier_2}/tickets`);
    expect(ids(tier2Queue.body)).toContain(unassignedT2.id);
    expect(ids(tier2Queue.body)).not.toContain(unassignedT1.id);
    const pendingView = await api(t, bob, 'GET', `/api/v2/views/${viewIds.pending}/tickets`);
    expect(ids(pendingView.body)).toContain(pending.id);

    // Solving moves a ticket from "your unsolved" to "recently solved".
    await api(t, alice, 'PUT', `/api/v2/tickets/${mine.id}`, { ticket: { status: 'solved' } });
    const after = await api(
      t,
      alice,
      'GET',
      `/api/v2/views/count_many?ids=${viewIds.my_open},${viewIds.recently_solved}`,
    );
    expect(after.body.view_counts).toEqual([
      expect.objectContaining({ view_id: viewIds.my_open, value: 0, pretty: '0', fresh: true }),
      expect.objectContaining({ view_id: viewIds.recently_solved, value: 1 }),
    ]);
  });

  it('shows a restricted agent only the tickets of their groups', async () => {
    const everything = await api(t, admin, 'GET', `/api/v2/views/${viewIds.all_unsolved}/count`);
    const theirs = await api(t, restricted, 'GET', `/api/v2/views/${viewIds.all_unsolved}/count`);
    expect(theirs.body.view_count.value).toBeLessThan(everything.body.view_count.value);
    const list = await api(t, restricted, 'GET', `/api/v2/views/${viewIds.all_unsolved}/tickets`);
    expect(list.body.tickets.every((x: { group_id: number }) => x.group_id === tier2.id)).toBe(true);
  });
});

describe('admin-defined views', () => {
  it('creates a view from Zendesk conditions and runs it with its columns', async () => {
    const vip = await ticket({ subject: 'VIP urgent', priority: 'urgent', tags: ['vip'] });
    await ticket({ subject: 'VIP low', priority: 'low', tags: ['vip'] });
    await ticket({ subject: 'Not VIP', priority: 'urgent' });
    const created = await api(t, admin, 'POST', '/api/v2/views.json', {
      view: {
        title: 'Urgent VIPs',
        all: [
          { field: 'current_tags', operator: 'includes', value: 'vip' },
          { field: 'status', operator: 'less_than', value: 'solved' },
        ],
        any: [{ field: 'priority', operator: 'greater_than', value: 'normal' }],
        output: { columns: ['subject', 'priority', 'requester'], sort_by: 'priority', sort_order: 'desc' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(created.body.view.url);
    const run = await api(t, alice, 'GET', `/api/v2/views/${created.body.view.id}/execute.json`);
    expect(run.status).toBe(200);
    expect(run.body.rows.map((r: { ticket_id: number }) => r.ticket_id)).toEqual([vip.id]);
    expect(run.body.columns.map((c: { id: string }) => c.id)).toEqual(['subject', 'priority', 'requester']);
    expect(run.body.users.map((u: { id: number }) => u.id)).toContain(customer.user.id);
  });

  it('names the bad condition with 422 and never stores it', async () => {
    const res = await api(t, admin, 'POST', '/api/v2/views', {
      view: { title: 'Broken', all: [{ field: 'status', operator: 'is', value: 'finished' }] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('RecordInvalid');
    expect(res.body.details['all.0.value'][0].description).toMatch(/status must be one of/);
    const blank = await api(t, admin, 'POST', '/api/v2/views', { view: { title: 'Empty' } });
    expect(blank.status).toBe(422);
    expect(Object.keys(blank.body.details)).toEqual(['conditions']);
  });

  it("keeps an agent's personal view to them, and shared views to admins", async () => {
    const personal = await api(t, alice, 'POST', '/api/v2/views', {
      view: { title: 'My VIPs', all: [{ field: 'current_tags', operator: 'includes', value: 'vip' }] },
    });
    expect(personal.status).toBe(201);
    expect(personal.body.view.restriction).toEqual({ type: 'User', id: alice.user.id });
    const id = personal.body.view.id;
    expect((await api(t, bob, 'GET', `/api/v2/views/${id}`)).status).toBe(404);
    expect((await api(t, bob, 'GET', `/api/v2/views/${id}/tickets`)).status).toBe(404);
    expect((await api(t, admin, 'GET', `/api/v2/views/${id}`)).status).toBe(200);

    const shared = await api(t, alice, 'POST', '/api/v2/views', {
      view: {
        title: 'For all',
        restriction: null,
        all: [{ field: 'status', operator: 'is', value: 'open' }],
      },
    });
    expect(shared.status).toBe(403);
    const editBuiltin = await api(t, alice, 'PUT', `/api/v2/views/${viewIds.pending}`, {
      view: { title: 'Mine now' },
    });
    expect(editBuiltin.status).toBe(403);

    const renamed = await api(t, alice, 'PUT', `/api/v2/views/${id}`, { view: { title: 'VIP watch' } });
    expect(renamed.body.view.title).toBe('VIP watch');
    expect((await api(t, alice, 'DELETE', `/api/v2/views/${id}`)).status).toBe(204);
    expect((await api(t, alice, 'GET', `/api/v2/views/${id}`)).status).toBe(404);
  });

  it('previews unsaved conditions with a count', async () => {
    const res = await api(t, admin, 'POST', '/api/v2/views/preview', {
      view: { all: [{ field: 'current_tags', operator: 'includes', value: 'vip' }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(2);
    expect(res.body.rows).toHaveLength(2);
  });
});

describe('paging, sorting and filtering a view', () => {
  it('walks every ticket once with cursors, in priority order', async () => {
    const seen: number[] = [];
    const priorities: string[] = [];
    let url: string | null = `/api/v2/views/${viewIds.all_unsolved}/tickets?sort=-priority&page[size]=2`;
    while (url) {
      const res: {
        body: { tickets: { id: number; priority: string | null }[]; links: { next: string | null } };
      } = await api(t, admin, 'GET', url);
      seen.push(...res.body.tickets.map((x) => x.id));
      priorities.push(...res.body.tickets.map((x) => x.priority ?? 'none'));
      url = res.body.links.next ? res.body.links.next.replace(t.url, '') : null;
    }
    const count = await api(t, admin, 'GET', `/api/v2/views/${viewIds.all_unsolved}/count`);
    expect(seen).toHaveLength(count.body.view_count.value);
    expect(new Set(seen).size).toBe(seen.length);
    const rank = { urgent: 4, high: 3, normal: 2, low: 1, none: 0 } as Record<string, number>;
    const ranks = priorities.map((p) => rank[p]!);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it('narrows a view with filters and rejects unknown ones', async () => {
    const res = await api(
      t,
      admin,
      'GET',
      `/api/v2/views/${viewIds.all_unsolved}/tickets?filter[status]=pending`,
    );
    expect(res.status).toBe(200);
    expect(res.body.tickets.length).toBeGreaterThan(0);
    expect(res.body.tickets.every((x: { status: string }) => x.status === 'pending')).toBe(true);
    const bad = await api(
      t,
      admin,
      'GET',
      `/api/v2/views/${viewIds.all_unsolved}/tickets?filter[status]=asleep`,
    );
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.details)).toEqual(['filter.status']);
    const badSort = await api(t, admin, 'GET', `/api/v2/views/${viewIds.all_unsolved}/tickets?sort=colour`);
    expect(badSort.status).toBe(422);
  });

  it('answers 404 for a view that does not exist', async () => {
    expect((await api(t, admin, 'GET', '/api/v2/views/999999/tickets')).status).toBe(404);
    expect((await api(t, admin, 'GET', '/api/v2/views/999999/count')).status).toBe(404);
  });
});
