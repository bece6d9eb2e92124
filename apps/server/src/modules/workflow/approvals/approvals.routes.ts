import {
  actionRequest,
  approvalDecision,
  empoweredAction,
  empoweredActionInput,
  empoweredActionRun,
  empoweredActionUpdate,
  idParams,
} from '@frontline/contracts';
import { z } from 'zod';
import { actorOf, isFullAgent } from '../../../platform/auth/actor.js';
import { ForbiddenError } from '../../../platform/http/errors.js';
import { iso, isoOrNull } from '../../../platform/http/iso-time.js';
import type { HttpApp } from '../../../platform/http/server.js';
import type { TicketsModule } from '../../tickets/index.js';
import type { ApprovalsService } from './approvals.service.js';

type Action = Awaited<ReturnType<ApprovalsService['action']>>;
type Request = Awaited<ReturnType<ApprovalsService['run']>>;

function actionJson(a: Action) {
  return {
    id: a.id,
    name: a.name,
    description: a.description,
    unit: a.unit,
    limits: a.limits,
    webhook_id: a.webhook_id,
    active: a.active,
    created_at: iso(a.created_at),
    updated_at: iso(a.updated_at),
  };
}

function requestJson(r: Request) {
  return {
    id: r.id,
    action_id: r.action_id,
    action_name: r.action_name,
    ticket_id: r.ticket_id,
    agent_id: r.agent_id,
    amount: r.amount,
    unit: r.unit,
    note: r.note,
    status: r.status,
    approver_id: r.approver_id,
    decision_note: r.decision_note,
    decided_at: isoOrNull(r.decided_at),
    created_at: iso(r.created_at),
  };
}

const agent = { access: 'agent' as const };
const admin = { access: 'admin' as const };
const statusQuery = z.object({
  status: z.enum(['executed', 'pending_approval', 'approved', 'rejected']).optional(),
  ticket_id: idParams.shape.id.optional(),
});

/** Empowered actions with limits per level, and the approvals above them (`/api/v2/frontline/…`). */
export function registerApprovalRoutes(
  app: HttpApp,
  deps: { approvals: ApprovalsService; tickets: TicketsModule },
) {
  const { approvals, tickets } = deps;
  const path = '/api/v2/frontline/empowered_actions';

  app.get(
    path,
    {
      config: agent,
      schema: { response: { 200: z.object({ empowered_actions: z.array(empoweredAction) }) } },
    },
    async () => ({
      empowered_actions: (await approvals.actions()).map(actionJson),
    }),
  );
  app.post(
    path,
    { config: admin, schema: { body: z.object({ empowered_action: empoweredActionInput }) } },
    async (request, reply) =>
      reply
        .code(201)
        .send({ empowered_action: actionJson(await approvals.createAction(request.body.empowered_action)) }),
  );
  app.get(`${path}/:id`, { config: agent, schema: { params: idParams } }, async (request) => ({
    empowered_action: actionJson(await approvals.action(request.params.id)),
  }));
  app.put(
    `${path}/:id`,
    {
      config: admin,
      schema: { params: idParams, body: z.object({ empowered_action: empoweredActionUpdate }) },
    },
    async (request) => ({
      empowered_action: actionJson(
        await approvals.updateAction(request.params.id, request.body.empowered_action),
      ),
    }),
  );

  app.post(
    '/api/v2/frontline/tickets/:id/empowered_actions/:action_id',
    {
      config: agent,
      schema: {
        params: z.object({ id: idParams.shape.id, action_id: idParams.shape.id }),
        body: empoweredActionRun,
        response: { 201: z.object({ request: actionRequest }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!isFullAgent(actor)) throw new ForbiddenError('Light agents cannot take empowered actions');
      const ticket = await tickets.service.visibleTicket(actor, request.params.id);
      const row = await approvals.run(
        actor,
        ticket,
        request.params.action_id,
        request.body.amount,
        request.body.note ?? '',
      );
      return reply.code(201).send({ request: requestJson(row) });
    },
  );

  app.get(
    '/api/v2/frontline/approvals',
    {
      config: agent,
      schema: { querystring: statusQuery, response: { 200: z.object({ requests: z.array(actionRequest) }) } },
    },
    async (request) => ({
      requests: (
        await approvals.list(actorOf(request), {
          status: request.query.status,
          ticketId: request.query.ticket_id,
        })
      ).map(requestJson),
    }),
  );
  for (const [step, decision] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    app.post(
      `/api/v2/frontline/approvals/:id/${step}`,
      {
        config: agent,
        schema: {
          params: idParams,
          body: approvalDecision.optional(),
          response: { 200: z.object({ request: actionRequest }) },
        },
      },
      async (request) => ({
        request: requestJson(
          await approvals.decide(actorOf(request), request.params.id, decision, request.body?.note ?? ''),
        ),
      }),
    );
  }
}
