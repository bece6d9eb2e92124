import { sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { JsonObject } from '../../db/schema.js';
import { enqueueMany, type JobRunner } from '../../platform/jobs/jobs.js';
import type { FieldChange } from './ticket-rules.js';

/** What happened to a ticket in one audit, as every consumer (SLA, triggers, realtime, reports) reads it. */
export type TicketChange = {
  kind: 'created' | 'updated' | 'deleted';
  ticket_id: number;
  audit_id: number;
  actor_id: number;
  via: string;
  changes: FieldChange[];
  comment: { id: number; public: boolean; author_id: number } | null;
  at: string;
};

export type TicketChangeHandler = (change: TicketChange) => Promise<void>;

/** Realtime listeners hear this channel (PostgreSQL NOTIFY, delivered on commit to every node). */
export const TICKET_CHANNEL = 'frontline_tickets';

/**
 * Fan-out of ticket changes. A consumer subscribes by name at boot; each change is
 * written as one job per consumer in the transaction that made the change, so a
 * consumer sees every change exactly once in effect, even across crashes.
 */
export function createTicketEventBus(jobs: Pick<JobRunner, 'register'>) {
  const consumers: string[] = [];
  return {
    subscribe(name: string, handler: TicketChangeHandler) {
      if (consumers.includes(name)) throw new Error(`ticket event consumer ${name} subscribed twice`);
      consumers.push(name);
      jobs.register(`ticket-change:${name}`, (payload) => handler(payload as unknown as TicketChange));
    },
    async publish(db: Executor, change: TicketChange) {
      await enqueueMany(
        db,
        consumers.map((name) => ({
          queue: `ticket-change:${name}`,
          payload: change as unknown as JsonObject,
          // One job per consumer per change; each consumer sees one ticket's changes in order.
          options: { dedupeKey: String(change.audit_id), orderKey: `${name}:${change.ticket_id}` },
        })),
      );
      const note = {
        kind: change.kind,
        ticket_id: change.ticket_id,
        audit_id: change.audit_id,
        actor_id: change.actor_id,
      };
      await sql`select pg_notify(${TICKET_CHANNEL}, ${JSON.stringify(note)})`.execute(db);
    },
  };
}

export type TicketEventBus = ReturnType<typeof createTicketEventBus>;
