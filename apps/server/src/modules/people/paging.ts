import type { FastifyRequest } from 'fastify';
import { type SelectQueryBuilder, sql } from 'kysely';
import {
  type Cursor,
  cursorEnvelope,
  offsetEnvelope,
  type PageRequest,
} from '../../platform/http/pagination.js';

/** One page of rows, in whichever of Zendesk's two styles the client asked for. */
export type Page<Row> =
  | { mode: 'offset'; rows: Row[]; count: number }
  | { mode: 'cursor'; rows: Row[]; hasMore: boolean; backward: boolean };

/** How a list is ordered: by a column (ties broken by ID), or by ID alone when `column` is absent. */
export type PageOrder<Row> = { id: string; column?: string; cursorValue?: (row: Row) => number | string };

/**
 * Runs a list query as one page: offset (`page`, `per_page`, with a count) or keyset
 * (`page[size]`, `page[after|before]`). Repositories call this with their own query.
 */
export async function pageOf<DB, TB extends keyof DB, Row extends { id: number }>(
  query: SelectQueryBuilder<DB, TB, Row>,
  order: PageOrder<Row>,
  page: PageRequest,
): Promise<Page<Row>> {
  const id = sql.ref(order.id);
  const column = order.column ? sql.ref(order.column) : null;
  if (page.mode === 'offset') {
    const countQuery = query.clearSelect().select(sql<string>`count(*)`.as('n'));
    let rowsQuery = query;
    if (column) rowsQuery = rowsQuery.orderBy(column);
    const [rows, counted] = await Promise.all([
      rowsQuery
        .orderBy(id)
        .limit(page.perPage)
        .offset((page.page - 1) * page.perPage)
        .execute(),
      countQuery.executeTakeFirst() as Promise<{ n: string | number } | undefined>,
    ]);
    return { mode: 'offset', rows, count: Number(counted?.n ?? 0) };
  }
  const backward = page.before !== null;
  const direction = backward ? 'desc' : 'asc';
  const at = page.before ?? page.after;
  let q = query;
  if (at) {
    const op = sql.raw(backward ? '<' : '>');
    q = column
      ? q.where(sql<boolean>`(${column}, ${id}) ${op} (${at.v}, ${at.id})`)
      : q.where(sql<boolean>`${id} ${op} ${at.id}`);
  }
  if (column) q = q.orderBy(column, direction);
  const rows = await q
    .orderBy(id, direction)
    .limit(page.size + 1)
    .execute();
  const hasMore = rows.length > page.size;
  const pageRows = rows.slice(0, page.size);
  if (backward) pageRows.reverse();
  return { mode: 'cursor', rows: pageRows, hasMore, backward };
}

/** The pagination part of a list response: next/previous links and count, or meta and links. */
export function pageEnvelope<Row extends { id: number }>(
  request: FastifyRequest,
  base: string,
  page: PageRequest,
  result: Page<Row>,
  order: PageOrder<Row> = { id: 'id' },
) {
  if (result.mode === 'offset' && page.mode === 'offset')
    return offsetEnvelope(request, base, page, result.count);
  const cursorOf = (row: Row | undefined): Cursor | null =>
    row ? { v: order.cursorValue ? order.cursorValue(row) : row.id, id: row.id } : null;
  return cursorEnvelope(request, base, page.mode === 'cursor' ? page.size : 100, {
    hasMore: result.mode === 'cursor' ? result.hasMore : false,
    backward: result.mode === 'cursor' ? result.backward : false,
    first: cursorOf(result.rows[0]),
    last: cursorOf(result.rows.at(-1)),
  });
}
