import { describe, expect, it } from 'vitest';
import { intervalsOf, minutesOf, OFFICE_WEEK, weekOf } from './schedule-week';

describe('weekOf', () => {
  it.each([
    ['nothing', [], [[], [], [], [], [], [], []]],
    [
      'Monday 09:00–17:00',
      [{ start_time: 1980, end_time: 2460 }],
      [[], [{ start: '09:00', end: '17:00' }], [], [], [], [], []],
    ],
    [
      'a split day, given out of order',
      [
        { start_time: 1440 + 780, end_time: 1440 + 1020 },
        { start_time: 1440 + 540, end_time: 1440 + 720 },
      ],
      [
        [],
        [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '17:00' },
        ],
        [],
        [],
        [],
        [],
        [],
      ],
    ],
    [
      'a night shift over midnight',
      [{ start_time: 1440 * 5 + 1320, end_time: 1440 * 6 + 360 }],
      [[], [], [], [], [], [{ start: '22:00', end: '24:00' }], [{ start: '00:00', end: '06:00' }]],
    ],
    [
      'all week round the clock',
      [{ start_time: 0, end_time: 10080 }],
      Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]),
    ],
  ])('%s', (_name, intervals, week) => {
    expect(weekOf(intervals)).toEqual(week);
  });
});

describe('intervalsOf', () => {
  it('turns the office week back into Zendesk intervals', () => {
    expect(intervalsOf(OFFICE_WEEK)).toEqual({
      intervals: [1, 2, 3, 4, 5].map((d) => ({ start_time: d * 1440 + 540, end_time: d * 1440 + 1020 })),
    });
  });

  it('joins hours that run into the next day', () => {
    const week = weekOf([{ start_time: 1440 * 5 + 1320, end_time: 1440 * 6 + 360 }]);
    expect(intervalsOf(week)).toEqual({
      intervals: [{ start_time: 1440 * 5 + 1320, end_time: 1440 * 6 + 360 }],
    });
  });

  it('reads an end of 00:00 as midnight at the end of the day', () => {
    expect(intervalsOf([[{ start: '18:00', end: '00:00' }], [], [], [], [], [], []])).toEqual({
      intervals: [{ start_time: 1080, end_time: 1440 }],
    });
  });

  it.each([
    ['end before start', [{ start: '17:00', end: '09:00' }]],
    ['not a time', [{ start: 'nine', end: '17:00' }]],
    ['minutes past 59', [{ start: '09:75', end: '17:00' }]],
  ])('names the day with %s', (_name, hours) => {
    expect(intervalsOf([[], [], hours, [], [], [], []])).toEqual({ invalidDay: 2 });
  });
});

describe('minutesOf', () => {
  it.each([
    ['09:00', 540],
    ['9:30', 570],
    ['24:00', 1440],
    ['24:01', null],
    ['', null],
  ])('%s', (time, minutes) => {
    expect(minutesOf(time)).toBe(minutes);
  });
});
