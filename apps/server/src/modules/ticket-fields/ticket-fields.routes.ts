import {
  idParams,
  paginationQuery,
  ticketField,
  ticketFieldCreate,
  ticketFieldUpdate,
} from '@frontline/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { baseUrl, pageEnvelope, pageRequest } from '../../platform/http/pagination.js';
import type { HttpApp } from '../../platform/http/server.js';
import { ticketFieldJson } from './ticket-fields.presenter.js';
import { FIELD_ORDER } from './ticket-fields.repository.js';
import type { TicketFieldsService } from './ticket-fields.service.js';

const one = z.object({ ticket_field: ticketField });

/** Agents read the field definitions; admins change them. */
export function registerTicketFieldRoutes(
  app: HttpApp,
  { fields, publicUrl }: { fields: TicketFieldsService; publicUrl?: string | undefined },
) {
  const base = (request: FastifyRequest) => baseUrl(request, publicUrl);

  app.get(
    '/api/v2/ticket_fields',
    {
      config: { access: 'agent' },
      schema: {
        querystring: paginationQuery.extend({ locale: z.string().max(20).optional() }),
        response: { 200: z.object({ ticket_fields: z.array(ticketField) }).catchall(z.unknown()) },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const result = await fields.list(page);
      const b = base(request);
      return {
        ticket_fields: result.rows.map((f) => ticketFieldJson(f, b)),
        ...pageEnvelope(request, b, page, result, FIELD_ORDER),
      };
    },
  );

  app.get(
    '/api/v2/ticket_fields/:id',
    { config: { access: 'agent' }, schema: { params: idParams, response: { 200: one } } },
    async (request) => ({
      ticket_field: ticketFieldJson(await fields.find(request.params.id), base(request)),
    }),
  );

  app.post(
    '/api/v2/ticket_fields',
    {
      config: { access: 'admin' },
      schema: { body: z.object({ ticket_field: ticketFieldCreate }), response: { 201: one } },
    },
    async (request, reply) => {
      const created = ticketFieldJson(await fields.create(request.body.ticket_field), base(request));
      return reply.code(201).header('location', created.url).send({ ticket_field: created });
    },
  );

  app.put(
    '/api/v2/ticket_fields/:id',
    {
      config: { access: 'admin' },
      schema: {
        params: idParams,
        body: z.object({ ticket_field: ticketFieldUpdate }),
        response: { 200: one },
      },
    },
    async (request) => ({
      ticket_field: ticketFieldJson(
        await fields.update(request.params.id, request.body.ticket_field),
        base(request),
      ),
    }),
  );

  app.delete(
    '/api/v2/ticket_fields/:id',
    { config: { access: 'admin' }, schema: { params: idParams } },
    async (request, reply) => {
      await fields.remove(request.params.id);
      return reply.code(204).send();
    },
  );
}
