import {
  holiday,
  holidayInput,
  holidayUpdate,
  idParams,
  schedule,
  scheduleInput,
  scheduleUpdate,
  workweekInput,
} from '@frontline/contracts';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { BusinessSchedulesTable } from '../../../db/tables/workflow.js';
import { iso } from '../../../platform/http/iso-time.js';
import type { HttpApp } from '../../../platform/http/server.js';
import type { SchedulesService } from './schedules.service.js';

type ScheduleRow = Selectable<BusinessSchedulesTable>;

function scheduleJson(row: ScheduleRow) {
  return {
    id: row.id,
    name: row.name,
    time_zone: row.time_zone,
    intervals: row.intervals,
    position: row.position,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

const holidayParams = z.object({ id: idParams.shape.id, holiday_id: idParams.shape.id });
const read = { access: 'agent' as const };
const write = { access: 'admin' as const };

/** Zendesk's `/api/v2/business_hours/schedules` and their holidays. */
export function registerScheduleRoutes(app: HttpApp, schedules: SchedulesService) {
  const base = '/api/v2/business_hours/schedules';
  app.get(
    base,
    { config: read, schema: { response: { 200: z.object({ schedules: z.array(schedule) }) } } },
    async () => ({
      schedules: (await schedules.list()).map(scheduleJson),
    }),
  );
  app.post(
    base,
    {
      config: write,
      schema: { body: z.object({ schedule: scheduleInput }), response: { 201: z.object({ schedule }) } },
    },
    async (request, reply) =>
      reply.code(201).send({ schedule: scheduleJson(await schedules.create(request.body.schedule)) }),
  );
  app.get(`${base}/:id`, { config: read, schema: { params: idParams } }, async (request) => ({
    schedule: scheduleJson(await schedules.show(request.params.id)),
  }));
  app.put(
    `${base}/:id`,
    { config: write, schema: { params: idParams, body: z.object({ schedule: scheduleUpdate }) } },
    async (request) => ({
      schedule: scheduleJson(await schedules.update(request.params.id, request.body.schedule)),
    }),
  );
  app.put(
    `${base}/:id/workweek`,
    { config: write, schema: { params: idParams, body: workweekInput } },
    async (request) => {
      const row = await schedules.update(request.params.id, { intervals: request.body.workweek.intervals });
      return { workweek: { intervals: row.intervals } };
    },
  );
  app.delete(`${base}/:id`, { config: write, schema: { params: idParams } }, async (request, reply) => {
    await schedules.remove(request.params.id);
    return reply.code(204).send();
  });

  app.get(
    `${base}/:id/holidays`,
    {
      config: read,
      schema: { params: idParams, response: { 200: z.object({ holidays: z.array(holiday) }) } },
    },
    async (request) => ({ holidays: (await schedules.holidays(request.params.id)).map(holidayJson) }),
  );
  app.post(
    `${base}/:id/holidays`,
    { config: write, schema: { params: idParams, body: z.object({ holiday: holidayInput }) } },
    async (request, reply) =>
      reply
        .code(201)
        .send({ holiday: holidayJson(await schedules.addHoliday(request.params.id, request.body.holiday)) }),
  );
  app.get(
    `${base}/:id/holidays/:holiday_id`,
    { config: read, schema: { params: holidayParams } },
    async (request) => ({
      holiday: holidayJson(await schedules.holiday(request.params.id, request.params.holiday_id)),
    }),
  );
  app.put(
    `${base}/:id/holidays/:holiday_id`,
    { config: write, schema: { params: holidayParams, body: z.object({ holiday: holidayUpdate }) } },
    async (request) => ({
      holiday: holidayJson(
        await schedules.updateHoliday(request.params.id, request.params.holiday_id, request.body.holiday),
      ),
    }),
  );
  app.delete(
    `${base}/:id/holidays/:holiday_id`,
    { config: write, schema: { params: holidayParams } },
    async (request, reply) => {
      await schedules.removeHoliday(request.params.id, request.params.holiday_id);
      return reply.code(204).send();
    },
  );
}

function holidayJson(row: { id: number; name: string; start_date: string; end_date: string }) {
  return { id: row.id, name: row.name, start_date: row.start_date, end_date: row.end_date };
}
