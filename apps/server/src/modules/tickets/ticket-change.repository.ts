import { type OperationNodeSource, type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type {
  JsonObject,
  JsonValue,
  NewTicket,
  Ticket,
  TicketAudit,
  TicketComment,
  TicketEvent,
  TicketUpdate,
} from '../../db/schema.js';
import { insertJobs, wakeWorkers } from '../../platform/jobs/jobs.js';
import {
  type ChangeIds,
  changeNotice,
  changePayload,
  type TicketChange,
  type TicketChangeDraft,
  type TicketEventBus,
} from './ticket-events.js';
import type { FieldChange } from './ticket-rules.js';
import { extrasColumns, splitExtras, type TicketExtras, withSearchTokens } from './tickets.repository.js';

export type NewComment = {
  author_id: number;
  public: boolean;
  body: string;
  html_body: string;
  metadata: JsonObject;
};

/** One change to a ticket, as the tickets service decided it. */
export type ChangeWrite = {
  kind: TicketChange['kind'];
  /** A new ticket's row, or the columns an existing ticket changes (and the search tokens it gains). */
  ticket: { insert: NewTicket } | { id: number; set: TicketUpdate; searchTokens?: string[] };
  actorId: number;
  via: { channel: string; source: JsonObject };
  changes: FieldChange[];
  comment: NewComment | null;
  /** Uploads whose files go on the comment. */
  uploadIds: number[];
  now: Date;
};

export type ChangeWritten = {
  ticket: Ticket;
  audit: TicketAudit;
  comment: TicketComment | null;
  events: TicketEvent[];
  extras: TicketExtras;
};

type EventRow = { type: string; field_name: string | null; value: JsonValue; previous_value: JsonValue };

/** The audit's events as Zendesk shows them: `Create` or `Change` per field, then the `Comment`. */
function eventRows(w: ChangeWrite): EventRow[] {
  const type = w.kind === 'created' ? 'Create' : 'Change';
  const rows: EventRow[] = w.changes.map((c) => ({
    type,
    field_name: c.field,
    value: c.to,
    previous_value: w.kind === 'created' ? null : c.from,
  }));
  // Its value, { comment_id }, is filled in by the statement that inserts the comment.
  if (w.comment) rows.push({ type: 'Comment', field_name: null, value: null, previous_value: null });
  return rows;
}

/** A value as it comes back from a jsonb column. */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null));

type WrittenRow = Ticket & {
  extra_field_ids: number[];
  extra_followup_ids: number[];
  extra_has_incidents: boolean;
  written_audit_id: number;
  written_comment_id: number | null;
  written_event_ids: number[];
};

/**
 * Writes a ticket change in one statement: the ticket row, its audit, the comment and
 * the uploads it takes, the audit's events, one job per consumer of ticket changes and
 * the NOTIFYs, as data-modifying CTEs. One statement is all or nothing by itself, so a
 * new ticket needs no BEGIN/COMMIT; the statement also reads what the ticket's JSON
 * shows beyond its row. Each statement is a round trip, and round trips, not the SQL,
 * bound how many changes a node writes per second (bench/RESULTS.md).
 */
export function createTicketChangeRepository(db: Executor, bus: TicketEventBus) {
  return {
    async write(w: ChangeWrite): Promise<ChangeWritten> {
      const ids: ChangeIds = {
        ticket: 'insert' in w.ticket ? sql`(select id from ticket_row)` : sql`${w.ticket.id}::bigint`,
        audit: sql`(select id from audit_row)`,
        comment: w.comment ? sql`(select id from comment_row)` : null,
      };
      const draft: TicketChangeDraft = {
        kind: w.kind,
        actor_id: w.actorId,
        via: w.via.channel,
        changes: w.changes,
        comment: w.comment ? { public: w.comment.public, author_id: w.comment.author_id } : null,
        at: w.now.toISOString(),
      };
      const via = { via_channel: w.via.channel, via_source: JSON.stringify(w.via.source) };
      const ctes: [string, OperationNodeSource][] = [];

      if ('insert' in w.ticket) {
        ctes.push(['ticket_row', db.insertInto('tickets').values(w.ticket.insert).returningAll()]);
      } else {
        const { id, set, searchTokens } = w.ticket;
        const tokens = searchTokens?.length ? { search_tokens: withSearchTokens(searchTokens) } : {};
        ctes.push([
          'ticket_row',
          db
            .updateTable('tickets')
            .set({ ...set, ...tokens })
            .where('id', '=', id)
            .returningAll(),
        ]);
      }
      ctes.push([
        'audit_row',
        db
          .insertInto('ticket_audits')
          .values({ ticket_id: ids.ticket, author_id: w.actorId, ...via, metadata: '{}', created_at: w.now })
          .returning('id'),
      ]);
      if (w.comment && ids.comment) {
        ctes.push([
          'comment_row',
          db
            .insertInto('ticket_comments')
            .values({
              ticket_id: ids.ticket,
              audit_id: ids.audit,
              ...w.comment,
              ...via,
              metadata: JSON.stringify(w.comment.metadata),
              created_at: w.now,
            })
            .returning('id'),
        ]);
        if (w.uploadIds.length > 0) {
          ctes.push([
            'attached',
            db
              .updateTable('attachments')
              .set({ comment_id: ids.comment, ticket_id: ids.ticket })
              .where('upload_id', 'in', w.uploadIds)
              .where('comment_id', 'is', null),
          ]);
        }
      }
      const events = eventRows(w);
      if (events.length > 0) {
        ctes.push([
          'event_rows',
          db
            .insertInto('ticket_events')
            .values(
              events.map((e) => ({
                audit_id: ids.audit,
                ticket_id: ids.ticket,
                type: e.type,
                field_name: e.field_name,
                value:
                  e.type === 'Comment' && ids.comment
                    ? sql<string>`jsonb_build_object('comment_id', ${ids.comment})`
                    : JSON.stringify(e.value),
                previous_value: JSON.stringify(e.previous_value),
                created_at: w.now,
              })),
            )
            .returning('id'),
        ]);
      }
      // The change is computed once; each consumer's job reads it.
      const jobs = bus.jobsFor(sql`(select payload from change_payload)`, ids);
      if (jobs.length > 0) {
        ctes.push(['change_payload', db.selectNoFrom(changePayload(draft, ids).as('payload'))]);
        ctes.push(['queued', insertJobs(db, jobs)]);
      }
      // NOTIFY is delivered on commit, so listeners never hear of a change that rolled back.
      const notices: RawBuilder<unknown>[] = [changeNotice(draft, ids)];
      if (jobs[0]) notices.push(wakeWorkers(jobs[0].queue));
      ctes.push([
        'notified',
        sql`select ${sql.join(notices.map((n, i) => sql`${n} as ${sql.id(`n${i}`)}`))}`,
      ]);

      const { rows } =
        await sql<WrittenRow>`with ${sql.join(ctes.map(([name, query]) => sql`${sql.id(name)} as (${query})`))}
        select ticket_row.*,
          (select id from audit_row) as written_audit_id,
          ${ids.comment ?? sql`null::bigint`} as written_comment_id,
          ${events.length > 0 ? sql`array(select id from event_rows order by id)` : sql`'{}'::bigint[]`} as written_event_ids,
          ${sql.join(extrasColumns('ticket_row'))}
        from ticket_row, notified`.execute(db);
      const row = rows[0];
      if (!row) throw new Error(`ticket ${'id' in w.ticket ? w.ticket.id : '(new)'} was not written`);
      const {
        written_audit_id: auditId,
        written_comment_id: commentId,
        written_event_ids: eventIds,
        ...rest
      } = row;
      const { ticket, extras } = splitExtras(rest);
      const base = { ticket_id: ticket.id, created_at: w.now };
      const audit: TicketAudit = {
        ...base,
        id: auditId,
        author_id: w.actorId,
        via_channel: w.via.channel,
        via_source: asJson(w.via.source),
        metadata: {},
      };
      const comment: TicketComment | null =
        w.comment && commentId !== null
          ? {
              ...base,
              ...w.comment,
              id: commentId,
              audit_id: auditId,
              via_channel: w.via.channel,
              via_source: asJson(w.via.source),
              metadata: asJson(w.comment.metadata),
            }
          : null;
      const written: TicketEvent[] = events.map((e, i) => ({
        ...base,
        // IDs are handed out in the order the rows are inserted.
        id: eventIds[i]!,
        audit_id: auditId,
        type: e.type,
        field_name: e.field_name,
        value: e.type === 'Comment' ? { comment_id: commentId } : asJson(e.value),
        previous_value: asJson(e.previous_value),
      }));
      return { ticket: ticket as Ticket, audit, comment, events: written, extras };
    },
  };
}

export type TicketChangeRepository = ReturnType<typeof createTicketChangeRepository>;
