import type { FastifyRequest } from 'fastify';
import { type SelectQueryBuilder, sql } from 'kysely';
import { BadRequestError } from './errors.js';

/**
 * Zendesk's two pagination styles. Offset: `?page=2&per_page=100` → next_page,
 * previous_page, count. Cursor: `?page[size]=100&page[after]=…` → meta + links.
 * Links are absolute and start with the URL the client called.
 */
export type PageRequest =
  | { mode: 'offset'; page: number; perPage: number }
  | { mode: 'cursor'; size: number; after: Cursor | null; before: Cursor | null };

export type Cursor = { v: string | number | null; id: number };

type PageQuery = {
  page?:
    | number
    | { size?: number | undefined; after?: string | undefined; before?: string | undefined }
    | undefined;
  per_page?: number | undefined;
};

export function pageRequest(query: PageQuery, defaultSize = 100): PageRequest {
  if (typeof query.page === 'object') {
    return {
      mode: 'cursor',
      size: query.page.size ?? defaultSize,
      after: query.page.after ? decodeCursor(query.page.after) : null,
      before: query.page.before ? decodeCursor(query.page.before) : null,
    };
  }
  return { mode: 'offset', page: query.page ?? 1, perPage: query.per_page ?? defaultSize };
}

export function encodeCursor(cursor: Cursor) {
  return Buffer.from(JSON.stringify([cursor.v, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  try {
    const [v, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof id === 'number' && (v === null || typeof v === 'string' || typeof v === 'number'))
      return { v, id };
  } catch {
    // fall through
  }
  throw new BadRequestError(
    'page[after] / page[before] is not a cursor this server issued',
    'InvalidPaginationParameter',
  );
}

/** The base URL the client used: PUBLIC_URL when set, else the request's (proxy-aware) scheme and host. */
export function baseUrl(request: FastifyRequest, publicUrl?: string) {
  if (publicUrl) return publicUrl.replace(/\/$/, '');
  return `${request.protocol}://${request.host}`;
}

/** The current URL with some query parameters replaced (null removes one). */
export function linkWith(
  request: FastifyRequest,
  base: string,
  params: Record<string, string | number | null>,
) {
  const url = new URL(request.url, base);
  // The router strips `.json`; clients expect to follow what they called.
  url.pathname = request.originalUrl.split('?')[0] ?? url.pathname;
  for (const [key, value] of Object.entries(params)) {
    if (value === null) url.searchParams.delete(key);
    else url.searchParams.set(key, String(value));
  }
  return url.toString().replace(/%5B/g, '[').replace(/%5D/g, ']');
}

export function offsetEnvelope(
  request: FastifyRequest,
  base: string,
  page: { page: number; perPage: number },
  count: number,
) {
  const last = Math.max(1, Math.ceil(count / page.perPage));
  return {
    next_page:
      page.page < last ? linkWith(request, base, { page: page.page + 1, per_page: page.perPage }) : null,
    previous_page:
      page.page > 1
        ? linkWith(request, base, { page: Math.min(page.page - 1, last), per_page: page.perPage })
        : null,
    count,
  };
}

export function cursorEnvelope(
  request: FastifyRequest,
  base: string,
  size: number,
  result: { hasMore: boolean; first: Cursor | null; last: Cursor | null; backward: boolean },
) {
  const after = result.last ? encodeCursor(result.last) : null;
  const before = result.first ? encodeCursor(result.first) : null;
  const hasNext = result.backward ? after !== null : result.hasMore;
  const hasPrev = result.backward ? result.hasMore : before !== null && isPaged(request);
  const keep = { 'page[size]': size, 'page[after]': null, 'page[before]': null, page: null };
  return {
    meta: { has_more: hasNext, after_cursor: hasNext ? after : null, before_cursor: hasPrev ? before : null },
    links: {
      next: hasNext && after ? linkWith(request, base, { ...keep, 'page[after]': after }) : null,
      prev: hasPrev && before ? linkWith(request, base, { ...keep, 'page[before]': before }) : null,
    },
  };
}

function isPaged(request: FastifyRequest) {
  return /page(\[|%5B)(after|before)/i.test(request.url);
}

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

/** The pagination part of a list that is never split (settings, a ticket's comments): one page of `count`. */
export const onePage = (count: number) => ({ next_page: null, previous_page: null, count });

/** The same for lists Zendesk pages only by cursor (webhooks and their invocations). */
export const oneCursorPage = () => ({
  meta: { has_more: false, after_cursor: null, before_cursor: null },
  links: { next: null, prev: null },
});
