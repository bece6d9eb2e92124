import {
  idParams,
  macro,
  macroApplyResult,
  macroInput,
  macroListQuery,
  macroUpdate,
} from '@frontline/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../../platform/auth/actor.js';
import { iso } from '../../../platform/http/iso-time.js';
import { baseUrl, onePage } from '../../../platform/http/pagination.js';
import type { HttpApp } from '../../../platform/http/server.js';
import type { TicketsModule } from '../../tickets/index.js';
import type { MacroUsage } from './macros.repository.js';
import type { MacrosService } from './macros.service.js';

type Row = Awaited<ReturnType<MacrosService['create']>>;

function macroJson(row: Row, usage: MacroUsage | undefined, base: string) {
  return {
    id: row.id,
    url: `${base}/api/v2/macros/${row.id}.json`,
    title: row.title,
    raw_title: row.title,
    description: row.description || null,
    active: row.active,
    position: row.position,
    default: false,
    actions: row.actions,
    restriction: row.restriction_type
      ? { type: row.restriction_type, id: row.restriction_ids[0]!, ids: row.restriction_ids }
      : null,
    usage_1h: usage?.usage_1h ?? 0,
    usage_24h: usage?.usage_24h ?? 0,
    usage_7d: usage?.usage_7d ?? 0,
    usage_30d: usage?.usage_30d ?? 0,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

function commentJson(comment: { body: string; html: boolean; public: boolean } | null) {
  if (!comment) return undefined;
  const html = comment.html
    ? comment.body
    : `<p>${comment.body.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\n/g, '<br>')}</p>`;
  const text = comment.html ? comment.body.replace(/<[^>]+>/g, '') : comment.body;
  return {
    body: text,
    html_body: html,
    public: comment.public,
    scoped_body: [['channel:all', text]] as [string, string][],
  };
}

const listResponse = z.object({ macros: z.array(macro) }).catchall(z.unknown());
const agent = { access: 'agent' as const };

/** Zendesk's `/api/v2/macros`, `/macros/active`, `/macros/{id}/apply` and `/tickets/{id}/macros/{id}/apply`. */
export function registerMacroRoutes(
  app: HttpApp,
  deps: { macros: MacrosService; tickets: TicketsModule; publicUrl: string | undefined },
) {
  const { macros, tickets } = deps;
  const base = (request: FastifyRequest) => baseUrl(request, deps.publicUrl);

  const list = async (request: FastifyRequest, activeOnly: boolean) => {
    const { rows, usage } = await macros.list(actorOf(request), {
      ...(request.query as z.infer<typeof macroListQuery>),
      ...(activeOnly ? { active: 'true' } : {}),
    });
    return {
      macros: rows.map((r) => macroJson(r, usage.get(r.id), base(request))),
      ...onePage(rows.length),
    };
  };
  app.get(
    '/api/v2/macros',
    { config: agent, schema: { querystring: macroListQuery, response: { 200: listResponse } } },
    (r) => list(r, false),
  );
  app.get(
    '/api/v2/macros/active',
    { config: agent, schema: { querystring: macroListQuery, response: { 200: listResponse } } },
    (r) => list(r, true),
  );
  app.get(
    '/api/v2/macros/search',
    { config: agent, schema: { querystring: macroListQuery, response: { 200: listResponse } } },
    (r) => list(r, false),
  );
  app.post(
    '/api/v2/macros',
    {
      config: agent,
      schema: { body: z.object({ macro: macroInput }), response: { 201: z.object({ macro }) } },
    },
    async (request, reply) =>
      reply.code(201).send({
        macro: macroJson(await macros.create(actorOf(request), request.body.macro), undefined, base(request)),
      }),
  );
  app.get(
    '/api/v2/macros/:id',
    { config: agent, schema: { params: idParams, response: { 200: z.object({ macro }) } } },
    async (request) => {
      const { macro: row, usage } = await macros.show(actorOf(request), request.params.id);
      return { macro: macroJson(row, usage, base(request)) };
    },
  );
  app.put(
    '/api/v2/macros/:id',
    { config: agent, schema: { params: idParams, body: z.object({ macro: macroUpdate }) } },
    async (request) => ({
      macro: macroJson(
        await macros.update(actorOf(request), request.params.id, request.body.macro),
        undefined,
        base(request),
      ),
    }),
  );
  app.delete(
    '/api/v2/macros/:id',
    { config: agent, schema: { params: idParams } },
    async (request, reply) => {
      await macros.remove(actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v2/macros/:id/apply',
    { config: agent, schema: { params: idParams, response: { 200: macroApplyResult } } },
    async (request) => {
      const { plan, after, comment } = await macros.apply(actorOf(request), request.params.id, null);
      const changed: Record<string, unknown> = { ...plan.fields };
      if (plan.tags) changed.tags = plan.tags;
      const custom = Object.entries(plan.customFields).map(([id, value]) => ({ id: Number(id), value }));
      if (custom.length) changed.custom_fields = custom;
      if (plan.addFollowers.length) changed.follower_ids = after.follower_ids;
      const c = commentJson(comment);
      return {
        result: { ticket: { ...changed, ...(c ? { comment: c } : {}) }, ...(c ? { comment: c } : {}) },
      };
    },
  );
  app.get(
    '/api/v2/tickets/:ticket_id/macros/:id/apply',
    {
      config: agent,
      schema: {
        params: z.object({ ticket_id: idParams.shape.id, id: idParams.shape.id }),
        response: { 200: macroApplyResult },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const ticket = await tickets.service.visibleTicket(actor, request.params.ticket_id);
      const { after, comment } = await macros.apply(actor, request.params.id, ticket);
      const [json] = await tickets.view.tickets([after], base(request));
      const c = commentJson(comment);
      return { result: { ticket: { ...json, ...(c ? { comment: c } : {}) }, ...(c ? { comment: c } : {}) } };
    },
  );
}
