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
import { advance, agent, newTicket, settle, ticketRow } from './workflow.testing.js';

let t: TestApp;
let admin: TestUser;
let customer: TestUser;
let desk: { id: number };
let billing: { id: number };

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock('2030-01-07T08:00:00Z') });
  desk = await createGroup(t, 'Live desk', 1);
  billing = await createGroup(t, 'Billing', 1);
  admin = await createUser(t, { role: 'admin' });
  customer = await createUser(t, { role: 'end-user' });
});
afterAll(() => t?.close());

describe('routing rules', () => {
  it('puts new tickets in a group by words and channel, records the level they need, and validates rules', async () => {
    const bad = await api(t, admin, 'POST', '/api/v2/frontline/routing_rules', {
      routing_rule: {
        title: 'Broken',
        conditions: { all: [{ field: 'update_type', value: 'Create' }] },
        group_id: billing.id,
      },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.details)).toEqual(['conditions.all.0']);
    const rule = await api(t, admin, 'POST', '/api/v2/frontline/routing_rules', {
      routing_rule: {
        title: 'Money questions go to billing',
        conditions: {
          all: [{ field: 'subject_includes_word', operator: 'includes', value: 'refund invoice' }],
        },
        group_id: billing.id,
        required_skills: ['Billing'],
      },
    });
    expect(rule.status).toBe(201);
    expect(rule.body.routing_rule.required_skills).toEqual(['billing']);
    const chat = await api(t, admin, 'POST', '/api/v2/frontline/routing_rules', {
      routing_rule: {
        title: 'Live chat needs a senior',
        conditions: { all: [{ field: 'via', operator: 'is', value: 'chat' }] },
        group_id: desk.id,
        required_level: 'senior',
      },
    });
    expect(chat.status).toBe(201);

    const id = await newTicket(t, customer, { subject: 'Refund for my invoice' });
    expect(await ticketRow(t, id)).toMatchObject({
      group_id: billing.id,
      required_skills: ['billing'],
      tier: 1,
    });
  });

  it('never gives a chat that needs a senior to a junior: it waits until a senior is free', async () => {
    const junior = await agent(t, [desk.id], { level: 'junior' });
    const id = await newTicket(t, admin, { requester_id: customer.user.id, via: { channel: 'chat' } });
    let row = await ticketRow(t, id);
    expect(row).toMatchObject({ group_id: desk.id, required_level: 'senior', assignee_id: null });
    expect(row.routing_retry_at).not.toBeNull();
    const state = await api(t, admin, 'GET', `/api/v2/frontline/tickets/${id}/workflow`);
    expect(state.body.workflow.queued).toBe(true);
    expect(state.body.workflow.assignments[0].reason).toMatch(/queued: no online agent with senior level/);

    await advance(t, 6);
    expect((await ticketRow(t, id)).assignee_id).toBeNull();

    const senior = await agent(t, [desk.id], { level: 'senior', presence: 'offline', name: 'Senior Sam' });
    const online = await api(t, senior, 'PUT', '/api/v2/frontline/agents/me/presence', {
      presence: 'online',
    });
    expect(online.body.agent.presence).toBe('online');
    await settle(t);
    row = await ticketRow(t, id);
    expect(row.assignee_id).toBe(senior.user.id);
    expect(row.assignee_id).not.toBe(junior.user.id);
    const why = await api(t, admin, 'GET', `/api/v2/frontline/tickets/${id}/workflow`);
    expect(why.body.workflow.assignments.at(-1).reason).toMatch(
      /Senior Sam: online, senior, meets senior level/,
    );
    // Take the senior off the desk for the next tests.
    await api(t, senior, 'PUT', '/api/v2/frontline/agents/me/presence', { presence: 'offline' });
    await api(t, senior, 'PUT', `/api/v2/tickets/${id}`, { ticket: { status: 'solved' } });
    await settle(t);
    const someoneElse = await api(t, junior, 'PUT', `/api/v2/frontline/agents/${senior.user.id}/presence`, {
      presence: 'online',
    });
    expect(someoneElse.status).toBe(403);
  });

  it('gives an agent at capacity no more, and assigns the queue as capacity frees up', async () => {
    const group = await createGroup(t, 'Email desk', 1);
    const ann = await agent(t, [group.id], { capacity: { email: 2, default: 2 }, name: 'Ann' });
    const ids: number[] = [];
    for (let i = 0; i < 3; i += 1)
      ids.push(await newTicket(t, admin, { requester_id: customer.user.id, group_id: group.id }));
    const rows = await Promise.all(ids.map((id) => ticketRow(t, id)));
    expect(rows.map((r) => r.assignee_id)).toEqual([ann.user.id, ann.user.id, null]);
    const profile = await api(t, admin, 'GET', `/api/v2/frontline/agents/${ann.user.id}`);
    expect(profile.body.agent.load).toEqual({ api: 2 });

    await api(t, ann, 'PUT', `/api/v2/tickets/${ids[0]}`, {
      ticket: { status: 'solved', comment: { body: 'Done' } },
    });
    await settle(t);
    expect((await ticketRow(t, ids[2]!)).assignee_id).toBe(ann.user.id);
  });

  it('spreads work round-robin, or to the least loaded, as the group says', async () => {
    const group = await createGroup(t, 'Round desk', 1);
    const a = await agent(t, [group.id]);
    const b = await agent(t, [group.id]);
    const assignees: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const id = await newTicket(t, admin, { requester_id: customer.user.id, group_id: group.id });
      assignees.push((await ticketRow(t, id)).assignee_id!);
      await advance(t, 1);
    }
    expect(assignees).toEqual([a.user.id, b.user.id, a.user.id, b.user.id]);

    const mode = await api(t, admin, 'PUT', `/api/v2/frontline/groups/${group.id}`, {
      group: { assignment_mode: 'least_loaded' },
    });
    expect(mode.body.group.assignment_mode).toBe('least_loaded');
    await api(
      t,
      a,
      'PUT',
      `/api/v2/tickets/${(await t.database.db.selectFrom('tickets').select('id').where('assignee_id', '=', a.user.id).executeTakeFirstOrThrow()).id}`,
      {
        ticket: { status: 'solved' },
      },
    );
    await settle(t);
    const id = await newTicket(t, admin, { requester_id: customer.user.id, group_id: group.id });
    expect((await ticketRow(t, id)).assignee_id).toBe(a.user.id);
  });

  it('lets admins set skills, capacity and level, and validates them', async () => {
    const person = await agent(t, [desk.id]);
    const bad = await api(t, admin, 'PUT', `/api/v2/frontline/agents/${person.user.id}`, {
      agent: { skills: ['two words'], capacity: { chat: -1 } },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.details).sort()).toEqual(['agent.capacity.chat', 'agent.skills.0']);
    const ok = await api(t, admin, 'PUT', `/api/v2/frontline/agents/${person.user.id}`, {
      agent: { skills: ['zh', 'billing'], capacity: { chat: 2 }, level: 'senior' },
    });
    expect(ok.body.agent).toMatchObject({
      skills: ['zh', 'billing'],
      capacity: { chat: 2 },
      level: 'senior',
    });
    const asAgent = await api(t, person, 'PUT', `/api/v2/frontline/agents/${person.user.id}`, {
      agent: { level: 'senior' },
    });
    expect(asAgent.status).toBe(403);
    expect((await api(t, admin, 'GET', '/api/v2/frontline/agents/999999')).status).toBe(404);
  });
});

describe('the API document', () => {
  it('describes the workflow endpoints', async () => {
    const res = await api(t, null, 'GET', '/api/docs/openapi.json');
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body.paths);
    for (const path of [
      '/api/v2/triggers',
      '/api/v2/automations/{id}',
      '/api/v2/macros/{id}/apply',
      '/api/v2/slas/policies',
      '/api/v2/business_hours/schedules/{id}/holidays',
      '/api/v2/tickets/{id}/metrics',
      '/api/v2/webhooks/{id}/invocations',
      '/api/v2/frontline/tickets/{id}/swarm',
      '/api/v2/frontline/approvals/{id}/approve',
    ]) {
      expect(paths).toContain(path);
    }
  });
});
