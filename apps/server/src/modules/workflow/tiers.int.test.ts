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
let tier1: { id: number };
let tier2: { id: number };
let tier3: { id: number };
let first: TestUser;
let second: TestUser;
let third: TestUser;

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock('2030-01-07T08:00:00Z') });
  tier1 = await createGroup(t, 'Tier 1', 1);
  tier2 = await createGroup(t, 'Tier 2', 2);
  tier3 = await createGroup(t, 'Tier 3', 3);
  admin = await createUser(t, { role: 'admin' });
  customer = await createUser(t, { role: 'end-user' });
  first = await agent(t, [tier1.id], { name: 'First Line' });
  second = await agent(t, [tier2.id], { name: 'Second Line' });
  third = await agent(t, [tier3.id], { name: 'Third Line', level: 'senior' });
});
afterAll(() => t?.close());

describe('tier timers', () => {
  it('moves an unsolved tier-1 ticket to tier 2 after 15 minutes, then to tier 3 after 30 more, reassigning each time', async () => {
    const id = await newTicket(t, admin, { requester_id: customer.user.id, group_id: tier1.id });
    let row = await ticketRow(t, id);
    expect(row).toMatchObject({ tier: 1, group_id: tier1.id, assignee_id: first.user.id });
    expect(row.escalate_at?.toISOString()).toBe('2030-01-07T08:15:00.000Z');

    await advance(t, 14);
    expect((await ticketRow(t, id)).group_id).toBe(tier1.id);

    await advance(t, 2);
    row = await ticketRow(t, id);
    expect(row).toMatchObject({ tier: 2, group_id: tier2.id, assignee_id: second.user.id });
    expect(row.follower_ids).toContain(first.user.id);
    const note = (await comments(t, id)).find((c) => c.body.startsWith('Escalated from Tier 1 to Tier 2'));
    expect(note?.public).toBe(false);

    await advance(t, 29);
    expect((await ticketRow(t, id)).tier).toBe(2);
    await advance(t, 2);
    row = await ticketRow(t, id);
    expect(row).toMatchObject({ tier: 3, group_id: tier3.id, assignee_id: third.user.id, escalate_at: null });

    const state = await api(t, admin, 'GET', `/api/v2/frontline/tickets/${id}/workflow`);
    expect(state.body.workflow.escalations.map((e: { to_tier: number }) => e.to_tier)).toEqual([2, 3]);
    expect(state.body.workflow.assignments.at(-1).reason).toMatch(/Third Line/);
  });

  it('does not count time waiting on the customer, and never escalates a solved ticket', async () => {
    const id = await newTicket(t, admin, { requester_id: customer.user.id, group_id: tier1.id });
    await api(t, first, 'PUT', `/api/v2/tickets/${id}`, {
      ticket: { status: 'pending', comment: { body: 'Which version?' } },
    });
    await settle(t);
    await advance(t, 60);
    expect((await ticketRow(t, id)).group_id).toBe(tier1.id);
    await api(t, customer, 'PUT', `/api/v2/tickets/${id}`, { ticket: { comment: { body: 'Version 3' } } });
    await settle(t);
    await advance(t, 10);
    expect((await ticketRow(t, id)).group_id).toBe(tier1.id);
    await api(t, first, 'PUT', `/api/v2/tickets/${id}`, { ticket: { status: 'solved' } });
    await settle(t);
    await advance(t, 60);
    expect(await ticketRow(t, id)).toMatchObject({ group_id: tier1.id, escalate_at: null });
  });

  it('lets an agent escalate by hand with a reason, and names what is missing', async () => {
    const id = await newTicket(t, admin, { requester_id: customer.user.id, group_id: tier1.id });
    const blank = await api(t, first, 'POST', `/api/v2/frontline/tickets/${id}/escalate`, { reason: '' });
    expect(blank.status).toBe(422);
    expect(Object.keys(blank.body.details)).toContain('reason');
    const res = await api(t, first, 'POST', `/api/v2/frontline/tickets/${id}/escalate`, {
      reason: 'Needs a database fix',
    });
    expect(res.status).toBe(200);
    expect(res.body.workflow.escalations[0]).toMatchObject({
      kind: 'manual',
      to_tier: 2,
      actor_id: first.user.id,
    });
    await settle(t);
    const row = await ticketRow(t, id);
    expect(row).toMatchObject({ group_id: tier2.id, assignee_id: second.user.id });
    expect((await comments(t, id)).at(-1)?.body).toBe(
      'Escalated by First Line from Tier 1 to Tier 2: Needs a database fix',
    );
    const missing = await api(t, first, 'POST', '/api/v2/frontline/tickets/999999/escalate', { reason: 'x' });
    expect(missing.status).toBe(404);
  });

  it('runs the awaiting-fix → verify loop in tier 3', async () => {
    const id = await newTicket(t, admin, { requester_id: customer.user.id, group_id: tier1.id });
    const early = await api(t, first, 'POST', `/api/v2/frontline/tickets/${id}/engineering_issue`, {
      url: 'https://issues.example.test/ENG-1',
    });
    expect(early.status).toBe(422);
    await api(t, admin, 'PUT', `/api/v2/tickets/${id}`, {
      ticket: { group_id: tier3.id, assignee_id: third.user.id },
    });
    await settle(t);
    const bad = await api(t, third, 'POST', `/api/v2/frontline/tickets/${id}/engineering_issue`, {
      url: 'javascript:alert(1)',
    });
    expect(bad.status).toBe(422);
    const linked = await api(t, third, 'POST', `/api/v2/frontline/tickets/${id}/engineering_issue`, {
      url: 'https://issues.example.test/ENG-1',
    });
    expect(linked.status).toBe(201);
    expect(linked.body.workflow).toMatchObject({
      engineering_state: 'awaiting_fix',
      engineering_issue: { status: 'open' },
    });
    await settle(t);
    expect((await ticketRow(t, id)).status).toBe('hold');

    // Someone moves it out of tier 3 while engineering works on it; the shipped fix brings it back.
    await api(t, admin, 'PUT', `/api/v2/tickets/${id}`, {
      ticket: { group_id: tier2.id, assignee_id: second.user.id },
    });
    await settle(t);
    const shipped = await api(t, admin, 'PUT', `/api/v2/frontline/tickets/${id}/engineering_issue`, {
      status: 'shipped',
    });
    expect(shipped.body.workflow).toMatchObject({
      engineering_state: 'verify',
      engineering_issue: { status: 'shipped' },
    });
    await settle(t);
    let row = await ticketRow(t, id);
    expect(row).toMatchObject({ status: 'open', group_id: tier3.id, tier: 3 });
    expect(row.tags).toContain('verify_fix');

    const twice = await api(t, admin, 'PUT', `/api/v2/frontline/tickets/${id}/engineering_issue`, {
      status: 'shipped',
    });
    expect(twice.status).toBe(422);
    const verified = await api(t, third, 'PUT', `/api/v2/frontline/tickets/${id}/engineering_issue`, {
      status: 'verified',
    });
    expect(verified.body.workflow.engineering_state).toBeNull();
    row = await ticketRow(t, id);
    expect(row.tags).not.toContain('verify_fix');
  });

  it('lets admins set a group time limit and swarm mode, and refuses a hand-off in swarm mode', async () => {
    const res = await api(t, admin, 'PUT', `/api/v2/frontline/groups/${tier1.id}`, {
      group: { time_limit_minutes: 5, swarm_mode: true },
    });
    expect(res.body.group).toMatchObject({
      time_limit_minutes: 5,
      time_limit_source: 'group',
      swarm_mode: true,
    });
    const id = await newTicket(t, admin, { requester_id: customer.user.id, group_id: tier1.id });
    const refused = await api(t, first, 'POST', `/api/v2/frontline/tickets/${id}/escalate`, {
      reason: 'stuck',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.details.group_id[0].description).toMatch(/swarm mode/);
    await advance(t, 6);
    const swarm = await api(t, first, 'GET', `/api/v2/frontline/tickets/${id}/swarm`);
    expect(swarm.body.swarm).toMatchObject({ automatic: true, status: 'active' });
    expect(swarm.body.swarm.members.map((m: { user_id: number }) => m.user_id)).toContain(second.user.id);
    expect((await ticketRow(t, id)).group_id).toBe(tier1.id);
    await api(t, admin, 'PUT', `/api/v2/frontline/groups/${tier1.id}`, {
      group: { use_tier_default: true, swarm_mode: false },
    });
    const notAdmin = await api(t, first, 'PUT', `/api/v2/frontline/groups/${tier1.id}`, {
      group: { swarm_mode: true },
    });
    expect(notAdmin.status).toBe(403);
    const tiers = await api(t, first, 'GET', '/api/v2/frontline/tiers');
    expect(tiers.body.tiers[0].groups[0]).toMatchObject({ name: 'Tier 1', time_limit_minutes: 15 });
  });

  it('keeps the workflow API from end-users', async () => {
    const id = await newTicket(t, customer, {});
    expect((await api(t, customer, 'GET', `/api/v2/frontline/tickets/${id}/workflow`)).status).toBe(403);
    expect((await api(t, null, 'GET', `/api/v2/frontline/tickets/${id}/workflow`)).status).toBe(401);
  });
});
