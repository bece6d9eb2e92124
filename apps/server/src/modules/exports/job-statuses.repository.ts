import type { Executor } from '../../db/executor.js';

/** Reads of job statuses beyond the platform's find/findMany: a caller's recent jobs. */
export function createJobStatusesRepository(db: Executor) {
  return {
    recentOf(userId: number, limit: number) {
      return db
        .selectFrom('job_statuses')
        .selectAll()
        .where('created_by', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .execute();
    },
  };
}

export type JobStatusesRepository = ReturnType<typeof createJobStatusesRepository>;
