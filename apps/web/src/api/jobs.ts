import { api } from './client';
import type { BulkResult, JobStatus } from './types';

const DONE = new Set(['completed', 'failed', 'killed']);

/**
 * Waits for a Zendesk job status (`PUT /tickets/update_many` and the other bulk calls
 * answer one) by polling `/api/v2/job_statuses/{id}`, reporting progress as it goes.
 */
export async function waitForJob(
  job: JobStatus,
  onProgress: (job: JobStatus) => void = () => {},
  intervalMs = 400,
): Promise<JobStatus> {
  let current = job;
  onProgress(current);
  while (!DONE.has(current.status)) {
    await new Promise((resolve) => window.setTimeout(resolve, intervalMs));
    current = (await api.get<{ job_status: JobStatus }>(`/api/v2/job_statuses/${current.id}`)).job_status;
    onProgress(current);
  }
  return current;
}

/** How many items of a finished job did not succeed (all of them when the job itself failed). */
export function failedCount(job: JobStatus): number {
  if (job.status !== 'completed') return job.total;
  return ((job.results ?? []) as BulkResult[]).filter((r) => !r.success).length;
}
