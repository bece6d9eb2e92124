import { sql } from 'kysely';
import type { Executor } from '../../../db/executor.js';
import type { EscalationKind } from '../../../db/tables/workflow.js';

export type EscalationValues = {
  ticket_id: number;
  kind: EscalationKind;
  from_group_id: number | null;
  to_group_id: number | null;
  from_tier: number | null;
  to_tier: number | null;
  reason: string;
  actor_id: number;
  due_at: Date | null;
};

export function createEscalationRepository(db: Executor) {
  return {
    /** Claims an automatic escalation for its due time; undefined when one was claimed already. */
    claim(values: EscalationValues, now: Date) {
      return db
        .insertInto('escalations')
        .values({ ...values, created_at: now })
        .onConflict((oc) => oc.columns(['ticket_id', 'kind', 'due_at']).doNothing())
        .returningAll()
        .executeTakeFirst();
    },
    claimed(ticketId: number, kind: EscalationKind, dueAt: Date) {
      return db
        .selectFrom('escalations')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .where('kind', '=', kind)
        .where('due_at', '=', dueAt)
        .executeTakeFirst();
    },
    record(values: EscalationValues, now: Date) {
      return db
        .insertInto('escalations')
        .values({ ...values, created_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    remove(id: number) {
      return db.deleteFrom('escalations').where('id', '=', id).execute();
    },
    list(ticketId: number) {
      return db
        .selectFrom('escalations')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('id')
        .execute();
    },
    link(ticketId: number) {
      return db
        .selectFrom('engineering_links')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .executeTakeFirst();
    },
    saveLink(
      ticketId: number,
      values: { url: string; linkedBy: number; tier3GroupId: number | null },
      now: Date,
    ) {
      const row = {
        url: values.url,
        status: 'open' as const,
        linked_by: values.linkedBy,
        tier3_group_id: values.tier3GroupId,
        updated_at: now,
        shipped_at: null,
        verified_at: null,
      };
      return db
        .insertInto('engineering_links')
        .values({ ticket_id: ticketId, ...row, created_at: now })
        .onConflict((oc) => oc.column('ticket_id').doUpdateSet(row))
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    setLinkStatus(ticketId: number, status: 'open' | 'shipped' | 'verified', now: Date) {
      return db
        .updateTable('engineering_links')
        .set({
          status,
          updated_at: now,
          ...(status === 'shipped' ? { shipped_at: now } : {}),
          ...(status === 'verified' ? { verified_at: now } : {}),
        })
        .where('ticket_id', '=', ticketId)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    dueEscalations(now: Date) {
      return db
        .selectFrom('tickets')
        .select([sql<string>`id::text`.as('key'), sql<Date>`escalate_at`.as('due_at')])
        .where('escalate_at', '<=', now)
        .where('deleted_at', 'is', null);
    },
  };
}

export type EscalationRepository = ReturnType<typeof createEscalationRepository>;
