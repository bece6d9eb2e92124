import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '../../../db/schema.js';
import type { CommentSide, TicketHistory } from '../timeline/ticket-history.js';
import { computeTicketMetrics } from './ticket-metrics.js';

const T0 = new Date('2030-01-07T08:00:00Z'); // Monday 09:00 in Berlin
const at = (m: number) => new Date(T0.getTime() + m * 60_000);

function history(
  statuses: [number, TicketStatus][],
  comments: [number, CommentSide, boolean][] = [],
): TicketHistory {
  return {
    createdAt: T0,
    statuses: statuses.map(([m, to]) => ({ at: at(m), to })),
    groups: [
      { at: at(0), to: 1 },
      { at: at(30), to: 2 },
    ],
    assignees: [
      { at: at(5), to: 10 },
      { at: at(30), to: null },
      { at: at(40), to: 11 },
    ],
    comments: comments.map(([m, side, pub]) => ({ at: at(m), side, public: pub })),
    updates: [
      { at: at(0), authorId: 99 },
      { at: at(50), authorId: 11 },
      { at: at(60), authorId: 99 },
    ],
  };
}

describe('computeTicketMetrics', () => {
  const h = history(
    [
      [0, 'new'],
      [10, 'open'],
      [20, 'pending'],
      [80, 'open'],
      [90, 'hold'],
      [100, 'solved'],
      [110, 'open'],
      [130, 'solved'],
    ],
    [
      [0, 'requester', true],
      [10, 'agent', false],
      [20, 'agent', true],
      [60, 'requester', true],
      [100, 'agent', true],
    ],
  );
  const metrics = computeTicketMetrics(h, { requesterId: 99, assigneeId: 11 }, null, at(200));

  it.each([
    ['reply time is to the first public agent reply', metrics.reply_time_in_minutes.calendar, 20],
    ['first resolution', metrics.first_resolution_time_in_minutes.calendar, 100],
    ['full resolution', metrics.full_resolution_time_in_minutes.calendar, 130],
    ['agent wait is time pending', metrics.agent_wait_time_in_minutes.calendar, 60],
    ['requester wait is new, open and hold', metrics.requester_wait_time_in_minutes.calendar, 60],
    ['on hold', metrics.on_hold_time_in_minutes.calendar, 10],
    ['reopens', metrics.reopens, 1],
    ['replies', metrics.replies, 2],
    ['group stations', metrics.group_stations, 2],
    ['assignee stations', metrics.assignee_stations, 2],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('knows who updated last and when', () => {
    expect(metrics.requester_updated_at).toEqual(at(60));
    expect(metrics.assignee_updated_at).toEqual(at(50));
    expect(metrics.initially_assigned_at).toEqual(at(5));
    expect(metrics.assigned_at).toEqual(at(40));
    expect(metrics.solved_at).toEqual(at(130));
  });

  it('leaves what has not happened empty', () => {
    const fresh = computeTicketMetrics(
      history([[0, 'new']]),
      { requesterId: 99, assigneeId: null },
      null,
      at(30),
    );
    expect(fresh.reply_time_in_minutes).toEqual({ calendar: null, business: null });
    expect(fresh.solved_at).toBeNull();
    expect(fresh.requester_wait_time_in_minutes.calendar).toBe(30);
  });
});
