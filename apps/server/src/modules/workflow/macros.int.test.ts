import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import {
  api,
  createGroup,
  createUser,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../../test/harness.js';
import { agent, newTicket, ticketRow } from './workflow.testing.js';

let t: TestApp;
let admin: TestUser;
let customer: TestUser;
let grace: TestUser;
let other: TestUser;
let team: { id: number };

/** Macros as Zendesk exports them (GET /api/v2/macros.json). */
const exported = [
  {
    id: 25,
    title: 'Customer not responding',
    active: true,
    description: null,
    actions: [
      { field: 'status', value: 'pending' },
      { field: 'priority', value: 'low' },
      {
        field: 'comment_value',
        value:
          'Hi {{ticket.requester.first_name}}, we have not heard back about #{{ticket.id}}. Any update?\n\n{{current_user.name}}',
      },
    ],
    restriction: null,
  },
  {
    id: 26,
    title: 'Escalate to billing (internal)',
    active: true,
    actions: [
      { field: 'current_tags', value: 'billing_review' },
      { field: 'comment_value_html', value: '<p>Needs a <b>billing</b> review</p>' },
      { field: 'comment_mode_is_public', value: 'false' },
    ],
  },
];

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock('2030-04-01T09:00:00Z') });
  team = await createGroup(t, 'Team', 1);
  admin = await createUser(t, { role: 'admin' });
  customer = await createUser(t, { role: 'end-user', name: 'Ada Lovelace' });
  grace = await agent(t, [team.id], { name: 'Grace Hopper', presence: 'offline' });
  other = await agent(t, [], { name: 'Other Agent', presence: 'offline' });
});
afterAll(() => t?.close());

describe('macros', () => {
  const ids: number[] = [];

  it('imports shared macros and validates actions', async () => {
    for (const macro of exported) {
      const res = await api(t, admin, 'POST', '/api/v2/macros.json', { macro });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.macro.id);
    }
    const bad = await api(t, admin, 'POST', '/api/v2/macros', {
      macro: {
        title: 'Bad',
        actions: [
          { field: 'status', value: 'closed' },
          { field: 'comment_value', value: '{% if %}' },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.details)).toEqual(['actions.0', 'actions.1']);
    const empty = await api(t, admin, 'POST', '/api/v2/macros', { macro: { title: 'Empty', actions: [] } });
    expect(empty.status).toBe(422);
  });

  it('applies to a ticket with placeholders and saves nothing', async () => {
    const id = await newTicket(t, customer, { subject: 'Printer' });
    const before = await ticketRow(t, id);
    const res = await api(t, grace, 'GET', `/api/v2/tickets/${id}/macros/${ids[0]}/apply.json`);
    expect(res.status).toBe(200);
    expect(res.body.result.ticket).toMatchObject({ id, status: 'pending', priority: 'low' });
    expect(res.body.result.comment).toMatchObject({
      body: `Hi Ada, we have not heard back about #${id}. Any update?\n\nGrace Hopper`,
      public: true,
    });
    expect(res.body.result.comment.scoped_body[0][0]).toBe('channel:all');
    const after = await ticketRow(t, id);
    expect(after.status).toBe(before.status);
    expect(after.updated_at).toEqual(before.updated_at);

    const plain = await api(t, grace, 'GET', `/api/v2/macros/${ids[1]}/apply`);
    expect(plain.body.result.ticket.tags).toEqual(['billing_review']);
    expect(plain.body.result.comment).toMatchObject({ public: false, body: 'Needs a billing review' });
  });

  it('counts uses and lists active macros', async () => {
    const res = await api(t, grace, 'GET', '/api/v2/macros/active');
    const first = res.body.macros.find((m: { id: number }) => m.id === ids[0]);
    expect(first).toMatchObject({ usage_1h: 1, usage_24h: 1, usage_7d: 1, usage_30d: 1 });
  });

  it('keeps personal macros personal and shared ones in admins’ hands', async () => {
    const mine = await api(t, grace, 'POST', '/api/v2/macros', {
      macro: {
        title: 'My sign-off',
        actions: [{ field: 'comment_value', value: 'Cheers, {{current_user.first_name}}' }],
      },
    });
    expect(mine.status).toBe(201);
    expect(mine.body.macro.restriction).toMatchObject({ type: 'User', id: grace.user.id });
    const sharedTry = await api(t, grace, 'POST', '/api/v2/macros', {
      macro: { title: 'For all', actions: [{ field: 'status', value: 'open' }], restriction: null },
    });
    expect(sharedTry.status).toBe(403);
    expect((await api(t, other, 'GET', `/api/v2/macros/${mine.body.macro.id}`)).status).toBe(404);
    expect(
      (await api(t, other, 'PUT', `/api/v2/macros/${ids[0]}`, { macro: { title: 'Mine now' } })).status,
    ).toBe(403);
    const groupMacro = await api(t, admin, 'POST', '/api/v2/macros', {
      macro: {
        title: 'Team only',
        actions: [{ field: 'status', value: 'open' }],
        restriction: { type: 'Group', ids: [team.id] },
      },
    });
    const visible = (await api(t, grace, 'GET', '/api/v2/macros')).body.macros.map(
      (m: { id: number }) => m.id,
    );
    expect(visible).toEqual(expect.arrayContaining([groupMacro.body.macro.id, mine.body.macro.id]));
    const hidden = (await api(t, other, 'GET', '/api/v2/macros')).body.macros.map(
      (m: { id: number }) => m.id,
    );
    expect(hidden).not.toContain(groupMacro.body.macro.id);
    expect((await api(t, customer, 'GET', '/api/v2/macros')).status).toBe(403);
  });
});
