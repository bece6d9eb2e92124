import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Level } from '../../../db/tables/workflow.js';
import type { ActionRequestStatus } from '../../../db/tables/workflow-rules.js';

export type ActionValues = {
  name: string;
  description: string;
  unit: string;
  limits: Partial<Record<Level, number>>;
  webhook_id: number | null;
  active: boolean;
};

export function createApprovalsRepository(db: Kysely<DB>) {
  const requests = () =>
    db
      .selectFrom('empowered_action_requests as r')
      .innerJoin('empowered_actions as a', 'a.id', 'r.action_id')
      .selectAll('r')
      .select(['a.name as action_name', 'a.unit']);
  return {
    actions() {
      return db.selectFrom('empowered_actions').selectAll().orderBy('name').orderBy('id').execute();
    },
    action(id: number) {
      return db.selectFrom('empowered_actions').selectAll().where('id', '=', id).executeTakeFirst();
    },
    insertAction(v: ActionValues, now: Date) {
      return db
        .insertInto('empowered_actions')
        .values({ ...v, limits: JSON.stringify(v.limits), created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    updateAction(id: number, v: Partial<ActionValues>, now: Date) {
      const { limits, ...rest } = v;
      return db
        .updateTable('empowered_actions')
        .set({ ...rest, ...(limits ? { limits: JSON.stringify(limits) } : {}), updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },
    insertRequest(
      v: {
        actionId: number;
        ticketId: number;
        agentId: number;
        amount: number;
        note: string;
        status: ActionRequestStatus;
      },
      now: Date,
    ) {
      return db
        .insertInto('empowered_action_requests')
        .values({
          action_id: v.actionId,
          ticket_id: v.ticketId,
          agent_id: v.agentId,
          amount: v.amount,
          note: v.note,
          status: v.status,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    },
    request(id: number) {
      return requests().where('r.id', '=', id).executeTakeFirst();
    },
    list(filter: {
      status?: ActionRequestStatus | undefined;
      agentId?: number | undefined;
      ticketId?: number | undefined;
    }) {
      let q = requests().orderBy('r.id', 'desc').limit(200);
      if (filter.status) q = q.where('r.status', '=', filter.status);
      if (filter.agentId !== undefined) q = q.where('r.agent_id', '=', filter.agentId);
      if (filter.ticketId !== undefined) q = q.where('r.ticket_id', '=', filter.ticketId);
      return q.execute();
    },
    /** Decides a pending request once: only the first of two approvers wins. */
    decide(id: number, v: { status: 'approved' | 'rejected'; approverId: number; note: string }, now: Date) {
      return db
        .updateTable('empowered_action_requests')
        .set({
          status: v.status,
          approver_id: v.approverId,
          decision_note: v.note,
          decided_at: now,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('status', '=', 'pending_approval')
        .returning('id')
        .executeTakeFirst();
    },
    approvers() {
      return db
        .selectFrom('users')
        .select(['id', 'role', 'agent_level'])
        .where('id', '>', 0)
        .where('deleted_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb('role', '=', 'admin'),
            eb.and([eb('role', '=', 'agent'), eb('agent_level', '=', 'senior')]),
          ]),
        )
        .execute();
    },
  };
}

export type ApprovalsRepository = ReturnType<typeof createApprovalsRepository>;
