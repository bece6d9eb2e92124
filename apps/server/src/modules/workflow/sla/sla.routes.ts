import {
  idParams,
  reorderSlaPolicies,
  type SlaPolicyJson,
  slaPolicy,
  slaPolicyInput,
  slaPolicyUpdate,
  ticketMetric,
} from '@frontline/contracts';
import type { FastifyRequest } from 'fastify';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { SlaPoliciesTable } from '../../../db/tables/workflow.js';
import { actorOf } from '../../../platform/auth/actor.js';
import { iso, isoOrNull } from '../../../platform/http/iso-time.js';
import { baseUrl, onePage } from '../../../platform/http/pagination.js';
import type { HttpApp } from '../../../platform/http/server.js';
import type { SlaService } from './sla.service.js';
import type { TicketMetrics } from './ticket-metrics.js';

export type MetricsReader = (
  actor: ReturnType<typeof actorOf>,
  ticketId: number,
) => Promise<{ ticket: { id: number; created_at: Date; updated_at: Date }; metrics: TicketMetrics }>;

function policyJson(row: Selectable<SlaPoliciesTable>, base: string) {
  return {
    id: row.id,
    url: `${base}/api/v2/slas/policies/${row.id}.json`,
    title: row.title,
    description: row.description,
    position: row.position,
    filter: row.filter,
    policy_metrics: row.policy_metrics as SlaPolicyJson['policy_metrics'],
    schedule_id: row.schedule_id,
    warning_minutes: row.warning_minutes,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

function metricJson(
  ticket: { id: number; created_at: Date; updated_at: Date },
  m: TicketMetrics,
  base: string,
) {
  return {
    id: ticket.id,
    url: `${base}/api/v2/ticket_metrics/${ticket.id}.json`,
    ticket_id: ticket.id,
    group_stations: m.group_stations,
    assignee_stations: m.assignee_stations,
    reopens: m.reopens,
    replies: m.replies,
    assignee_updated_at: isoOrNull(m.assignee_updated_at),
    requester_updated_at: isoOrNull(m.requester_updated_at),
    status_updated_at: iso(m.status_updated_at),
    initially_assigned_at: isoOrNull(m.initially_assigned_at),
    assigned_at: isoOrNull(m.assigned_at),
    solved_at: isoOrNull(m.solved_at),
    latest_comment_added_at: isoOrNull(m.latest_comment_added_at),
    reply_time_in_minutes: m.reply_time_in_minutes,
    first_resolution_time_in_minutes: m.first_resolution_time_in_minutes,
    full_resolution_time_in_minutes: m.full_resolution_time_in_minutes,
    agent_wait_time_in_minutes: m.agent_wait_time_in_minutes,
    requester_wait_time_in_minutes: m.requester_wait_time_in_minutes,
    on_hold_time_in_minutes: m.on_hold_time_in_minutes,
    created_at: iso(ticket.created_at),
    updated_at: iso(ticket.updated_at),
  };
}

/** Zendesk's `/api/v2/slas/policies` and `/api/v2/tickets/{id}/metrics`. */
export function registerSlaRoutes(
  app: HttpApp,
  deps: { sla: SlaService; metrics: MetricsReader; publicUrl: string | undefined },
) {
  const { sla, metrics } = deps;
  const base = (request: FastifyRequest) => baseUrl(request, deps.publicUrl);
  const path = '/api/v2/slas/policies';
  const read = { access: 'agent' as const };
  const write = { access: 'admin' as const };

  app.get(
    path,
    {
      config: read,
      schema: { response: { 200: z.object({ sla_policies: z.array(slaPolicy) }).catchall(z.unknown()) } },
    },
    async (request) => {
      const rows = await sla.list();
      return {
        sla_policies: rows.map((r) => policyJson(r, base(request))),
        ...onePage(rows.length),
      };
    },
  );
  app.get('/api/v2/slas/policies/definitions', { config: read }, async () => ({
    definitions: {
      all: [
        {
          title: 'Ticket',
          values: ['status', 'priority', 'type', 'group_id', 'organization_id', 'via_id', 'current_tags'],
        },
      ],
      any: [],
    },
  }));
  app.post(
    path,
    {
      config: write,
      schema: {
        body: z.object({ sla_policy: slaPolicyInput }),
        response: { 201: z.object({ sla_policy: slaPolicy }) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send({ sla_policy: policyJson(await sla.create(request.body.sla_policy), base(request)) }),
  );
  app.put(`${path}/reorder`, { config: write, schema: { body: reorderSlaPolicies } }, async (request) => {
    await sla.reorder(request.body.sla_policy_ids);
    return { sla_policies: (await sla.list()).map((r) => policyJson(r, base(request))) };
  });
  app.get(`${path}/:id`, { config: read, schema: { params: idParams } }, async (request) => ({
    sla_policy: policyJson(await sla.show(request.params.id), base(request)),
  }));
  app.put(
    `${path}/:id`,
    { config: write, schema: { params: idParams, body: z.object({ sla_policy: slaPolicyUpdate }) } },
    async (request) => ({
      sla_policy: policyJson(await sla.update(request.params.id, request.body.sla_policy), base(request)),
    }),
  );
  app.delete(`${path}/:id`, { config: write, schema: { params: idParams } }, async (request, reply) => {
    await sla.remove(request.params.id);
    return reply.code(204).send();
  });

  const metricHandler = async (request: FastifyRequest<{ Params: { id: number } }>) => {
    const { ticket, metrics: m } = await metrics(actorOf(request), request.params.id);
    return { ticket_metric: metricJson(ticket, m, base(request)) };
  };
  const metricSchema = { params: idParams, response: { 200: z.object({ ticket_metric: ticketMetric }) } };
  app.get('/api/v2/tickets/:id/metrics', { config: read, schema: metricSchema }, metricHandler);
  app.get('/api/v2/ticket_metrics/:id', { config: read, schema: metricSchema }, metricHandler);
}
