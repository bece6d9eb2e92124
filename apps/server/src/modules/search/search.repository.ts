import { type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { DB } from '../../db/schema.js';
import type { Cursor } from '../../platform/http/pagination.js';
import { scopeCondition } from '../tickets/index.js';
import {
  all,
  organizationCondition,
  type SearchContext,
  ticketCondition,
  userCondition,
} from './search-conditions.js';
import {
  type Clause,
  PRIORITY_ORDER,
  type ResultType,
  type SearchOrder,
  STATUS_ORDER,
  TICKET_TYPE_ORDER,
} from './search-query.js';

/** One search result before it is loaded: its type and id. */
export type Hit = { result_type: ResultType; id: number };

const TABLE = { ticket: 'tickets', user: 'users', organization: 'organizations' } as const;
type Table = (typeof TABLE)[ResultType];
type Filtered = SelectQueryBuilder<DB, Table, object>;

const RANKS = { priority: PRIORITY_ORDER, status: STATUS_ORDER, ticket_type: TICKET_TYPE_ORDER };
const RANK_COLUMNS = { priority: 'priority', status: 'status', ticket_type: 'type' };

/** What results sort by: a timestamp, or the rank of a ticket's priority, status or type (0 when empty). */
function sortValue(table: Table, by: SearchOrder['by']): RawBuilder<unknown> {
  if (by === 'created' || by === 'updated') return sql.ref(`${table}.${by}_at`);
  return sql`coalesce(array_position(${sql.val([...RANKS[by]])}::text[], ${sql.ref(`tickets.${RANK_COLUMNS[by]}`)}), 0)`;
}

/** The sort value as exact text: timestamps to the microsecond, so a cursor never repeats a row. */
function cursorValue(table: Table, by: SearchOrder['by']) {
  if (by === 'created' || by === 'updated') {
    return sql<string>`to_char(${sortValue(table, by)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  }
  return sql<string>`(${sortValue(table, by)})::text`;
}

export function createSearchRepository(db: Executor) {
  function filtered(type: ResultType, clauses: Clause[], ctx: SearchContext): Filtered {
    switch (type) {
      case 'ticket':
        return db
          .selectFrom('tickets')
          .where('tickets.deleted_at', 'is', null)
          .where((eb) => scopeCondition(eb, ctx.scope))
          .where(all(clauses.map((c) => ticketCondition(c, ctx)))) as unknown as Filtered;
      case 'user':
        return db
          .selectFrom('users')
          .where('users.deleted_at', 'is', null)
          .where('users.id', '>', 0)
          .where(all(clauses.map((c) => userCondition(c)))) as unknown as Filtered;
      case 'organization':
        return db
          .selectFrom('organizations')
          .where('organizations.deleted_at', 'is', null)
          .where(all(clauses.map((c) => organizationCondition(c)))) as unknown as Filtered;
    }
  }

  function matches(type: ResultType, clauses: Clause[], ctx: SearchContext, order: SearchOrder) {
    const table = TABLE[type];
    return filtered(type, clauses, ctx).select([
      sql<ResultType>`${type}::text`.as('result_type'),
      sql<number>`${sql.ref(`${table}.id`)}`.as('id'),
      sql<unknown>`${sortValue(table, order.by)}`.as('sort_value'),
    ]);
  }

  return {
    async count(types: ResultType[], clauses: Clause[], ctx: SearchContext) {
      let total = 0;
      for (const type of types) {
        const row = await filtered(type, clauses, ctx)
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow();
        total += Number(row.n);
      }
      return total;
    },

    /**
     * An offset page over every searched type at once, in one order, with the count of
     * all matches. The matches are gathered first (materialized), so a rare word is
     * found through its index instead of by walking every ticket in date order, and
     * the count costs no second search.
     */
    async page(
      types: ResultType[],
      clauses: Clause[],
      ctx: SearchContext,
      order: SearchOrder,
      offset: number,
      limit: number,
    ) {
      const rows = await this.pageQuery(types, clauses, ctx, order, offset, limit).execute(db);
      const hits = rows.rows.filter((r) => r.id !== null) as Hit[];
      return { hits, count: Number(rows.rows[0]?.total ?? 0) };
    },

    /** The query `page` runs (tests EXPLAIN it to see the indexes it uses). */
    pageQuery(
      types: ResultType[],
      clauses: Clause[],
      ctx: SearchContext,
      order: SearchOrder,
      offset: number,
      limit: number,
    ) {
      const [first, ...rest] = types.map((type) => matches(type, clauses, ctx, order));
      const union = rest.reduce((u, q) => u.unionAll(q), first!);
      const direction = sql.raw(order.direction);
      return sql<{ total: number | string; result_type: ResultType | null; id: number | null }>`
        with matches as materialized (${union})
        select c.total, p.result_type, p.id
        from (select count(*) as total from matches) c
        left join lateral (
          select result_type, id from matches
          order by sort_value ${direction}, result_type, id ${direction}
          limit ${limit} offset ${offset}
        ) p on true`;
    },

    /** A keyset page of one type after a cursor, with one extra row to tell whether more exist. */
    async after(
      type: ResultType,
      clauses: Clause[],
      ctx: SearchContext,
      order: SearchOrder,
      cursor: Cursor | null,
      size: number,
    ) {
      const table = TABLE[type];
      const value = sortValue(table, order.by);
      const id = sql.ref(`${table}.id`);
      let query = matches(type, clauses, ctx, order).select(cursorValue(table, order.by).as('cursor_value'));
      if (cursor) {
        const op = sql.raw(order.direction === 'asc' ? '>' : '<');
        const at =
          order.by === 'created' || order.by === 'updated'
            ? sql`${String(cursor.v)}::timestamptz`
            : sql`${Number(cursor.v)}::int`;
        query = query.where(sql<boolean>`(${value}, ${id}) ${op} (${at}, ${cursor.id})`);
      }
      const rows = (await query
        .orderBy(value, order.direction)
        .orderBy(id, order.direction)
        .limit(size + 1)
        .execute()) as (Hit & { cursor_value: string })[];
      return { hits: rows.slice(0, size), hasMore: rows.length > size };
    },
  };
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;
