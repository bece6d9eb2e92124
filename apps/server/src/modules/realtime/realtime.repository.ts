import { sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { TicketAudienceRow } from './ticket-audience.js';

/** Presence signals travel between nodes on this PostgreSQL NOTIFY channel. */
export const PRESENCE_CHANNEL = 'frontline_presence';

export function createRealtimeRepository(db: Executor) {
  return {
    /** Who may hear of a ticket (deleted ones too: their watchers learn they are gone). */
    audienceOf(ticketId: number): Promise<TicketAudienceRow | undefined> {
      return db
        .selectFrom('tickets')
        .select(['id', 'requester_id', 'collaborator_ids', 'organization_id', 'assignee_id', 'group_id'])
        .where('id', '=', ticketId)
        .executeTakeFirst();
    },

    async notifyPresence(payload: string) {
      await sql`select pg_notify(${PRESENCE_CHANNEL}, ${payload})`.execute(db);
    },
  };
}

export type RealtimeRepository = ReturnType<typeof createRealtimeRepository>;
