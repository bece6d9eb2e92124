import { sql } from 'kysely';
import type { Executor } from '../../../db/executor.js';
import type { PolicyMetric, RuleConditions, SlaStage } from '../../../db/tables/workflow.js';

export type PolicyValues = {
  title: string;
  description: string;
  position: number;
  filter: RuleConditions;
  policy_metrics: PolicyMetric[];
  schedule_id: number | null;
  warning_minutes: number;
};

export type TargetValues = {
  metric: string;
  instance: number;
  policy_id: number;
  target_minutes: number;
  business_hours: boolean;
  stage: SlaStage;
  started_at: Date;
  due_at: Date | null;
  warn_at: Date | null;
  fulfilled_at: Date | null;
};

export type TicketSlaColumns = {
  sla_policy_id: number | null;
  sla_first_reply_due_at: Date | null;
  sla_next_reply_due_at: Date | null;
  sla_periodic_update_due_at: Date | null;
  sla_resolution_due_at: Date | null;
  sla_next_breach_at: Date | null;
};

export function createSlaRepository(db: Executor) {
  const serialize = (v: Partial<PolicyValues>) => ({
    ...v,
    ...(v.filter ? { filter: JSON.stringify(v.filter) } : {}),
    ...(v.policy_metrics ? { policy_metrics: JSON.stringify(v.policy_metrics) } : {}),
  });
  return {
    policies() {
      return db.selectFrom('sla_policies').selectAll().orderBy('position').orderBy('id').execute();
    },
    policy(id: number) {
      return db.selectFrom('sla_policies').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async nextPosition() {
      const row = await db
        .selectFrom('sla_policies')
        .select((eb) => eb.fn.max('position').as('max'))
        .executeTakeFirst();
      return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
    },
    insertPolicy(values: PolicyValues, now: Date) {
      return db
        .insertInto('sla_policies')
        .values({ ...serialize(values), created_at: now, updated_at: now } as never)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    updatePolicy(id: number, values: Partial<PolicyValues>, now: Date) {
      return db
        .updateTable('sla_policies')
        .set({ ...serialize(values), updated_at: now } as never)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },
    async removePolicy(id: number) {
      const result = await db.deleteFrom('sla_policies').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async setPositions(ids: number[], now: Date) {
      for (const [position, id] of ids.entries()) {
        await db
          .updateTable('sla_policies')
          .set({ position, updated_at: now })
          .where('id', '=', id)
          .execute();
      }
    },

    targets(ticketId: number) {
      return db
        .selectFrom('sla_targets')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('metric')
        .orderBy('instance')
        .execute();
    },
    /** Every target of these tickets, for `?include=slas`. */
    targetsOfTickets(ticketIds: number[]) {
      if (ticketIds.length === 0) return Promise.resolve([]);
      return db.selectFrom('sla_targets').selectAll().where('ticket_id', 'in', ticketIds).execute();
    },
    target(id: number) {
      return db.selectFrom('sla_targets').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** Inserts or updates a target; never clears when it was warned or breached. */
    upsertTarget(ticketId: number, t: TargetValues, now: Date) {
      return db
        .insertInto('sla_targets')
        .values({ ticket_id: ticketId, ...t, updated_at: now })
        .onConflict((oc) =>
          oc.columns(['ticket_id', 'metric', 'instance']).doUpdateSet({
            policy_id: t.policy_id,
            target_minutes: t.target_minutes,
            business_hours: t.business_hours,
            stage: t.stage,
            started_at: t.started_at,
            due_at: t.due_at,
            warn_at: t.warn_at,
            fulfilled_at: t.fulfilled_at,
            updated_at: now,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    cancelTargets(ticketId: number, keepIds: number[], now: Date) {
      let q = db
        .updateTable('sla_targets')
        .set({ stage: 'cancelled', due_at: null, warn_at: null, updated_at: now })
        .where('ticket_id', '=', ticketId)
        .where('stage', 'in', ['active', 'paused']);
      if (keepIds.length) q = q.where('id', 'not in', keepIds);
      return q.execute();
    },
    /**
     * Records a warning or breach once: marks the target (if not yet marked) and writes
     * the event in one statement pair under the unique (target, kind) key.
     */
    async record(targetId: number, kind: 'warning' | 'breach', now: Date): Promise<boolean> {
      const column = kind === 'breach' ? 'breached_at' : 'warned_at';
      return db.transaction().execute(async (trx) => {
        const marked = await trx
          .updateTable('sla_targets')
          .set({ [column]: now })
          .where('id', '=', targetId)
          .where(column, 'is', null)
          .returning(['id', 'ticket_id', 'metric', 'due_at'])
          .executeTakeFirst();
        if (!marked?.due_at) return false;
        const inserted = await trx
          .insertInto('sla_events')
          .values({
            target_id: marked.id,
            ticket_id: marked.ticket_id,
            metric: marked.metric,
            kind,
            due_at: marked.due_at,
            created_at: now,
          })
          .onConflict((oc) => oc.columns(['target_id', 'kind']).doNothing())
          .returning('id')
          .executeTakeFirst();
        return inserted !== undefined;
      });
    },
    events(ticketId: number) {
      return db
        .selectFrom('sla_events')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('id')
        .execute();
    },
    /** Due rows for the sweep: active targets past their due (breach) or warning time. */
    dueBreaches(now: Date) {
      return db
        .selectFrom('sla_targets')
        .select([sql<string>`id::text`.as('key'), sql<Date>`due_at`.as('due_at')])
        .where('stage', '=', 'active')
        .where('breached_at', 'is', null)
        .where('due_at', '<=', now);
    },
    dueWarnings(now: Date) {
      return db
        .selectFrom('sla_targets')
        .select([sql<string>`id::text`.as('key'), sql<Date>`warn_at`.as('due_at')])
        .where('stage', '=', 'active')
        .where('warned_at', 'is', null)
        .where('breached_at', 'is', null)
        .where('warn_at', '<=', now);
    },
  };
}

export type SlaRepository = ReturnType<typeof createSlaRepository>;
