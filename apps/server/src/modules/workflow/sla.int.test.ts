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
let helper: TestUser;
let scheduleId: number;

const clock = () => t.clock as ManualClock;
const targets = async (id: number) =>
  (await api(t, admin, 'GET', `/api/v2/frontline/tickets/${id}/workflow`)).body.workflow;

beforeAll(async () => {
  // Friday 2030-01-04, 16:00 in Berlin.
  t = await startTestApp({ clock: new ManualClock('2030-01-04T15:00:00Z') });
  const group = await createGroup(t, 'Support', 2);
  admin = await createUser(t, { role: 'admin' });
  customer = await createUser(t, { role: 'end-user' });
  helper = await agent(t, [group.id], { presence: 'offline' });
});
afterAll(() => t?.close());

describe('business-hours schedules', () => {
  it('creates a schedule from Zendesk JSON, with holidays, and names what is wrong', async () => {
    const badZone = await api(t, admin, 'POST', '/api/v2/business_hours/schedules', {
      schedule: { name: 'Nowhere', time_zone: 'Atlantis/Capital' },
    });
    expect(badZone.status).toBe(422);
    expect(badZone.body.details.time_zone[0].description).toMatch(/Atlantis/);
    const overlap = await api(t, admin, 'POST', '/api/v2/business_hours/schedules', {
      schedule: {
        name: 'x',
        time_zone: 'Berlin',
        intervals: [
          { start_time: 1980, end_time: 2460 },
          { start_time: 2400, end_time: 2500 },
        ],
      },
    });
    expect(overlap.status).toBe(422);
    const created = await api(t, admin, 'POST', '/api/v2/business_hours/schedules.json', {
      schedule: {
        name: 'Berlin office',
        time_zone: 'Berlin',
        intervals: [1, 2, 3, 4, 5].map((d) => ({ start_time: d * 1440 + 540, end_time: d * 1440 + 1020 })),
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.schedule.time_zone).toBe('Europe/Berlin');
    scheduleId = created.body.schedule.id;
    const backwards = await api(t, admin, 'POST', `/api/v2/business_hours/schedules/${scheduleId}/holidays`, {
      holiday: { name: 'Oops', start_date: '2030-01-08', end_date: '2030-01-07' },
    });
    expect(backwards.status).toBe(422);
    const holiday = await api(t, admin, 'POST', `/api/v2/business_hours/schedules/${scheduleId}/holidays`, {
      holiday: { name: 'Company day', start_date: '2030-01-07', end_date: '2030-01-07' },
    });
    expect(holiday.body.holiday).toMatchObject({
      name: 'Company day',
      start_date: '2030-01-07',
      end_date: '2030-01-07',
    });
    const list = await api(t, helper, 'GET', `/api/v2/business_hours/schedules/${scheduleId}/holidays`);
    expect(list.body.holidays).toHaveLength(1);
    expect(
      (
        await api(t, helper, 'POST', '/api/v2/business_hours/schedules', {
          schedule: { name: 'x', time_zone: 'UTC' },
        })
      ).status,
    ).toBe(403);
  });
});

describe('SLA policies', () => {
  it('rejects a policy with a bad condition, a duplicate target or an unknown schedule, naming each', async () => {
    const res = await api(t, admin, 'POST', '/api/v2/slas/policies', {
      sla_policy: {
        title: 'Broken',
        filter: { all: [{ field: 'priority', operator: 'is', value: 'critical' }], any: [] },
        policy_metrics: [
          { priority: 'high', metric: 'first_reply_time', target: 60 },
          { priority: 'high', metric: 'first_reply_time', target: 30 },
        ],
        schedule_id: 999999,
      },
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.details).sort()).toEqual(['filter.all.0', 'policy_metrics.1', 'schedule_id']);
    const unknownMetric = await api(t, admin, 'POST', '/api/v2/slas/policies', {
      sla_policy: {
        title: 'x',
        filter: { all: [] },
        policy_metrics: [{ priority: 'high', metric: 'vibes', target: 1 }],
      },
    });
    expect(unknownMetric.status).toBe(422);
    expect(Object.keys(unknownMetric.body.details)).toEqual(['sla_policy.policy_metrics.0.metric']);
  });

  it('sets first-reply due times in business hours across a weekend and a holiday', async () => {
    const policy = await api(t, admin, 'POST', '/api/v2/slas/policies', {
      sla_policy: {
        title: 'High priority',
        filter: { all: [{ field: 'priority', operator: 'is', value: 'high' }], any: [] },
        policy_metrics: [
          { priority: 'high', metric: 'first_reply_time', target: 120, business_hours: true },
          { priority: 'high', metric: 'agent_work_time', target: 600 },
        ],
        schedule_id: scheduleId,
        warning_minutes: 30,
      },
    });
    expect(policy.status).toBe(201);
    const id = await newTicket(t, customer, { priority: 'high' });
    const row = await ticketRow(t, id);
    expect(row.sla_policy_id).toBe(policy.body.sla_policy.id);
    // 60 minutes on Friday, nothing on the weekend or Monday's holiday, 60 on Tuesday.
    expect(row.sla_first_reply_due_at?.toISOString()).toBe('2030-01-08T09:00:00.000Z');
    const state = await targets(id);
    const frt = state.sla_targets.find((x: { metric: string }) => x.metric === 'first_reply_time');
    expect(frt).toMatchObject({ stage: 'active', business_hours: true, breach_at: '2030-01-08T09:00:00Z' });
    expect(frt.minutes_to_breach).toBe(4 * 1440 - 360);
    const other = await newTicket(t, customer, { priority: 'low' });
    expect((await ticketRow(t, other)).sla_policy_id).toBeNull();
  });

  it('pauses the resolution clock while pending, and records a warning and then a breach once', async () => {
    clock().set('2030-01-09T10:00:00Z');
    const id = await newTicket(t, customer, { priority: 'high' });
    await advance(t, 10);
    await api(t, admin, 'PUT', `/api/v2/tickets/${id}`, {
      ticket: { status: 'pending', comment: { body: 'Can you send a screenshot?' } },
    });
    await settle(t);
    let state = await targets(id);
    const work = () => state.sla_targets.find((x: { metric: string }) => x.metric === 'agent_work_time');
    expect(work()).toMatchObject({ stage: 'paused', breach_at: null });
    expect(state.sla_targets.find((x: { metric: string }) => x.metric === 'first_reply_time').stage).toBe(
      'achieved',
    );

    await advance(t, 600);
    expect((await targets(id)).sla_events).toEqual([]);
    await api(t, customer, 'PUT', `/api/v2/tickets/${id}`, { ticket: { comment: { body: 'Here it is' } } });
    await settle(t);
    state = await targets(id);
    // 10 minutes used before pending; 590 left from the reply.
    expect(work()).toMatchObject({ stage: 'active', breach_at: '2030-01-10T06:00:00Z' });

    await advance(t, 565);
    state = await targets(id);
    expect(state.sla_events.map((e: { kind: string }) => e.kind)).toEqual(['warning']);
    await advance(t, 30);
    await advance(t, 30);
    state = await targets(id);
    expect(state.sla_events.map((e: { kind: string }) => e.kind)).toEqual(['warning', 'breach']);
    expect(work().breached_at).not.toBeNull();
    expect(work().minutes_to_breach).toBeLessThan(0);
  });

  it('answers Zendesk ticket metrics', async () => {
    clock().set('2030-01-14T08:00:00Z');
    const id = await newTicket(t, customer, { subject: 'Metrics' });
    await advance(t, 30);
    await api(t, admin, 'PUT', `/api/v2/tickets/${id}`, {
      ticket: { comment: { body: 'On it' }, status: 'open' },
    });
    await advance(t, 30);
    await api(t, admin, 'PUT', `/api/v2/tickets/${id}`, { ticket: { status: 'solved' } });
    await settle(t);
    const res = await api(t, admin, 'GET', `/api/v2/tickets/${id}/metrics.json`);
    expect(res.status).toBe(200);
    expect(res.body.ticket_metric).toMatchObject({
      ticket_id: id,
      replies: 1,
      reopens: 0,
      reply_time_in_minutes: { calendar: 30, business: 30 },
      full_resolution_time_in_minutes: { calendar: 60, business: 60 },
      solved_at: '2030-01-14T09:00:00Z',
    });
    expect((await api(t, customer, 'GET', `/api/v2/tickets/${id}/metrics`)).status).toBe(403);
    expect((await api(t, admin, 'GET', '/api/v2/tickets/999999/metrics')).status).toBe(404);
  });
});
