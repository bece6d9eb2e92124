import type { TicketStatus } from '../../../db/schema.js';
import { activeIntervals, currentStatus, reachedAt, type TicketHistory } from '../timeline/ticket-history.js';

/**
 * Tiers: tier 1 answers within 15 minutes of open handling, tier 2 within 30, tier 3
 * has no limit. A ticket's time in a tier counts only while it is new or open (waiting
 * on the customer or a third party does not count against the agent), from the moment
 * it entered the tier's group. Pure.
 */
export const DEFAULT_TIER_LIMITS: Record<number, number | null> = { 1: 15, 2: 30, 3: null };

const HANDLING = new Set<TicketStatus>(['new', 'open']);

export type GroupTierSettings = {
  useTierDefault: boolean;
  timeLimitMinutes: number | null;
  swarmMode: boolean;
  escalationGroupId: number | null;
};

export const DEFAULT_GROUP_SETTINGS: GroupTierSettings = {
  useTierDefault: true,
  timeLimitMinutes: null,
  swarmMode: false,
  escalationGroupId: null,
};

/** The time limit of a group: its own when set, else its tier's default; null is none. */
export function tierTimeLimit(tier: number | null, settings: GroupTierSettings): number | null {
  if (!settings.useTierDefault) return settings.timeLimitMinutes;
  return tier === null ? null : (DEFAULT_TIER_LIMITS[tier] ?? null);
}

/** When the ticket's handling time in its tier runs out: null while it waits, is solved, or has no limit. */
export function escalationDueAt(
  history: TicketHistory,
  enteredAt: Date,
  limitMinutes: number | null,
): Date | null {
  if (limitMinutes === null || !HANDLING.has(currentStatus(history))) return null;
  return reachedAt(activeIntervals(history, HANDLING, enteredAt, null), limitMinutes, null);
}

export type TierGroup = { id: number; name: string; tier: number | null };

/** The group a ticket moves to from `from`: its configured escalation group, else the first group a tier up. */
export function nextTierGroup(
  from: TierGroup,
  settings: GroupTierSettings,
  groups: TierGroup[],
): TierGroup | null {
  if (settings.escalationGroupId !== null)
    return groups.find((g) => g.id === settings.escalationGroupId) ?? null;
  if (from.tier === null || from.tier >= 3) return null;
  const up = groups.filter((g) => g.tier === from.tier! + 1).sort((a, b) => a.id - b.id);
  return up[0] ?? null;
}

export type EscalationStep =
  | { kind: 'escalate'; to: TierGroup }
  | { kind: 'swarm'; invite: TierGroup | null }
  | { kind: 'none'; reason: string };

/** What happens when a ticket's time in its tier runs out: move up, or, in swarm mode, call colleagues in. */
export function escalationStep(
  from: TierGroup,
  settings: GroupTierSettings,
  groups: TierGroup[],
): EscalationStep {
  const to = nextTierGroup(from, settings, groups);
  if (settings.swarmMode) return { kind: 'swarm', invite: to };
  if (!to) return { kind: 'none', reason: `no group above tier ${from.tier ?? '–'} to escalate to` };
  return { kind: 'escalate', to };
}
