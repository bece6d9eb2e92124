import { hostname } from 'node:os';
import { isOperationNodeSource, type QueryCreator, type RawBuilder, sql } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import type { Executor } from '../../db/executor.js';
import type { DB, JsonObject } from '../../db/schema.js';
import { randomToken } from '../auth/secrets.js';
import type { Clock } from '../clock.js';
import { assertDeclaredQueue, declaredQueues } from './queues.js';

/**
 * Durable jobs in PostgreSQL. A job is a row; workers on any node claim due rows with
 * FOR UPDATE SKIP LOCKED under a lease, run the handler, and mark them done. A crashed
 * worker's lease runs out and another worker retries. Handlers must be idempotent: a
 * job can run again after a crash between its effect and being marked done.
 *
 * Jobs with the same `orderKey` (e.g. one consumer's changes to one ticket) run one at
 * a time in the order enqueued, on whichever node: only the oldest unfinished job of a
 * key can be claimed. Everything else runs side by side, `concurrency` at a time.
 */
export type JobContext = { jobId: number; attempt: number; queue: string };
export type JobHandler = (payload: JsonObject, context: JobContext) => Promise<void>;
export type EnqueueOptions = { dedupeKey?: string; orderKey?: string; runAt?: Date; maxAttempts?: number };

const WAKE_CHANNEL = 'frontline_jobs';

/** Inserts a job, inside the caller's transaction when given one. A repeated dedupe key is a no-op. */
export function enqueue(db: Executor, queue: string, payload: JsonObject, options: EnqueueOptions = {}) {
  return enqueueMany(db, [{ queue, payload, options }]);
}

/**
 * A job as `insertJobs` writes it. Inside a larger statement the payload and keys may be
 * SQL over that statement's CTEs (e.g. the id of a row it inserts).
 */
export type JobRow = {
  queue: string;
  payload: JsonObject | RawBuilder<JsonObject>;
  options?: Omit<EnqueueOptions, 'dedupeKey' | 'orderKey'> & {
    dedupeKey?: string | RawBuilder<string>;
    orderKey?: string | RawBuilder<string>;
  };
};

/** A job's columns besides its payload and dedupe key, with the defaults every job gets. */
export function jobColumns<K>(queue: string, options: { orderKey?: K; runAt?: Date; maxAttempts?: number }) {
  return {
    queue,
    order_key: options.orderKey ?? null,
    // "Now" is the epoch, not the database's clock: due at once whatever time a test's clock says.
    run_at: options.runAt ?? new Date(0),
    max_attempts: options.maxAttempts ?? 10,
  };
}

/** The INSERT of jobs, not yet run: `enqueueMany` runs it; a statement may also write it as a CTE. */
export function insertJobs(db: QueryCreator<DB>, jobs: JobRow[]) {
  for (const job of jobs) assertDeclaredQueue(job.queue);
  return db
    .insertInto('jobs')
    .values(
      jobs.map(({ queue, payload, options = {} }) => ({
        ...jobColumns(queue, options),
        payload: isSql(payload) ? payload : JSON.stringify(payload),
        dedupe_key: options.dedupeKey ?? null,
      })),
    )
    .onConflict((oc) => oc.columns(['queue', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing());
}

/** Wakes the workers on every node (on commit), as an expression to select. */
export function wakeWorkers(queue: string) {
  return sql<void>`pg_notify(${WAKE_CHANNEL}, ${queue})`;
}

/** Inserts several jobs and wakes the workers once, in one statement. */
export async function enqueueMany(db: Executor, jobs: JobRow[]): Promise<void> {
  if (jobs.length === 0) return;
  await db
    .with('queued', (qc) => insertJobs(qc, jobs))
    .selectNoFrom(wakeWorkers(jobs[0]!.queue).as('woken'))
    .execute();
}

function isSql(value: unknown): value is RawBuilder<unknown> {
  return typeof value === 'object' && value !== null && isOperationNodeSource(value);
}

/** Seconds to wait before attempt n+1: 10 s, 40 s, 90 s … capped at one hour. */
export function backoffSeconds(attempt: number) {
  return Math.min(3600, 10 * attempt * attempt);
}

export type JobRunnerOptions = {
  database: Database;
  clock: Clock;
  logger: Logger;
  leaseSeconds?: number;
  pollMs?: number;
  batchSize?: number;
  /** Jobs run at once by this node (default 8 on PostgreSQL, 2 on the embedded engine). */
  concurrency?: number;
};

export function createJobRunner({
  database,
  clock,
  logger,
  leaseSeconds = 60,
  pollMs = 1000,
  batchSize = 20,
  concurrency = database.engine === 'postgres' ? 8 : 2,
}: JobRunnerOptions) {
  const { db } = database;
  const handlers = new Map<string, JobHandler>();
  const workerId = `${hostname()}:${process.pid}:${randomToken(4)}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = true;
  let unlisten: (() => Promise<void>) | undefined;

  async function claim(limit: number) {
    const now = clock.now();
    const leaseUntil = new Date(now.getTime() + leaseSeconds * 1000);
    const queues = [...handlers.keys()];
    if (queues.length === 0) return [];
    return db
      .updateTable('jobs')
      .set((eb) => ({ locked_by: workerId, locked_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('jobs')
          .select('id')
          .where('done_at', 'is', null)
          .where('failed_at', 'is', null)
          .where('run_at', '<=', now)
          .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', now)]))
          .where('queue', 'in', queues)
          .where((w) =>
            w.or([
              w('order_key', 'is', null),
              w.not(
                w.exists(
                  w
                    .selectFrom('jobs as earlier')
                    .select('earlier.id')
                    .whereRef('earlier.order_key', '=', 'jobs.order_key')
                    .whereRef('earlier.id', '<', 'jobs.id')
                    .where('earlier.done_at', 'is', null)
                    .where('earlier.failed_at', 'is', null),
                ),
              ),
            ]),
          )
          .orderBy('run_at')
          .orderBy('id')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .execute();
  }

  async function runOne(job: Awaited<ReturnType<typeof claim>>[number]) {
    const handler = handlers.get(job.queue);
    if (!handler) return;
    try {
      await handler(job.payload, { jobId: job.id, attempt: job.attempts, queue: job.queue });
      await db
        .updateTable('jobs')
        .set({ done_at: clock.now(), locked_by: null, locked_until: null, last_error: null })
        .where('id', '=', job.id)
        .where('locked_by', '=', workerId)
        .execute();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failed = job.attempts >= job.max_attempts;
      logger.warn(
        { job: job.id, queue: job.queue, attempt: job.attempts, failed, err: message },
        'job failed',
      );
      const retryAt = new Date(clock.now().getTime() + backoffSeconds(job.attempts) * 1000);
      await db
        .updateTable('jobs')
        .set({
          last_error: message.slice(0, 2000),
          locked_by: null,
          locked_until: null,
          ...(failed ? { failed_at: clock.now() } : { run_at: retryAt }),
        })
        .where('id', '=', job.id)
        .execute();
    }
  }

  /** Declared queues (see queues.ts) that no handler on this runner consumes. */
  function missingConsumers() {
    return declaredQueues().filter((queue) => !handlers.has(queue));
  }

  /** Deletes jobs finished more than `keepDays` ago, so the table holds recent history only. */
  async function prune(keepDays = 7) {
    const before = new Date(clock.now().getTime() - keepDays * 86_400_000);
    const result = await db.deleteFrom('jobs').where('done_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Claims and runs due jobs until none are left; returns how many ran. */
  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      // UPDATE … RETURNING gives rows in no particular order: run them in the order claimed.
      const jobs = (await claim(batchSize)).sort(
        (a, b) => a.run_at.getTime() - b.run_at.getTime() || a.id - b.id,
      );
      if (jobs.length === 0) return total;
      let next = 0;
      const lane = async () => {
        while (next < jobs.length) await runOne(jobs[next++]!);
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
      total += jobs.length;
    }
  }

  function tick(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = drain()
      .catch((error) => {
        logger.error({ err: error }, 'job runner failed to claim jobs');
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          void tick();
        }
      });
    return running;
  }

  return {
    workerId,
    register(queue: string, handler: JobHandler) {
      assertDeclaredQueue(queue);
      if (handlers.has(queue)) throw new Error(`job queue ${queue} registered twice`);
      handlers.set(queue, handler);
    },
    missingConsumers,
    /** Runs every due job now (tests call this after moving the clock). */
    runDue: drain,
    prune,
    /** Starts claiming jobs; refuses while a declared queue has no handler, naming it. */
    async start() {
      const missing = missingConsumers();
      if (missing.length > 0) {
        throw new Error(
          `job queue(s) without a consumer: ${missing.join(', ')}. Jobs sent there would wait forever; register a handler (jobs.register) in the module that owns each.`,
        );
      }
      stopped = false;
      if (database.engine === 'pglite') {
        // One process owns an embedded database: leases left by a killed run are ours to take back.
        await db
          .updateTable('jobs')
          .set({ locked_by: null, locked_until: null })
          .where('done_at', 'is', null)
          .execute();
      }
      unlisten = await database.listen(WAKE_CHANNEL, () => void tick());
      let lastPrune = 0;
      const loop = () => {
        if (stopped) return;
        if (clock.now().getTime() - lastPrune > 3_600_000) {
          lastPrune = clock.now().getTime();
          void prune().catch((error) => logger.warn({ err: error }, 'pruning finished jobs failed'));
        }
        void tick().finally(() => {
          if (!stopped) timer = setTimeout(loop, pollMs);
        });
      };
      loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await unlisten?.();
      await running;
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
