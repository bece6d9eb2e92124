import type { FastifyRequest } from 'fastify';
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
