import type { AssignmentMode, Level, Presence } from '../../../db/tables/workflow.js';

/**
 * Who gets a ticket: an online agent of the ticket's group with the level and skills
 * the ticket needs and spare capacity for its channel; round-robin (longest since last
 * assignment) or least-loaded (lowest share of capacity used), per group. Nobody
 * eligible means the ticket waits in the queue. Pure; the decision says why.
 */
export type Candidate = {
  id: number;
  name: string;
  level: Level | null;
  presence: Presence;
  skills: string[];
  /** Maximum open tickets per channel; `default` covers channels not listed. */
  capacity: Record<string, number>;
  /** Open tickets per channel. */
  load: Record<string, number>;
  lastAssignedAt: Date | null;
};

export type Need = { level: Level | null; skills: string[]; channel: string };

export type Decision =
  | { agentId: number; reason: string; details: Record<string, unknown> }
  | { agentId: null; reason: string; details: Record<string, unknown> };

/** Capacity when an agent has none set: three chats at a time and twenty of everything else. */
export const DEFAULT_CAPACITY: Record<string, number> = { chat: 3, default: 20 };

const LEVELS: Level[] = ['junior', 'mid', 'senior'];

export function levelRank(level: Level | null) {
  return level ? LEVELS.indexOf(level) : 0;
}

/** The capacity bucket a channel counts in: its own when the agent has one, else `default`. */
export function capacityKey(channel: string, capacity: Record<string, number>) {
  return channel in capacity ? channel : 'default';
}

function capacityOf(candidate: Candidate) {
  return Object.keys(candidate.capacity).length > 0 ? candidate.capacity : DEFAULT_CAPACITY;
}

/** Load in the bucket of a channel: tickets of every channel that counts in that bucket. */
export function loadIn(candidate: Candidate, channel: string) {
  const capacity = capacityOf(candidate);
  const key = capacityKey(channel, capacity);
  let load = 0;
  for (const [ch, n] of Object.entries(candidate.load)) if (capacityKey(ch, capacity) === key) load += n;
  return { key, load, limit: capacity[key] ?? Number.POSITIVE_INFINITY };
}

function exclusion(candidate: Candidate, need: Need): string | null {
  if (candidate.presence !== 'online') return `${candidate.presence}`;
  if (levelRank(candidate.level) < levelRank(need.level))
    return `${candidate.level ?? 'no level'} < ${need.level}`;
  const missing = need.skills.filter((s) => !candidate.skills.includes(s));
  if (missing.length) return `lacks ${missing.join(', ')}`;
  const { load, limit, key } = loadIn(candidate, need.channel);
  if (load >= limit) return `at capacity (${load}/${limit} ${key})`;
  return null;
}

export function chooseAssignee(candidates: Candidate[], need: Need, mode: AssignmentMode): Decision {
  const excluded: Record<string, string> = {};
  const eligible: Candidate[] = [];
  for (const candidate of candidates) {
    const why = exclusion(candidate, need);
    if (why) excluded[candidate.id] = why;
    else eligible.push(candidate);
  }
  const wanted = [
    need.level ? `${need.level} level` : null,
    need.skills.length ? `skills ${need.skills.join(', ')}` : null,
  ]
    .filter(Boolean)
    .join(' and ');
  if (mode === 'manual') return { agentId: null, reason: 'group assigns by hand', details: { excluded } };
  if (eligible.length === 0) {
    return {
      agentId: null,
      reason: `queued: no online agent${wanted ? ` with ${wanted}` : ''} has capacity for ${need.channel}`,
      details: { excluded },
    };
  }
  const oldest = (a: Candidate, b: Candidate) =>
    (a.lastAssignedAt?.getTime() ?? 0) - (b.lastAssignedAt?.getTime() ?? 0) || a.id - b.id;
  const share = (c: Candidate) => {
    const { load, limit } = loadIn(c, need.channel);
    return limit === Number.POSITIVE_INFINITY ? 0 : load / limit;
  };
  const sorted = [...eligible].sort(
    mode === 'least_loaded' ? (a, b) => share(a) - share(b) || oldest(a, b) : oldest,
  );
  const chosen = sorted[0]!;
  const { load, limit, key } = loadIn(chosen, need.channel);
  const how = mode === 'least_loaded' ? 'least loaded' : 'round-robin: longest since last assignment';
  return {
    agentId: chosen.id,
    reason: `${chosen.name}: online, ${chosen.level ?? 'no level'}${wanted ? `, meets ${wanted}` : ''}, ${load}/${limit} ${key} open; ${how}`,
    details: { mode, load, limit, bucket: key, eligible: eligible.map((c) => c.id), excluded },
  };
}
