import { type RawBuilder, sql } from 'kysely';
import type { JsonObject } from '../../db/schema.js';
import type { JobRow, JobRunner } from '../../platform/jobs/jobs.js';
import { defineQueue } from '../../platform/jobs/queues.js';
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

/** A change before the statement that writes it has run: that statement generates its IDs. */
export type TicketChangeDraft = Omit<TicketChange, 'ticket_id' | 'audit_id' | 'comment'> & {
  comment: { public: boolean; author_id: number } | null;
};

/** The IDs a change's statement generates, as SQL over that statement's CTEs. */
export type ChangeIds = {
  ticket: RawBuilder<number>;
  audit: RawBuilder<number>;
  comment: RawBuilder<number> | null;
};

/** Realtime listeners hear this channel (PostgreSQL NOTIFY, delivered on commit to every node). */
export const TICKET_CHANNEL = 'frontline_tickets';

/** The change as its consumers read it (a `TicketChange`), completed with its IDs in SQL. */
export function changePayload(draft: TicketChangeDraft, ids: ChangeIds) {
  const { comment, ...rest } = draft;
  const commentJson =
    comment && ids.comment
      ? sql`jsonb_build_object('id', ${ids.comment}, 'public', ${comment.public}::boolean, 'author_id', ${comment.author_id}::bigint)`
      : sql`'null'::jsonb`;
  return sql<JsonObject>`${JSON.stringify(rest)}::jsonb || jsonb_build_object('ticket_id', ${ids.ticket}, 'audit_id', ${ids.audit}, 'comment', ${commentJson})`;
}

/** Tells realtime listeners on every node about the change (NOTIFY, sent on commit). */
export function changeNotice(draft: Pick<TicketChange, 'kind' | 'actor_id'>, ids: ChangeIds) {
  return sql<void>`pg_notify(${TICKET_CHANNEL}, json_build_object('kind', ${draft.kind}::text, 'ticket_id', ${ids.ticket}, 'audit_id', ${ids.audit}, 'actor_id', ${draft.actor_id}::bigint)::text)`;
}

/**
 * Fan-out of ticket changes. A consumer subscribes by name at boot; each change is
 * written as one job per consumer by the statement that makes the change, so a
 * consumer sees every change exactly once in effect, even across crashes.
 */
export function createTicketEventBus(jobs: Pick<JobRunner, 'register'>) {
  const consumers: string[] = [];
  return {
    subscribe(name: string, handler: TicketChangeHandler) {
      if (consumers.includes(name)) throw new Error(`ticket event consumer ${name} subscribed twice`);
      consumers.push(name);
      jobs.register(defineQueue(`ticket-change:${name}`), (payload) =>
        handler(payload as unknown as TicketChange),
      );
    },
    /** One job per consumer for a change whose payload and IDs are SQL in the writing statement. */
    jobsFor(payload: RawBuilder<JsonObject>, ids: ChangeIds): JobRow[] {
      return consumers.map((name) => ({
        queue: `ticket-change:${name}`,
        payload,
        // One job per consumer per change; each consumer sees one ticket's changes in order.
        options: {
          dedupeKey: sql<string>`${ids.audit}::text`,
          orderKey: sql<string>`${`${name}:`}::text || ${ids.ticket}`,
        },
      }));
    },
  };
}

export type TicketEventBus = ReturnType<typeof createTicketEventBus>;
