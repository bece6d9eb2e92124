import { idList, idParams, paginationQuery, suspendedTicket, ticket } from '@frontline/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Ticket } from '../../../db/schema.js';
import { actorOf } from '../../../platform/auth/actor.js';
import { HttpError } from '../../../platform/http/errors.js';
import { baseUrl, pageEnvelope, pageRequest } from '../../../platform/http/pagination.js';
import type { HttpApp } from '../../../platform/http/server.js';
import type { TicketsView } from '../../tickets/index.js';
import { suspendedTicketJson } from './email.presenter.js';
import type { ReviewService } from './review.service.js';

const idsQuery = z.object({ ids: idList });

/**
 * Zendesk's suspended tickets API over held and failed mail, plus the download of
 * any received message as it arrived (`message/rfc822`).
 */
export function registerReviewRoutes(
  app: HttpApp,
  deps: { review: ReviewService; view: TicketsView; publicUrl?: string | undefined },
) {
  const { review, view } = deps;
  const agent = { access: 'agent' as const };
  const base = (request: FastifyRequest) => baseUrl(request, deps.publicUrl);
  const present = (request: FastifyRequest, item: Awaited<ReturnType<ReviewService['show']>>) =>
    suspendedTicketJson(item.row, item.mailbox, item.authorId, base(request));
  const tickets = async (request: FastifyRequest, rows: Ticket[]) => view.tickets(rows, base(request));

  app.get(
    '/api/v2/suspended_tickets',
    {
      config: agent,
      schema: {
        querystring: paginationQuery,
        response: { 200: z.object({ suspended_tickets: z.array(suspendedTicket) }).catchall(z.unknown()) },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const { result, items } = await review.list(actorOf(request), page);
      return {
        suspended_tickets: items.map((item) => present(request, item)),
        ...pageEnvelope(request, base(request), page, result),
      };
    },
  );

  app.get(
    '/api/v2/suspended_tickets/:id',
    {
      config: agent,
      schema: { params: idParams, response: { 200: z.object({ suspended_ticket: suspendedTicket }) } },
    },
    async (request) => ({
      suspended_ticket: present(request, await review.show(actorOf(request), request.params.id)),
    }),
  );

  app.put(
    '/api/v2/suspended_tickets/:id/recover',
    { config: agent, schema: { params: idParams, response: { 200: z.object({ ticket }) } } },
    async (request) => {
      const recovered = await review.recoverOne(actorOf(request), request.params.id);
      const [body] = await tickets(request, [recovered]);
      return { ticket: body! };
    },
  );

  app.put(
    '/api/v2/suspended_tickets/recover_many',
    { config: agent, schema: { querystring: idsQuery } },
    async (request) => {
      const { recovered, failed } = await review.recoverMany(actorOf(request), request.query.ids);
      const body = await tickets(request, recovered);
      if (failed.length > 0) {
        throw new HttpError(422, {
          error: 'RecordInvalid',
          description: `${failed.length} of ${request.query.ids.length} could not be recovered`,
          details: Object.fromEntries(
            failed.map((f) => [String(f.id), [{ description: f.error, error: 'NotRecovered' }]]),
          ),
          tickets: body,
        });
      }
      return { tickets: body };
    },
  );

  app.delete(
    '/api/v2/suspended_tickets/destroy_many',
    { config: agent, schema: { querystring: idsQuery } },
    async (request, reply) => {
      await review.reject(actorOf(request), request.query.ids);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/api/v2/suspended_tickets/:id',
    { config: agent, schema: { params: idParams } },
    async (request, reply) => {
      await review.reject(actorOf(request), [request.params.id]);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v2/frontline/inbound_messages/:id/raw',
    { config: agent, schema: { params: idParams } },
    async (request, reply) => {
      const message = await review.original(actorOf(request), request.params.id);
      return reply
        .header('content-type', 'message/rfc822')
        .header('content-disposition', `attachment; filename="message-${message.id}.eml"`)
        .header('x-content-type-options', 'nosniff')
        .send(message.raw);
    },
  );
}
