import type { JsonObject, Ticket } from '../../db/schema.js';
import type { Clock } from '../../platform/clock.js';
import type { TicketChange } from '../tickets/index.js';
import type { RuleRunner } from './automation/rule-runner.js';
import type { SchedulesRepository } from './business-hours/schedules.repository.js';
import type { EscalationService } from './escalation/escalation.service.js';
import type { RoutingService } from './routing/routing.service.js';
import type { RuleUpdate } from './rules/rule-facts.js';
import type { SlaService } from './sla/sla.service.js';
import type { TicketWriter } from './ticket-writer.js';
import { buildFacts } from './timeline/facts.js';
import type { TimelineRepository } from './timeline/timeline.repository.js';

export type WorkflowConsumerDeps = {
  writer: TicketWriter;
  timeline: TimelineRepository;
  schedules: SchedulesRepository;
  routing: RoutingService;
  escalation: EscalationService;
  sla: SlaService;
  rules: RuleRunner;
  clock: Clock;
  /** Asks for the queues of these groups to be offered to agents again (an agent freed up). */
  drain(groupIds: number[]): Promise<void>;
  groupsOf(userId: number): Promise<number[]>;
  /** A deleted ticket has no timers: clears its due times and cancels its SLA targets. */
  forget(ticketId: number): Promise<void>;
};

const FREEING = new Set(['pending', 'hold', 'solved', 'closed']);

function changed(change: TicketChange, field: string) {
  return change.changes.find((c) => c.field === field);
}

/**
 * What the workflow does after every ticket change, as one durable job per change
 * (the ticket event bus): route and assign, free up capacity, recompute the tier timer,
 * the SLA targets and the next automation check from the ticket's history, then run the
 * trigger pass. Every step reads current state and is idempotent, so a retried job or
 * two nodes change nothing twice.
 */
export function createWorkflowConsumer(deps: WorkflowConsumerDeps) {
  const { writer, timeline, clock } = deps;

  async function updateOf(change: TicketChange, ticket: Ticket) {
    const [details, users] = await Promise.all([
      timeline.changeDetails(change.audit_id, change.comment?.id ?? null),
      timeline.users([change.actor_id, ticket.requester_id]),
    ]);
    const actor = users.find((u) => u.id === change.actor_id);
    const update: RuleUpdate = {
      type: change.kind === 'created' ? 'Create' : 'Change',
      changes: change.changes.map((c) => ({ ...c })),
      comment: details.comment ? { body: details.comment.body, public: details.comment.public } : null,
      actorId: change.actor_id,
      actorRole: actor?.role ?? 'admin',
      via: change.via,
    };
    return {
      update,
      rel: (details.viaSource as JsonObject).rel,
      requester: users.find((u) => u.id === ticket.requester_id),
    };
  }

  async function freeCapacity(change: TicketChange, ticket: Ticket) {
    const assignee = changed(change, 'assignee_id');
    const status = changed(change, 'status');
    const freed = new Set<number>();
    if (assignee && typeof assignee.from === 'number') freed.add(assignee.from);
    if (status && FREEING.has(String(status.to)) && ticket.assignee_id !== null)
      freed.add(ticket.assignee_id);
    const groups = new Set<number>();
    for (const userId of freed) for (const g of await deps.groupsOf(userId)) groups.add(g);
    if (groups.size) await deps.drain([...groups]);
  }

  return async function onTicketChange(change: TicketChange) {
    if (change.kind === 'deleted') return deps.forget(change.ticket_id);
    const ticket = await writer.load(change.ticket_id);
    if (!ticket) return;
    const now = clock.now();
    const { update, rel, requester } = await updateOf(change, ticket);
    const schedule = await deps.schedules.schedule(null);
    let history = await timeline.history(ticket.id, ticket.created_at);
    const facts = () => buildFacts({ ticket, history, requester, update, schedule, now });

    if (change.kind === 'created') await deps.routing.route(ticket, facts());
    const groupMoved =
      changed(change, 'group_id') || changed(change, 'assignee_id') || changed(change, 'status');
    if (change.kind === 'created' || groupMoved) await deps.routing.assign(ticket);
    if (change.kind === 'updated') await freeCapacity(change, ticket);

    const current = (await writer.load(ticket.id)) ?? ticket;
    if (current.updated_at.getTime() !== ticket.updated_at.getTime())
      history = await timeline.history(ticket.id, ticket.created_at);
    const currentFacts = buildFacts({ ticket: current, history, requester, update, schedule, now });
    await deps.escalation.refresh(current, history);
    await deps.sla.refresh(current, history, currentFacts);
    await deps.rules.scheduleCheck(current.id, { ...currentFacts, update: null }, true);
    if (rel !== 'trigger' && current.status !== 'closed')
      await deps.rules.runTriggers(current, currentFacts, change.audit_id);
  };
}
