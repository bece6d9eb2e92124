import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type FrontlineApp } from '../../app.js';
import { type Database, openPostgres } from '../../db/database.js';
import { ManualClock } from '../../platform/clock.js';
import { createLogger } from '../../platform/logger.js';
import { databaseUrlFor } from '../../test/databases.js';
import {
  api,
  createGroup,
  createUser,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../../test/harness.js';
import type { WorkflowModule } from './index.js';
import { agent, newTicket, ticketRow } from './workflow.testing.js';

/**
 * Two Frontline nodes on one database, each with its own job runner and sweep, working
 * at the same moments: every due effect happens once. On PostgreSQL the second node has
 * its own connection pool; PGlite is one process's database, so there they share it.
 */
let t: TestApp;
let second: FrontlineApp;
let secondDb: Database;
let admin: TestUser;
let customer: TestUser;
let tier1: { id: number };
let tier2: { id: number };

async function node(database: Database) {
  const app = await buildApp({ config: t.config, database, logger: createLogger('silent'), clock: t.clock });
  return app;
}
const sweepOf = (app: FrontlineApp) =>
  (app.modules.find((m) => m.name === 'workflow') as WorkflowModule).sweep;

/** Both nodes sweep and work at once, until neither finds anything to do. */
async function bothWork(nodes: FrontlineApp[]) {
  for (let round = 0; round < 20; round += 1) {
    await Promise.all(nodes.map((n) => sweepOf(n).runOnce()));
    const ran = await Promise.all(nodes.map((n) => n.jobs.runDue()));
    if (ran.every((n) => n === 0)) return;
  }
}

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock('2030-02-04T09:00:00Z') });
  if (t.database.engine === 'postgres') {
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(t.database.db);
    secondDb = await openPostgres(databaseUrlFor(rows[0]!.name), 4);
  } else {
    secondDb = t.database;
  }
  second = await node(secondDb);
  tier1 = await createGroup(t, 'Tier 1', 1);
  tier2 = await createGroup(t, 'Tier 2', 2);
  admin = await createUser(t, { role: 'admin' });
  customer = await createUser(t, { role: 'end-user' });
  await agent(t, [tier1.id]);
  await agent(t, [tier2.id]);
});
afterAll(async () => {
  await second?.close();
  if (secondDb && secondDb !== t.database) await secondDb.close();
  await t?.close();
});

describe('two nodes on one database', () => {
  it('record a breach once and escalate once, also after a restart', async () => {
    const policy = await api(t, admin, 'POST', '/api/v2/slas/policies', {
      sla_policy: {
        title: 'Everything',
        filter: { all: [], any: [] },
        policy_metrics: [{ priority: 'normal', metric: 'first_reply_time', target: 10 }],
      },
    });
    expect(policy.status).toBe(201);
    // Entered by an agent on the customer's behalf, as an internal note: the first reply is still owed.
    const id = await newTicket(t, admin, {
      requester_id: customer.user.id,
      group_id: tier1.id,
      comment: { body: 'Customer called: printer is down', public: false },
    });
    (t.clock as ManualClock).advance(16 * 60_000);
    await bothWork([t.app, second]);

    const { db } = t.database;
    const breaches = await db
      .selectFrom('sla_events')
      .selectAll()
      .where('ticket_id', '=', id)
      .where('kind', '=', 'breach')
      .execute();
    expect(breaches).toHaveLength(1);
    const escalations = await db.selectFrom('escalations').selectAll().where('ticket_id', '=', id).execute();
    expect(escalations).toHaveLength(1);
    expect(await ticketRow(t, id)).toMatchObject({ group_id: tier2.id, tier: 2 });
    const notes = await db
      .selectFrom('ticket_comments')
      .select('body')
      .where('ticket_id', '=', id)
      .where('body', 'like', 'Escalated from%')
      .execute();
    expect(notes).toHaveLength(1);
    const dueJobs = await db
      .selectFrom('jobs')
      .select('id')
      .where('queue', '=', 'workflow.escalation-due')
      .execute();
    expect(dueJobs).toHaveLength(1);

    // A node restarts and sweeps the same moment again: nothing new happens.
    await second.close();
    second = await node(secondDb);
    await bothWork([t.app, second]);
    expect(
      await db
        .selectFrom('sla_events')
        .select('id')
        .where('ticket_id', '=', id)
        .where('kind', '=', 'breach')
        .execute(),
    ).toHaveLength(1);
    expect(
      await db.selectFrom('escalations').select('id').where('ticket_id', '=', id).execute(),
    ).toHaveLength(1);
  });

  it('runs an automation once per anchor however many nodes check the ticket', async () => {
    const created = await api(t, admin, 'POST', '/api/v2/automations', {
      automation: {
        title: 'Nudge after an hour pending',
        conditions: { all: [{ field: 'PENDING', operator: 'greater_than', value: '1' }] },
        actions: [
          { field: 'current_tags', value: 'nudged' },
          { field: 'comment_value', value: 'Any news?' },
          { field: 'comment_mode_is_public', value: 'true' },
        ],
      },
    });
    expect(created.status).toBe(201);
    const id = await newTicket(t, admin, {
      requester_id: customer.user.id,
      group_id: tier2.id,
      status: 'pending',
    });
    await bothWork([t.app, second]);
    (t.clock as ManualClock).advance(61 * 60_000);
    await bothWork([t.app, second]);
    (t.clock as ManualClock).advance(60 * 60_000);
    await bothWork([t.app, second]);
    const nudges = await t.database.db
      .selectFrom('ticket_comments')
      .select('id')
      .where('ticket_id', '=', id)
      .where('body', '=', 'Any news?')
      .execute();
    expect(nudges).toHaveLength(1);
    expect((await ticketRow(t, id)).tags).toContain('nudged');
  });
});
