import type { Executor } from '../../../db/executor.js';
import type { TicketStatus } from '../../../db/schema.js';
import type { CommentSide, TicketHistory } from './ticket-history.js';

/**
 * Reads a ticket's history from the audit trail (events, comments, audits) in three
 * queries. The clocks and metrics are computed from it, never kept as counters, so
 * running a consumer twice or out of order cannot skew them.
 */
export function createTimelineRepository(db: Executor) {
  return {
    async history(ticketId: number, createdAt: Date): Promise<TicketHistory> {
      const [events, comments, audits] = await Promise.all([
        db
          .selectFrom('ticket_events')
          .select(['field_name', 'value', 'created_at'])
          .where('ticket_id', '=', ticketId)
          .where('field_name', 'in', ['status', 'group_id', 'assignee_id'])
          .orderBy('id')
          .execute(),
        db
          .selectFrom('ticket_comments')
          .innerJoin('users', 'users.id', 'ticket_comments.author_id')
          .select([
            'ticket_comments.created_at',
            'ticket_comments.public',
            'users.id as author_id',
            'users.role',
          ])
          .where('ticket_comments.ticket_id', '=', ticketId)
          .orderBy('ticket_comments.id')
          .execute(),
        db
          .selectFrom('ticket_audits')
          .select(['author_id', 'created_at'])
          .where('ticket_id', '=', ticketId)
          .orderBy('id')
          .execute(),
      ]);
      const history: TicketHistory = {
        createdAt,
        statuses: [],
        groups: [],
        assignees: [],
        comments: [],
        updates: audits.map((a) => ({ at: a.created_at, authorId: a.author_id })),
      };
      for (const e of events) {
        if (e.field_name === 'status')
          history.statuses.push({ at: e.created_at, to: e.value as TicketStatus });
        else if (e.field_name === 'group_id')
          history.groups.push({ at: e.created_at, to: (e.value as number) ?? null });
        else history.assignees.push({ at: e.created_at, to: (e.value as number) ?? null });
      }
      for (const c of comments) {
        const side: CommentSide = c.author_id < 0 ? 'system' : c.role === 'end-user' ? 'requester' : 'agent';
        history.comments.push({ at: c.created_at, public: c.public, side });
      }
      return history;
    },

    /** The body of a comment and the via source of the audit that made a change. */
    async changeDetails(auditId: number, commentId: number | null) {
      const [audit, comment] = await Promise.all([
        db.selectFrom('ticket_audits').select(['via_source']).where('id', '=', auditId).executeTakeFirst(),
        commentId
          ? db
              .selectFrom('ticket_comments')
              .select(['body', 'public'])
              .where('id', '=', commentId)
              .executeTakeFirst()
          : Promise.resolve(undefined),
      ]);
      return { viaSource: audit?.via_source ?? {}, comment: comment ?? null };
    },

    /** Users by ID (the requester and the updater of a change). */
    users(ids: number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('users')
        .selectAll()
        .where('id', 'in', [...new Set(ids)])
        .execute();
    },

    /** The latest comment and latest public comment bodies (for `{{ticket.latest_comment}}`). */
    async latestComments(ticketId: number) {
      const rows = await db
        .selectFrom('ticket_comments')
        .select(['body', 'public'])
        .where('ticket_id', '=', ticketId)
        .orderBy('id', 'desc')
        .limit(20)
        .execute();
      return { latest: rows[0]?.body ?? '', latestPublic: rows.find((r) => r.public)?.body ?? '' };
    },
  };
}

export type TimelineRepository = ReturnType<typeof createTimelineRepository>;
