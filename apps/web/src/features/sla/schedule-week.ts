/**
 * Business-hours schedules store Zendesk's intervals: minutes from Sunday 00:00 of the
 * schedule's own week (Monday 09:00–17:00 is 1980–2460). The editor shows each weekday
 * with its opening hours as "HH:MM"; these convert both ways. Pure.
 */
export type Interval = { start_time: number; end_time: number };
export type DayHours = { start: string; end: string };
/** Sunday first, as Zendesk counts. */
export type Week = DayHours[][];

const DAY = 24 * 60;

export const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export function minutesOf(time: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m) return null;
  const value = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && value <= DAY ? value : null;
}

/** Each day's opening hours; an interval past midnight is split over the days it covers. */
export function weekOf(intervals: Interval[]): Week {
  const week: Week = [[], [], [], [], [], [], []];
  for (const { start_time, end_time } of [...intervals].sort((a, b) => a.start_time - b.start_time)) {
    for (let day = Math.floor(start_time / DAY); day * DAY < end_time && day < 7; day++) {
      const from = Math.max(start_time, day * DAY) - day * DAY;
      const to = Math.min(end_time, (day + 1) * DAY) - day * DAY;
      if (to > from) week[day]!.push({ start: clock(from), end: clock(to) });
    }
  }
  return week;
}

/** The intervals of a week, joined where one day's hours run into the next, or the first day whose hours are not valid. */
export function intervalsOf(week: Week): { intervals: Interval[] } | { invalidDay: number } {
  const intervals: Interval[] = [];
  for (let day = 0; day < 7; day++) {
    for (const hours of week[day] ?? []) {
      const start = minutesOf(hours.start);
      const end = minutesOf(hours.end === '00:00' ? '24:00' : hours.end);
      if (start === null || end === null || end <= start) return { invalidDay: day };
      const interval = { start_time: day * DAY + start, end_time: day * DAY + end };
      const last = intervals.at(-1);
      if (last && last.end_time >= interval.start_time)
        last.end_time = Math.max(last.end_time, interval.end_time);
      else intervals.push(interval);
    }
  }
  return { intervals };
}

/** Monday to Friday, 09:00–17:00: what a new schedule starts with. */
export const OFFICE_WEEK: Week = weekOf(
  [1, 2, 3, 4, 5].map((d) => ({ start_time: d * DAY + 540, end_time: d * DAY + 1020 })),
);
