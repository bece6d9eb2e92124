import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../../db/executor.js';
import type { MailboxesTable, MailboxImapSourcesTable } from '../../../db/tables/email.js';

export function createMailboxesRepository(db: Executor) {
  const live = () => db.selectFrom('mailboxes').where('deleted_at', 'is', null);
  const liveSources = () => db.selectFrom('mailbox_imap_sources').where('deleted_at', 'is', null);
  return {
    list() {
      return live().selectAll().orderBy('id').execute();
    },
    findById(id: number) {
      return live().selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** The mailbox for an address without its `+tag`. */
    findByAddress(address: string) {
      return live().selectAll().where(sql`lower(address)`, '=', address.toLowerCase()).executeTakeFirst();
    },
    insert(mailbox: Insertable<MailboxesTable>) {
      return db
        .insertInto('mailboxes')
        .values(mailbox)
        .onConflict((oc) => oc.expression(sql`lower(address)`).where('deleted_at', 'is', null).doNothing())
        .returningAll()
        .executeTakeFirst();
    },
    update(id: number, changes: Updateable<MailboxesTable>) {
      return db
        .updateTable('mailboxes')
        .set(changes)
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
    },
    /** Only one mailbox is the default. */
    clearDefault(exceptId: number) {
      return db.updateTable('mailboxes').set({ is_default: false }).where('id', '<>', exceptId).execute();
    },
    async softDelete(id: number, now: Date) {
      await db
        .updateTable('mailbox_imap_sources')
        .set({ deleted_at: now, active: false })
        .where('mailbox_id', '=', id)
        .execute();
      await db
        .updateTable('mailboxes')
        .set({ deleted_at: now, active: false })
        .where('id', '=', id)
        .execute();
    },

    sourcesOf(mailboxIds: number[]) {
      if (mailboxIds.length === 0) return Promise.resolve([]);
      return liveSources().selectAll().where('mailbox_id', 'in', mailboxIds).orderBy('id').execute();
    },
    findSource(mailboxId: number, id: number) {
      return liveSources()
        .selectAll()
        .where('mailbox_id', '=', mailboxId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    /** Sources to poll: active, of an active mailbox. */
    activeSources() {
      return db
        .selectFrom('mailbox_imap_sources')
        .innerJoin('mailboxes', 'mailboxes.id', 'mailbox_imap_sources.mailbox_id')
        .selectAll('mailbox_imap_sources')
        .where('mailbox_imap_sources.deleted_at', 'is', null)
        .where('mailbox_imap_sources.active', '=', true)
        .where('mailboxes.active', '=', true)
        .where('mailboxes.deleted_at', 'is', null)
        .orderBy('mailbox_imap_sources.id')
        .execute();
    },
    insertSource(source: Insertable<MailboxImapSourcesTable>) {
      return db.insertInto('mailbox_imap_sources').values(source).returningAll().executeTakeFirstOrThrow();
    },
    updateSource(id: number, changes: Updateable<MailboxImapSourcesTable>) {
      return db
        .updateTable('mailbox_imap_sources')
        .set(changes)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    recordPoll(id: number, at: Date, error: string | null) {
      return db
        .updateTable('mailbox_imap_sources')
        .set({ last_polled_at: at, last_error: error?.slice(0, 1000) ?? null })
        .where('id', '=', id)
        .execute();
    },
  };
}

export type MailboxesRepository = ReturnType<typeof createMailboxesRepository>;
