import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isBusinessTime,
  type Schedule,
} from './business-time.js';
import { resolveTimeZone } from './time-zones.js';

/** Monday to Friday, 09:00–17:00 local time. */
const weekdays = [1, 2, 3, 4, 5].map((d) => ({ start_time: d * 1440 + 540, end_time: d * 1440 + 1020 }));
const berlin: Schedule = { timeZone: 'Europe/Berlin', intervals: weekdays, holidays: [] };
/** Monday 2030-01-07 is a holiday in this one. */
const berlinHoliday: Schedule = {
  ...berlin,
  holidays: [{ start_date: '2030-01-07', end_date: '2030-01-07' }],
};
const newYork: Schedule = { timeZone: 'America/New_York', intervals: weekdays, holidays: [] };

// 2030-01-04 is a Friday. Berlin is UTC+1 in winter, UTC+2 from 2030-03-31.
describe('addBusinessMinutes', () => {
  const cases: [string, Schedule | null, string, number, string | null][] = [
    ['calendar time adds every minute', null, '2030-01-04T15:00:00Z', 120, '2030-01-04T17:00:00.000Z'],
    ['inside one business day', berlin, '2030-01-04T09:00:00Z', 60, '2030-01-04T10:00:00.000Z'],
    ['from Friday 16:00 over the weekend', berlin, '2030-01-04T15:00:00Z', 120, '2030-01-07T09:00:00.000Z'],
    [
      'over a weekend and a Monday holiday',
      berlinHoliday,
      '2030-01-04T15:00:00Z',
      120,
      '2030-01-08T09:00:00.000Z',
    ],
    ['before opening starts at opening', berlin, '2030-01-07T05:00:00Z', 30, '2030-01-07T08:30:00.000Z'],
    [
      'zero minutes at a closed time is the next opening',
      berlin,
      '2030-01-05T12:00:00Z',
      0,
      '2030-01-07T08:00:00.000Z',
    ],
    ['a whole business week', berlin, '2030-01-07T08:00:00Z', 5 * 480, '2030-01-11T16:00:00.000Z'],
    ['across the spring clock change', berlin, '2030-03-29T15:00:00Z', 120, '2030-04-01T08:00:00.000Z'],
    ['in another time zone', newYork, '2030-01-04T22:00:00Z', 60, '2030-01-07T15:00:00.000Z'],
    ['a schedule that never opens', { ...berlin, intervals: [] }, '2030-01-04T15:00:00Z', 10, null],
  ];
  it.each(cases)('%s', (_name, schedule, from, minutes, expected) => {
    const due = addBusinessMinutes(schedule, new Date(from), minutes);
    expect(due ? due.toISOString() : null).toBe(expected);
  });
});

describe('businessMinutesBetween', () => {
  const cases: [string, Schedule | null, string, string, number][] = [
    ['calendar', null, '2030-01-04T15:00:00Z', '2030-01-04T15:30:00Z', 30],
    ['Friday afternoon to Monday morning', berlin, '2030-01-04T15:00:00Z', '2030-01-07T09:00:00Z', 120],
    ['a holiday counts nothing', berlinHoliday, '2030-01-06T00:00:00Z', '2030-01-08T00:00:00Z', 0],
    ['end before start', berlin, '2030-01-07T10:00:00Z', '2030-01-07T09:00:00Z', 0],
  ];
  it.each(cases)('%s', (_name, schedule, from, to, expected) => {
    expect(businessMinutesBetween(schedule, new Date(from), new Date(to))).toBe(expected);
  });
});

describe('isBusinessTime', () => {
  const cases: [string, Schedule, string, boolean][] = [
    ['a weekday at noon', berlin, '2030-01-04T11:00:00Z', true],
    ['a Saturday', berlin, '2030-01-05T11:00:00Z', false],
    ['closing time is closed', berlin, '2030-01-04T16:00:00Z', false],
    ['a holiday', berlinHoliday, '2030-01-07T11:00:00Z', false],
  ];
  it.each(cases)('%s', (_name, schedule, at, expected) => {
    expect(isBusinessTime(schedule, new Date(at))).toBe(expected);
  });
});

describe('resolveTimeZone', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['Eastern Time (US & Canada)', 'America/New_York'],
    ['Atlantis/Capital', null],
  ])('%s', (name, expected) => {
    expect(resolveTimeZone(name)).toBe(expected);
  });
});
