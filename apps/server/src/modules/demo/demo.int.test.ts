import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../test/harness.js';
import type { WorkflowModule } from '../workflow/index.js';
import { ensureAdmin, seedDemoWorkspace } from './index.js';

// The demo workspace shows the product: SLA policies by priority (one on support
// hours), a refund action with limits per level, tickets whose targets are running,
// near breach and breached; its triggers' mail is kept visible even without SMTP_URL.

let t: TestApp;
let admin: TestUser;
let seededInMs = 0;

beforeAll(async () => {
  t = await startTestApp();
  await ensureAdmin(t.database, t.clock, 'frontline');
  const workflow = t.app.modules.find((m) => m.name === 'workflow') as WorkflowModule;
  const started = performance.now();
  await seedDemoWorkspace(t.database, t.clock.now(), 'frontline', () => {}, {
    refreshSla: workflow.refreshSla,
  });
  seededInMs = performance.now() - started;
  admin = await createUser(t, { role: 'admin' });
});
afterAll(() => t?.close());

describe('the demo workspace', () => {
  it('has SLA policies by priority, one on support hours, and a refund action with limits per level', async () => {
    console.info(`demo workspace seeded in ${Math.round(seededInMs)} ms`);
    const policies = (await api(t, admin, 'GET', '/api/v2/slas/policies')).body.sla_policies;
    expect(policies.map((p: { title: string }) => p.title)).toEqual([
      'Urgent and high — around the clock',
      'Normal and low — support hours',
    ]);
    const metrics = policies.flatMap(
      (p: { policy_metrics: { priority: string; business_hours: boolean }[] }) => p.policy_metrics,
    );
    expect(new Set(metrics.map((m: { priority: string }) => m.priority))).toEqual(
      new Set(['urgent', 'high', 'normal', 'low']),
    );
    expect(metrics.some((m: { business_hours: boolean }) => m.business_hours)).toBe(true);
    const actions = (await api(t, admin, 'GET', '/api/v2/frontline/empowered_actions')).body;
    expect(JSON.stringify(actions)).toContain('Refund');
  });

  it('has tickets whose SLA targets are running, near breach and breached', async () => {
    const now = t.clock.now().getTime();
    const targets = await t.database.db
      .selectFrom('sla_targets')
      .select(['ticket_id', 'due_at', 'breached_at', 'stage'])
      .where('metric', '=', 'first_reply_time')
      .execute();
    const active = targets.filter((x) => x.stage === 'active');
    const breached = active.filter((x) => x.breached_at !== null);
    const near = active.filter(
      (x) => x.breached_at === null && x.due_at && x.due_at.getTime() - now <= 30 * 60_000,
    );
    const running = active.filter(
      (x) => x.breached_at === null && x.due_at && x.due_at.getTime() - now > 30 * 60_000,
    );
    expect(breached.length).toBeGreaterThan(0);
    expect(near.length).toBeGreaterThan(0);
    expect(running.length).toBeGreaterThan(0);
    expect(targets.some((x) => x.stage === 'achieved')).toBe(true);
    const due = await t.database.db
      .selectFrom('tickets')
      .select('id')
      .where('sla_next_breach_at', 'is not', null)
      .execute();
    expect(due.length).toBeGreaterThan(0);
  });

  it('keeps the acknowledgement and assignment mail of a new request visible as failed when SMTP_URL is not set', async () => {
    const customer = await createUser(t, { role: 'end-user', name: 'New Customer' });
    const agent = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'sam@example.com')
      .executeTakeFirstOrThrow();
    const created = await api(t, admin, 'POST', '/api/v2/tickets', {
      ticket: {
        subject: 'My order never arrived',
        comment: { body: 'Order 1234 is two weeks late.' },
        requester_id: customer.user.id,
        via: { channel: 'email' },
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.ticket.id;
    await t.app.jobs.runDue();
    await api(t, admin, 'PUT', `/api/v2/tickets/${id}`, { ticket: { assignee_id: agent.id } });
    await t.app.jobs.runDue();
    const notes = (await api(t, admin, 'GET', `/api/v2/frontline/tickets/${id}/notifications`)).body
      .notifications;
    const ack = notes.find((n: { recipient_id: number }) => n.recipient_id === customer.user.id);
    expect(ack).toMatchObject({
      subject: '[Request received] My order never arrived',
      status: 'failed',
      status_reason: 'Outbound mail is off: SMTP_URL is not set',
    });
    const assignment = notes.find((n: { recipient_id: number }) => n.recipient_id === agent.id);
    expect(assignment).toMatchObject({ status: 'failed', status_reason: expect.stringMatching(/SMTP_URL/) });
  });
});
