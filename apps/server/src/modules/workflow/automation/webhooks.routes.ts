import { idParams, webhook, webhookInput, webhookInvocation, webhookUpdate } from '@frontline/contracts';
import { z } from 'zod';
import { actorOf } from '../../../platform/auth/actor.js';
import { iso, isoOrNull } from '../../../platform/http/iso-time.js';
import { oneCursorPage } from '../../../platform/http/pagination.js';
import type { HttpApp } from '../../../platform/http/server.js';
import type { WebhooksService } from './webhooks.service.js';

type Row = Awaited<ReturnType<WebhooksService['show']>>;
type Invocation = Awaited<ReturnType<WebhooksService['invocations']>>[number];

/** Secrets never leave the server: authentication shows its type only, headers their names. */
function webhookJson(row: Row) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    endpoint: row.endpoint,
    http_method: row.http_method,
    request_format: row.request_format,
    status: row.status,
    subscriptions: row.subscriptions,
    authentication: row.authentication ? { type: row.authentication.type, add_position: 'header' } : null,
    custom_headers: Object.fromEntries(Object.keys(row.custom_headers).map((k) => [k, '********'])),
    allow_private_network: row.allow_private_network,
    created_by: row.created_by,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

function invocationJson(row: Invocation) {
  return {
    id: row.id,
    webhook_id: row.webhook_id,
    ticket_id: row.ticket_id,
    source: row.source,
    status: row.status,
    attempts: row.attempts,
    last_status_code: row.last_status_code,
    last_error: row.last_error,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    completed_at: isoOrNull(row.completed_at),
  };
}

const admin = { access: 'admin' as const };

/** `/api/v2/webhooks` (Zendesk's shape) and `/webhooks/{id}/invocations`, where failures show. */
export function registerWebhookRoutes(app: HttpApp, webhooks: WebhooksService) {
  app.get(
    '/api/v2/webhooks',
    {
      config: admin,
      schema: { response: { 200: z.object({ webhooks: z.array(webhook) }).catchall(z.unknown()) } },
    },
    async () => {
      const rows = await webhooks.list();
      return {
        webhooks: rows.map(webhookJson),
        ...oneCursorPage(),
      };
    },
  );
  app.post(
    '/api/v2/webhooks',
    {
      config: admin,
      schema: { body: z.object({ webhook: webhookInput }), response: { 201: z.object({ webhook }) } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send({ webhook: webhookJson(await webhooks.create(actorOf(request), request.body.webhook)) }),
  );
  app.get('/api/v2/webhooks/:id', { config: admin, schema: { params: idParams } }, async (request) => ({
    webhook: webhookJson(await webhooks.show(request.params.id)),
  }));
  app.patch(
    '/api/v2/webhooks/:id',
    { config: admin, schema: { params: idParams, body: z.object({ webhook: webhookUpdate }) } },
    async (request, reply) => {
      await webhooks.update(request.params.id, request.body.webhook);
      return reply.code(204).send();
    },
  );
  app.put(
    '/api/v2/webhooks/:id',
    { config: admin, schema: { params: idParams, body: z.object({ webhook: webhookUpdate }) } },
    async (request) => ({
      webhook: webhookJson(await webhooks.update(request.params.id, request.body.webhook)),
    }),
  );
  app.delete(
    '/api/v2/webhooks/:id',
    { config: admin, schema: { params: idParams } },
    async (request, reply) => {
      await webhooks.remove(request.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/v2/webhooks/:id/invocations',
    {
      config: admin,
      schema: {
        params: idParams,
        querystring: z.object({
          'filter[status]': z.enum(['pending', 'retrying', 'succeeded', 'failed']).optional(),
          filter: z
            .object({ status: z.enum(['pending', 'retrying', 'succeeded', 'failed']).optional() })
            .optional(),
        }),
        response: { 200: z.object({ invocations: z.array(webhookInvocation) }).catchall(z.unknown()) },
      },
    },
    async (request) => {
      const status = request.query.filter?.status ?? request.query['filter[status]'];
      const rows = await webhooks.invocations(request.params.id, status);
      return {
        invocations: rows.map(invocationJson),
        meta: oneCursorPage().meta,
      };
    },
  );
}
