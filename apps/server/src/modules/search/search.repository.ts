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

/**
 * Which rows of the results a page shows and how far matches are counted; `knownMany`:
 * the query reached `countLimit` a moment ago (see many-matches.ts), so count no more.
 */
export type PageWindow = { offset: number; limit: number; countLimit: number; knownMany?: boolean };

/** Orders an index serves (for tickets, by update time); the others sort every match. */
const INDEXED_ORDERS = new Set<SearchOrder['by']>(['updated']);

export function createSearchRepository(db: Executor) {
  /** Runs `work` in a transaction (or the one `db` already is), so `set_config(..., true)` ends with it. */
  function inTransaction<T>(work: (trx: Executor) => Promise<T>) {
    return db.isTransaction ? work(db) : db.transaction().execute(work);
  }

  /** `byWord`: when a clause searches the word index, check common values on the rows it finds. */
  function filtered(type: ResultType, clauses: Clause[], ctx: SearchContext, byWord = false): Filtered {
    switch (type) {
      case 'ticket': {
        const onHeap = byWord && clauses.some((c) => c.key === 'text' && !c.negated);
        return db
          .selectFrom('tickets')
          .where('tickets.deleted_at', 'is', null)
          .where((eb) => scopeCondition(eb, ctx.scope))
          .where(all(clauses.map((c) => ticketCondition(c, ctx, onHeap)))) as unknown as Filtered;
      }
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

  function matches(
    type: ResultType,
    clauses: Clause[],
    ctx: SearchContext,
    order: SearchOrder,
    byWord = false,
  ) {
    const table = TABLE[type];
    return filtered(type, clauses, ctx, byWord).select([
      sql<ResultType>`${type}::text`.as('result_type'),
      sql<number>`${sql.ref(`${table}.id`)}`.as('id'),
      sql<unknown>`${sortValue(table, order.by)}`.as('sort_value'),
    ]);
  }

  return {
    /** How many records match, counting no further than `countLimit` (see `page`). */
    async count(types: ResultType[], clauses: Clause[], ctx: SearchContext, countLimit: number) {
      const [first, ...rest] = types.map((type) =>
        filtered(type, clauses, ctx, true).select(sql`1`.as('one')),
      );
      const union = rest.reduce((u, q) => u.unionAll(q), first!);
      const { rows } = await sql<{ n: number | string }>`
        select count(*) as n from (select 1 from (${union}) m limit ${countLimit}) c`.execute(db);
      return Number(rows[0]?.n ?? 0);
    },

    /**
     * An offset page over every searched type at once, in one order, with the count of
     * matches up to `countLimit` (exact below it; at it, "this many or more"). At most
     * `countLimit` rows are read for the count and `offset + limit` for the page, at any
     * number of matches (the word index's list for each word is still read whole, which
     * is why the service remembers queries with many matches: many-matches.ts):
     *
     * 1. At most `countLimit` matches are gathered (materialized, so a rare word is found
     *    through its index instead of by walking every ticket in date order) and counted.
     *    Fewer than the limit: those are all the matches and the page is sorted from them.
     * 2. At the limit there are many matches, so each type reads only its first
     *    `offset + limit` in order, walking an index that serves the order (tickets by
     *    update time: `tickets_status_updated_idx`, `tickets_unsolved_updated_idx` or
     *    `tickets_updated_idx`) and stopping early.
     *
     * The planner cannot see that step 2 runs only when matches are many: it guesses a
     * phrase of common words is rare and would gather and sort every match. So step 2
     * runs in a short transaction that rules out bitmap, sequential and parallel scans,
     * and JIT compiling (the walk's cost as estimated for all matches would start it).
     * Status, priority, type and channel are checked on the rows the word index finds
     * (see `ticketCondition`).
     * docs/search.md has the plans at a million tickets.
     */
    async page(
      types: ResultType[],
      clauses: Clause[],
      ctx: SearchContext,
      order: SearchOrder,
      window: PageWindow,
    ) {
      let count = window.countLimit;
      if (!window.knownMany) {
        const { rows } = await this.pageQuery(types, clauses, ctx, order, window).execute(db);
        count = Number(rows[0]?.total ?? 0);
        if (count < window.countLimit) return { hits: rows.filter((r) => r.id !== null) as Hit[], count };
      }
      const walk = (executor: Executor) =>
        this.firstInOrderQuery(types, clauses, ctx, order, window).execute(executor);
      if (!INDEXED_ORDERS.has(order.by)) return { hits: (await walk(db)).rows, count };
      return inTransaction(async (trx) => {
        await sql`select set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true),
          set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)`.execute(
          trx,
        );
        return { hits: (await walk(trx)).rows, count };
      });
    },

    /** Step 1 of `page` as one query (tests EXPLAIN it to see the indexes it uses). */
    pageQuery(
      types: ResultType[],
      clauses: Clause[],
      ctx: SearchContext,
      order: SearchOrder,
      window: PageWindow,
    ) {
      const [first, ...rest] = types.map((type) => matches(type, clauses, ctx, order, true));
      const union = rest.reduce((u, q) => u.unionAll(q), first!);
      const direction = sql.raw(order.direction);
      return sql<{ total: number | string; result_type: ResultType | null; id: number | null }>`
        with capped as materialized (select * from (${union}) m limit ${window.countLimit}),
        total as (select count(*) as n from capped)
        select total.n as total, p.result_type, p.id
        from total
        left join lateral (
          select result_type, id from capped where total.n < ${window.countLimit}
          order by sort_value ${direction}, result_type, id ${direction}
          limit ${window.limit} offset ${window.offset}
        ) p on true`;
    },

    /** Step 2 of `page`: each type's first `offset + limit` matches in order, merged. */
    firstInOrderQuery(
      types: ResultType[],
      clauses: Clause[],
      ctx: SearchContext,
      order: SearchOrder,
      { offset, limit }: PageWindow,
    ) {
      const firstOfEach = types.map((type) => {
        const table = TABLE[type];
        const ordered = matches(type, clauses, ctx, order)
          .orderBy(sortValue(table, order.by), order.direction)
          .orderBy(sql.ref(`${table}.id`), order.direction)
          .limit(offset + limit);
        return sql`select * from (${ordered}) ${sql.raw(`first_${type}s`)}`;
      });
      const direction = sql.raw(order.direction);
      return sql<Hit>`
        select result_type, id from (${sql.join(firstOfEach, sql` union all `)}) m
        order by sort_value ${direction}, result_type, id ${direction}
        limit ${limit} offset ${offset}`;
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
