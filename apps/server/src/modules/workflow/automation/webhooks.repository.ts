import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { InvocationStatus, WebhookAuthentication } from '../../../db/tables/workflow-rules.js';
import { enqueue } from '../../../platform/jobs/jobs.js';
import { defineQueue } from '../../../platform/jobs/queues.js';

export type WebhookValues = {
  name: string;
  description: string;
  endpoint: string;
  http_method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  request_format: 'json' | 'xml' | 'form_encoded';
  status: 'active' | 'inactive';
  subscriptions: string[];
  authentication: WebhookAuthentication | null;
  custom_headers: Record<string, string>;
  allow_private_network: boolean;
};

export const WEBHOOK_QUEUE = defineQueue('workflow.webhook');
/** Attempts before an invocation is marked failed (the job runner backs off between them). */
export const WEBHOOK_ATTEMPTS = 5;

export function createWebhooksRepository(db: Kysely<DB>) {
  const serialize = (v: Partial<WebhookValues>) => ({
    ...v,
    ...(v.authentication !== undefined ? { authentication: JSON.stringify(v.authentication) } : {}),
    ...(v.custom_headers ? { custom_headers: JSON.stringify(v.custom_headers) } : {}),
  });
  return {
    list() {
      return db.selectFrom('webhooks').selectAll().orderBy('id').execute();
    },
    find(id: number) {
      return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
    },
    findMany(ids: number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('webhooks').selectAll().where('id', 'in', ids).execute();
    },
    insert(values: WebhookValues, createdBy: number, now: Date) {
      return db
        .insertInto('webhooks')
        .values({ ...serialize(values), created_by: createdBy, created_at: now, updated_at: now } as never)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    update(id: number, values: Partial<WebhookValues>, now: Date) {
      return db
        .updateTable('webhooks')
        .set({ ...serialize(values), updated_at: now } as never)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },
    async usedBy(id: number) {
      const rows = await db
        .selectFrom('empowered_actions')
        .select('name')
        .where('webhook_id', '=', id)
        .execute();
      return rows.map((r) => r.name);
    },
    async remove(id: number) {
      const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    /** Records an invocation and enqueues its delivery, once per dedupe key. */
    async invoke(
      v: { webhookId: number; ticketId: number | null; source: string; body: string; dedupeKey: string },
      now: Date,
    ) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('webhook_invocations')
          .values({
            webhook_id: v.webhookId,
            ticket_id: v.ticketId,
            source: v.source,
            body: v.body,
            dedupe_key: v.dedupeKey,
            created_at: now,
            updated_at: now,
          })
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (row) {
          await enqueue(
            trx,
            WEBHOOK_QUEUE,
            { invocation_id: row.id },
            {
              dedupeKey: String(row.id),
              runAt: now,
              maxAttempts: WEBHOOK_ATTEMPTS,
            },
          );
        }
        return row?.id ?? null;
      });
    },
    invocation(id: number) {
      return db.selectFrom('webhook_invocations').selectAll().where('id', '=', id).executeTakeFirst();
    },
    invocations(webhookId: number, status?: InvocationStatus) {
      let q = db
        .selectFrom('webhook_invocations')
        .selectAll()
        .where('webhook_id', '=', webhookId)
        .orderBy('id', 'desc')
        .limit(100);
      if (status) q = q.where('status', '=', status);
      return q.execute();
    },
    setAttempt(
      id: number,
      values: { status: InvocationStatus; attempts: number; code: number | null; error: string | null },
      now: Date,
    ) {
      return db
        .updateTable('webhook_invocations')
        .set({
          status: values.status,
          attempts: values.attempts,
          last_status_code: values.code,
          last_error: values.error,
          updated_at: now,
          ...(values.status === 'succeeded' || values.status === 'failed' ? { completed_at: now } : {}),
        })
        .where('id', '=', id)
        .execute();
    },
  };
}

export type WebhooksRepository = ReturnType<typeof createWebhooksRepository>;
