import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '../../../db/schema.js';
import type { TicketHistory } from '../timeline/ticket-history.js';
import {
  DEFAULT_GROUP_SETTINGS,
  escalationDueAt,
  escalationStep,
  type GroupTierSettings,
  nextTierGroup,
  tierTimeLimit,
} from './tiers.js';

const T0 = new Date('2030-01-04T10:00:00Z');
const at = (m: number) => new Date(T0.getTime() + m * 60_000);
const history = (statuses: [number, TicketStatus][]): TicketHistory => ({
  createdAt: T0,
  statuses: statuses.map(([m, to]) => ({ at: at(m), to })),
  groups: [],
  assignees: [],
  comments: [],
  updates: [],
});

describe('tierTimeLimit', () => {
  const cases: [string, number | null, Partial<GroupTierSettings>, number | null][] = [
    ['tier 1 default', 1, {}, 15],
    ['tier 2 default', 2, {}, 30],
    ['tier 3 has none', 3, {}, null],
    ['no tier has none', null, {}, null],
    ['a group sets its own', 1, { useTierDefault: false, timeLimitMinutes: 5 }, 5],
    ['a group turns it off', 1, { useTierDefault: false, timeLimitMinutes: null }, null],
  ];
  it.each(cases)('%s', (_name, tier, settings, expected) => {
    expect(tierTimeLimit(tier, { ...DEFAULT_GROUP_SETTINGS, ...settings })).toBe(expected);
  });
});

describe('escalationDueAt', () => {
  const cases: [string, [number, TicketStatus][], number, number | null, number | null][] = [
    ['15 minutes after entering', [[0, 'new']], 0, 15, 15],
    ['counts from entering the tier', [[0, 'open']], 20, 30, 50],
    [
      'pending time does not count',
      [
        [0, 'open'],
        [5, 'pending'],
        [65, 'open'],
      ],
      0,
      15,
      75,
    ],
    [
      'waiting on the customer has no due time',
      [
        [0, 'open'],
        [5, 'pending'],
      ],
      0,
      15,
      null,
    ],
    [
      'on hold has no due time',
      [
        [0, 'open'],
        [5, 'hold'],
      ],
      0,
      15,
      null,
    ],
    [
      'solved has no due time',
      [
        [0, 'open'],
        [5, 'solved'],
      ],
      0,
      15,
      null,
    ],
    ['no limit', [[0, 'open']], 0, null, null],
  ];
  it.each(cases)('%s', (_name, statuses, entered, limit, expected) => {
    const due = escalationDueAt(history(statuses), at(entered), limit);
    expect(due).toEqual(expected === null ? null : at(expected));
  });
});

describe('next tier', () => {
  const groups = [
    { id: 1, name: 'Tier 1', tier: 1 },
    { id: 4, name: 'Tier 2 EU', tier: 2 },
    { id: 2, name: 'Tier 2', tier: 2 },
    { id: 3, name: 'Tier 3', tier: 3 },
    { id: 9, name: 'Billing', tier: null },
  ];
  it.each([
    ['tier 1 goes to the first tier 2 group', groups[0]!, {}, 2],
    ['tier 2 goes to tier 3', groups[2]!, {}, 3],
    ['tier 3 goes nowhere', groups[3]!, {}, null],
    ['a configured escalation group wins', groups[0]!, { escalationGroupId: 9 }, 9],
  ] as const)('%s', (_name, from, settings, expected) => {
    expect(nextTierGroup(from, { ...DEFAULT_GROUP_SETTINGS, ...settings }, groups)?.id ?? null).toBe(
      expected,
    );
  });

  it('swarms instead of handing off in swarm mode', () => {
    expect(escalationStep(groups[0]!, { ...DEFAULT_GROUP_SETTINGS, swarmMode: true }, groups)).toEqual({
      kind: 'swarm',
      invite: groups[2],
    });
    expect(escalationStep(groups[3]!, DEFAULT_GROUP_SETTINGS, groups).kind).toBe('none');
  });
});
