import {
  idList,
  idParams,
  paginationQuery,
  ticket,
  view,
  viewCount,
  viewInput,
  viewSortColumn,
} from '@frontline/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Ticket } from '../../db/schema.js';
import { type Actor, actorOf } from '../../platform/auth/actor.js';
import { InvalidError, NotFoundError } from '../../platform/http/errors.js';
import {
  baseUrl,
  cursorEnvelope,
  offsetEnvelope,
  onePage,
  type PageRequest,
  pageRequest,
} from '../../platform/http/pagination.js';
import type { HttpApp } from '../../platform/http/server.js';
import type { TicketsView } from '../tickets/index.js';
import { executeRow, viewCountJson, viewJson } from './views.presenter.js';
import { cursorOf, type ViewSort } from './views.repository.js';
import type { ViewsService } from './views.service.js';

export type ViewRoutesDeps = {
  views: ViewsService;
  ticketsView: TicketsView;
  publicUrl?: string | undefined;
};

const agent = { access: 'agent' as const };
const filterQuery = z
  .object({
    status: z.string().max(20).optional(),
    priority: z.string().max(20).optional(),
    type: z.string().max(20).optional(),
    assignee_id: z.string().max(20).optional(),
    group_id: z.string().max(20).optional(),
    via: z.string().max(30).optional(),
    tags: z.string().max(200).optional(),
  })
  .strict()
  .optional()
  .describe('Frontline: extra conditions, e.g. filter[status]=open&filter[tags]=vip');
const ticketsQuery = paginationQuery.extend({ filter: filterQuery });
const viewBody = z.object({ view: viewInput });
const listResponse = z.object({ views: z.array(view) }).catchall(z.unknown());

/** `sort_by`/`sort_order`, or `sort=-priority`; undefined keeps the view's own order. */
function sortParam(query: {
  sort_by?: string | undefined;
  sort_order?: string | undefined;
  sort?: string | undefined;
}) {
  const raw =
    query.sort ?? (query.sort_by ? `${query.sort_order === 'asc' ? '' : '-'}${query.sort_by}` : undefined);
  if (raw === undefined) return undefined;
  const column = viewSortColumn.safeParse(raw.replace(/^-/, ''));
  if (!column.success)
    throw InvalidError.field(
      'sort',
      `cannot sort by ${raw.replace(/^-/, '')}; use ${viewSortColumn.options.join(', ')}`,
    );
  return { column: column.data, direction: raw.startsWith('-') ? 'desc' : 'asc' } as ViewSort;
}

export function registerViewRoutes(app: HttpApp, { views, ticketsView, publicUrl }: ViewRoutesDeps) {
  const base = (request: FastifyRequest) => baseUrl(request, publicUrl);

  type Listed =
    | { mode: 'offset'; rows: Ticket[]; count: number }
    | { mode: 'cursor'; rows: Ticket[]; hasMore: boolean; backward: boolean };

  async function page(
    request: FastifyRequest,
    actor: Actor,
    listed: Listed,
    req: PageRequest,
    sort: ViewSort,
    include?: string,
  ) {
    const b = base(request);
    const tickets = await ticketsView.tickets(listed.rows, b);
    const body = { tickets, ...(await ticketsView.sideloads(actor, include, listed.rows, b)) };
    if (listed.mode === 'offset' && req.mode === 'offset')
      return { ...body, ...offsetEnvelope(request, b, req, listed.count) };
    const cursor = listed.mode === 'cursor' ? listed : { hasMore: false, backward: false };
    const first = listed.rows[0];
    const last = listed.rows.at(-1);
    return {
      ...body,
      ...cursorEnvelope(request, b, req.mode === 'cursor' ? req.size : 100, {
        hasMore: cursor.hasMore,
        backward: cursor.backward,
        first: first ? cursorOf(first, sort.column) : null,
        last: last ? cursorOf(last, sort.column) : null,
      }),
    };
  }

  const listViews = (active?: boolean) => async (request: FastifyRequest) => {
    const list = await views.list(actorOf(request), active === undefined ? {} : { active });
    const b = base(request);
    return {
      views: list.map((v) => viewJson(v, b)),
      ...onePage(list.length),
    };
  };

  app.get(
    '/api/v2/views',
    {
      config: agent,
      schema: {
        querystring: z.object({ active: z.enum(['true', 'false']).optional() }),
        response: { 200: listResponse },
      },
    },
    async (request) =>
      listViews(request.query.active === undefined ? undefined : request.query.active === 'true')(request),
  );
  app.get(
    '/api/v2/views/active',
    { config: agent, schema: { response: { 200: listResponse } } },
    listViews(true),
  );

  app.get(
    '/api/v2/views/count_many',
    {
      config: agent,
      schema: {
        querystring: z.object({ ids: idList }),
        response: { 200: z.object({ view_counts: z.array(viewCount) }) },
      },
    },
    async (request) => {
      const counts = await views.counts(actorOf(request), request.query.ids);
      return { view_counts: counts.map((c) => viewCountJson(c, base(request))) };
    },
  );

  app.get('/api/v2/views/:id', { config: agent, schema: { params: idParams } }, async (request) => ({
    view: viewJson(await views.usableView(actorOf(request), request.params.id), base(request)),
  }));

  app.post('/api/v2/views', { config: agent, schema: { body: viewBody } }, async (request, reply) => {
    const created = await views.create(actorOf(request), request.body.view);
    const body = { view: viewJson(created, base(request)) };
    return reply.code(201).header('location', body.view.url).send(body);
  });

  app.put(
    '/api/v2/views/:id',
    { config: agent, schema: { params: idParams, body: viewBody } },
    async (request) => ({
      view: viewJson(
        await views.update(actorOf(request), request.params.id, request.body.view),
        base(request),
      ),
    }),
  );

  app.delete('/api/v2/views/:id', { config: agent, schema: { params: idParams } }, async (request, reply) => {
    await views.remove(actorOf(request), request.params.id);
    return reply.code(204).send();
  });

  app.get(
    '/api/v2/views/:id/tickets',
    {
      config: agent,
      schema: {
        params: idParams,
        querystring: ticketsQuery,
        response: { 200: z.object({ tickets: z.array(ticket) }).catchall(z.unknown()) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const req = pageRequest(request.query, 100);
      const sort = sortParam(request.query);
      const result = await views.tickets(actor, request.params.id, {
        ...(sort ? { sort } : {}),
        ...(request.query.filter ? { filter: request.query.filter } : {}),
        page: req,
      });
      return page(request, actor, result, req, result.sort, request.query.include);
    },
  );

  app.get(
    '/api/v2/views/:id/execute',
    { config: agent, schema: { params: idParams, querystring: ticketsQuery } },
    async (request) => {
      const actor = actorOf(request);
      const req = pageRequest(request.query, 100);
      const sort = sortParam(request.query);
      const result = await views.tickets(actor, request.params.id, { ...(sort ? { sort } : {}), page: req });
      const body = await page(
        request,
        actor,
        result,
        req,
        result.sort,
        request.query.include ?? 'users,groups',
      );
      const { tickets, ...rest } = body;
      const json = viewJson(result.view, base(request));
      return {
        view: json,
        rows: tickets.map(executeRow),
        columns: json.execution.columns,
        groups: [],
        ...rest,
      };
    },
  );

  app.get(
    '/api/v2/views/:id/count',
    { config: agent, schema: { params: idParams, response: { 200: z.object({ view_count: viewCount }) } } },
    async (request) => {
      const [count] = await views.counts(actorOf(request), [request.params.id]);
      if (!count) throw new NotFoundError();
      return { view_count: viewCountJson(count, base(request)) };
    },
  );

  app.post(
    '/api/v2/views/preview',
    { config: agent, schema: { body: viewBody, querystring: paginationQuery } },
    async (request) => {
      const actor = actorOf(request);
      const req = pageRequest(request.query, 100);
      const result = await views.preview(actor, request.body.view, req);
      const body = await page(request, actor, result, req, result.sort, request.query.include ?? 'users');
      const { tickets, ...rest } = body;
      return { rows: tickets.map(executeRow), tickets, ...rest, count: result.count };
    },
  );

  app.post('/api/v2/views/preview/count', { config: agent, schema: { body: viewBody } }, async (request) => {
    const result = await views.preview(actorOf(request), request.body.view, {
      mode: 'offset',
      page: 1,
      perPage: 1,
    });
    return { view_count: { value: result.count, pretty: String(result.count), fresh: true } };
  });
}
