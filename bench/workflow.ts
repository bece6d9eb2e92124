// The workflow benchmark (`npm run bench -- workflow`), on PostgreSQL:
// 1. Ticket create throughput with 50 active triggers and 10 SLA policies, as a ratio
//    to the same server with none (target ≥ 0.7), measured bare before and after the
//    rules run so a busy machine skews neither side. The server runs as a child process
//    with all roles, so its workers run the workflow consumer while it takes load; the
//    time to drain that backlog afterwards is reported too.
// 2. The per-minute sweep over 100k due rows: enqueueing one job per row, and a second
//    sweep of the same rows (nothing new to enqueue).
// Options come from the environment: BENCH_DATABASE_URL, WORKFLOW_BENCH_SECONDS (10),
// WORKFLOW_BENCH_CONNECTIONS (50), WORKFLOW_BENCH_DUE_ROWS (100000).
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type Database, openPostgres } from '../apps/server/src/db/database.js';
import { migrate } from '../apps/server/src/db/migrate.js';
import { createEscalationRepository } from '../apps/server/src/modules/workflow/escalation/escalation.repository.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { createSweep } from '../apps/server/src/platform/jobs/sweep.js';
import { createLogger } from '../apps/server/src/platform/logger.js';
import { runLoad } from './load.js';
import { seedBench } from './seed.js';

const root = path.resolve(import.meta.dirname, '..');
const PORT = 3911;

function child(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['apps/server/dist/main.js'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitReady(url: string, seconds = 120) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not become ready`);
}

function stop(server: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (server.exitCode !== null) return resolve();
    server.once('exit', () => resolve());
    server.kill('SIGTERM');
    setTimeout(() => server.kill('SIGKILL'), 10_000).unref();
  });
}

/** 50 triggers of the kinds teams write: routing by words and channel, tagging, priorities, notifications. */
function triggers(groupIds: number[]) {
  const words = [
    'refund',
    'invoice',
    'login',
    'password',
    'export',
    'crash',
    'billing',
    'cancel',
    'upgrade',
    'delete',
  ];
  return Array.from({ length: 50 }, (_, i) => {
    const word = words[i % words.length]!;
    const kind = i % 5;
    const conditions =
      kind === 0
        ? {
            all: [
              { field: 'update_type', value: 'Create' },
              { field: 'subject_includes_word', operator: 'includes', value: `${word} ${i}` },
            ],
          }
        : kind === 1
          ? { all: [{ field: 'comment_includes_word', operator: 'includes', value: `${word}x${i}` }] }
          : kind === 2
            ? {
                all: [
                  { field: 'via_id', operator: 'is', value: '29' },
                  { field: 'priority', operator: 'is', value: 'urgent' },
                ],
              }
            : kind === 3
              ? { all: [{ field: 'current_tags', operator: 'includes', value: `vip${i}` }] }
              : {
                  all: [
                    { field: 'status', operator: 'changed' },
                    { field: 'status', operator: 'value', value: 'solved' },
                    { field: 'current_tags', operator: 'includes', value: `t${i}` },
                  ],
                };
    const actions =
      kind === 4
        ? [
            {
              field: 'notification_user',
              value: ['requester_id', 'Solved: {{ticket.title}}', 'Hi {{ticket.requester.first_name}}'],
            },
          ]
        : [
            { field: 'group_id', value: String(groupIds[i % groupIds.length]) },
            { field: 'current_tags', value: `auto_${word}` },
          ];
    return { title: `Bench trigger ${i}`, conditions: { any: [], ...conditions }, actions };
  });
}

function policies() {
  return Array.from({ length: 10 }, (_, i) => ({
    title: `Bench policy ${i}`,
    filter: {
      all: i === 9 ? [] : [{ field: 'current_tags', operator: 'includes', value: `sla${i}` }],
      any: [],
    },
    policy_metrics: ['low', 'normal', 'high', 'urgent'].flatMap((priority) => [
      { priority, metric: 'first_reply_time', target: 60 * (i + 1), business_hours: false },
      { priority, metric: 'agent_work_time', target: 480, business_hours: false },
    ]),
  }));
}

async function drainSeconds(db: Database, limitSeconds = 300) {
  const started = Date.now();
  while (Date.now() - started < limitSeconds * 1000) {
    const row = await db.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('queue', 'like', 'ticket-change:%')
      .where('done_at', 'is', null)
      .where('failed_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(row.n) === 0) return Math.round((Date.now() - started) / 100) / 10;
    await new Promise((r) => setTimeout(r, 200));
  }
  return Number.NaN;
}

export async function runWorkflowBench(options: {
  progress(msg: string): void;
}): Promise<Record<string, number | string>> {
  const { progress } = options;
  const seconds = Number(process.env.WORKFLOW_BENCH_SECONDS ?? 10);
  const connections = Number(process.env.WORKFLOW_BENCH_CONNECTIONS ?? 50);
  const dueRows = Number(process.env.WORKFLOW_BENCH_DUE_ROWS ?? 100_000);
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `fl_bench_wf_${Date.now().toString(36)}`;
  const url = new URL(`/${name}`, base).toString();
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const figures: Record<string, number | string> = { engine: 'postgres', seconds, connections };
  let server: ChildProcess | undefined;
  const database = await openPostgres(url, 4);
  try {
    await migrate(database);
    const seed = await seedBench(database, 1000, (m) => progress(`workflow: ${m}`));
    const groups = (await database.db.selectFrom('groups').select('id').orderBy('id').execute()).map(
      (g) => g.id,
    );
    const headers = {
      authorization: `Basic ${Buffer.from(`${seed.adminEmail}/token:${seed.token}`).toString('base64')}`,
      'content-type': 'application/json',
    };
    server = child({
      PORT: String(PORT),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      FRONTLINE_SEED_DEMO: 'false',
      RATE_LIMIT_PER_MINUTE: '100000000',
      NODE_ENV: 'production',
      DATABASE_URL: url,
    });
    const api = `http://127.0.0.1:${PORT}`;
    await waitReady(`${api}/readyz`);
    const words = ['refund', 'invoice', 'login', 'password', 'export'];
    const create = () =>
      runLoad({
        url: api,
        connections,
        seconds,
        next: (i) => ({
          method: 'POST',
          path: '/api/v2/tickets',
          headers,
          body: JSON.stringify({
            ticket: {
              subject: `Bench ${words[i % words.length]} ${i}`,
              comment: { body: 'x'.repeat(500) },
              requester_id: seed.requesterIds[i % seed.requesterIds.length],
              priority: 'normal',
              tags: [`sla${i % 10}`],
            },
          }),
        }),
      });

    progress('workflow: warming up');
    await runLoad({
      url: api,
      connections,
      seconds: Math.min(3, seconds),
      next: () => ({ method: 'GET', path: '/api/v2/tickets/1', headers }),
    });
    progress('workflow: creating tickets with no triggers or SLA policies');
    const bare = await create();
    figures.drain_bare_seconds = await drainSeconds(database);

    progress('workflow: adding 50 triggers and 10 SLA policies');
    const triggerIds: number[] = [];
    const policyIds: number[] = [];
    for (const trigger of triggers(groups)) {
      const res = await fetch(`${api}/api/v2/triggers`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ trigger }),
      });
      if (res.status !== 201) throw new Error(`trigger rejected: ${await res.text()}`);
      triggerIds.push(((await res.json()) as { trigger: { id: number } }).trigger.id);
    }
    for (const policy of policies()) {
      const res = await fetch(`${api}/api/v2/slas/policies`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ sla_policy: policy }),
      });
      if (res.status !== 201) throw new Error(`policy rejected: ${await res.text()}`);
      policyIds.push(((await res.json()) as { sla_policy: { id: number } }).sla_policy.id);
    }
    progress('workflow: creating tickets with the rules');
    const ruled = await create();
    figures.drain_rules_seconds = await drainSeconds(database);

    progress('workflow: removing the rules and measuring the bare server again');
    for (const id of triggerIds) await fetch(`${api}/api/v2/triggers/${id}`, { method: 'DELETE', headers });
    for (const id of policyIds)
      await fetch(`${api}/api/v2/slas/policies/${id}`, { method: 'DELETE', headers });
    const bareAgain = await create();
    await drainSeconds(database);
    const bareRps = (bare.perSecond + bareAgain.perSecond) / 2;
    figures.create_bare_rps = Math.round(bareRps);
    figures.create_bare_p99_ms = Math.round(Math.max(bare.p99, bareAgain.p99) * 10) / 10;
    figures.create_rules_rps = Math.round(ruled.perSecond);
    figures.create_rules_p99_ms = Math.round(ruled.p99 * 10) / 10;
    figures.create_rules_vs_bare = Math.round((ruled.perSecond / bareRps) * 100) / 100;
    if (bare.errors || ruled.errors || bareAgain.errors)
      figures.errors = `${bare.errors} / ${ruled.errors} / ${bareAgain.errors}`;
    await stop(server);
    server = undefined;

    progress(`workflow: sweeping ${dueRows.toLocaleString('en-US')} due rows`);
    const requester = seed.requesterIds[0]!;
    await sql`insert into tickets (subject, requester_id, submitter_id, status, escalate_at)
      select 'Due ' || g, ${requester}, ${requester}, 'open', now() - (g || ' seconds')::interval
      from generate_series(1, ${dueRows}) g`.execute(database.db);
    await sql`analyze tickets`.execute(database.db);
    const sweep = createSweep({ database, clock: systemClock, logger: createLogger('silent') });
    const escalations = createEscalationRepository(database.db);
    sweep.register({
      name: 'escalation',
      queue: 'workflow.escalation-due',
      due: (_db, now) => escalations.dueEscalations(now),
    });
    let started = performance.now();
    const first = await sweep.runOnce();
    figures.sweep_due_rows = first.escalation ?? 0;
    figures.sweep_seconds = Math.round((performance.now() - started) / 10) / 100;
    started = performance.now();
    const again = await sweep.runOnce();
    figures.sweep_again_new_jobs = again.escalation ?? 0;
    figures.sweep_again_seconds = Math.round((performance.now() - started) / 10) / 100;
    progress(`workflow: ${JSON.stringify(figures)}`);
    return figures;
  } finally {
    if (server) await stop(server);
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end().catch(() => {});
  }
}
