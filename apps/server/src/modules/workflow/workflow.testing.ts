import type { AgentLevel } from '../../db/schema.js';
import type { ManualClock } from '../../platform/clock.js';
import { api, createUser, type TestApp, type TestUser } from '../../test/harness.js';
import type { WorkflowModule } from './index.js';

/** Helpers for the workflow's integration tests: the sweep, moving time, agents with presence. */
export function workflowOf(t: TestApp) {
  return t.app.modules.find((m) => m.name === 'workflow') as WorkflowModule;
}

/** Runs the sweep and every due job until nothing is left (bounded), as a worker would. */
export async function settle(t: TestApp, rounds = 20) {
  for (let i = 0; i < rounds; i += 1) {
    await workflowOf(t).sweep.runOnce();
    if ((await t.app.jobs.runDue()) === 0) return;
  }
}

/** Moves the test clock forward and lets the workers catch up. */
export async function advance(t: TestApp, minutes: number) {
  (t.clock as ManualClock).advance(minutes * 60_000);
  await settle(t);
}

export async function agent(
  t: TestApp,
  groupIds: number[],
  opts: {
    level?: AgentLevel;
    presence?: 'online' | 'away' | 'offline';
    skills?: string[];
    capacity?: Record<string, number>;
    name?: string;
  } = {},
): Promise<TestUser> {
  const user = await createUser(t, {
    role: 'agent',
    level: opts.level ?? 'mid',
    groupIds,
    ...(opts.name ? { name: opts.name } : {}),
  });
  const now = t.clock.now();
  await t.database.db
    .insertInto('agent_profiles')
    .values({
      user_id: user.user.id,
      presence: opts.presence ?? 'online',
      skills: opts.skills ?? [],
      capacity: JSON.stringify(opts.capacity ?? {}),
      updated_at: now,
    })
    .execute();
  return user;
}

export async function newTicket(t: TestApp, who: TestUser, ticket: Record<string, unknown>) {
  const res = await api(t, who, 'POST', '/api/v2/tickets', {
    ticket: { subject: 'Help', comment: { body: 'Something is wrong' }, ...ticket },
  });
  if (res.status !== 201) throw new Error(`ticket create failed: ${res.status} ${JSON.stringify(res.body)}`);
  await settle(t);
  return res.body.ticket.id as number;
}

export async function ticketRow(t: TestApp, id: number) {
  return t.database.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function comments(t: TestApp, id: number) {
  return t.database.db
    .selectFrom('ticket_comments')
    .selectAll()
    .where('ticket_id', '=', id)
    .orderBy('id')
    .execute();
}
