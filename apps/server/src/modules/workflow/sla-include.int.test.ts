import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../test/harness.js';
import { newTicket, settle } from './workflow.testing.js';

let t: TestApp;
let admin: TestUser;
let customer: TestUser;

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock('2030-01-07T09:00:00Z') });
  admin = await createUser(t, { role: 'admin' });
  customer = await createUser(t, { role: 'end-user' });
  const policy = await api(t, admin, 'POST', '/api/v2/slas/policies', {
    sla_policy: {
      title: 'Urgent',
      filter: { all: [{ field: 'priority', operator: 'is', value: 'urgent' }], any: [] },
      policy_metrics: [
        { priority: 'urgent', metric: 'first_reply_time', target: 30 },
        { priority: 'urgent', metric: 'requester_wait_time', target: 2880 },
      ],
    },
  });
  expect(policy.status).toBe(201);
});
afterAll(() => t?.close());

describe('?include=slas', () => {
  it("puts Zendesk's slas.policy_metrics inside the ticket, on show, lists and show_many", async () => {
    const id = await newTicket(t, customer, { priority: 'urgent' });
    const expected = {
      policy_metrics: [
        { breach_at: '2030-01-07T09:30:00Z', stage: 'active', metric: 'first_reply_time', minutes: 30 },
        { breach_at: '2030-01-09T09:00:00Z', stage: 'active', metric: 'requester_wait_time', days: 2 },
      ],
    };
    const one = await api(t, admin, 'GET', `/api/v2/tickets/${id}.json?include=slas`);
    expect(one.status).toBe(200);
    expect(one.body.ticket.slas).toEqual(expected);

    const list = await api(t, admin, 'GET', '/api/v2/tickets?include=slas,users');
    expect(list.body.tickets.find((x: { id: number }) => x.id === id).slas).toEqual(expected);
    expect(list.body.users.length).toBeGreaterThan(0);
    const many = await api(t, admin, 'GET', `/api/v2/tickets/show_many?ids=${id}&include=slas`);
    expect(many.body.tickets[0].slas).toEqual(expected);

    // Without the include nothing is added; a ticket no policy applies to has none.
    expect((await api(t, admin, 'GET', `/api/v2/tickets/${id}`)).body.ticket).not.toHaveProperty('slas');
    const plain = await newTicket(t, customer, { priority: 'low' });
    const none = await api(t, admin, 'GET', `/api/v2/tickets/${plain}?include=slas`);
    expect(none.body.ticket.slas).toEqual({ policy_metrics: [] });
  });

  it('an agent reply achieves the first-reply target', async () => {
    const id = await newTicket(t, customer, { priority: 'urgent' });
    await api(t, admin, 'PUT', `/api/v2/tickets/${id}`, {
      ticket: { comment: { body: 'On it', public: true } },
    });
    await settle(t);
    const one = await api(t, admin, 'GET', `/api/v2/tickets/${id}?include=slas`);
    const first = one.body.ticket.slas.policy_metrics.find(
      (m: { metric: string }) => m.metric === 'first_reply_time',
    );
    expect(first.stage).toBe('achieved');
  });

  it('customers do not get SLA targets', async () => {
    const id = await newTicket(t, customer, { priority: 'urgent' });
    const mine = await api(t, customer, 'GET', `/api/v2/tickets/${id}?include=slas`);
    expect(mine.status).toBe(200);
    expect(mine.body.ticket).not.toHaveProperty('slas');
  });
});
