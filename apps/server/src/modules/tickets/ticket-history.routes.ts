import { audit, comment, idParams } from '@frontline/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Actor, actorOf } from '../../platform/auth/actor.js';
import { onePage } from '../../platform/http/pagination.js';
import type { HttpApp } from '../../platform/http/server.js';
import { auditJson } from './tickets.presenter.js';
import type { TicketsService } from './tickets.service.js';
import type { TicketsView } from './tickets.view.js';

/** A ticket's conversation and history: comments, audits, incidents and tags. */
export function registerTicketHistoryRoutes(
  app: HttpApp,
  {
    tickets,
    view,
    base,
  }: { tickets: TicketsService; view: TicketsView; base: (request: FastifyRequest) => string },
) {
  app.get(
    '/api/v2/tickets/:id/comments',
    {
      schema: {
        params: idParams,
        querystring: z.object({
          sort_order: z.enum(['asc', 'desc']).optional(),
          include: z.string().optional(),
        }),
        response: { 200: z.object({ comments: z.array(comment) }).catchall(z.unknown()) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await tickets.comments(actor, request.params.id, request.query.sort_order);
      const b = base(request);
      const out: { comments: Awaited<ReturnType<TicketsView['comments']>>; [key: string]: unknown } = {
        comments: await view.comments(rows, b),
        ...onePage(rows.length),
      };
      if (request.query.include?.includes('users')) {
        const row = await tickets.visibleTicket(actor, request.params.id);
        Object.assign(
          out,
          await view.sideloads(
            actor,
            'users',
            [row],
            b,
            rows.map((c) => c.author_id),
          ),
        );
      }
      return out;
    },
  );

  app.get(
    '/api/v2/tickets/:id/audits',
    {
      schema: {
        params: idParams,
        response: { 200: z.object({ audits: z.array(audit) }).catchall(z.unknown()) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { audits, events } = await tickets.audits(actor, request.params.id);
      const comments = await tickets.comments(actor, request.params.id);
      const commentMap = new Map((await view.comments(comments, base(request))).map((c) => [c.id, c]));
      const showPrivate = actor.user.role !== 'end-user';
      const list = audits.map((a) =>
        auditJson(
          a,
          events.filter((e) => e.audit_id === a.id),
          commentMap,
          showPrivate,
        ),
      );
      return { audits: list, ...onePage(list.length) };
    },
  );

  app.get(
    '/api/v2/tickets/:id/incidents',
    { config: { access: 'agent' }, schema: { params: idParams } },
    async (request) => {
      const rows = await tickets.incidents(actorOf(request), request.params.id);
      return {
        tickets: await view.tickets(rows, base(request)),
        ...onePage(rows.length),
      };
    },
  );

  const tagsBody = z.object({ tags: z.array(z.string().max(80)).max(200) });
  const tagsReply = async (_request: FastifyRequest, actor: Actor, ticketId: number) => ({
    tags: (await tickets.visibleTicket(actor, ticketId)).tags,
  });
  app.get('/api/v2/tickets/:id/tags', { schema: { params: idParams } }, async (request) =>
    tagsReply(request, actorOf(request), request.params.id),
  );
  app.put(
    '/api/v2/tickets/:id/tags',
    { config: { access: 'agent' }, schema: { params: idParams, body: tagsBody } },
    async (request) => {
      const actor = actorOf(request);
      await tickets.update(actor, request.params.id, { additional_tags: request.body.tags });
      return tagsReply(request, actor, request.params.id);
    },
  );
  app.post(
    '/api/v2/tickets/:id/tags',
    { config: { access: 'agent' }, schema: { params: idParams, body: tagsBody } },
    async (request, reply) => {
      const actor = actorOf(request);
      await tickets.update(actor, request.params.id, { tags: request.body.tags });
      return reply.code(201).send(await tagsReply(request, actor, request.params.id));
    },
  );
  app.delete(
    '/api/v2/tickets/:id/tags',
    { config: { access: 'agent' }, schema: { params: idParams, body: tagsBody } },
    async (request) => {
      const actor = actorOf(request);
      await tickets.update(actor, request.params.id, { remove_tags: request.body.tags });
      return tagsReply(request, actor, request.params.id);
    },
  );
}
