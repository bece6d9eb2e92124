import type { Updateable } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { WorkflowTicketColumns } from '../../db/tables/workflow.js';

/** Any of the ticket columns the workflow owns: routing, tier and escalation, SLA due times, automation timing, the engineering loop. */
export type WorkflowColumns = Updateable<WorkflowTicketColumns>;

/**
 * The one place the workflow writes its own columns on a ticket. They are the workflow's
 * bookkeeping, not the ticket's content, so they change without an audit or event.
 */
export function createTicketColumnsRepository(db: Executor) {
  return {
    set(ticketId: number, columns: WorkflowColumns) {
      return db.updateTable('tickets').set(columns).where('id', '=', ticketId).execute();
    },
  };
}

export type TicketColumnsRepository = ReturnType<typeof createTicketColumnsRepository>;
