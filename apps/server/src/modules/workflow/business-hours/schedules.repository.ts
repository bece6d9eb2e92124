import { sql } from 'kysely';
import type { Executor } from '../../../db/executor.js';
import type { ScheduleInterval } from '../../../db/tables/workflow.js';
import type { Schedule } from './business-time.js';

const holidayColumns = [
  'id',
  'schedule_id',
  'name',
  sql<string>`to_char(start_date, 'YYYY-MM-DD')`.as('start_date'),
  sql<string>`to_char(end_date, 'YYYY-MM-DD')`.as('end_date'),
] as const;

export function createSchedulesRepository(db: Executor) {
  const find = (id: number) =>
    db.selectFrom('business_schedules').selectAll().where('id', '=', id).executeTakeFirst();
  const holidays = (scheduleId: number) =>
    db
      .selectFrom('business_holidays')
      .select(holidayColumns)
      .where('schedule_id', '=', scheduleId)
      .orderBy('start_date')
      .orderBy('id')
      .execute();
  return {
    find,
    holidays,
    list() {
      return db.selectFrom('business_schedules').selectAll().orderBy('position').orderBy('id').execute();
    },
    insert(values: {
      name: string;
      time_zone: string;
      intervals: ScheduleInterval[];
      position: number;
      now: Date;
    }) {
      return db
        .insertInto('business_schedules')
        .values({
          name: values.name,
          time_zone: values.time_zone,
          intervals: JSON.stringify(values.intervals),
          position: values.position,
          created_at: values.now,
          updated_at: values.now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    update(
      id: number,
      changes: {
        name?: string;
        time_zone?: string;
        intervals?: ScheduleInterval[];
        position?: number;
        now: Date;
      },
    ) {
      return db
        .updateTable('business_schedules')
        .set({
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.time_zone !== undefined ? { time_zone: changes.time_zone } : {}),
          ...(changes.intervals !== undefined ? { intervals: JSON.stringify(changes.intervals) } : {}),
          ...(changes.position !== undefined ? { position: changes.position } : {}),
          updated_at: changes.now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },
    async remove(id: number) {
      const result = await db.deleteFrom('business_schedules').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    holiday(scheduleId: number, id: number) {
      return db
        .selectFrom('business_holidays')
        .select(holidayColumns)
        .where('schedule_id', '=', scheduleId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    insertHoliday(scheduleId: number, h: { name: string; start_date: string; end_date: string }, now: Date) {
      return db
        .insertInto('business_holidays')
        .values({ schedule_id: scheduleId, ...h, created_at: now, updated_at: now })
        .returning(holidayColumns)
        .executeTakeFirstOrThrow();
    },
    updateHoliday(id: number, h: { name?: string; start_date?: string; end_date?: string }, now: Date) {
      return db
        .updateTable('business_holidays')
        .set({ ...h, updated_at: now })
        .where('id', '=', id)
        .returning(holidayColumns)
        .executeTakeFirstOrThrow();
    },
    async removeHoliday(scheduleId: number, id: number) {
      const result = await db
        .deleteFrom('business_holidays')
        .where('schedule_id', '=', scheduleId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    /** A schedule with its holidays, ready for the business-time functions; the first one when no ID is given. */
    async schedule(id: number | null): Promise<Schedule | null> {
      const row =
        id !== null
          ? await find(id)
          : await db
              .selectFrom('business_schedules')
              .selectAll()
              .orderBy('position')
              .orderBy('id')
              .executeTakeFirst();
      if (!row) return null;
      return { timeZone: row.time_zone, intervals: row.intervals, holidays: await holidays(row.id) };
    },
  };
}

export type SchedulesRepository = ReturnType<typeof createSchedulesRepository>;
