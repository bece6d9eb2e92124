import type { TicketStatus } from '../../../db/schema.js';
import { businessMinutesBetween, type Schedule } from '../business-hours/business-time.js';
import {
  activeIntervals,
  currentStatusSince,
  minutesIn,
  statusPeriods,
  type TicketHistory,
} from '../timeline/ticket-history.js';

/**
 * Zendesk's ticket metrics (`GET /api/v2/tickets/{id}/metrics`) from a ticket's history:
 * reply time, first and full resolution, reopens, replies, stations, and the time the
 * agent and the requester waited, in calendar and business minutes. Pure.
 */
export type MinutePair = { calendar: number | null; business: number | null };

export type TicketMetrics = {
  group_stations: number;
  assignee_stations: number;
  reopens: number;
  replies: number;
  assignee_updated_at: Date | null;
  requester_updated_at: Date | null;
  status_updated_at: Date;
  initially_assigned_at: Date | null;
  assigned_at: Date | null;
  solved_at: Date | null;
  latest_comment_added_at: Date | null;
  reply_time_in_minutes: MinutePair;
  first_resolution_time_in_minutes: MinutePair;
  full_resolution_time_in_minutes: MinutePair;
  agent_wait_time_in_minutes: MinutePair;
  requester_wait_time_in_minutes: MinutePair;
  on_hold_time_in_minutes: MinutePair;
};

const SOLVED = new Set<TicketStatus>(['solved', 'closed']);

function span(schedule: Schedule | null, from: Date, to: Date | null): MinutePair {
  if (!to) return { calendar: null, business: null };
  return {
    calendar: Math.round((to.getTime() - from.getTime()) / 60_000),
    business: Math.round(businessMinutesBetween(schedule, from, to)),
  };
}

function timeIn(
  history: TicketHistory,
  statuses: TicketStatus[],
  schedule: Schedule | null,
  now: Date,
): MinutePair {
  const intervals = activeIntervals(history, new Set(statuses), history.createdAt, null);
  return {
    calendar: Math.round(minutesIn(intervals, null, now)),
    business: Math.round(minutesIn(intervals, schedule, now)),
  };
}

export function computeTicketMetrics(
  history: TicketHistory,
  people: { requesterId: number; assigneeId: number | null },
  schedule: Schedule | null,
  now: Date,
): TicketMetrics {
  const periods = statusPeriods(history);
  const solvedPeriods = periods.filter((p) => SOLVED.has(p.status));
  const firstSolved = solvedPeriods[0]?.from ?? null;
  const current = periods.at(-1);
  const lastSolved = current && SOLVED.has(current.status) ? current.from : null;
  let reopens = 0;
  periods.forEach((p, i) => {
    if (i > 0 && periods[i - 1]!.status === 'solved' && !SOLVED.has(p.status)) reopens += 1;
  });
  const agentReplies = history.comments.filter((c) => c.public && c.side === 'agent');
  const firstReply = agentReplies.find((c) => c.at.getTime() > history.createdAt.getTime()) ?? null;
  const assignments = history.assignees.filter((a) => a.to !== null);
  const latestBy = (id: number | null) => {
    if (id === null) return null;
    const mine = history.updates.filter((u) => u.authorId === id);
    return mine.at(-1)?.at ?? null;
  };
  return {
    group_stations: history.groups.filter((g) => g.to !== null).length,
    assignee_stations: assignments.length,
    reopens,
    replies: agentReplies.length,
    assignee_updated_at: latestBy(people.assigneeId),
    requester_updated_at: latestBy(people.requesterId),
    status_updated_at: currentStatusSince(history),
    initially_assigned_at: assignments[0]?.at ?? null,
    assigned_at: assignments.at(-1)?.at ?? null,
    solved_at: lastSolved,
    latest_comment_added_at: history.comments.at(-1)?.at ?? null,
    reply_time_in_minutes: span(schedule, history.createdAt, firstReply?.at ?? null),
    first_resolution_time_in_minutes: span(schedule, history.createdAt, firstSolved),
    full_resolution_time_in_minutes: span(schedule, history.createdAt, lastSolved),
    agent_wait_time_in_minutes: timeIn(history, ['pending'], schedule, now),
    requester_wait_time_in_minutes: timeIn(history, ['new', 'open', 'hold'], schedule, now),
    on_hold_time_in_minutes: timeIn(history, ['hold'], schedule, now),
  };
}
