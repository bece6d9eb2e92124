import type { Clock } from '../../../platform/clock.js';
import { type ErrorDetails, InvalidError, NotFoundError } from '../../../platform/http/errors.js';
import type { SchedulesRepository } from './schedules.repository.js';
import { resolveTimeZone } from './time-zones.js';

type Interval = { start_time: number; end_time: number };

function intervalProblems(intervals: Interval[]): ErrorDetails {
  const sorted = [...intervals].sort((a, b) => a.start_time - b.start_time);
  for (let i = 1; i < sorted.length; i += 1) {
    if (sorted[i]!.start_time < sorted[i - 1]!.end_time) {
      return {
        intervals: [
          {
            description: `Intervals: ${sorted[i - 1]!.start_time}–${sorted[i - 1]!.end_time} and ${sorted[i]!.start_time}–${sorted[i]!.end_time} overlap`,
            error: 'InvalidValue',
          },
        ],
      };
    }
  }
  return {};
}

function zoneOf(name: string) {
  const zone = resolveTimeZone(name);
  if (!zone)
    throw InvalidError.field(
      'time_zone',
      `${name} is not a time zone this server knows (use e.g. Europe/Berlin)`,
    );
  return zone;
}

/** Business-hours schedules (Zendesk's `/api/v2/business_hours/schedules`) and their holidays. */
export function createSchedulesService(repo: SchedulesRepository, clock: Clock) {
  async function existing(id: number) {
    const row = await repo.find(id);
    if (!row) throw new NotFoundError();
    return row;
  }
  function checkIntervals(intervals: Interval[]) {
    const problems = intervalProblems(intervals);
    if (Object.keys(problems).length) throw new InvalidError(problems);
  }
  return {
    list: () => repo.list(),
    show: existing,
    async create(input: {
      name: string;
      time_zone: string;
      intervals?: Interval[] | undefined;
      position?: number | undefined;
    }) {
      const intervals = input.intervals ?? [];
      checkIntervals(intervals);
      return repo.insert({
        name: input.name,
        time_zone: zoneOf(input.time_zone),
        intervals,
        position: input.position ?? 0,
        now: clock.now(),
      });
    },
    async update(
      id: number,
      input: {
        name?: string | undefined;
        time_zone?: string | undefined;
        intervals?: Interval[] | undefined;
        position?: number | undefined;
      },
    ) {
      await existing(id);
      if (input.intervals) checkIntervals(input.intervals);
      const updated = await repo.update(id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.time_zone !== undefined ? { time_zone: zoneOf(input.time_zone) } : {}),
        ...(input.intervals !== undefined ? { intervals: input.intervals } : {}),
        ...(input.position !== undefined ? { position: input.position } : {}),
        now: clock.now(),
      });
      if (!updated) throw new NotFoundError();
      return updated;
    },
    async remove(id: number) {
      if (!(await repo.remove(id))) throw new NotFoundError();
    },
    async holidays(scheduleId: number) {
      await existing(scheduleId);
      return repo.holidays(scheduleId);
    },
    async holiday(scheduleId: number, id: number) {
      const row = await repo.holiday(scheduleId, id);
      if (!row) throw new NotFoundError();
      return row;
    },
    async addHoliday(scheduleId: number, input: { name: string; start_date: string; end_date: string }) {
      await existing(scheduleId);
      return repo.insertHoliday(scheduleId, input, clock.now());
    },
    async updateHoliday(
      scheduleId: number,
      id: number,
      input: { name?: string | undefined; start_date?: string | undefined; end_date?: string | undefined },
    ) {
      const current = await this.holiday(scheduleId, id);
      const next = {
        name: input.name ?? current.name,
        start_date: input.start_date ?? current.start_date,
        end_date: input.end_date ?? current.end_date,
      };
      if (next.end_date < next.start_date)
        throw InvalidError.field('end_date', 'must not be before start_date');
      return repo.updateHoliday(id, next, clock.now());
    },
    async removeHoliday(scheduleId: number, id: number) {
      if (!(await repo.removeHoliday(scheduleId, id))) throw new NotFoundError();
    },
  };
}

export type SchedulesService = ReturnType<typeof createSchedulesService>;
