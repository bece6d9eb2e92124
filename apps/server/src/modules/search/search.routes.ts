import {
  searchCountRequest,
  searchCountResponse,
  searchExportRequest,
  searchExportResponse,
  searchRequest,
  searchResponse,
} from '@frontline/contracts';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../platform/auth/actor.js';
import { baseUrl, cursorEnvelope, decodeCursor, offsetEnvelope } from '../../platform/http/pagination.js';
import type { HttpApp } from '../../platform/http/server.js';
import type { TicketsView } from '../tickets/index.js';
import { searchResultsJson } from './search.presenter.js';
import type { SearchService } from './search.service.js';
import type { SearchOrder, SortKey } from './search-query.js';

export type SearchRoutesDeps = { service: SearchService; view: TicketsView; publicUrl?: string | undefined };

const SORT_PARAMS: Record<string, SortKey> = {
  created_at: 'created',
  updated_at: 'updated',
  priority: 'priority',
  status: 'status',
  ticket_type: 'ticket_type',
};

/** `?sort_by=created_at&sort_order=asc`, the API's spelling of `order_by:created sort:asc`. */
function sortParam(query: { sort_by?: string | undefined; sort_order?: 'asc' | 'desc' | undefined }) {
  if (!query.sort_by && !query.sort_order) return null;
  return {
    by: SORT_PARAMS[query.sort_by ?? 'updated_at'] ?? 'updated',
    direction: query.sort_order ?? 'desc',
  } satisfies SearchOrder;
}

export function registerSearchRoutes(app: HttpApp, { service, view, publicUrl }: SearchRoutesDeps) {
  const base = (request: FastifyRequest) => baseUrl(request, publicUrl);

  app.get(
    '/api/v2/search',
    { schema: { querystring: searchRequest, response: { 200: searchResponse } } },
    async (request) => {
      const actor = actorOf(request);
      const page = request.query.page ?? 1;
      const perPage = request.query.per_page ?? 100;
      const { records, count, pageable } = await service.search(actor, {
        query: request.query.query,
        page,
        perPage,
        sort: sortParam(request.query),
      });
      const b = base(request);
      return {
        results: await searchResultsJson(records, b, view),
        facets: null,
        ...offsetEnvelope(request, b, { page, perPage }, pageable),
        count,
      };
    },
  );

  app.get(
    '/api/v2/search/count',
    { schema: { querystring: searchCountRequest, response: { 200: searchCountResponse } } },
    async (request) => ({ count: await service.count(actorOf(request), request.query.query) }),
  );

  app.get(
    '/api/v2/search/export',
    { schema: { querystring: searchExportRequest, response: { 200: searchExportResponse } } },
    async (request) => {
      const actor = actorOf(request);
      const size = request.query.page?.size ?? 100;
      const after = request.query.page?.after ? decodeCursor(request.query.page.after) : null;
      const result = await service.export(actor, {
        query: request.query.query,
        type: request.query.filter.type,
        size,
        after,
      });
      const b = base(request);
      const envelope = cursorEnvelope(request, b, size, {
        hasMore: result.hasMore,
        backward: false,
        first: null,
        last: result.last,
      });
      return { results: await searchResultsJson(result.records, b, view), facets: null, ...envelope };
    },
  );
}
