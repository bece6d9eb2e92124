import {
  audit,
  cursorPage,
  id,
  idList,
  idParams,
  offsetPage,
  paginationQuery,
  ticket,
  ticketCreate,
  ticketUpdate,
} from '@frontline/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Ticket } from '../../db/schema.js';
import { type Actor, actorOf } from '../../platform/auth/actor.js';
import { InvalidError } from '../../platform/http/errors.js';
import { baseUrl, cursorEnvelope, offsetEnvelope, pageRequest } from '../../platform/http/pagination.js';
import type { HttpApp } from '../../platform/http/server.js';
import { type JobStatuses, jobStatusJson } from '../../platform/jobs/job-statuses.js';
import { registerTicketHistoryRoutes } from './ticket-history.routes.js';
import { auditJson } from './tickets.presenter.js';
import type { TicketFilter, TicketSort } from './tickets.repository.js';
import type { TicketsService } from './tickets.service.js';
import type { TicketsView } from './tickets.view.js';

const listResponse = z.object({ tickets: z.array(ticket) }).catchall(z.unknown());
const writeResponse = z.object({ ticket, audit: audit.optional() }).catchall(z.unknown());
const sortable = z.enum(['id', 'created_at', 'updated_at']);

export type TicketRoutesDeps = {
  tickets: TicketsService;
  view: TicketsView;
  jobStatuses: JobStatuses;
  publicUrl?: string | undefined;
};

/** Reads `sort_by`/`sort_order` (offset) or `sort=-updated_at` (cursor). */
export function ticketSort(query: {
  sort_by?: string | undefined;
  sort_order?: string | undefined;
  sort?: string | undefined;
}): TicketSort {
  const raw =
    query.sort ?? (query.sort_by ? `${query.sort_order === 'desc' ? '-' : ''}${query.sort_by}` : 'id');
  const column = sortable.safeParse(raw.replace(/^-/, ''));
  if (!column.success)
    throw InvalidError.field(
      'sort',
      `cannot sort by ${raw.replace(/^-/, '')}; use id, created_at or updated_at`,
    );
  return { column: column.data, direction: raw.startsWith('-') ? 'desc' : 'asc' };
}

export function registerTicketRoutes(
  app: HttpApp,
  { tickets, view, jobStatuses, publicUrl }: TicketRoutesDeps,
) {
  const base = (request: FastifyRequest) => baseUrl(request, publicUrl);

  async function listReply(
    request: FastifyRequest,
    actor: Actor,
    filter: TicketFilter,
    query: z.infer<typeof paginationQuery>,
  ) {
    const page = pageRequest(query);
    const result = await tickets.list(actor, filter, ticketSort(query), page);
    const rows: Ticket[] = result.rows;
    const b = base(request);
    const body = {
      tickets: await view.withIncludes(actor, query.include, rows, await view.tickets(rows, b)),
      ...(await view.sideloads(actor, query.include, rows, b)),
    };
    if (result.mode === 'offset' && page.mode === 'offset')
      return { ...body, ...offsetEnvelope(request, b, page, result.count) };
    const sort = ticketSort(query);
    const cursorOf = (t: Ticket | undefined) =>
      t ? { v: sort.column === 'id' ? t.id : t[sort.column].toISOString(), id: t.id } : null;
    return {
      ...body,
      ...cursorEnvelope(request, b, page.mode === 'cursor' ? page.size : 100, {
        hasMore: result.mode === 'cursor' ? result.hasMore : false,
        backward: result.mode === 'cursor' ? result.backward : false,
        first: cursorOf(rows[0]),
        last: cursorOf(rows.at(-1)),
      }),
    };
  }

  async function writeReply(
    request: FastifyRequest,
    _actor: Actor,
    written: Awaited<ReturnType<TicketsService['create']>>,
  ) {
    const b = base(request);
    const ticketBody = written.extras
      ? view.detailed(written.ticket, written.extras, b)
      : (await view.tickets([written.ticket], b))[0];
    if (!written.audit) return { ticket: ticketBody! };
    const comments = new Map(
      (await view.comments(written.comment ? [written.comment] : [], b, written.attachments)).map((c) => [
        c.id,
        c,
      ]),
    );
    return { ticket: ticketBody!, audit: auditJson(written.audit, written.events, comments, true) };
  }

  app.get(
    '/api/v2/tickets',
    {
      schema: {
        querystring: paginationQuery.extend({ external_id: z.string().max(255).optional() }),
        response: {
          200: listResponse
            .extend(offsetPage)
            .partial({ next_page: true, previous_page: true, count: true })
            .extend(cursorPage)
            .partial({ meta: true, links: true }),
        },
      },
    },
    async (request) => {
      const filter: TicketFilter = request.query.external_id ? { externalId: request.query.external_id } : {};
      return listReply(request, actorOf(request), filter, request.query);
    },
  );

  app.get(
    '/api/v2/tickets/recent',
    { config: { access: 'agent' }, schema: { querystring: paginationQuery } },
    async (request) =>
      listReply(
        request,
        actorOf(request),
        {},
        { ...request.query, sort_by: 'updated_at', sort_order: 'desc' },
      ),
  );

  app.get(
    '/api/v2/tickets/show_many',
    { schema: { querystring: z.object({ ids: idList, include: z.string().optional() }) } },
    async (request) => {
      const actor = actorOf(request);
      const rows = await tickets.showMany(actor, request.query.ids);
      const b = base(request);
      return {
        tickets: await view.withIncludes(actor, request.query.include, rows, await view.tickets(rows, b)),
        ...(await view.sideloads(actor, request.query.include, rows, b)),
      };
    },
  );

  app.get(
    '/api/v2/tickets/:id',
    { schema: { params: idParams, querystring: z.object({ include: z.string().optional() }) } },
    async (request) => {
      const actor = actorOf(request);
      const { ticket: row, extras } = await tickets.show(actor, request.params.id);
      const b = base(request);
      const [body] = await view.withIncludes(
        actor,
        request.query.include,
        [row],
        [view.detailed(row, extras, b)],
      );
      return { ticket: body, ...(await view.sideloads(actor, request.query.include, [row], b)) };
    },
  );

  app.post(
    '/api/v2/tickets',
    { schema: { body: z.object({ ticket: ticketCreate }), response: { 201: writeResponse } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const written = await tickets.create(actor, request.body.ticket);
      const body = await writeReply(request, actor, written);
      return reply.code(201).header('location', body.ticket.url).send(body);
    },
  );

  app.put(
    '/api/v2/tickets/:id',
    {
      schema: {
        params: idParams,
        body: z.object({ ticket: ticketUpdate }),
        response: { 200: writeResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return writeReply(request, actor, await tickets.update(actor, request.params.id, request.body.ticket));
    },
  );

  app.delete(
    '/api/v2/tickets/:id',
    { config: { access: 'agent' }, schema: { params: idParams } },
    async (request, reply) => {
      await tickets.remove(actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  registerTicketHistoryRoutes(app, { tickets, view, base });

  const related =
    (filterOf: (userId: number) => TicketFilter) =>
    async (
      request: FastifyRequest<{ Params: { id: number }; Querystring: z.infer<typeof paginationQuery> }>,
    ) =>
      listReply(request, actorOf(request), filterOf(request.params.id), request.query);
  const relatedSchema = { params: idParams, querystring: paginationQuery };

  app.get(
    '/api/v2/users/:id/tickets/requested',
    { schema: relatedSchema },
    related((userId) => ({ requesterId: userId })),
  );
  app.get(
    '/api/v2/users/:id/tickets/ccd',
    { schema: relatedSchema },
    related((userId) => ({ collaboratorId: userId })),
  );
  app.get(
    '/api/v2/users/:id/tickets/assigned',
    { schema: relatedSchema },
    related((userId) => ({ assigneeId: userId })),
  );
  app.get(
    '/api/v2/organizations/:id/tickets',
    { schema: relatedSchema },
    related((orgId) => ({ organizationId: orgId })),
  );

  app.post(
    '/api/v2/tickets/:id/merge',
    {
      config: { access: 'agent' },
      schema: {
        params: idParams,
        body: z.object({
          ids: z.array(id).min(1).max(5),
          target_comment: z.string().max(65_536).optional(),
          source_comment: z.string().max(65_536).optional(),
          target_comment_is_public: z.boolean().optional(),
          source_comment_is_public: z.boolean().optional(),
        }),
      },
    },
    async (request) => {
      const { ids, ...notes } = request.body;
      const merged = await tickets.merge(actorOf(request), request.params.id, ids, {
        target: notes.target_comment,
        source: notes.source_comment,
        targetPublic: notes.target_comment_is_public,
        sourcePublic: notes.source_comment_is_public,
      });
      const status = await jobStatuses.completed(
        'merge',
        actorOf(request).user.id,
        merged.map((id) => ({ id, action: 'merge', success: true, status: 'Merged' })),
      );
      return { job_status: jobStatusJson(status, base(request)) };
    },
  );
}
