import type { Ticket } from '../../../db/schema.js';
import type { Level } from '../../../db/tables/workflow.js';
import { type Actor, isAdmin } from '../../../platform/auth/actor.js';
import type { Clock } from '../../../platform/clock.js';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../../platform/http/errors.js';
import type { Notifications } from '../automation/notifications.repository.js';
import type { WebhooksRepository } from '../automation/webhooks.repository.js';
import type { TicketWriter } from '../ticket-writer.js';
import type { ActionValues, ApprovalsRepository } from './approvals.repository.js';

type ActionRow = NonNullable<Awaited<ReturnType<ApprovalsRepository['action']>>>;

/** The most an actor may do alone: their level's limit; admins have none. Pure. */
export function limitFor(action: Pick<ActionRow, 'limits'>, role: string, level: Level | null): number {
  if (role === 'admin') return Number.POSITIVE_INFINITY;
  return level ? (action.limits[level] ?? 0) : 0;
}

function amountText(amount: number, unit: string) {
  return unit ? `${amount} ${unit}` : String(amount);
}

/**
 * Empowered actions: admin-defined actions (a refund …) that an agent takes alone up to
 * their level's limit, through a webhook to the system that does it, recorded on the
 * ticket (an internal note) and in the requests log. Above the limit the agent asks in
 * one call; a senior agent or admin whose limit covers it approves or rejects, once.
 */
export function createApprovalsService(deps: {
  repo: ApprovalsRepository;
  webhooks: WebhooksRepository;
  notifications: Notifications;
  writer: TicketWriter;
  clock: Clock;
  baseUrl: string;
}) {
  const { repo, webhooks, notifications, writer, clock } = deps;

  async function existingAction(id: number) {
    const row = await repo.action(id);
    if (!row) throw new NotFoundError();
    return row;
  }

  async function checkWebhook(id: number | null | undefined) {
    if (id !== undefined && id !== null && !(await webhooks.find(id)))
      throw InvalidError.field('webhook_id', `webhook ${id} does not exist`);
  }

  async function execute(
    action: ActionRow,
    requestId: number,
    ticketId: number,
    agentId: number,
    amount: number,
  ) {
    if (action.webhook_id === null) return;
    await webhooks.invoke(
      {
        webhookId: action.webhook_id,
        ticketId,
        source: `empowered_action:${action.id}`,
        body: JSON.stringify({
          action: action.name,
          amount,
          unit: action.unit,
          ticket_id: ticketId,
          agent_id: agentId,
          request_id: requestId,
        }),
        dedupeKey: `empowered_action_request:${requestId}`,
      },
      clock.now(),
    );
  }

  return {
    actions: () => repo.actions(),
    action: existingAction,
    async createAction(
      input: Omit<ActionValues, 'description' | 'unit' | 'active' | 'webhook_id'> & Partial<ActionValues>,
    ) {
      await checkWebhook(input.webhook_id);
      return repo.insertAction(
        {
          name: input.name,
          description: input.description ?? '',
          unit: input.unit ?? '',
          limits: input.limits,
          webhook_id: input.webhook_id ?? null,
          active: input.active ?? true,
        },
        clock.now(),
      );
    },
    async updateAction(id: number, input: Partial<ActionValues>) {
      await existingAction(id);
      await checkWebhook(input.webhook_id);
      const row = await repo.updateAction(id, input, clock.now());
      if (!row) throw new NotFoundError();
      return row;
    },

    async run(actor: Actor, ticket: Ticket, actionId: number, amount: number, note: string) {
      const action = await existingAction(actionId);
      if (!action.active) throw InvalidError.field('action', `${action.name} is turned off`);
      const limit = limitFor(action, actor.user.role, actor.user.agent_level);
      const now = clock.now();
      const within = amount <= limit;
      const { id } = await repo.insertRequest(
        {
          actionId,
          ticketId: ticket.id,
          agentId: actor.user.id,
          amount,
          note,
          status: within ? 'executed' : 'pending_approval',
        },
        now,
      );
      const what = `${action.name} of ${amountText(amount, action.unit)}`;
      const why = note ? ` Note: ${note}` : '';
      if (within) {
        await execute(action, id, ticket.id, actor.user.id, amount);
        await writer.asAgent(
          actor,
          ticket.id,
          { comment: { body: `${what} done by ${actor.user.name}.${why}`, public: false } },
          'empowered_action',
          { request_id: id },
        );
      } else {
        const level = actor.user.agent_level ?? 'no level';
        await writer.asAgent(
          actor,
          ticket.id,
          {
            comment: {
              body: `${actor.user.name} asked for approval: ${what} is above the ${level} limit of ${amountText(limit, action.unit)}.${why}`,
              public: false,
            },
          },
          'empowered_action',
          { request_id: id },
        );
        const approvers = (await repo.approvers()).filter(
          (u) => u.id !== actor.user.id && limitFor(action, u.role, u.agent_level) >= amount,
        );
        const people = await notifications.recipients(approvers.map((u) => u.id));
        await notifications.send(
          people.map((p) => ({
            ticketId: ticket.id,
            recipientId: p.id,
            recipientEmail: p.email!,
            subject: `[Approval] ${what} on #${ticket.id}`,
            body: `${actor.user.name} asks you to approve ${what} on ticket #${ticket.id} "${ticket.subject}".${why}\n\n${deps.baseUrl}/agent/tickets/${ticket.id}`,
            source: `approval:${id}`,
            dedupeKey: `approval:${id}:${p.id}`,
          })),
        );
      }
      return (await repo.request(id))!;
    },

    list(
      actor: Actor,
      filter: {
        status?: 'executed' | 'pending_approval' | 'approved' | 'rejected' | undefined;
        ticketId?: number | undefined;
      },
    ) {
      const approver = isAdmin(actor) || actor.user.agent_level === 'senior';
      return repo.list({ ...filter, ...(approver ? {} : { agentId: actor.user.id }) });
    },

    async decide(actor: Actor, requestId: number, decision: 'approved' | 'rejected', note: string) {
      const request = await repo.request(requestId);
      if (!request) throw new NotFoundError();
      const action = await existingAction(request.action_id);
      if (request.agent_id === actor.user.id)
        throw new ForbiddenError('You cannot decide on your own request');
      if (!isAdmin(actor) && actor.user.agent_level !== 'senior')
        throw new ForbiddenError('Only senior agents and admins decide on requests');
      if (
        decision === 'approved' &&
        limitFor(action, actor.user.role, actor.user.agent_level) < request.amount
      )
        throw new ForbiddenError(`${amountText(request.amount, action.unit)} is above your own limit`);
      const decided = await repo.decide(
        requestId,
        { status: decision, approverId: actor.user.id, note },
        clock.now(),
      );
      if (!decided)
        throw new ConflictError(
          `This request was already ${request.status.replace('_', ' ')}`,
          'AlreadyDecided',
        );
      if (decision === 'approved')
        await execute(action, requestId, request.ticket_id, request.agent_id, request.amount);
      const what = `${action.name} of ${amountText(request.amount, action.unit)}`;
      await writer.asAgent(
        actor,
        request.ticket_id,
        {
          comment: {
            body: `${what} ${decision} by ${actor.user.name}.${note ? ` ${note}` : ''}`,
            public: false,
          },
        },
        'empowered_action',
        { request_id: requestId },
      );
      return (await repo.request(requestId))!;
    },
  };
}

export type ApprovalsService = ReturnType<typeof createApprovalsService>;
