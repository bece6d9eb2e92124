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
