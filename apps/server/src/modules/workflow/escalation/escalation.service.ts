import type { Ticket } from '../../../db/schema.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Clock } from '../../../platform/clock.js';
import { InvalidError } from '../../../platform/http/errors.js';
import type { RoutingRepository } from '../routing/routing.repository.js';
import type { TicketWriter } from '../ticket-writer.js';
import type { TicketHistory } from '../timeline/ticket-history.js';
import type { TimelineRepository } from '../timeline/timeline.repository.js';
import type { EscalationRepository } from './escalation.repository.js';
import {
  DEFAULT_GROUP_SETTINGS,
  escalationDueAt,
  escalationStep,
  type GroupTierSettings,
  nextTierGroup,
  type TierGroup,
  tierTimeLimit,
} from './tiers.js';

export type SwarmStarter = (ticket: Ticket, invite: TierGroup | null, reason: string) => Promise<boolean>;

/** When the ticket entered its current group: the last change to it, else its creation. */
export function enteredGroupAt(history: TicketHistory, groupId: number | null) {
  const entry = [...history.groups].reverse().find((g) => g.to === groupId);
  return entry?.at ?? history.createdAt;
}

/**
 * Tier timers and hand-offs. After each change the ticket's tier, when it entered it
 * and when its time there runs out (`escalate_at`) are recomputed. When the sweep
 * finds the time run out, the ticket moves a tier up (or, in a swarm-mode group,
 * colleagues are called in): once per due time, even with several workers.
 */
export function createEscalationService(deps: {
  repo: EscalationRepository;
  routing: RoutingRepository;
  timeline: TimelineRepository;
  writer: TicketWriter;
  clock: Clock;
  startSwarm: SwarmStarter;
  hasActiveSwarm: (ticketId: number) => Promise<boolean>;
}) {
  const { repo, routing, timeline, writer, clock } = deps;

  async function groupContext(groupId: number | null) {
    const groups = await routing.groups();
    const group = groups.find((g) => g.id === groupId) ?? null;
    const row = groupId !== null ? await routing.groupSettings(groupId) : undefined;
    const settings: GroupTierSettings = row
      ? {
          useTierDefault: row.use_tier_default_limit,
          timeLimitMinutes: row.time_limit_minutes,
          swarmMode: row.swarm_mode,
          escalationGroupId: row.escalation_group_id,
        }
      : DEFAULT_GROUP_SETTINGS;
    return { groups, group, settings };
  }

  /** The due time the ticket's tier timer has now, from its history. */
  async function dueNow(ticket: Ticket, history: TicketHistory) {
    const { group, settings } = await groupContext(ticket.group_id);
    const enteredAt = enteredGroupAt(history, ticket.group_id);
    const limit = group ? tierTimeLimit(group.tier, settings) : null;
    let due = escalationDueAt(history, enteredAt, limit);
    if (due && settings.swarmMode && (await deps.hasActiveSwarm(ticket.id))) due = null;
    return { group, settings, enteredAt, due };
  }

  async function move(ticket: Ticket, to: TierGroup, note: string, actor: Actor | null) {
    const input = {
      group_id: to.id,
      assignee_id: null,
      ...(ticket.assignee_id ? { followers: [{ user_id: ticket.assignee_id, action: 'put' as const }] } : {}),
      comment: { body: note, public: false },
    };
    if (actor) await writer.asAgent(actor, ticket.id, input, 'escalation');
    else await writer.asSystem(ticket.id, input, 'escalation');
  }

  return {
    groupContext,

    async refresh(ticket: Ticket, history: TicketHistory) {
      const { group, enteredAt, due } = await dueNow(ticket, history);
      await writer.setColumns(ticket.id, {
        tier: group?.tier ?? null,
        tier_entered_at: group ? enteredAt : null,
        escalate_at: due,
      });
    },

    /** A sweep job: the ticket's time in its tier may have run out. */
    async due(ticketId: number) {
      const ticket = await writer.load(ticketId);
      if (!ticket) return;
      const history = await timeline.history(ticket.id, ticket.created_at);
      const { group, settings, due } = await dueNow(ticket, history);
      const now = clock.now();
      if (!group || !due || due > now)
        return writer.setColumns(ticket.id, {
          tier: group?.tier ?? null,
          tier_entered_at: ticket.tier_entered_at,
          escalate_at: due,
        });
      const step = escalationStep(group, settings, (await groupContext(null)).groups);
      const minutes = tierTimeLimit(group.tier, settings);
      const reason = `${minutes} minutes of open handling in ${group.name} (tier ${group.tier ?? '–'}) without a solution`;
      if (step.kind === 'none')
        return writer.setColumns(ticket.id, {
          tier: group.tier,
          tier_entered_at: ticket.tier_entered_at,
          escalate_at: null,
        });
      const values = {
        ticket_id: ticket.id,
        kind: step.kind === 'swarm' ? ('swarm' as const) : ('automatic' as const),
        from_group_id: group.id,
        to_group_id: step.kind === 'escalate' ? step.to.id : null,
        from_tier: group.tier,
        to_tier: step.kind === 'escalate' ? step.to.tier : group.tier,
        reason,
        actor_id: -1,
        due_at: due,
      };
      const claimed = (await repo.claim(values, now)) ?? (await repo.claimed(ticket.id, values.kind, due));
      if (!claimed) return;
      if (step.kind === 'swarm') {
        await deps.startSwarm(ticket, step.invite, `Time limit reached: ${reason}`);
        return writer.setColumns(ticket.id, {
          tier: group.tier,
          tier_entered_at: ticket.tier_entered_at,
          escalate_at: null,
        });
      }
      // Resume a claimed move that a crash interrupted; skip one that already happened.
      if (ticket.group_id !== claimed.from_group_id) return;
      await move(ticket, step.to, `Escalated from ${group.name} to ${step.to.name}: ${reason}.`, null);
    },

    /** An agent moves a ticket up by hand, saying why. */
    async escalateByHand(actor: Actor, ticket: Ticket, reason: string, groupId: number | undefined) {
      const { groups, group, settings } = await groupContext(ticket.group_id);
      if (ticket.status === 'solved' || ticket.status === 'closed')
        throw InvalidError.field('status', `a ${ticket.status} ticket cannot be escalated`);
      if (settings.swarmMode && groupId === undefined)
        throw InvalidError.field(
          'group_id',
          `${group?.name ?? 'this group'} works in swarm mode: call colleagues in (POST /api/v2/frontline/tickets/${ticket.id}/swarm) or name a group`,
        );
      const to =
        groupId !== undefined
          ? groups.find((g) => g.id === groupId)
          : group
            ? nextTierGroup(group, settings, groups)
            : groups.filter((g) => g.tier === 1)[0];
      if (!to)
        throw InvalidError.field(
          'group_id',
          groupId ? `group ${groupId} does not exist` : 'there is no group a tier up',
        );
      if (to.id === ticket.group_id)
        throw InvalidError.field('group_id', `the ticket is already in ${to.name}`);
      await move(
        ticket,
        to,
        `Escalated by ${actor.user.name} from ${group?.name ?? 'no group'} to ${to.name}: ${reason}`,
        actor,
      );
      return repo.record(
        {
          ticket_id: ticket.id,
          kind: 'manual',
          from_group_id: group?.id ?? null,
          to_group_id: to.id,
          from_tier: group?.tier ?? null,
          to_tier: to.tier,
          reason,
          actor_id: actor.user.id,
          due_at: null,
        },
        clock.now(),
      );
    },
  };
}

export type EscalationService = ReturnType<typeof createEscalationService>;
