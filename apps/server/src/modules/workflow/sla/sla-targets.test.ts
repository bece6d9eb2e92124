import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '../../../db/schema.js';
import type { PolicyMetric } from '../../../db/tables/workflow.js';
import type { Schedule } from '../business-hours/business-time.js';
import type { CommentSide, TicketHistory } from '../timeline/ticket-history.js';
import { computeSlaTargets } from './sla-targets.js';

const T0 = '2030-01-04T15:00:00Z'; // a Friday, 16:00 in Berlin
const at = (minutes: number) => new Date(new Date(T0).getTime() + minutes * 60_000);

/** A history: statuses and comments at minutes after T0. */
function history(
  statuses: [number, TicketStatus][],
  comments: [number, CommentSide, boolean?][] = [],
): TicketHistory {
  return {
    createdAt: at(0),
    statuses: statuses.map(([m, to]) => ({ at: at(m), to })),
    groups: [],
    assignees: [],
    comments: comments.map(([m, side, isPublic = true]) => ({ at: at(m), side, public: isPublic })),
    updates: [],
  };
}

const metric = (name: string, target: number, business = false): PolicyMetric => ({
  priority: 'normal',
  metric: name,
  target,
  business_hours: business,
});

const berlin: Schedule = {
  timeZone: 'Europe/Berlin',
  intervals: [1, 2, 3, 4, 5].map((d) => ({ start_time: d * 1440 + 540, end_time: d * 1440 + 1020 })),
  holidays: [{ start_date: '2030-01-07', end_date: '2030-01-07' }],
};

type Row = [
  string,
  PolicyMetric[],
  TicketHistory,
  number,
  { stage: string; due: string | null; breached: boolean }[],
];

const cases: Row[] = [
  [
    'first reply pending: due an hour after creation',
    [metric('first_reply_time', 60)],
    history([[0, 'new']], [[0, 'requester']]),
    10,
    [{ stage: 'active', due: at(60).toISOString(), breached: false }],
  ],
  [
    'first reply given in time',
    [metric('first_reply_time', 60)],
    history(
      [
        [0, 'new'],
        [30, 'open'],
      ],
      [
        [0, 'requester'],
        [30, 'agent'],
      ],
    ),
    90,
    [{ stage: 'achieved', due: null, breached: false }],
  ],
  [
    'first reply late is breached',
    [metric('first_reply_time', 60)],
    history(
      [[0, 'new']],
      [
        [0, 'requester'],
        [90, 'agent'],
      ],
    ),
    100,
    [{ stage: 'achieved', due: at(60).toISOString(), breached: true }],
  ],
  [
    'an internal note is not a reply',
    [metric('first_reply_time', 60)],
    history(
      [[0, 'new']],
      [
        [0, 'requester'],
        [10, 'agent', false],
      ],
    ),
    70,
    [{ stage: 'active', due: at(60).toISOString(), breached: true }],
  ],
  [
    'first reply in business hours across a weekend and a holiday',
    [metric('first_reply_time', 120, true)],
    history([[0, 'new']], [[0, 'requester']]),
    10,
    [{ stage: 'active', due: '2030-01-08T09:00:00.000Z', breached: false }],
  ],
  [
    'next reply starts when the requester answers a reply',
    [metric('next_reply_time', 30)],
    history(
      [[0, 'new']],
      [
        [0, 'requester'],
        [10, 'agent'],
        [20, 'requester'],
        [25, 'requester'],
      ],
    ),
    30,
    [{ stage: 'active', due: at(50).toISOString(), breached: false }],
  ],
  [
    'agent work time pauses while pending',
    [metric('agent_work_time', 60)],
    history([
      [0, 'new'],
      [10, 'pending'],
      [130, 'open'],
    ]),
    140,
    [{ stage: 'active', due: at(180).toISOString(), breached: false }],
  ],
  [
    'agent work time is paused while pending',
    [metric('agent_work_time', 60)],
    history([
      [0, 'open'],
      [10, 'pending'],
    ]),
    500,
    [{ stage: 'paused', due: null, breached: false }],
  ],
  [
    'requester wait keeps running on hold',
    [metric('requester_wait_time', 60)],
    history([
      [0, 'open'],
      [10, 'hold'],
    ]),
    20,
    [{ stage: 'active', due: at(60).toISOString(), breached: false }],
  ],
  [
    'solving achieves the resolution target',
    [metric('requester_wait_time', 60)],
    history([
      [0, 'open'],
      [45, 'solved'],
    ]),
    50,
    [{ stage: 'achieved', due: null, breached: false }],
  ],
  [
    'other priorities do not apply',
    [{ ...metric('first_reply_time', 60), priority: 'urgent' }],
    history([[0, 'new']]),
    10,
    [],
  ],
];

describe('computeSlaTargets', () => {
  it.each(cases)('%s', (_name, metrics, h, minutes, expected) => {
    const targets = computeSlaTargets(metrics, null, h, berlin, at(minutes));
    expect(
      targets.map((t) => ({
        stage: t.stage,
        due: t.dueAt ? t.dueAt.toISOString() : null,
        breached: t.breached,
      })),
    ).toEqual(expected);
  });

  it('numbers each next-reply cycle', () => {
    const h = history(
      [[0, 'open']],
      [
        [0, 'requester'],
        [5, 'agent'],
        [10, 'requester'],
        [15, 'agent'],
        [20, 'requester'],
      ],
    );
    const targets = computeSlaTargets([metric('next_reply_time', 30)], 'normal', h, null, at(25));
    expect(targets.map((t) => [t.instance, t.stage])).toEqual([
      [0, 'achieved'],
      [1, 'active'],
    ]);
  });
});
