import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { NotificationStatus } from '../../../db/tables/workflow-rules.js';
import type { Clock } from '../../../platform/clock.js';
import { enqueue } from '../../../platform/jobs/jobs.js';
import { defineQueue } from '../../../platform/jobs/queues.js';

/**
 * Notification emails the workflow sends (trigger and automation notifications, swarm
 * invitations, approval requests). Each is a row in `notification_emails`
 * (recipient, subject, body, ticket, source) plus a job on the `notification-email`
 * queue with `{notification_id}`, written together. The email channel consumes that
 * queue: it suppresses what RFC 3834 or the hourly cap forbids, or writes an outbox row
 * and links it here; when the outbox row is sent or fails, the row says so. Its state
 * (queued, sent, failed, suppressed, with the reason) shows at
 * GET /api/v2/frontline/tickets/{id}/notifications. A dedupe key per rule, ticket
 * update and recipient means a re-run never notifies twice.
 */
export const NOTIFICATION_QUEUE = defineQueue('notification-email');

export type NotificationDraft = {
  ticketId: number | null;
  recipientId: number | null;
  recipientEmail: string;
  subject: string;
  body: string;
  /** What sent it: `trigger:12`, `automation:3`, `swarm:7`, `approval:5` … */
  source: string;
  dedupeKey: string;
};

export function createNotifications(db: Kysely<DB>, clock: Clock) {
  return {
    /** Queues each draft once; returns how many were new. */
    async send(drafts: NotificationDraft[]) {
      if (drafts.length === 0) return 0;
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const rows = await trx
          .insertInto('notification_emails')
          .values(
            drafts.map((d) => ({
              ticket_id: d.ticketId,
              recipient_id: d.recipientId,
              recipient_email: d.recipientEmail,
              subject: d.subject.slice(0, 500),
              body: d.body,
              source: d.source,
              dedupe_key: d.dedupeKey,
              created_at: now,
            })),
          )
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .returning('id')
          .execute();
        for (const row of rows) {
          await enqueue(
            trx,
            NOTIFICATION_QUEUE,
            { notification_id: row.id },
            { dedupeKey: String(row.id), runAt: now },
          );
        }
        return rows.length;
      });
    },
    find(id: number) {
      return db.selectFrom('notification_emails').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** Records the consumer's decision on a queued notification: suppressed, failed, or its outbox row. */
    decide(
      id: number,
      outcome:
        | { status: Extract<NotificationStatus, 'suppressed' | 'failed'>; reason: string }
        | { status: 'queued'; outboxId: number },
    ) {
      return db
        .updateTable('notification_emails')
        .set(
          outcome.status === 'queued'
            ? { outbox_id: outcome.outboxId, updated_at: clock.now() }
            : {
                status: outcome.status,
                status_reason: outcome.reason.slice(0, 2000),
                updated_at: clock.now(),
              },
        )
        .where('id', '=', id)
        .where('status', '=', 'queued')
        .execute();
    },
    /** The outbox row carrying a notification was sent, or failed for good. */
    settle(
      outboxId: number,
      outcome: { status: 'sent' } | { status: 'failed' | 'retrying'; reason: string },
    ) {
      const now = clock.now();
      return db
        .updateTable('notification_emails')
        .set(
          outcome.status === 'sent'
            ? { status: 'sent', status_reason: null, sent_at: now, updated_at: now }
            : {
                status: outcome.status === 'failed' ? 'failed' : 'queued',
                status_reason:
                  outcome.status === 'failed'
                    ? outcome.reason.slice(0, 2000)
                    : `retrying: ${outcome.reason}`.slice(0, 2000),
                updated_at: now,
              },
        )
        .where('outbox_id', '=', outboxId)
        .execute();
    },
    forTicket(ticketId: number) {
      return db
        .selectFrom('notification_emails')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('id')
        .execute();
    },
    /** People to notify, by ID, with their addresses (users without one are skipped). */
    recipients(userIds: number[]) {
      if (userIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('users')
        .select(['id', 'name', 'email', 'role'])
        .where('id', 'in', [...new Set(userIds)])
        .where('email', 'is not', null)
        .where('deleted_at', 'is', null)
        .execute();
    },
    groupMembers(groupId: number) {
      return db
        .selectFrom('group_memberships')
        .innerJoin('users', 'users.id', 'group_memberships.user_id')
        .select('users.id')
        .where('group_memberships.group_id', '=', groupId)
        .where('users.deleted_at', 'is', null)
        .execute()
        .then((rows) => rows.map((r) => r.id));
    },
    allAgents() {
      return db
        .selectFrom('users')
        .select('id')
        .where('role', 'in', ['agent', 'admin'])
        .where('id', '>', 0)
        .where('deleted_at', 'is', null)
        .execute()
        .then((rows) => rows.map((r) => r.id));
    },
  };
}

export type Notifications = ReturnType<typeof createNotifications>;
