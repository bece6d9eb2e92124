import { describe, expect, it } from 'vitest';
import { durationUnit, type SlaTargetLike, slaStatus } from './sla-status';

const now = new Date('2030-01-07T10:00:00Z');
const target = (over: Partial<SlaTargetLike>): SlaTargetLike => ({
  metric: 'first_reply_time',
  stage: 'active',
  breach_at: '2030-01-07T10:12:00Z',
  breached_at: null,
  warned_at: null,
  ...over,
});

describe('slaStatus', () => {
  it.each([
    ['no targets', [], null],
    [
      'a running target 12 min away',
      [target({})],
      { kind: 'running', metric: 'first_reply_time', minutes: 12 },
    ],
    [
      'part of a minute counts as a whole one',
      [target({ breach_at: '2030-01-07T10:00:20Z' })],
      { kind: 'running', metric: 'first_reply_time', minutes: 1 },
    ],
    [
      'the warning was recorded',
      [target({ warned_at: '2030-01-07T09:57:00Z' })],
      { kind: 'warning', metric: 'first_reply_time', minutes: 12 },
    ],
    [
      'the most urgent of several',
      [
        target({ metric: 'agent_work_time', breach_at: '2030-01-08T10:00:00Z' }),
        target({ metric: 'next_reply_time', breach_at: '2030-01-07T10:05:00Z' }),
      ],
      { kind: 'running', metric: 'next_reply_time', minutes: 5 },
    ],
    [
      'past its breach time, before the sweep records it',
      [target({ breach_at: '2030-01-07T09:55:00Z' })],
      { kind: 'breached', metric: 'first_reply_time', minutes: 5 },
    ],
    [
      'breach recorded',
      [target({ breach_at: '2030-01-07T09:00:00Z', breached_at: '2030-01-07T09:00:30Z' })],
      { kind: 'breached', metric: 'first_reply_time', minutes: 60 },
    ],
    [
      'achieved and cancelled targets do not count',
      [target({ stage: 'achieved' }), target({ stage: 'cancelled' })],
      null,
    ],
    [
      'only paused clocks',
      [target({ stage: 'paused', metric: 'requester_wait_time' })],
      { kind: 'paused', metric: 'requester_wait_time' },
    ],
    [
      'a running target wins over a paused one',
      [target({ stage: 'paused', metric: 'requester_wait_time' }), target({})],
      { kind: 'running', metric: 'first_reply_time', minutes: 12 },
    ],
  ])('%s', (_name, targets, expected) => {
    expect(slaStatus(targets as SlaTargetLike[], now)).toEqual(expected);
  });
});

describe('durationUnit', () => {
  it.each([
    [0, { value: 0, unit: 'minute' }],
    [12, { value: 12, unit: 'minute' }],
    [89, { value: 89, unit: 'minute' }],
    [90, { value: 2, unit: 'hour' }],
    [-180, { value: 3, unit: 'hour' }],
    [47 * 60, { value: 47, unit: 'hour' }],
    [48 * 60, { value: 2, unit: 'day' }],
    [10 * 24 * 60, { value: 10, unit: 'day' }],
  ])('%i minutes', (minutes, expected) => {
    expect(durationUnit(minutes)).toEqual(expected);
  });
});
