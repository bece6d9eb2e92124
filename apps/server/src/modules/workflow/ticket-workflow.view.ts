import type { Ticket } from '../../db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { iso, isoOrNull } from '../../platform/http/iso-time.js';
import type { EscalationRepository } from './escalation/escalation.repository.js';
import type { RoutingRepository } from './routing/routing.repository.js';
import type { SlaRepository } from './sla/sla.repository.js';
import type { SwarmsService } from './swarming/swarms.service.js';

/** Builds the workflow state of a ticket as the agent app shows it: tier, queue, SLA clocks, history of hand-offs. */
export function createTicketWorkflowView(deps: {
  sla: SlaRepository;
  escalations: EscalationRepository;
  routing: RoutingRepository;
  clock: Clock;
}) {
  return {
    async state(ticket: Ticket) {
      const now = deps.clock.now();
      const [targets, events, decisions, escalations, link] = await Promise.all([
        deps.sla.targets(ticket.id),
        deps.sla.events(ticket.id),
        deps.routing.decisions(ticket.id),
        deps.escalations.list(ticket.id),
        deps.escalations.link(ticket.id),
      ]);
      return {
        ticket_id: ticket.id,
        tier: ticket.tier,
        tier_entered_at: isoOrNull(ticket.tier_entered_at),
        escalate_at: isoOrNull(ticket.escalate_at),
        required_level: ticket.required_level,
        required_skills: ticket.required_skills,
        queued: ticket.routing_retry_at !== null && ticket.assignee_id === null,
        engineering_state: ticket.engineering_state,
        engineering_issue: link
          ? {
              url: link.url,
              status: link.status,
              linked_by: link.linked_by,
              created_at: iso(link.created_at),
              shipped_at: isoOrNull(link.shipped_at),
              verified_at: isoOrNull(link.verified_at),
            }
          : null,
        sla_policy_id: ticket.sla_policy_id,
        sla_next_breach_at: isoOrNull(ticket.sla_next_breach_at),
        sla_targets: targets.map((t) => ({
          metric: t.metric,
          instance: t.instance,
          target_minutes: t.target_minutes,
          business_hours: t.business_hours,
          stage: t.stage,
          started_at: iso(t.started_at),
          breach_at: isoOrNull(t.due_at),
          minutes_to_breach:
            t.stage === 'active' && t.due_at
              ? Math.floor((t.due_at.getTime() - now.getTime()) / 60_000)
              : null,
          warned_at: isoOrNull(t.warned_at),
          breached_at: isoOrNull(t.breached_at),
          fulfilled_at: isoOrNull(t.fulfilled_at),
        })),
        sla_events: events.map((e) => ({
          id: e.id,
          metric: e.metric,
          kind: e.kind,
          due_at: iso(e.due_at),
          created_at: iso(e.created_at),
        })),
        assignments: decisions.map((d) => ({
          id: d.id,
          group_id: d.group_id,
          agent_id: d.agent_id,
          mode: d.mode,
          reason: d.reason,
          created_at: iso(d.created_at),
        })),
        escalations: escalations.map((e) => ({
          id: e.id,
          kind: e.kind,
          from_group_id: e.from_group_id,
          to_group_id: e.to_group_id,
          from_tier: e.from_tier,
          to_tier: e.to_tier,
          reason: e.reason,
          actor_id: e.actor_id,
          created_at: iso(e.created_at),
        })),
      };
    },
  };
}

export function swarmJson(view: NonNullable<Awaited<ReturnType<SwarmsService['view']>>>) {
  const { swarm, members, messages, now } = view;
  return {
    id: swarm.id,
    ticket_id: swarm.ticket_id,
    group_id: swarm.group_id,
    status: swarm.status,
    reason: swarm.reason,
    automatic: swarm.automatic,
    started_by: swarm.started_by,
    members: members.map((m) => {
      const running = m.active_since ? Math.max(0, now.getTime() - m.active_since.getTime()) / 1000 : 0;
      return {
        user_id: m.user_id,
        invited_via: m.invited_via,
        invited_at: iso(m.invited_at),
        joined_at: isoOrNull(m.joined_at),
        active: m.active_since !== null,
        minutes_spent: Math.floor((m.seconds_spent + running) / 60),
      };
    }),
    messages: messages.map((m) => ({
      id: m.id,
      author_id: m.author_id,
      body: m.body,
      created_at: iso(m.created_at),
    })),
    created_at: iso(swarm.created_at),
    closed_at: isoOrNull(swarm.closed_at),
  };
}

export type TicketWorkflowView = ReturnType<typeof createTicketWorkflowView>;
