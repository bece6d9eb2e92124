import { type Expression, type ExpressionBuilder, type Selectable, type SqlBool, sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { DB, Ticket } from '../../db/schema.js';
import type {
  StoredConditions,
  StoredExecution,
  StoredRestriction,
  ViewsTable,
} from '../../db/tables/realtime.js';
import type { Cursor } from '../../platform/http/pagination.js';

export type View = Selectable<ViewsTable>;

/** The SQL a view runs: its conditions already combined with the caller's ticket scope. */
export type TicketWhere = (eb: ExpressionBuilder<DB, 'tickets'>) => Expression<SqlBool>;

export type ViewSort = {
  column: 'updated_at' | 'created_at' | 'id' | 'priority' | 'status';
  direction: 'asc' | 'desc';
};

/** Counts stop here: a queue of more than this shows "10,000+" rather than scanning everything. */
export const COUNT_CAP = 10_000;

const PRIORITY_RANK = sql<number>`(case tickets.priority when 'urgent' then 4 when 'high' then 3 when 'normal' then 2 when 'low' then 1 else 0 end)`;
const STATUS_RANK = sql<number>`array_position(array['new','open','pending','hold','solved','closed']::text[], tickets.status)`;

const PRIORITY_VALUES: Record<string, number> = { urgent: 4, high: 3, normal: 2, low: 1 };
const STATUS_VALUES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];

function sortKey(column: ViewSort['column']) {
  if (column === 'priority') return PRIORITY_RANK;
  if (column === 'status') return STATUS_RANK;
  return sql.ref(`tickets.${column}`);
}

/** The cursor of a row under a sort: the sort value and the ID. */
export function cursorOf(ticket: Ticket, column: ViewSort['column']): Cursor {
  if (column === 'priority') return { v: PRIORITY_VALUES[ticket.priority ?? ''] ?? 0, id: ticket.id };
  if (column === 'status') return { v: STATUS_VALUES.indexOf(ticket.status) + 1, id: ticket.id };
  if (column === 'id') return { v: ticket.id, id: ticket.id };
  return { v: ticket[column].toISOString(), id: ticket.id };
}

export function createViewsRepository(db: Executor) {
  const tickets = (where: TicketWhere) =>
    db.selectFrom('tickets').where('tickets.deleted_at', 'is', null).where(where);

  return {
    list() {
      return db
        .selectFrom('views')
        .selectAll()
        .where('deleted_at', 'is', null)
        .orderBy('position')
        .orderBy('id')
        .execute();
    },

    findById(id: number) {
      return db
        .selectFrom('views')
        .selectAll()
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
    },

    insert(view: {
      title: string;
      description: string | null;
      active: boolean;
      position: number;
      conditions: StoredConditions;
      execution: StoredExecution;
      restriction: StoredRestriction;
      created_by: number;
      created_at: Date;
      updated_at: Date;
    }) {
      return db
        .insertInto('views')
        .values({
          ...view,
          conditions: JSON.stringify(view.conditions),
          execution: JSON.stringify(view.execution),
          restriction: JSON.stringify(view.restriction),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    update(
      id: number,
      changes: Partial<{
        title: string;
        description: string | null;
        active: boolean;
        position: number;
        conditions: StoredConditions;
        execution: StoredExecution;
        restriction: StoredRestriction;
      }> & { updated_at: Date },
    ) {
      const { conditions, execution, restriction, ...plain } = changes;
      return db
        .updateTable('views')
        .set({
          ...plain,
          ...(conditions ? { conditions: JSON.stringify(conditions) } : {}),
          ...(execution ? { execution: JSON.stringify(execution) } : {}),
          ...(restriction !== undefined ? { restriction: JSON.stringify(restriction) } : {}),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    softDelete(id: number, now: Date) {
      return db.updateTable('views').set({ deleted_at: now, updated_at: now }).where('id', '=', id).execute();
    },

    /** How many tickets match, stopping at COUNT_CAP + 1 so a huge queue stays cheap. */
    async countTickets(where: TicketWhere, cap = COUNT_CAP) {
      const row = await db
        .selectFrom(
          tickets(where)
            .select(sql.lit(1).as('one'))
            .limit(cap + 1)
            .as('matched'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    listOffset(where: TicketWhere, sort: ViewSort, page: number, perPage: number) {
      return tickets(where)
        .selectAll('tickets')
        .orderBy(sortKey(sort.column), sort.direction)
        .orderBy('tickets.id', sort.direction)
        .limit(perPage)
        .offset((page - 1) * perPage)
        .execute();
    },

    /** Keyset page after (or before) a cursor, one extra row to tell whether more exist. */
    async listCursor(
      where: TicketWhere,
      sort: ViewSort,
      size: number,
      cursor: { after: Cursor | null; before: Cursor | null },
    ) {
      const backward = cursor.before !== null;
      const direction = backward ? (sort.direction === 'asc' ? 'desc' : 'asc') : sort.direction;
      const at = cursor.before ?? cursor.after;
      const key = sortKey(sort.column);
      let q = tickets(where).selectAll('tickets');
      if (at) {
        const op = sql.raw(direction === 'asc' ? '>' : '<');
        const value =
          sort.column === 'created_at' || sort.column === 'updated_at'
            ? new Date(String(at.v))
            : Number(at.v);
        q = q.where(sql<boolean>`(${key}, tickets.id) ${op} (${value}, ${at.id})`);
      }
      const rows = await q
        .orderBy(key, direction)
        .orderBy('tickets.id', direction)
        .limit(size + 1)
        .execute();
      const hasMore = rows.length > size;
      const page = rows.slice(0, size);
      if (backward) page.reverse();
      return { rows: page, hasMore, backward };
    },
  };
}

export type ViewsRepository = ReturnType<typeof createViewsRepository>;
