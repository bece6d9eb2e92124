import type { Organization, Ticket, User } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { BadRequestError, InvalidError } from '../../platform/http/errors.js';
import type { Cursor } from '../../platform/http/pagination.js';
import type { TicketScope, TicketStore } from '../tickets/index.js';
import { createManyMatches, type ManyMatches } from './many-matches.js';
import { searchableTypes, searchContext } from './search.policy.js';
import type { Hit, SearchRepository } from './search.repository.js';
import { parseSearchQuery, type ResultType, type SearchOrder } from './search-query.js';

export type SearchRecord =
  | { type: 'ticket'; row: Ticket }
  | { type: 'user'; row: User }
  | { type: 'organization'; row: Organization };

/** Offset search stops at the first 1,000 results, as Zendesk's does; export has no cap. */
export const MAX_RESULTS = 1000;
/**
 * Search counts matches no further than this: one more than can be paged, so a count
 * of 1,001 says "more than 1,000" and a page costs the same at any number of matches.
 */
export const COUNT_LIMIT = MAX_RESULTS + 1;
const DEFAULT_ORDER: SearchOrder = { by: 'updated', direction: 'desc' };
/** Export walks results oldest first, as Zendesk's export does. */
const EXPORT_ORDER: SearchOrder = { by: 'created', direction: 'asc' };
const TICKET_ONLY_SORTS = new Set(['priority', 'status', 'ticket_type']);
const EXACT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A cursor as export issues it: a creation time to the microsecond and an id. */
function isExportCursor(cursor: Cursor) {
  if (!Number.isSafeInteger(cursor.id) || cursor.id < 0) return false;
  if (typeof cursor.v !== 'string' || !EXACT_TIME.test(cursor.v)) return false;
  const at = new Date(cursor.v);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 19) === cursor.v.slice(0, 19);
}

export type SearchServiceDeps = {
  repository: SearchRepository;
  store: TicketStore;
  clock: Clock;
  /** `COUNT_LIMIT` unless a test lowers it. */
  countLimit?: number;
  /** Queries that reached the count limit lately (a test may pass its own). */
  manyMatches?: ManyMatches;
};

export function createSearchService({
  repository,
  store,
  clock,
  countLimit = COUNT_LIMIT,
  manyMatches = createManyMatches(),
}: SearchServiceDeps) {
  function plan(actor: Actor, query: string) {
    const parsed = parseSearchQuery(query, clock.now());
    const types = searchableTypes(actor, parsed.types);
    const ctx = searchContext(actor);
    // What decides the matches: the record types, the clauses and who asks (order does not).
    const key = JSON.stringify([types, parsed.clauses, ctx]);
    return { parsed, types, ctx, key };
  }

  /** Loads the rows of a page of hits, in the hits' order. */
  async function load(hits: Hit[], scope: TicketScope): Promise<SearchRecord[]> {
    const ids = (type: ResultType) => hits.filter((h) => h.result_type === type).map((h) => Number(h.id));
    const [tickets, users, organizations] = await Promise.all([
      store.tickets.findManyByIds(ids('ticket'), scope),
      store.users.findManyByIds(ids('user')),
      store.organizations.findManyByIds(ids('organization')),
    ]);
    const records = new Map<string, SearchRecord>([
      ...tickets.map((row) => [`ticket:${row.id}`, { type: 'ticket', row }] as const),
      ...users.map((row) => [`user:${row.id}`, { type: 'user', row }] as const),
      ...organizations.map((row) => [`organization:${row.id}`, { type: 'organization', row }] as const),
    ]);
    return hits.flatMap((h) => records.get(`${h.result_type}:${Number(h.id)}`) ?? []);
  }

  return {
    /**
     * One offset page of results; `count` is exact below `countLimit` and equals it when
     * that many or more match (or did within the last minute: many-matches.ts);
     * `pageable` is how many results pages can reach.
     */
    async search(
      actor: Actor,
      request: { query: string; page: number; perPage: number; sort: SearchOrder | null },
    ) {
      const offset = (request.page - 1) * request.perPage;
      if (offset >= MAX_RESULTS) {
        throw InvalidError.field(
          'page',
          `search pages through the first ${MAX_RESULTS} results only; narrow the query or use /api/v2/search/export`,
        );
      }
      const { parsed, types, ctx, key } = plan(actor, request.query);
      const order = parsed.order ?? request.sort ?? DEFAULT_ORDER;
      if (TICKET_ONLY_SORTS.has(order.by) && types.some((t) => t !== 'ticket')) {
        throw InvalidError.field('sort_by', `${order.by} sorts tickets only; add type:ticket to the query`);
      }
      const limit = Math.min(request.perPage, MAX_RESULTS - offset);
      const now = clock.now();
      const { hits, count } = await repository.page(types, parsed.clauses, ctx, order, {
        offset,
        limit,
        countLimit,
        knownMany: manyMatches.has(key, now),
      });
      if (count >= countLimit) manyMatches.remember(key, now);
      const pageable = count < countLimit ? count : MAX_RESULTS;
      return { records: await load(hits, ctx.scope), count, pageable };
    },

    async count(actor: Actor, query: string) {
      const { parsed, types, ctx, key } = plan(actor, query);
      const now = clock.now();
      if (manyMatches.has(key, now)) return countLimit;
      const count = await repository.count(types, parsed.clauses, ctx, countLimit);
      if (count >= countLimit) manyMatches.remember(key, now);
      return count;
    },

    /** A cursor page of one record type, oldest first, with no cap on how far it goes. */
    async export(
      actor: Actor,
      request: { query: string; type: ResultType; size: number; after: Cursor | null },
    ) {
      const { parsed, ctx } = plan(actor, request.query);
      if (parsed.typeGiven) {
        throw InvalidError.field('query', 'type: cannot be used in an export; give the type in filter[type]');
      }
      if (!parsed.types.includes(request.type)) {
        throw InvalidError.field(
          'filter',
          `the query's keywords do not apply to ${request.type} records (they search ${parsed.types.join(', ')})`,
        );
      }
      const [type] = searchableTypes(actor, [request.type]) as [ResultType];
      if (request.after && !isExportCursor(request.after)) {
        throw new BadRequestError(
          'page[after] is not a cursor this server issued',
          'InvalidPaginationParameter',
        );
      }
      const { hits, hasMore } = await repository.after(
        type,
        parsed.clauses,
        ctx,
        EXPORT_ORDER,
        request.after,
        request.size,
      );
      const last = hits.at(-1);
      return {
        records: await load(hits, ctx.scope),
        hasMore,
        last: last ? { v: last.cursor_value, id: Number(last.id) } : null,
      };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
