import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../../db/executor.js';
import type { InboundMessage, InboundMessagesTable, InboundStatus } from '../../../db/tables/email.js';
import { type PageRequest, pageOf } from '../../../platform/http/pagination.js';
import { jobColumns, wakeWorkers } from '../../../platform/jobs/jobs.js';

const REVIEW: InboundStatus[] = ['failed', 'suspended'];

/** Bytes as PostgreSQL returns them (node-postgres: Buffer; PGlite: Uint8Array). */
export function bytesOf(raw: Uint8Array) {
  return Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
}

/** Who sent a message and what it is about, filled in when it is processed. */
export type SenderSummary = {
  from_address: string | null;
  from_name: string | null;
  subject: string;
  preview: string;
};

export function createInboundRepository(db: Executor) {
  const withoutRaw = () =>
    db
      .selectFrom('inbound_messages')
      .select([
        'id',
        'mailbox_id',
        'source',
        'source_ref',
        'dedupe_key',
        'message_id',
        'envelope_from',
        'envelope_to',
        'storage_key',
        'size',
        'content_sha256',
        'reuses_message_of',
        'status',
        'cause',
        'reason',
        'from_address',
        'from_name',
        'subject',
        'preview',
        'ticket_id',
        'comment_id',
        'received_at',
        'processed_at',
        'updated_at',
      ]);

  return {
    /** Stores a message unless one with the same dedupe key exists; returns the new row's ID or undefined. */
    async insertIfNew(message: Insertable<InboundMessagesTable>) {
      const row = await db
        .insertInto('inbound_messages')
        .values(message)
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },
    /**
     * Stores a message with its processing job (payload `{id}`, deduplicated by the
     * message's ID) and wakes the workers, in one statement: atomic like a transaction,
     * one round trip instead of five. Returns the new row's ID, or undefined when a
     * message with the same dedupe key exists (and then adds no job).
     *
     *   with stored as (insert into inbound_messages … on conflict (dedupe_key) do nothing returning id),
     *        queued as (insert into jobs (…) select $queue, jsonb_build_object('id', id), id::text, … from stored)
     *   select id, pg_notify('frontline_jobs', $queue) from stored
     */
    async insertWithJob(
      message: Insertable<InboundMessagesTable>,
      job: { queue: string; orderKey: string; maxAttempts: number },
    ) {
      const columns = jobColumns(job.queue, job);
      const row = await db
        .with('stored', (q) =>
          q
            .insertInto('inbound_messages')
            .values(message)
            .onConflict((oc) => oc.column('dedupe_key').doNothing())
            .returning('id'),
        )
        .with('queued', (q) =>
          q
            .insertInto('jobs')
            .columns(['queue', 'payload', 'dedupe_key', 'order_key', 'run_at', 'max_attempts'])
            .expression((eb) =>
              eb
                .selectFrom('stored')
                .select([
                  sql<string>`${columns.queue}::text`.as('queue'),
                  sql<string>`jsonb_build_object('id', stored.id)`.as('payload'),
                  sql<string>`stored.id::text`.as('dedupe_key'),
                  sql<string | null>`${columns.order_key}::text`.as('order_key'),
                  sql<Date>`${columns.run_at}::timestamptz`.as('run_at'),
                  sql<number>`${columns.max_attempts}::int`.as('max_attempts'),
                ]),
            ),
        )
        .selectFrom('stored')
        .select(['stored.id', wakeWorkers(job.queue).as('woke')])
        .executeTakeFirst();
      return row?.id;
    },
    async idOfDedupeKey(key: string) {
      const row = await db
        .selectFrom('inbound_messages')
        .select(['id', 'status', 'content_sha256'])
        .where('dedupe_key', '=', key)
        .executeTakeFirst();
      return row;
    },
    async findById(id: number): Promise<InboundMessage | undefined> {
      const row = await db.selectFrom('inbound_messages').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? { ...row, raw: bytesOf(row.raw) } : undefined;
    },
    summary(id: number) {
      return withoutRaw().where('id', '=', id).executeTakeFirst();
    },
    /** Failed and suspended messages for review, a page at a time (oldest first). */
    pageForReview(page: PageRequest) {
      return pageOf(withoutRaw().where('status', 'in', REVIEW), { id: 'id' }, page);
    },
    finish(
      id: number,
      outcome: Partial<SenderSummary> & {
        status: InboundStatus;
        cause?: string | null;
        reason?: string | null;
        ticket_id?: number | null;
        comment_id?: number | null;
      },
      now: Date,
    ) {
      return db
        .updateTable('inbound_messages')
        .set({
          ...(outcome.from_address !== undefined ? { from_address: outcome.from_address } : {}),
          ...(outcome.from_name !== undefined ? { from_name: outcome.from_name } : {}),
          ...(outcome.subject !== undefined ? { subject: outcome.subject } : {}),
          ...(outcome.preview !== undefined ? { preview: outcome.preview } : {}),
          status: outcome.status,
          cause: outcome.cause ?? null,
          reason: outcome.reason?.slice(0, 2000) ?? null,
          ticket_id: outcome.ticket_id ?? null,
          comment_id: outcome.comment_id ?? null,
          processed_at: outcome.status === 'processed' ? now : null,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },
    /** Puts a failed or suspended message back in line; false when it was not in review. */
    async reopen(id: number, now: Date) {
      const result = await db
        .updateTable('inbound_messages')
        .set({ status: 'received', updated_at: now })
        .where('id', '=', id)
        .where('status', 'in', REVIEW)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    /** How many messages this sender sent since `since` (other than `exceptId`). */
    async countFromSince(address: string, since: Date, exceptId: number) {
      const row = await db
        .selectFrom('inbound_messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(sql`lower(from_address)`, '=', address.toLowerCase())
        .where('from_address', 'is not', null)
        .where('received_at', '>=', since)
        .where('id', '<>', exceptId)
        .where('status', '<>', 'rejected')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    /**
     * The ticket each known Message-ID belongs to: mail we received and mail we sent, in
     * one statement served by the Message-ID index of each table. Callers pass a bounded
     * list (MAIL_LIMITS: the newest References and the In-Reply-To).
     *
     *   select message_id, ticket_id from inbound_messages where message_id = any($ids) and ticket_id is not null
     *   union all select message_id, ticket_id from email_outbox where message_id = any($ids)
     */
    async ticketsOfMessageIds(ids: string[]): Promise<Map<string, number>> {
      const map = new Map<string, number>();
      if (ids.length === 0) return map;
      const rows = await db
        .selectFrom('inbound_messages')
        .select(['message_id', 'ticket_id'])
        .where('message_id', 'in', ids)
        .where('ticket_id', 'is not', null)
        .unionAll(
          db.selectFrom('email_outbox').select(['message_id', 'ticket_id']).where('message_id', 'in', ids),
        )
        .execute();
      for (const row of rows) if (row.message_id && row.ticket_id) map.set(row.message_id, row.ticket_id);
      return map;
    },
    /** Message-IDs of the mail a ticket received, oldest first (for References on replies). */
    async messageIdsOfTicket(ticketId: number) {
      const rows = await db
        .selectFrom('inbound_messages')
        .select(['message_id', 'id'])
        .where('ticket_id', '=', ticketId)
        .where('message_id', 'is not', null)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ messageId: r.message_id!, inboundId: r.id }));
    },
    /** The comment an inbound message already became (its job ran before and crashed before finishing). */
    commentOfInbound(id: number) {
      return db
        .selectFrom('ticket_comments')
        .select(['id', 'ticket_id'])
        .where(sql`metadata -> 'email' ->> 'inbound_message_id'`, '=', String(id))
        .executeTakeFirst();
    },
    /** Whether the newest mail on a ticket came from a machine (RFC 3834: never answer it automatically). */
    async lastMailSuppressesAutoReply(ticketId: number) {
      const row = await db
        .selectFrom('ticket_comments')
        .select(sql<boolean | null>`(metadata -> 'email' ->> 'suppress_auto_reply')::boolean`.as('suppress'))
        .where('ticket_id', '=', ticketId)
        .where(sql`metadata -> 'email' ->> 'inbound_message_id'`, 'is not', null)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.suppress === true;
    },
    reject(ids: number[], now: Date) {
      if (ids.length === 0) return Promise.resolve();
      return db
        .updateTable('inbound_messages')
        .set({ status: 'rejected', updated_at: now })
        .where('id', 'in', ids)
        .where('status', 'in', REVIEW)
        .execute();
    },
  };
}

export type InboundRepository = ReturnType<typeof createInboundRepository>;
