import {
  bulkCreateBody,
  bulkDestroyQuery,
  bulkIdsQuery,
  bulkUpdateBody,
  jobStatusEnvelope,
} from '@frontline/contracts';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../platform/auth/actor.js';
import { InvalidError, NotFoundError } from '../../platform/http/errors.js';
import { baseUrl } from '../../platform/http/pagination.js';
import type { HttpApp } from '../../platform/http/server.js';
import { type JobStatuses, jobStatusJson } from '../../platform/jobs/job-statuses.js';
import type { BulkJob, BulkTickets } from './bulk.service.js';

export type BulkRoutesDeps = { bulk: BulkTickets; statuses: JobStatuses; publicUrl?: string | undefined };

/** The three bulk ticket calls; each answers `{"job_status": {...}}` at once. */
export function registerBulkRoutes(app: HttpApp, { bulk, statuses, publicUrl }: BulkRoutesDeps) {
  async function started(request: FastifyRequest, job: BulkJob) {
    const id = await bulk.start(actorOf(request), job);
    const row = await statuses.find(id);
    if (!row) throw new NotFoundError();
    return { job_status: jobStatusJson(row, baseUrl(request, publicUrl)) };
  }
  const response = { 200: jobStatusEnvelope };

  app.post(
    '/api/v2/tickets/create_many',
    { config: { access: 'agent' }, schema: { body: bulkCreateBody, response } },
    async (request) => started(request, { kind: 'create', tickets: request.body.tickets }),
  );

  app.put(
    '/api/v2/tickets/update_many',
    { config: { access: 'agent' }, schema: { querystring: bulkIdsQuery, body: bulkUpdateBody, response } },
    async (request) => {
      const { ids } = request.query;
      const { ticket, tickets } = request.body;
      if (ids && ticket && !tickets) {
        return started(request, { kind: 'update', tickets: ids.map((id) => ({ ...ticket, id })) });
      }
      if (!ids && tickets && !ticket) return started(request, { kind: 'update', tickets });
      throw InvalidError.field(
        'tickets',
        'send either ?ids=1,2 with one "ticket", or "tickets" where each has its "id"',
      );
    },
  );

  app.delete(
    '/api/v2/tickets/destroy_many',
    { config: { access: 'agent' }, schema: { querystring: bulkDestroyQuery, response } },
    async (request) => started(request, { kind: 'delete', ids: request.query.ids }),
  );
}
