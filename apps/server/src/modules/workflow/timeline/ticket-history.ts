import type { TicketStatus } from '../../../db/schema.js';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  type Schedule,
} from '../business-hours/business-time.js';

/**
 * A ticket's history as the clocks read it (tier timers, SLA targets, metrics,
 * automations): status changes, group and assignee changes, comments and who updated.
 * Loaded from the audit trail by timeline.repository; everything here is pure.
 */
export type CommentSide = 'agent' | 'requester' | 'system';

export type TicketHistory = {
  createdAt: Date;
  statuses: { at: Date; to: TicketStatus }[];
  groups: { at: Date; to: number | null }[];
  assignees: { at: Date; to: number | null }[];
  comments: { at: Date; public: boolean; side: CommentSide }[];
  updates: { at: Date; authorId: number }[];
};

export type StatusPeriod = { status: TicketStatus; from: Date; to: Date | null };
/** A stretch of time in epoch milliseconds; `to` null means it is still running. */
export type Interval = { from: number; to: number | null };

export function statusPeriods(history: TicketHistory): StatusPeriod[] {
  const periods: StatusPeriod[] = [];
  for (const change of history.statuses) {
    const last = periods.at(-1);
    if (last?.status === change.to) continue;
    if (last) last.to = change.at;
    periods.push({ status: change.to, from: change.at, to: null });
  }
  return periods;
}

export function currentStatus(history: TicketHistory): TicketStatus {
  return history.statuses.at(-1)?.to ?? 'new';
}

/** The stretches between `from` and `to` (null: open-ended) when the status is one of `active`. */
export function activeIntervals(
  history: TicketHistory,
  active: ReadonlySet<TicketStatus>,
  from: Date,
  to: Date | null,
): Interval[] {
  const start = from.getTime();
  const end = to ? to.getTime() : null;
  const out: Interval[] = [];
  for (const period of statusPeriods(history)) {
    if (!active.has(period.status)) continue;
    const a = Math.max(period.from.getTime(), start);
    const b = period.to ? period.to.getTime() : null;
    const clipped = end === null ? b : b === null ? end : Math.min(b, end);
    if (clipped !== null && clipped <= a) continue;
    const last = out.at(-1);
    if (last && last.to === a) last.to = clipped;
    else out.push({ from: a, to: clipped });
  }
  return out;
}

/** Minutes (business minutes when a schedule is given) inside the intervals, counting running ones up to `now`. */
export function minutesIn(intervals: Interval[], schedule: Schedule | null, now: Date): number {
  let total = 0;
  for (const interval of intervals) {
    const to = interval.to ?? now.getTime();
    if (to > interval.from) total += businessMinutesBetween(schedule, new Date(interval.from), new Date(to));
  }
  return total;
}

/**
 * When `minutes` of (business) time inside the intervals have passed: the due time of a
 * clock that runs only inside them. Null when the closed intervals do not reach it and
 * none is running (the clock is paused), or the schedule never opens.
 */
export function reachedAt(intervals: Interval[], minutes: number, schedule: Schedule | null): Date | null {
  let left = minutes;
  for (const interval of intervals) {
    const from = new Date(interval.from);
    if (interval.to === null) return addBusinessMinutes(schedule, from, left);
    const span = businessMinutesBetween(schedule, from, new Date(interval.to));
    if (span >= left) return addBusinessMinutes(schedule, from, left);
    left -= span;
  }
  return null;
}

/** When the ticket last entered its current status. */
export function currentStatusSince(history: TicketHistory): Date {
  return statusPeriods(history).at(-1)?.from ?? history.createdAt;
}
