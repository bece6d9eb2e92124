import { createServer, type Server } from 'node:http';
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
import { advance, agent, comments, newTicket, settle, ticketRow } from './workflow.testing.js';

let t: TestApp;
let admin: TestUser;
let customer: TestUser;
let junior: TestUser;
let senior: TestUser;
let billingExpert: TestUser;
let specialists: { id: number };
let billingSystem: Server;
let refunds: unknown[] = [];
let endpoint: string;

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock('2030-05-06T09:00:00Z') });
  const desk = await createGroup(t, 'Desk', 1);
  specialists = await createGroup(t, 'Specialists', 2);
  admin = await createUser(t, { role: 'admin' });
  customer = await createUser(t, { role: 'end-user' });
  junior = await agent(t, [desk.id], { level: 'junior', name: 'June' });
  senior = await agent(t, [desk.id], { level: 'senior', name: 'Sina', presence: 'offline' });
  billingExpert = await agent(t, [], { skills: ['billing'], presence: 'offline', name: 'Bill' });
  await agent(t, [specialists.id], { presence: 'offline', name: 'Spec' });
  billingSystem = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      refunds.push(JSON.parse(body));
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => billingSystem.listen(0, '127.0.0.1', resolve));
  const address = billingSystem.address();
  endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/refunds`;
});
afterAll(async () => {
  await new Promise((resolve) => billingSystem?.close(resolve));
  await t?.close();
});

describe('swarming', () => {
  it('calls colleagues in by name, skill and group; they follow the ticket, talk privately, and their time is recorded', async () => {
    const id = await newTicket(t, customer, { subject: 'Strange charge' });
    const none = await api(t, junior, 'POST', `/api/v2/frontline/tickets/${id}/swarm`, { reason: 'help' });
    expect(none.status).toBe(422);
    const res = await api(t, junior, 'POST', `/api/v2/frontline/tickets/${id}/swarm`, {
      reason: 'Charge I cannot explain',
      user_ids: [senior.user.id],
      skills: ['billing'],
      group_ids: [specialists.id],
    });
    expect(res.status).toBe(201);
    const members = res.body.swarm.members as { user_id: number; invited_via: string }[];
    expect(members.map((m) => [m.user_id, m.invited_via])).toEqual(
      expect.arrayContaining([
        [junior.user.id, 'starter'],
        [senior.user.id, 'name'],
        [billingExpert.user.id, 'skill'],
      ]),
    );
    expect(members.some((m) => m.invited_via === 'group')).toBe(true);
    await settle(t);
    expect((await ticketRow(t, id)).follower_ids).toEqual(
      expect.arrayContaining([senior.user.id, billingExpert.user.id]),
    );
    const invites = (await api(t, admin, 'GET', `/api/v2/frontline/tickets/${id}/notifications`)).body
      .notifications;
    expect(invites.filter((n: { source: string }) => n.source.startsWith('swarm'))).toHaveLength(
      members.length - 1,
    );

    await api(t, senior, 'POST', `/api/v2/frontline/tickets/${id}/swarm/join`);
    await advance(t, 20);
    const talk = await api(t, senior, 'POST', `/api/v2/frontline/tickets/${id}/swarm/messages`, {
      body: 'It is a duplicate capture',
    });
    expect(talk.body.swarm.messages).toHaveLength(1);
    await api(t, senior, 'POST', `/api/v2/frontline/tickets/${id}/swarm/leave`);
    await advance(t, 10);
    const closed = await api(t, junior, 'POST', `/api/v2/frontline/tickets/${id}/swarm/close`);
    const minutes = Object.fromEntries(
      closed.body.swarm.members.map((m: { user_id: number; minutes_spent: number }) => [
        m.user_id,
        m.minutes_spent,
      ]),
    );
    expect(closed.body.swarm.status).toBe('closed');
    expect(minutes[senior.user.id]).toBe(20);
    expect(minutes[junior.user.id]).toBe(30);
    expect(minutes[billingExpert.user.id]).toBe(0);
    // The thread is private: the customer sees neither it nor the swarm.
    expect((await api(t, customer, 'GET', `/api/v2/frontline/tickets/${id}/swarm`)).status).toBe(403);
    expect(
      (await api(t, customer, 'GET', `/api/v2/tickets/${id}/comments`)).body.comments.map(
        (c: { body: string }) => c.body,
      ),
    ).not.toContain('It is a duplicate capture');
  });
});

describe('empowered actions', () => {
  let refund: number;
  let ticket: number;

  it('lets admins define limits per level', async () => {
    const webhook = await api(t, admin, 'POST', '/api/v2/webhooks', {
      webhook: { name: 'Billing system', endpoint, allow_private_network: true },
    });
    const bad = await api(t, admin, 'POST', '/api/v2/frontline/empowered_actions', {
      empowered_action: { name: 'Refund', limits: { junior: -5 } },
    });
    expect(bad.status).toBe(422);
    const res = await api(t, admin, 'POST', '/api/v2/frontline/empowered_actions', {
      empowered_action: {
        name: 'Refund',
        unit: 'EUR',
        limits: { junior: 50, mid: 200, senior: 500 },
        webhook_id: webhook.body.webhook.id,
      },
    });
    expect(res.status).toBe(201);
    refund = res.body.empowered_action.id;
    expect(
      (
        await api(t, junior, 'POST', '/api/v2/frontline/empowered_actions', {
          empowered_action: { name: 'x', limits: {} },
        })
      ).status,
    ).toBe(403);
  });

  it('executes within the agent’s limit, recorded on the ticket, through the webhook', async () => {
    ticket = await newTicket(t, customer, { subject: 'Refund please' });
    refunds = [];
    const res = await api(
      t,
      junior,
      'POST',
      `/api/v2/frontline/tickets/${ticket}/empowered_actions/${refund}`,
      { amount: 40, note: 'Late delivery' },
    );
    expect(res.status).toBe(201);
    expect(res.body.request).toMatchObject({
      status: 'executed',
      amount: 40,
      unit: 'EUR',
      agent_id: junior.user.id,
    });
    await settle(t);
    expect(refunds).toEqual([expect.objectContaining({ action: 'Refund', amount: 40, ticket_id: ticket })]);
    expect((await comments(t, ticket)).at(-1)).toMatchObject({
      public: false,
      body: 'Refund of 40 EUR done by June. Note: Late delivery',
    });
  });

  it('above the limit asks a senior, who approves once', async () => {
    refunds = [];
    const res = await api(
      t,
      junior,
      'POST',
      `/api/v2/frontline/tickets/${ticket}/empowered_actions/${refund}`,
      { amount: 120 },
    );
    expect(res.body.request.status).toBe('pending_approval');
    await settle(t);
    expect(refunds).toEqual([]);
    const asked = (
      await api(t, admin, 'GET', `/api/v2/frontline/tickets/${ticket}/notifications`)
    ).body.notifications.filter((n: { source: string }) => n.source.startsWith('approval'));
    expect(asked.map((n: { recipient_id: number }) => n.recipient_id)).toEqual(
      expect.arrayContaining([senior.user.id, admin.user.id]),
    );
    const queue = await api(t, senior, 'GET', '/api/v2/frontline/approvals?status=pending_approval');
    expect(queue.body.requests.map((r: { id: number }) => r.id)).toContain(res.body.request.id);
    const self = await api(
      t,
      junior,
      'POST',
      `/api/v2/frontline/approvals/${res.body.request.id}/approve`,
      {},
    );
    expect(self.status).toBe(403);
    const approved = await api(
      t,
      senior,
      'POST',
      `/api/v2/frontline/approvals/${res.body.request.id}/approve`,
      { note: 'OK once' },
    );
    expect(approved.body.request).toMatchObject({ status: 'approved', approver_id: senior.user.id });
    const again = await api(
      t,
      admin,
      'POST',
      `/api/v2/frontline/approvals/${res.body.request.id}/reject`,
      {},
    );
    expect(again.status).toBe(409);
    await settle(t);
    expect(refunds).toHaveLength(1);
    const tooMuch = await api(
      t,
      junior,
      'POST',
      `/api/v2/frontline/tickets/${ticket}/empowered_actions/${refund}`,
      { amount: 900 },
    );
    const seniorTry = await api(
      t,
      senior,
      'POST',
      `/api/v2/frontline/approvals/${tooMuch.body.request.id}/approve`,
      {},
    );
    expect(seniorTry.status).toBe(403);
    const zero = await api(
      t,
      junior,
      'POST',
      `/api/v2/frontline/tickets/${ticket}/empowered_actions/${refund}`,
      { amount: 0 },
    );
    expect(zero.status).toBe(422);
  });
});
