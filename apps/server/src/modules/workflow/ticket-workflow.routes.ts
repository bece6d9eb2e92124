import {
  engineeringIssueInput,
  engineeringIssueUpdate,
  escalateInput,
  idParams,
  notificationEmail,
  swarm,
  swarmInvite,
  swarmMessageInput,
  swarmStart,
  ticketWorkflow,
} from '@frontline/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Actor, actorOf, isFullAgent } from '../../platform/auth/actor.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import { iso } from '../../platform/http/iso-time.js';
import type { HttpApp } from '../../platform/http/server.js';
import type { TicketsModule } from '../tickets/index.js';
import type { Notifications } from './automation/notifications.repository.js';
import type { EngineeringService } from './escalation/engineering.service.js';
import type { EscalationService } from './escalation/escalation.service.js';
import type { SwarmsService } from './swarming/swarms.service.js';
import type { TicketWorkflowView } from './ticket-workflow.view.js';
import { swarmJson } from './ticket-workflow.view.js';
import type { TicketWriter } from './ticket-writer.js';

export type TicketWorkflowDeps = {
  tickets: TicketsModule;
  writer: TicketWriter;
  view: TicketWorkflowView;
  escalation: EscalationService;
  engineering: EngineeringService;
  swarms: SwarmsService;
  notifications: Notifications;
};

const agent = { access: 'agent' as const };
const swarmResponse = { 200: z.object({ swarm }) };

/** Frontline's per-ticket workflow API under /api/v2/frontline/tickets/{id}/…. */
export function registerTicketWorkflowRoutes(app: HttpApp, deps: TicketWorkflowDeps) {
  const { tickets, writer, view, escalation, engineering, swarms } = deps;

  /** The ticket with the workflow's columns, if the actor may see it (404 otherwise). */
  async function ticketFor(actor: Actor, id: number, fullAgent = false) {
    if (fullAgent && !isFullAgent(actor)) throw new ForbiddenError('Light agents cannot do this');
    await tickets.service.visibleTicket(actor, id);
    const ticket = await writer.load(id);
    if (!ticket) throw new NotFoundError();
    return ticket;
  }
  const swarmOf = async (ticketId: number) => {
    const state = await swarms.view(ticketId);
    if (!state) throw new NotFoundError('This ticket has no swarm');
    return { swarm: swarmJson(state) };
  };
  type Req = FastifyRequest<{ Params: { id: number } }>;
  const base = '/api/v2/frontline/tickets/:id';

  app.get(
    `${base}/workflow`,
    {
      config: agent,
      schema: { params: idParams, response: { 200: z.object({ workflow: ticketWorkflow }) } },
    },
    async (request) => ({
      workflow: await view.state(await ticketFor(actorOf(request), request.params.id)),
    }),
  );

  app.post(
    `${base}/escalate`,
    { config: agent, schema: { params: idParams, body: escalateInput } },
    async (request) => {
      const actor = actorOf(request);
      const ticket = await ticketFor(actor, request.params.id, true);
      await escalation.escalateByHand(actor, ticket, request.body.reason, request.body.group_id);
      return { workflow: await view.state((await writer.load(ticket.id))!) };
    },
  );

  app.post(
    `${base}/engineering_issue`,
    { config: agent, schema: { params: idParams, body: engineeringIssueInput } },
    async (request, reply) => {
      const actor = actorOf(request);
      await engineering.link(actor, await ticketFor(actor, request.params.id, true), request.body.url);
      return reply.code(201).send({ workflow: await view.state((await writer.load(request.params.id))!) });
    },
  );
  app.put(
    `${base}/engineering_issue`,
    { config: agent, schema: { params: idParams, body: engineeringIssueUpdate } },
    async (request) => {
      const actor = actorOf(request);
      await engineering.setStatus(
        actor,
        await ticketFor(actor, request.params.id),
        request.body.status,
        request.body.note,
      );
      return { workflow: await view.state((await writer.load(request.params.id))!) };
    },
  );

  app.get(
    `${base}/swarm`,
    { config: agent, schema: { params: idParams, response: swarmResponse } },
    async (request: Req) => {
      await ticketFor(actorOf(request), request.params.id);
      return swarmOf(request.params.id);
    },
  );
  app.post(
    `${base}/swarm`,
    { config: agent, schema: { params: idParams, body: swarmStart } },
    async (request, reply) => {
      const actor = actorOf(request);
      const ticket = await ticketFor(actor, request.params.id, true);
      const { reason, ...who } = request.body;
      await swarms.start(actor, ticket, reason, who);
      return reply.code(201).send(await swarmOf(ticket.id));
    },
  );
  app.post(
    `${base}/swarm/invite`,
    { config: agent, schema: { params: idParams, body: swarmInvite, response: swarmResponse } },
    async (request) => {
      const actor = actorOf(request);
      await swarms.invite(actor, await ticketFor(actor, request.params.id), request.body);
      return swarmOf(request.params.id);
    },
  );
  for (const step of ['join', 'leave', 'close'] as const) {
    app.post(
      `${base}/swarm/${step}`,
      { config: agent, schema: { params: idParams, response: swarmResponse } },
      async (request: Req) => {
        const actor = actorOf(request);
        await ticketFor(actor, request.params.id);
        if (step === 'close') await swarms.close(request.params.id);
        else await swarms[step](actor, request.params.id);
        return swarmOf(request.params.id);
      },
    );
  }
  app.post(
    `${base}/swarm/messages`,
    { config: agent, schema: { params: idParams, body: swarmMessageInput, response: swarmResponse } },
    async (request) => {
      const actor = actorOf(request);
      await ticketFor(actor, request.params.id);
      await swarms.message(actor, request.params.id, request.body.body);
      return swarmOf(request.params.id);
    },
  );

  app.get(
    `${base}/notifications`,
    {
      config: agent,
      schema: {
        params: idParams,
        response: { 200: z.object({ notifications: z.array(notificationEmail) }) },
      },
    },
    async (request) => {
      await ticketFor(actorOf(request), request.params.id);
      const rows = await deps.notifications.forTicket(request.params.id);
      return {
        notifications: rows.map((n) => ({
          id: n.id,
          ticket_id: n.ticket_id,
          recipient_id: n.recipient_id,
          recipient_email: n.recipient_email,
          subject: n.subject,
          body: n.body,
          source: n.source,
          status: n.status,
          status_reason: n.status_reason,
          created_at: iso(n.created_at),
          sent_at: n.sent_at ? iso(n.sent_at) : null,
        })),
      };
    },
  );
}
