import { z } from 'zod';
import { id, timestamp } from '../common.js';
import { ruleConditions } from './rules.js';

export const slaMetric = z.enum([
  'first_reply_time',
  'next_reply_time',
  'periodic_update_time',
  'requester_wait_time',
  'agent_work_time',
]);

export const policyMetric = z.object({
  priority: z.enum(['low', 'normal', 'high', 'urgent']),
  metric: slaMetric,
  /** Minutes. */
  target: z.number().int().min(1).max(525_600),
  business_hours: z.boolean().default(false),
});

export const slaPolicyInput = z.object({
  title: z.string().trim().min(1, 'cannot be blank').max(255),
  description: z.string().max(10_000).nullable().optional(),
  position: z.number().int().min(0).max(100_000).optional(),
  filter: ruleConditions,
  policy_metrics: z.array(policyMetric).max(40),
  /** Frontline: the schedule business-hours targets count in (default: the first schedule). */
  schedule_id: id.nullable().optional(),
  /** Frontline: minutes before a breach when the warning event is recorded. */
  warning_minutes: z.number().int().min(0).max(10_080).optional(),
});
export const slaPolicyUpdate = slaPolicyInput.partial();
export type SlaPolicyInput = z.infer<typeof slaPolicyInput>;

export const slaPolicy = z.object({
  id: z.number().int(),
  url: z.string(),
  title: z.string(),
  description: z.string(),
  position: z.number().int(),
  filter: ruleConditions,
  policy_metrics: z.array(policyMetric),
  schedule_id: z.number().int().nullable(),
  warning_minutes: z.number().int(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type SlaPolicyJson = z.infer<typeof slaPolicy>;

export const reorderSlaPolicies = z.object({ sla_policy_ids: z.array(id).min(1).max(1000) });

/** Minutes from Sunday 00:00 of the schedule's week: Monday 09:00–17:00 is 1980–2460. */
export const scheduleInterval = z
  .object({ start_time: z.number().int().min(0).max(10_080), end_time: z.number().int().min(0).max(10_080) })
  .refine((i) => i.end_time > i.start_time, 'end_time must be after start_time');

export const scheduleInput = z.object({
  name: z.string().trim().min(1, 'cannot be blank').max(255),
  time_zone: z.string().trim().min(1).max(100),
  intervals: z.array(scheduleInterval).max(200).optional(),
  position: z.number().int().min(0).max(100_000).optional(),
});
export const scheduleUpdate = scheduleInput.partial();
export const workweekInput = z.object({
  workweek: z.object({ intervals: z.array(scheduleInterval).max(200) }),
});

export const holidayInput = z
  .object({
    name: z.string().trim().min(1, 'cannot be blank').max(255),
    start_date: z.iso.date(),
    end_date: z.iso.date(),
  })
  .refine((h) => h.end_date >= h.start_date, {
    message: 'end_date must not be before start_date',
    path: ['end_date'],
  });
export const holidayUpdate = z.object({
  name: z.string().trim().min(1).max(255).optional(),
  start_date: z.iso.date().optional(),
  end_date: z.iso.date().optional(),
});

export const holiday = z.object({
  id: z.number().int(),
  name: z.string(),
  start_date: z.string(),
  end_date: z.string(),
});

export const schedule = z.object({
  id: z.number().int(),
  name: z.string(),
  time_zone: z.string(),
  intervals: z.array(z.object({ start_time: z.number().int(), end_time: z.number().int() })),
  position: z.number().int(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type ScheduleJson = z.infer<typeof schedule>;

const minutes = z.object({ calendar: z.number().int().nullable(), business: z.number().int().nullable() });

export const ticketMetric = z.object({
  id: z.number().int(),
  url: z.string(),
  ticket_id: z.number().int(),
  group_stations: z.number().int(),
  assignee_stations: z.number().int(),
  reopens: z.number().int(),
  replies: z.number().int(),
  assignee_updated_at: timestamp.nullable(),
  requester_updated_at: timestamp.nullable(),
  status_updated_at: timestamp,
  initially_assigned_at: timestamp.nullable(),
  assigned_at: timestamp.nullable(),
  solved_at: timestamp.nullable(),
  latest_comment_added_at: timestamp.nullable(),
  reply_time_in_minutes: minutes,
  first_resolution_time_in_minutes: minutes,
  full_resolution_time_in_minutes: minutes,
  agent_wait_time_in_minutes: minutes,
  requester_wait_time_in_minutes: minutes,
  on_hold_time_in_minutes: minutes,
  created_at: timestamp,
  updated_at: timestamp,
});
export type TicketMetricJson = z.infer<typeof ticketMetric>;

/** A ticket's SLA target as the agent app shows it ("breaches in 12 min"). */
export const slaTarget = z.object({
  metric: z.string(),
  instance: z.number().int(),
  target_minutes: z.number().int(),
  business_hours: z.boolean(),
  stage: z.enum(['active', 'paused', 'achieved', 'cancelled']),
  started_at: timestamp,
  breach_at: timestamp.nullable(),
  /** Minutes until the breach; negative once breached. Null when not running. */
  minutes_to_breach: z.number().int().nullable(),
  warned_at: timestamp.nullable(),
  breached_at: timestamp.nullable(),
  fulfilled_at: timestamp.nullable(),
});

export const slaEvent = z.object({
  id: z.number().int(),
  metric: z.string(),
  kind: z.enum(['warning', 'breach']),
  due_at: timestamp,
  created_at: timestamp,
});
