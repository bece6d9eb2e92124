import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../../db/executor.js';
import type { EmailBouncesTable, EmailOutboxTable, OutboxStatus } from '../../../db/tables/email.js';

export function createOutboxRepository(db: Executor) {
  return {
    /** Inserts unless the comment already has its outbound mail; returns the new row or undefined. */
    insertIfNew(row: Insertable<EmailOutboxTable>) {
      return db
        .insertInto('email_outbox')
        .values(row)
        .onConflict((oc) => oc.column('comment_id').where('comment_id', 'is not', null).doNothing())
        .returningAll()
        .executeTakeFirst();
    },
    /**
     * Inserts automatic mail unless its Message-ID exists (a notification's is fixed by
     * its ID, so a re-run finds the row it wrote); returns the row either way, and
     * whether it is new.
     */
    async insertAutomaticOnce(row: Insertable<EmailOutboxTable>) {
      const inserted = await db
        .insertInto('email_outbox')
        .values(row)
        .onConflict((oc) => oc.column('message_id').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) return { row: inserted, isNew: true };
      const existing = await db
        .selectFrom('email_outbox')
        .selectAll()
        .where('message_id', '=', row.message_id)
        .executeTakeFirstOrThrow();
      return { row: existing, isNew: false };
    },
    /** Automatic mails (Auto-Submitted set) written to `address` since `since`. */
    async automaticTo(address: string, since: Date) {
      const row = await db
        .selectFrom('email_outbox')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('auto_submitted', 'is not', null)
        .where('created_at', '>=', since)
        .where(sql<boolean>`${address.toLowerCase()} = any(to_addresses)`)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    /** The ticket's newest comment that came by mail: its sender and whether it was automatic. */
    async newestInboundMail(ticketId: number) {
      const row = await db
        .selectFrom('ticket_comments')
        .select([
          sql<string | null>`metadata -> 'email' -> 'from' ->> 'address'`.as('from'),
          sql<boolean | null>`(metadata -> 'email' ->> 'suppress_auto_reply')::boolean`.as('automatic'),
          sql<string[] | null>`metadata -> 'email' -> 'automated' -> 'reasons'`.as('reasons'),
        ])
        .where('ticket_id', '=', ticketId)
        .where(sql`metadata -> 'email' ->> 'inbound_message_id'`, 'is not', null)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!row) return null;
      return {
        from: row.from,
        automatic: row.automatic === true,
        reasons: Array.isArray(row.reasons) ? row.reasons.map(String) : [],
      };
    },
    findById(id: number) {
      return db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirst();
    },
    findByMessageId(messageId: string) {
      return db.selectFrom('email_outbox').selectAll().where('message_id', '=', messageId).executeTakeFirst();
    },
    ofTicket(ticketId: number) {
      return db
        .selectFrom('email_outbox')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('id')
        .execute();
    },
    setStatus(
      id: number,
      status: OutboxStatus,
      now: Date,
      extra: { last_error?: string | null; sent_at?: Date; attempt?: boolean } = {},
    ) {
      return db
        .updateTable('email_outbox')
        .set((eb) => ({
          status,
          updated_at: now,
          ...(extra.last_error !== undefined ? { last_error: extra.last_error?.slice(0, 2000) ?? null } : {}),
          ...(extra.sent_at ? { sent_at: extra.sent_at } : {}),
          ...(extra.attempt ? { attempts: eb('attempts', '+', 1) } : {}),
        }))
        .where('id', '=', id)
        .execute();
    },

    /** Records a failed address once per report (a re-run of the report's job adds nothing). */
    insertBounce(bounce: Insertable<EmailBouncesTable>) {
      return db
        .insertInto('email_bounces')
        .values(bounce)
        .onConflict((oc) => oc.columns(['inbound_message_id', 'address']).doNothing())
        .execute();
    },
    /**
     * Addresses among `addresses` with a permanent bounce since `since` that have not
     * written to us since: mail to them would only bounce again.
     */
    async bouncedAddresses(addresses: string[], since: Date) {
      if (addresses.length === 0) return new Set<string>();
      const rows = await db
        .selectFrom('email_bounces as b')
        .select(sql<string>`lower(b.address)`.as('address'))
        .where(
          sql`lower(b.address)`,
          'in',
          addresses.map((a) => a.toLowerCase()),
        )
        .where('b.permanent', '=', true)
        .where('b.created_at', '>=', since)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('inbound_messages as m')
                .select('m.id')
                .whereRef(sql`lower(m.from_address)`, '=', sql`lower(b.address)`)
                .whereRef('m.received_at', '>', 'b.created_at'),
            ),
          ),
        )
        .execute();
      return new Set(rows.map((r) => r.address));
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
