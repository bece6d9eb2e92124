import { DateTime } from 'luxon';

/**
 * Business time, as Zendesk schedules define it: weekly intervals in minutes from
 * Sunday 00:00 in the schedule's time zone (`{start_time: 1980, end_time: 2460}` is
 * Monday 09:00–17:00), minus holidays (whole local days, start and end inclusive).
 * A null schedule means calendar time: every minute counts. Pure; times are Dates.
 */
export type Schedule = {
  timeZone: string;
  intervals: { start_time: number; end_time: number }[];
  holidays: { start_date: string; end_date: string }[];
};

const MINUTE = 60_000;
const DAY_MINUTES = 1440;
/** How far ahead a search for business minutes goes before calling a schedule empty. */
const HORIZON_DAYS = 3 * 366;

type Window = { start: number; end: number };

function isHoliday(schedule: Schedule, localDate: string) {
  return schedule.holidays.some((h) => h.start_date <= localDate && localDate <= h.end_date);
}

/** The schedule's open windows on one local day, as epoch-millisecond ranges in order. */
function dayWindows(schedule: Schedule, day: DateTime): Window[] {
  if (isHoliday(schedule, day.toISODate() ?? '')) return [];
  const dayStart = (day.weekday % 7) * DAY_MINUTES;
  const windows: Window[] = [];
  for (const interval of schedule.intervals) {
    const from = Math.max(interval.start_time, dayStart) - dayStart;
    const to = Math.min(interval.end_time, dayStart + DAY_MINUTES) - dayStart;
    if (to <= from) continue;
    const at = (minutes: number) =>
      minutes >= DAY_MINUTES
        ? day.plus({ days: 1 }).startOf('day').toMillis()
        : day
            .set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 })
            .toMillis();
    windows.push({ start: at(from), end: at(to) });
  }
  return windows.sort((a, b) => a.start - b.start);
}

/** Open windows from `from` onwards, clipped to start no earlier than it, for up to `days` local days. */
function* windowsFrom(schedule: Schedule, from: number, days = HORIZON_DAYS): Generator<Window> {
  let day = DateTime.fromMillis(from, { zone: schedule.timeZone }).startOf('day');
  for (let i = 0; i < days; i += 1) {
    for (const w of dayWindows(schedule, day)) {
      if (w.end <= from) continue;
      yield { start: Math.max(w.start, from), end: w.end };
    }
    day = day.plus({ days: 1 });
  }
}

/** Minutes of business time between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(schedule: Schedule | null, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (!schedule) return (b - a) / MINUTE;
  const days = Math.ceil((b - a) / (DAY_MINUTES * MINUTE)) + 2;
  let total = 0;
  for (const w of windowsFrom(schedule, a, days)) {
    if (w.start >= b) break;
    total += Math.min(w.end, b) - w.start;
  }
  return total / MINUTE;
}

/**
 * The instant at which `minutes` of business time have passed since `from`. A zero
 * amount at a closed time is the next opening. Null when the schedule never opens.
 */
export function addBusinessMinutes(schedule: Schedule | null, from: Date, minutes: number): Date | null {
  if (!schedule) return new Date(from.getTime() + minutes * MINUTE);
  let left = minutes * MINUTE;
  for (const w of windowsFrom(schedule, from.getTime())) {
    const span = w.end - w.start;
    if (left <= span) return new Date(w.start + left);
    left -= span;
  }
  return null;
}

/** Whether an instant falls inside the schedule's business hours. */
export function isBusinessTime(schedule: Schedule | null, at: Date): boolean {
  if (!schedule) return true;
  const t = at.getTime();
  for (const w of windowsFrom(schedule, t, 1)) return w.start <= t && t < w.end;
  return false;
}

/** Whether a time zone name is one this server knows (IANA, e.g. `Europe/Berlin`). */
export function isKnownTimeZone(zone: string) {
  return DateTime.local().setZone(zone).isValid;
}
