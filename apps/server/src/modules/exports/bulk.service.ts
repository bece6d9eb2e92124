import { type BulkResult, bulkUpdateItem, ticketCreate } from '@frontline/contracts';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { JsonObject } from '../../db/schema.js';
import type { Actor, AuthMethod } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { ForbiddenError, HttpError } from '../../platform/http/errors.js';
import type { JobStatuses } from '../../platform/jobs/job-statuses.js';
import { defineQueue } from '../../platform/jobs/queues.js';
import type { AuthService } from '../auth/index.js';
import type { TicketStore, TicketsService } from '../tickets/index.js';
import { type BulkAction, failed, succeeded } from './bulk-results.js';
import { authorizeBulkTickets } from './exports.policy.js';

export const BULK_TICKETS_QUEUE = defineQueue('exports.bulk_tickets');

/** What a bulk call stores for its job: the validated request and who asked. */
const bulkJob = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('create'), tickets: z.array(ticketCreate) }),
  z.object({ kind: z.literal('update'), tickets: z.array(bulkUpdateItem) }),
  z.object({ kind: z.literal('delete'), ids: z.array(z.number().int()) }),
]);
export type BulkJob = z.infer<typeof bulkJob>;
const jobPayload = z.object({
  job_status_id: z.string(),
  actor_id: z.number().int(),
  actor_method: z.string(),
  job: bulkJob,
});

const JOB_TYPES = {
  create: 'bulk_create_tickets',
  update: 'bulk_update_tickets',
  delete: 'bulk_delete_tickets',
};

export type BulkTicketsDeps = {
  tickets: TicketsService;
  users: TicketStore['users'];
  auth: AuthService;
  statuses: JobStatuses;
  clock: Clock;
  logger: Logger;
};

/**
 * create_many, update_many and destroy_many: the call records a job status and a
 * durable job at once; the job applies each item through the tickets service as the
 * user who asked (reloaded, so a demoted agent loses rights; the system user if the
 * account was deleted) and records a result per item. Re-running a job skips the
 * items it already recorded.
 */
export function createBulkTickets({ tickets, users, auth, statuses, clock, logger }: BulkTicketsDeps) {
  async function jobActor(userId: number, method: string): Promise<Actor | null> {
    const user = await users.findById(userId);
    if (!user) return auth.systemActor();
    if (!user.active || user.suspended) return null;
    const groupIds = user.role === 'end-user' ? [] : await users.groupIdsOf(user.id);
    return { user, groupIds, method: method as AuthMethod };
  }

  async function runItem(actor: Actor | null, job: BulkJob, index: number): Promise<BulkResult> {
    const action: BulkAction = job.kind;
    const id =
      job.kind === 'update' ? job.tickets[index]!.id : job.kind === 'delete' ? job.ids[index] : undefined;
    try {
      if (!actor) throw new ForbiddenError('The user who started this job can no longer change tickets');
      if (job.kind === 'create') {
        const written = await tickets.create(actor, job.tickets[index]!);
        return succeeded(action, index, written.ticket.id);
      }
      if (job.kind === 'update') {
        const { id: ticketId, ...changes } = job.tickets[index]!;
        await tickets.update(actor, ticketId, changes);
        return succeeded(action, index, ticketId);
      }
      await tickets.remove(actor, job.ids[index]!);
      return succeeded(action, index, job.ids[index]!);
    } catch (error) {
      if (!(error instanceof HttpError)) logger.warn({ err: error, index }, 'bulk ticket item failed');
      return failed(action, index, id, error);
    }
  }

  return {
    /** Answers at once with the job status ID; the work runs as a job. */
    start(actor: Actor, job: BulkJob) {
      authorizeBulkTickets(actor);
      const total = job.kind === 'delete' ? job.ids.length : job.tickets.length;
      return statuses.start(JOB_TYPES[job.kind], total, actor.user.id, BULK_TICKETS_QUEUE, {
        actor_id: actor.user.id,
        actor_method: actor.method,
        job,
      } as JsonObject);
    },

    async run(payload: JsonObject) {
      const parsed = jobPayload.safeParse(payload);
      if (!parsed.success) {
        logger.error({ issues: parsed.error.issues }, 'bulk ticket job has a payload it cannot read');
        return;
      }
      const { job_status_id: statusId, actor_id: actorId, actor_method: method, job } = parsed.data;
      const status = await statuses.find(statusId);
      if (!status || status.status === 'completed' || status.status === 'failed') return;
      const results = status.results as BulkResult[];
      const done = new Set(results.map((r) => r.index));
      await statuses.progress(statusId, { status: 'working', progress: results.length });
      const actor = await jobActor(actorId, method);
      const total = job.kind === 'delete' ? job.ids.length : job.tickets.length;
      for (let index = 0; index < total; index++) {
        if (done.has(index)) continue;
        results.push(await runItem(actor, job, index));
        await statuses.progress(statusId, { progress: results.length, results });
      }
      results.sort((a, b) => a.index - b.index);
      await statuses.progress(statusId, {
        status: 'completed',
        progress: results.length,
        results,
        message: `Completed at ${clock.now().toISOString()}`,
      });
    },
  };
}

export type BulkTickets = ReturnType<typeof createBulkTickets>;
