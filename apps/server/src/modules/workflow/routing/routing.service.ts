import type { Ticket } from '../../../db/schema.js';
import type { Level, Presence } from '../../../db/tables/workflow.js';
import type { Clock } from '../../../platform/clock.js';
import type { RuleFacts } from '../rules/rule-facts.js';
import type { TicketWriter } from '../ticket-writer.js';
import { chooseAssignee } from './assignment.js';
import type { RoutingRepository } from './routing.repository.js';
import { routeTicket } from './routing-rules.js';

/** How long a queued ticket waits before the sweep tries to assign it again (agents freeing up also retry at once). */
export const QUEUE_RETRY_MINUTES = 5;
const OPEN = new Set(['new', 'open']);

/**
 * Routing and assignment. A new ticket without a group is routed by the rules; then an
 * unassigned ticket in a group gets an eligible agent, or waits in the group's queue
 * until one frees up (goes online, solves a ticket, gains capacity). Every decision is
 * recorded with its reason.
 */
export function createRoutingService(deps: { repo: RoutingRepository; writer: TicketWriter; clock: Clock }) {
  const { repo, writer, clock } = deps;

  async function assign(ticket: Ticket): Promise<number | null> {
    if (ticket.group_id === null || ticket.assignee_id !== null || !OPEN.has(ticket.status)) {
      if (ticket.routing_retry_at) await writer.setColumns(ticket.id, { routing_retry_at: null });
      return null;
    }
    const settings = await repo.groupSettings(ticket.group_id);
    const mode = settings?.assignment_mode ?? 'round_robin';
    const candidates = await repo.candidates(ticket.group_id);
    const need = {
      level: ticket.required_level,
      skills: ticket.required_skills,
      channel: ticket.via_channel,
    };
    const decision = chooseAssignee(candidates, need, mode);
    const now = clock.now();
    await repo.recordDecision({
      ticketId: ticket.id,
      groupId: ticket.group_id,
      agentId: decision.agentId,
      mode,
      reason: decision.reason,
      details: decision.details,
      now,
    });
    if (decision.agentId === null) {
      const retry = mode === 'manual' ? null : new Date(now.getTime() + QUEUE_RETRY_MINUTES * 60_000);
      await writer.setColumns(ticket.id, { routing_retry_at: retry });
      return null;
    }
    await writer.setColumns(ticket.id, { routing_retry_at: null });
    await repo.upsertProfile(decision.agentId, { lastAssignedAt: now }, now);
    const written = await writer.asSystem(ticket.id, { assignee_id: decision.agentId }, 'assignment', {
      reason: decision.reason,
    });
    return written ? decision.agentId : null;
  }

  return {
    assign,

    /** On create: routes a ticket without a group and records what work it needs. Returns the group set, if any. */
    async route(ticket: Ticket, facts: RuleFacts): Promise<number | null> {
      const rules = await repo.rules(true);
      const route = routeTicket(rules, facts);
      await writer.setColumns(ticket.id, { required_level: route.level, required_skills: route.skills });
      ticket.required_level = route.level;
      ticket.required_skills = route.skills;
      if (ticket.group_id !== null || route.groupId === null) return null;
      await writer.asSystem(ticket.id, { group_id: route.groupId }, 'routing', { rule_ids: route.ruleIds });
      return route.groupId;
    },

    /** Assigns queued tickets of a group, oldest first, until nobody is left to take one. */
    async drain(groupId: number, limit = 50) {
      let assigned = 0;
      for (const { id } of await repo.queued(groupId, limit)) {
        const ticket = await writer.load(id);
        if (!ticket) continue;
        if ((await assign(ticket)) === null) break;
        assigned += 1;
      }
      return assigned;
    },

    async setPresence(userId: number, presence: Presence) {
      await repo.upsertProfile(userId, { presence }, clock.now());
      return (await repo.groupIdsOf([userId])).get(userId) ?? [];
    },

    async updateProfile(
      userId: number,
      changes: {
        level?: Level | undefined;
        presence?: Presence | undefined;
        skills?: string[] | undefined;
        capacity?: Record<string, number> | undefined;
      },
    ) {
      const now = clock.now();
      if (changes.level) await repo.setLevel(userId, changes.level, now);
      await repo.upsertProfile(
        userId,
        {
          ...(changes.presence ? { presence: changes.presence } : {}),
          ...(changes.skills ? { skills: [...new Set(changes.skills)] } : {}),
          ...(changes.capacity ? { capacity: changes.capacity } : {}),
        },
        now,
      );
      return (await repo.groupIdsOf([userId])).get(userId) ?? [];
    },
  };
}

export type RoutingService = ReturnType<typeof createRoutingService>;
