import { type Expression, type SelectQueryBuilder, sql } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import type { Executor } from '../../db/executor.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import { assertDeclaredQueue } from './queues.js';

/**
 * The per-minute sweep over rows with due times (`escalate_at`, SLA targets,
 * `automation_check_at` …). Each registered source names a query for the rows due at
 * `now`; the sweep turns every due row into one job whose dedupe key is the row and its
 * due time, with one INSERT … SELECT … ON CONFLICT DO NOTHING per batch. Two nodes
 * sweeping at once, or one sweeping twice, enqueue each (row, due time) once; the job
 * handler then re-checks the row, so a due time that moved is a no-op.
 *
 * A job payload is `{ key, due_at }` (ISO time) plus what the source adds.
 */
export type DueRows = SelectQueryBuilder<DB, keyof DB, { key: string; due_at: Date }>;

export type DueSource = {
  /** Names the source in dedupe keys and logs, e.g. `escalation`. */
  name: string;
  /** The job queue each due row goes to (a handler registered with the job runner). */
  queue: string;
  /** Rows due at `now`: a text `key` for the row and its `due_at`. */
  due(db: Executor, now: Date): DueRows;
};

export type SweepOptions = {
  database: Database;
  clock: Clock;
  logger: Logger;
  intervalMs?: number;
  batchSize?: number;
};

export type SweepReport = Record<string, number>;

/** Text that names one due time exactly: milliseconds since the epoch. */
function dueStamp(dueAt: Expression<Date>) {
  return sql<string>`(floor(extract(epoch from ${dueAt}) * 1000))::bigint::text`;
}

export function createSweep({
  database,
  clock,
  logger,
  intervalMs = 60_000,
  batchSize = 5000,
}: SweepOptions) {
  const sources: DueSource[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<SweepReport> | undefined;

  /** Enqueues one batch of a source's due rows; returns how many jobs were new. */
  async function enqueueBatch(source: DueSource, now: Date) {
    const due = source.due(database.db, now).as('d');
    const dedupe = sql<string>`${source.name} || ':' || d.key || '@' || ${dueStamp(sql.ref('d.due_at'))}`;
    const result = await sql`
      insert into jobs (queue, payload, dedupe_key, run_at)
      select ${source.queue}, jsonb_build_object('key', d.key, 'due_at', d.due_at), ${dedupe}, ${now}
      from ${due}
      where not exists (
        select 1 from jobs j where j.queue = ${source.queue} and j.dedupe_key = ${dedupe}
      )
      order by d.due_at
      limit ${batchSize}
      on conflict (queue, dedupe_key) where dedupe_key is not null do nothing`.execute(database.db);
    return Number(result.numAffectedRows ?? 0);
  }

  async function sweepOnce(): Promise<SweepReport> {
    const now = clock.now();
    const report: SweepReport = {};
    for (const source of sources) {
      let total = 0;
      for (;;) {
        const added = await enqueueBatch(source, now);
        total += added;
        if (added < batchSize) break;
      }
      report[source.name] = total;
      if (total > 0) await sql`select pg_notify('frontline_jobs', ${source.queue})`.execute(database.db);
    }
    return report;
  }

  function runOnce(): Promise<SweepReport> {
    if (running) return running;
    running = sweepOnce().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    register(source: DueSource) {
      assertDeclaredQueue(source.queue);
      if (sources.some((s) => s.name === source.name))
        throw new Error(`sweep ${source.name} registered twice`);
      sources.push(source);
    },
    /** Sweeps every source now (tests call this after moving the clock). */
    runOnce,
    start() {
      const tick = () => {
        runOnce()
          .catch((error) => logger.error({ err: error }, 'due-time sweep failed'))
          .finally(() => {
            if (timer) timer = setTimeout(tick, intervalMs);
          });
      };
      timer = setTimeout(tick, 0);
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running?.catch(() => {});
    },
  };
}

export type Sweep = ReturnType<typeof createSweep>;

/** Reads a sweep job's payload. */
export function duePayload(payload: Record<string, unknown>) {
  return { key: String(payload.key), dueAt: new Date(String(payload.due_at)) };
}
