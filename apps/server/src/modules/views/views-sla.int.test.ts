import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../test/harness.js';

let t: TestApp;
let admin: TestUser;
let agent: TestUser;
let customer: TestUser;
let dueSoon: number;

const clock = () => t.clock as ManualClock;
/** Runs queued jobs (the workflow consumer sets the SLA due times after each change). */
async function settle() {
  for (let i = 0; i < 20; i += 1) if ((await t.app.jobs.runDue()) === 0) return;
}
async function ticket(priority: string) {
  const res = await api(t, customer, 'POST', '/api/v2/tickets', {
    ticket: { subject: `${priority} trouble`, comment: { body: 'Help' }, priority },
  });
  expect(res.status).toBe(201);
  return res.body.ticket.id as number;
}
const listed = async () =>
  (await api(t, agent, 'GET', `/api/v2/views/${dueSoon}/tickets`)).body.tickets.map(
    (x: { id: number }) => x.id,
  );

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock('2030-03-05T10:00:00Z') });
  admin = await createUser(t, { role: 'admin' });
  agent = await createUser(t, { role: 'agent' });
  customer = await createUser(t, { role: 'end-user' });
  const views = (await api(t, agent, 'GET', '/api/v2/views/active')).body.views;
  dueSoon = views.find((v: { builtin: string }) => v.builtin === 'sla_due_soon').id;
  const policy = await api(t, admin, 'POST', '/api/v2/slas/policies', {
    sla_policy: {
      title: 'Urgent and high',
      filter: {
        all: [],
        any: [
          { field: 'priority', operator: 'is', value: 'urgent' },
          { field: 'priority', operator: 'is', value: 'high' },
        ],
      },
      policy_metrics: [
        { priority: 'urgent', metric: 'first_reply_time', target: 60 },
        { priority: 'high', metric: 'first_reply_time', target: 300 },
      ],
    },
  });
  expect(policy.status).toBe(201);
});
afterAll(() => t?.close());

describe('the "SLA due soon" view', () => {
  it('is a built-in view every agent has, right after their own queues', async () => {
    const views = (await api(t, agent, 'GET', '/api/v2/views/active')).body.views;
    expect(views.map((v: { builtin: string }) => v.builtin).slice(0, 3)).toEqual([
      'my_open',
      'unassigned_my_groups',
      'sla_due_soon',
    ]);
  });

  it('lists tickets whose next target breaches within two hours, and keeps them once breached', async () => {
    const urgent = await ticket('urgent');
    const high = await ticket('high');
    const low = await ticket('low');
    await settle();
    expect(await listed()).toEqual([urgent]);

    clock().advance(4 * 60 * 60_000); // urgent breached 3 h ago; high now breaches in 1 h
    expect((await listed()).sort()).toEqual([urgent, high].sort());
    expect(await listed()).not.toContain(low);
  });

  it('drops a ticket once its target is met or it is solved', async () => {
    const id = await ticket('urgent');
    await settle();
    expect(await listed()).toContain(id);
    const reply = await api(t, agent, 'PUT', `/api/v2/tickets/${id}`, {
      ticket: { comment: { body: 'On it', public: true } },
    });
    expect(reply.status).toBe(200);
    await settle();
    expect(await listed()).not.toContain(id);
  });

  it('takes the condition in shared views and names a bad value', async () => {
    const ok = await api(t, admin, 'POST', '/api/v2/views/preview/count', {
      view: { all: [{ field: 'sla_next_breach_at', operator: 'greater_than', value: '1' }] },
    });
    expect(ok.status).toBe(200);
    const bad = await api(t, admin, 'POST', '/api/v2/views/preview/count', {
      view: { all: [{ field: 'sla_next_breach_at', operator: 'less_than', value: 'soon' }] },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.details)).toEqual(['all.0.value']);
    expect(bad.body.details['all.0.value'][0].description).toMatch(/whole number of hours/);
  });
});
