import { describe, expect, it } from 'vitest';
import { facts } from '../rules/facts.testing.js';
import type { RuleFacts } from '../rules/rule-facts.js';
import { type AutomationRule, automationAnchor, nextAutomationCheck } from './automation-timing.js';

const PENDING_SINCE = new Date('2030-01-10T12:00:00Z');
const hours = (h: number) => new Date(PENDING_SINCE.getTime() + h * 3_600_000);

const remind: AutomationRule = {
  id: 1,
  conditions: {
    all: [
      { field: 'status', operator: 'is', value: 'pending' },
      { field: 'PENDING', operator: 'is', value: '48' },
    ],
    any: [],
  },
  actions: [],
};
const solve: AutomationRule = {
  id: 2,
  conditions: { all: [{ field: 'PENDING', operator: 'greater_than', value: '96' }], any: [] },
  actions: [],
};

function pendingAt(now: Date): RuleFacts {
  return facts({ status: 'pending' }, { update: null, times: { PENDING: PENDING_SINCE }, now });
}

describe('nextAutomationCheck', () => {
  const cases: [string, RuleFacts, string[], boolean, Date | null][] = [
    ['just went pending: check at 48 hours', pendingAt(hours(0)), [], true, hours(48)],
    [
      'reminded: next is the solve at 96 hours',
      pendingAt(hours(48)),
      ['1:PENDING@2030-01-10T12:00:00.000Z'],
      false,
      new Date(hours(96).getTime() + 1),
    ],
    ['an update at 48.5 hours re-checks a due rule now', pendingAt(hours(48.5)), [], true, hours(48.5)],
    [
      'the check itself does not re-check a due rule',
      pendingAt(hours(50)),
      [],
      false,
      new Date(hours(96).getTime() + 1),
    ],
    [
      'an "is" window that passed is not due',
      pendingAt(hours(60)),
      [],
      true,
      new Date(hours(96).getTime() + 1),
    ],
    [
      'not pending: nothing to check',
      facts({ status: 'open' }, { update: null, times: { PENDING: null }, now: hours(1) }),
      [],
      true,
      null,
    ],
    [
      'everything done',
      pendingAt(hours(97)),
      ['1:PENDING@2030-01-10T12:00:00.000Z', '2:PENDING@2030-01-10T12:00:00.000Z'],
      true,
      null,
    ],
  ];
  it.each(cases)('%s', (_name, f, done, includeDue, expected) => {
    expect(nextAutomationCheck([remind, solve], f, new Set(done), includeDue)).toEqual(expected);
  });

  it('names the anchor by the time the condition counts from', () => {
    expect(automationAnchor(remind, pendingAt(hours(1)))).toBe('PENDING@2030-01-10T12:00:00.000Z');
  });
});
