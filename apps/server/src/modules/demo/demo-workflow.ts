import type { PolicyMetric } from '../../db/tables/workflow.js';
import type { DemoRepository } from './demo.repository.js';

/**
 * What a tiered team sets up besides its rules: support hours, SLA policies by
 * priority and an empowered action. Urgent and high tickets run on the clock, normal
 * and low on support hours; with the demo tickets' ages this gives targets that are
 * running, near breach (due within the 30-minute warning) and breached.
 */
const DAY = 1440;
/** Monday to Friday, 08:00–18:00, as minutes from Sunday 00:00 (Zendesk's schedule intervals). */
const weekdays = [1, 2, 3, 4, 5].map((d) => ({ start_time: d * DAY + 8 * 60, end_time: d * DAY + 18 * 60 }));

const metric = (
  priority: PolicyMetric['priority'],
  name: string,
  target: number,
  businessHours: boolean,
): PolicyMetric => ({ priority, metric: name, target, business_hours: businessHours });

export const demoSupportHours = {
  name: 'Support hours (Mon–Fri 08:00–18:00 UTC)',
  timeZone: 'UTC',
  intervals: weekdays,
};

export const demoSlaPolicies = [
  {
    title: 'Urgent and high — around the clock',
    description: 'Urgent: first reply within 80 minutes; high: within 4 hours. Calendar time.',
    any: ['urgent', 'high'],
    businessHours: false,
    metrics: [
      metric('urgent', 'first_reply_time', 80, false),
      metric('urgent', 'next_reply_time', 120, false),
      metric('urgent', 'requester_wait_time', 8 * 60, false),
      metric('high', 'first_reply_time', 4 * 60, false),
      metric('high', 'next_reply_time', 4 * 60, false),
      metric('high', 'requester_wait_time', 24 * 60, false),
    ],
  },
  {
    title: 'Normal and low — support hours',
    description: 'Normal: first reply within 8 business hours; low: within 3 business days.',
    any: ['normal', 'low'],
    businessHours: true,
    metrics: [
      metric('normal', 'first_reply_time', 8 * 60, true),
      metric('normal', 'requester_wait_time', 40 * 60, true),
      metric('low', 'first_reply_time', 30 * 60, true),
      metric('low', 'requester_wait_time', 80 * 60, true),
    ],
  },
];

/** Agents refund up to their level's limit on their own; above it an approver (a higher level) decides. */
export const demoRefund = {
  name: 'Refund',
  description:
    'Refund a charge to the customer’s card. Above your limit, a colleague with a higher limit approves.',
  unit: 'USD',
  limits: { junior: 50, mid: 250, senior: 1000 },
};

/** Seeds support hours, the SLA policies and the refund action. Safe to run twice (skips what exists). */
export async function seedDemoWorkflow(repo: DemoRepository, now: Date) {
  const schedule = await repo.ensureSchedule({
    name: demoSupportHours.name,
    time_zone: demoSupportHours.timeZone,
    intervals: JSON.stringify(demoSupportHours.intervals),
    created_at: now,
    updated_at: now,
  });
  const existing = await repo.slaPolicyTitles();
  for (const [position, p] of demoSlaPolicies.entries()) {
    if (existing.has(p.title)) continue;
    await repo.insertSlaPolicy({
      title: p.title,
      description: p.description,
      position,
      filter: JSON.stringify({
        all: [],
        any: p.any.map((value) => ({ field: 'priority', operator: 'is', value })),
      }),
      policy_metrics: JSON.stringify(p.metrics),
      schedule_id: p.businessHours ? schedule.id : null,
      warning_minutes: 30,
      created_at: now,
      updated_at: now,
    });
  }
  await repo.ensureEmpoweredAction({
    ...demoRefund,
    limits: JSON.stringify(demoRefund.limits),
    created_at: now,
    updated_at: now,
  });
  return { slaPolicies: demoSlaPolicies.length, scheduleId: schedule.id };
}
