import { commentInput, customFieldValue, id, idParams, paginationQuery } from '@frontline/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Ticket } from '../../db/schema.js';
import { actorOf } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { InvalidError } from '../../platform/http/errors.js';
import { baseUrl, offsetEnvelope, onePage, pageRequest } from '../../platform/http/pagination.js';
import type { HttpApp } from '../../platform/http/server.js';
import type { TicketsView } from '../tickets/index.js';
import type { PortalRepository } from './portal.repository.js';
import { requestCommentJson, requestJson } from './requests.presenter.js';
import type { RequestsService } from './requests.service.js';

export type RequestRoutesDeps = {
  requests: RequestsService;
  view: TicketsView;
  portal: PortalRepository;
  clock: Clock;
  publicUrl?: string | undefined;
};

const STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
const statusList = z
  .string()
  .max(100)
  .transform((text, ctx) => {
    const list = text
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    const wrong = list.filter((s) => !(STATUSES as readonly string[]).includes(s));
    if (wrong.length)
      ctx.addIssue({
        code: 'custom',
        message: `unknown status ${wrong.join(', ')}; use ${STATUSES.join(', ')}`,
      });
    return list;
  });

const requestCreate = z.object({
  request: z.object({
    subject: z.string().trim().min(1).max(500),
    comment: commentInput.pick({ body: true, html_body: true, uploads: true }),
    custom_fields: z
      .array(z.object({ id, value: customFieldValue }))
      .max(100)
      .optional(),
    requester: z
      .object({
        name: z.string().trim().max(255).optional(),
        email: z.email().max(254),
        locale: z.string().max(10).optional(),
      })
      .optional(),
  }),
});

const requestUpdate = z.object({
  request: z.object({
    comment: commentInput.pick({ body: true, html_body: true, uploads: true }).optional(),
    solved: z.boolean().optional(),
  }),
});

/** Zendesk's Requests API: the end user's view of their tickets (anonymous create when allowed). */
export function registerRequestRoutes(app: HttpApp, deps: RequestRoutesDeps) {
  const { requests, view } = deps;
  const base = (request: FastifyRequest) => baseUrl(request, deps.publicUrl);
  async function one(request: FastifyRequest, ticket: Ticket) {
    const b = base(request);
    const [json] = await view.tickets([ticket], b);
    return requestJson(json!, b);
  }

  app.get(
    '/api/v2/requests',
    {
      config: { access: 'user' },
      schema: {
        querystring: paginationQuery.extend({
          status: statusList.optional(),
          organization: z.enum(['true', 'false']).optional(),
        }),
      },
    },
    async (request) => {
      const page = pageRequest({
        page: typeof request.query.page === 'number' ? request.query.page : 1,
        per_page: request.query.per_page,
      });
      if (page.mode !== 'offset')
        throw InvalidError.field('page', 'requests are paged with page and per_page');
      const result = await requests.list(
        actorOf(request),
        { status: request.query.status ?? [], organization: request.query.organization === 'true' },
        page,
      );
      const b = base(request);
      const rows = (await view.tickets(result.rows, b)).map((t) => requestJson(t, b));
      return {
        requests: rows,
        ...offsetEnvelope(request, b, page, result.mode === 'offset' ? result.count : rows.length),
      };
    },
  );

  app.get(
    '/api/v2/requests/:id',
    { config: { access: 'user' }, schema: { params: idParams } },
    async (request) => ({
      request: await one(request, await requests.show(actorOf(request), request.params.id)),
    }),
  );

  app.get(
    '/api/v2/requests/:id/comments',
    { config: { access: 'user' }, schema: { params: idParams } },
    async (request) => {
      const comments = await requests.comments(actorOf(request), request.params.id);
      const b = base(request);
      const json = await view.comments(comments, b);
      return {
        comments: json.map((c) => requestCommentJson(c, request.params.id, b)),
        ...onePage(json.length),
      };
    },
  );

  app.post(
    '/api/v2/requests',
    { config: { access: 'public' }, schema: { body: requestCreate } },
    async (request, reply) => {
      const input = request.body.request;
      if (!request.actor && !input.requester)
        throw InvalidError.field(
          'requester',
          'is required without credentials: give a name and email',
          'BlankValue',
        );
      const written = await requests.create(
        request.actor,
        {
          subject: input.subject,
          body: input.comment.body ?? '',
          ...(input.comment.html_body !== undefined ? { html: input.comment.html_body } : {}),
          uploads: input.comment.uploads,
          customFields: input.custom_fields,
          requester: request.actor ? undefined : input.requester,
          channel: 'api',
        },
        request.ip,
      );
      const body = { request: await one(request, written.ticket) };
      return reply.code(201).header('location', body.request.url).send(body);
    },
  );

  app.put(
    '/api/v2/requests/:id',
    { config: { access: 'user' }, schema: { params: idParams, body: requestUpdate } },
    async (request) => {
      const { comment, solved } = request.body.request;
      const written = await requests.update(actorOf(request), request.params.id, {
        body: comment?.body,
        html: comment?.html_body,
        uploads: comment?.uploads,
        solved,
      });
      return { request: await one(request, written.ticket) };
    },
  );

  const settingsBody = z.object({
    portal_settings: z.object({
      anyone_can_submit: z.boolean().optional(),
      proof_of_work_bits: z.number().int().min(0).max(24).optional(),
    }),
  });
  app.get('/api/v2/frontline/portal_settings', { config: { access: 'admin' } }, async () => ({
    portal_settings: await deps.portal.settings(),
  }));
  app.put(
    '/api/v2/frontline/portal_settings',
    { config: { access: 'admin' }, schema: { body: settingsBody } },
    async (request) => {
      const current = await deps.portal.settings();
      const next = { ...current, ...stripUndefined(request.body.portal_settings) };
      await deps.portal.saveSettings(next, deps.clock.now());
      return { portal_settings: next };
    },
  );
}

function stripUndefined<T extends Record<string, unknown>>(value: T) {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
