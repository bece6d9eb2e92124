import type { TicketPriority, TicketStatus } from '../../../db/schema.js';
import type { PolicyMetric, SlaStage } from '../../../db/tables/workflow.js';
import type { Schedule } from '../business-hours/business-time.js';
import { activeIntervals, reachedAt, statusPeriods, type TicketHistory } from '../timeline/ticket-history.js';

/**
 * SLA targets from a policy and a ticket's history, following Zendesk's metrics:
 * - first_reply_time: from creation to the first public agent reply.
 * - next_reply_time: from each public requester comment that follows an agent reply, to the next one.
 * - periodic_update_time: from each public agent reply to the next.
 * - requester_wait_time: time in new, open and on-hold (paused while pending) until solved.
 * - agent_work_time: time in new and open (paused while pending or on-hold) until solved.
 * Reply clocks run whatever the status until answered or solved. Business-hours targets
 * count only the schedule's hours. Pure: the service stores what this returns.
 */
export const SLA_METRICS = [
  'first_reply_time',
  'next_reply_time',
  'periodic_update_time',
  'requester_wait_time',
  'agent_work_time',
] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

export type ComputedTarget = {
  metric: SlaMetric;
  instance: number;
  targetMinutes: number;
  businessHours: boolean;
  startedAt: Date;
  stage: Exclude<SlaStage, 'cancelled'>;
  dueAt: Date | null;
  fulfilledAt: Date | null;
  breached: boolean;
};

const REPLY_STATUSES = new Set<TicketStatus>(['new', 'open', 'pending', 'hold']);
const REQUESTER_WAIT = new Set<TicketStatus>(['new', 'open', 'hold']);
const AGENT_WORK = new Set<TicketStatus>(['new', 'open']);
const SOLVED = new Set<TicketStatus>(['solved', 'closed']);

/** The metrics of a policy that apply to a priority (a ticket without one counts as normal). */
export function metricsFor(metrics: PolicyMetric[], priority: TicketPriority | null) {
  return metrics.filter(
    (m) => m.priority === (priority ?? 'normal') && SLA_METRICS.includes(m.metric as SlaMetric),
  );
}

type Span = { start: Date; end: Date | null };

/** Times the ticket became solved or closed, in order. */
function solvedTimes(history: TicketHistory) {
  return statusPeriods(history)
    .filter((p) => SOLVED.has(p.status))
    .map((p) => p.from);
}

function firstAfter(times: Date[], after: Date) {
  return times.find((t) => t.getTime() >= after.getTime()) ?? null;
}

function earliest(...dates: (Date | null)[]) {
  const real = dates.filter((d): d is Date => d !== null);
  return real.length ? new Date(Math.min(...real.map((d) => d.getTime()))) : null;
}

function replySpans(history: TicketHistory, metric: SlaMetric): Span[] {
  const solved = solvedTimes(history);
  const agent = history.comments.filter((c) => c.public && c.side === 'agent');
  const firstReply = agent[0]?.at ?? null;
  if (metric === 'first_reply_time') {
    return [{ start: history.createdAt, end: earliest(firstReply, firstAfter(solved, history.createdAt)) }];
  }
  const spans: Span[] = [];
  if (metric === 'periodic_update_time') {
    for (const [i, reply] of agent.entries()) {
      const next = agent[i + 1]?.at ?? null;
      spans.push({ start: reply.at, end: earliest(next, firstAfter(solved, reply.at)) });
    }
    return spans;
  }
  // next_reply_time: the ball is in our court from a requester comment after a reply.
  let replied = false;
  let waiting: Date | null = null;
  for (const c of history.comments) {
    if (!c.public) continue;
    if (c.side === 'agent') {
      if (waiting) spans.push({ start: waiting, end: c.at });
      waiting = null;
      replied = true;
    } else if (c.side === 'requester' && replied && !waiting) {
      waiting = c.at;
    }
  }
  if (waiting) spans.push({ start: waiting, end: firstAfter(solved, waiting) });
  return spans;
}

function target(
  metric: SlaMetric,
  instance: number,
  policy: PolicyMetric,
  intervals: ReturnType<typeof activeIntervals>,
  span: { start: Date; end: Date | null },
  schedule: Schedule | null,
  now: Date,
): ComputedTarget {
  const due = reachedAt(intervals, policy.target, policy.business_hours ? schedule : null);
  const base = {
    metric,
    instance,
    targetMinutes: policy.target,
    businessHours: policy.business_hours,
    startedAt: span.start,
  };
  if (span.end) {
    return {
      ...base,
      stage: 'achieved',
      dueAt: due,
      fulfilledAt: span.end,
      breached: due !== null && due < span.end,
    };
  }
  const running = intervals.at(-1)?.to === null;
  if (!running) return { ...base, stage: 'paused', dueAt: null, fulfilledAt: null, breached: due !== null };
  return { ...base, stage: 'active', dueAt: due, fulfilledAt: null, breached: due !== null && due <= now };
}

export function computeSlaTargets(
  policyMetrics: PolicyMetric[],
  priority: TicketPriority | null,
  history: TicketHistory,
  schedule: Schedule | null,
  now: Date,
): ComputedTarget[] {
  const out: ComputedTarget[] = [];
  for (const policy of metricsFor(policyMetrics, priority)) {
    const metric = policy.metric as SlaMetric;
    if (metric === 'requester_wait_time' || metric === 'agent_work_time') {
      const statuses = metric === 'agent_work_time' ? AGENT_WORK : REQUESTER_WAIT;
      const intervals = activeIntervals(history, statuses, history.createdAt, null);
      const last = statusPeriods(history).at(-1);
      const end = last && SOLVED.has(last.status) ? last.from : null;
      out.push(target(metric, 0, policy, intervals, { start: history.createdAt, end }, schedule, now));
      continue;
    }
    replySpans(history, metric).forEach((span, index) => {
      const intervals = activeIntervals(history, REPLY_STATUSES, span.start, span.end);
      out.push(target(metric, index, policy, intervals, span, schedule, now));
    });
  }
  return out;
}
