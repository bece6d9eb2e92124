import type { JobStatus } from '@frontline/contracts';
import type { Executor } from '../../db/executor.js';
import type { JobStatusState, JsonObject } from '../../db/schema.js';
import { randomToken } from '../auth/secrets.js';
import type { Clock } from '../clock.js';
import { enqueue } from './jobs.js';

/**
 * Zendesk's job statuses: a bulk call answers `{"job_status": {...}}` at once and the
 * work runs as a durable job that reports progress; clients poll
 * GET /api/v2/job_statuses/{id}.
 */
export function createJobStatuses(db: Executor, clock: Clock) {
  return {
    /** Records a queued status and enqueues the job that will do the work, in one transaction. */
    async start(jobType: string, total: number, createdBy: number, queue: string, payload: JsonObject) {
      const id = randomToken(16).replace(/[^a-zA-Z0-9]/g, 'x');
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('job_statuses')
          .values({
            id,
            job_type: jobType,
            total,
            created_by: createdBy,
            results: JSON.stringify([]),
            created_at: clock.now(),
            updated_at: clock.now(),
          })
          .execute();
        await enqueue(trx, queue, { ...payload, job_status_id: id }, { dedupeKey: id, runAt: clock.now() });
      });
      return id;
    },
    /** Records work that finished within the request (merge) so clients can poll it like any other. */
    async completed(jobType: string, createdBy: number, results: JsonObject[]) {
      const id = randomToken(16).replace(/[^a-zA-Z0-9]/g, 'x');
      const now = clock.now();
      return db
        .insertInto('job_statuses')
        .values({
          id,
          job_type: jobType,
          status: 'completed',
          total: results.length,
          progress: results.length,
          created_by: createdBy,
          results: JSON.stringify(results),
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    async progress(
      id: string,
      changes: {
        status?: JobStatusState;
        progress?: number;
        message?: string | null;
        results?: JsonObject[];
      },
    ) {
      await db
        .updateTable('job_statuses')
        .set({
          ...(changes.status ? { status: changes.status } : {}),
          ...(changes.progress !== undefined ? { progress: changes.progress } : {}),
          ...(changes.message !== undefined ? { message: changes.message } : {}),
          ...(changes.results ? { results: JSON.stringify(changes.results) } : {}),
          updated_at: clock.now(),
        })
        .where('id', '=', id)
        .execute();
    },
    find(id: string) {
      return db.selectFrom('job_statuses').selectAll().where('id', '=', id).executeTakeFirst();
    },
    findMany(ids: string[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('job_statuses').selectAll().where('id', 'in', ids).execute();
    },
  };
}

export type JobStatuses = ReturnType<typeof createJobStatuses>;

export function jobStatusJson(
  row: {
    id: string;
    job_type: string;
    status: JobStatusState;
    total: number;
    progress: number;
    message: string | null;
    results: JsonObject[];
  },
  base: string,
): JobStatus {
  return {
    id: row.id,
    url: `${base}/api/v2/job_statuses/${row.id}.json`,
    job_type: row.job_type,
    status: row.status,
    total: row.total,
    progress: row.progress,
    message: row.message,
    results: row.status === 'completed' || row.status === 'failed' ? row.results : null,
  };
}
