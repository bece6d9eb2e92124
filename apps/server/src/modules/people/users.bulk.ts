import { type UserInput, userInput } from '@frontline/contracts';
import type { JsonObject } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { HttpError } from '../../platform/http/errors.js';
import { iso } from '../../platform/http/iso-time.js';
import { createJobStatuses } from '../../platform/jobs/job-statuses.js';
import type { JobRunner } from '../../platform/jobs/jobs.js';
import { defineQueue } from '../../platform/jobs/queues.js';
import type { PeopleStore, Transact } from './people.store.js';
import type { UsersService } from './users.service.js';

export const CREATE_MANY_USERS = defineQueue('people.create_many_users');

export type UserBulkDeps = {
  store: PeopleStore;
  transaction: Transact;
  clock: Clock;
  jobs: JobRunner;
  users: UsersService;
};

/** What a failed item says: the first reason a 403 or 422 gave. */
function failure(error: HttpError, index: number): JsonObject {
  const body = error.body as {
    error?: string;
    description?: string;
    details?: Record<string, { description: string }[]>;
  };
  const details = body.details
    ? Object.values(body.details)
        .flat()
        .map((d) => d.description)
        .join('; ')
    : body.description;
  return { index, status: 'Failed', error: body.error ?? 'Failed', details: details ?? '' };
}

/**
 * POST /users/create_many: answers a job status at once; a job creates the users one
 * by one, each in a transaction with its result, so a re-run after a crash skips what
 * is done and never creates anyone twice.
 */
export function createUserBulk({ store, transaction, clock, jobs, users }: UserBulkDeps) {
  const statuses = createJobStatuses(store.db, clock);

  async function actorFor(id: number): Promise<Actor | null> {
    const user = await store.users.findById(id);
    if (!user?.active || user.suspended) return null;
    return { user, groupIds: await store.users.groupIdsOf(id), method: 'api_token' };
  }

  jobs.register(CREATE_MANY_USERS, async (payload) => {
    const statusId = String(payload.job_status_id);
    const status = await statuses.find(statusId);
    if (!status || (status.status !== 'queued' && status.status !== 'working')) return;
    const items = Array.isArray(payload.users) ? (payload.users as unknown[]) : [];
    const results = [...status.results];
    const done = new Set(results.map((r) => r.index));
    await statuses.progress(statusId, { status: 'working' });
    const actor = await actorFor(Number(payload.actor_id));
    if (!actor) {
      await statuses.progress(statusId, {
        status: 'failed',
        message: 'The user who started this job can no longer act',
      });
      return;
    }
    for (const [index, item] of items.entries()) {
      if (done.has(index)) continue;
      const input = userInput.safeParse(item);
      try {
        if (!input.success)
          throw new HttpError(422, { error: 'RecordInvalid', description: input.error.message });
        const result = await transaction(async (s) => {
          const user = await users.createIn(s, actor, input.data);
          const created = { id: user.id, index, status: 'Created', email: user.email };
          await createJobStatuses(s.db, clock).progress(statusId, {
            progress: results.length + 1,
            results: [...results, created],
          });
          return created;
        });
        results.push(result);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        results.push(failure(error, index));
        await statuses.progress(statusId, { progress: results.length, results });
      }
    }
    await statuses.progress(statusId, {
      status: 'completed',
      progress: results.length,
      message: `Completed at ${iso(clock.now())}`,
      results,
    });
  });

  return {
    /** Starts the job; returns the job status row to answer with. */
    async start(actor: Actor, inputs: UserInput[]) {
      const id = await statuses.start('bulk_create_users', inputs.length, actor.user.id, CREATE_MANY_USERS, {
        actor_id: actor.user.id,
        users: inputs as unknown as JsonObject[],
      });
      return (await statuses.find(id))!;
    },
  };
}

export type UserBulk = ReturnType<typeof createUserBulk>;
