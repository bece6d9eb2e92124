import type { Database } from '../../db/database.js';
import type { RuleAction, RuleConditions } from '../../db/tables/workflow.js';
import { type Clock, systemClock } from '../../platform/clock.js';
import { createRulesRepository } from './automation/rules.repository.js';
import { createRoutingRepository } from './routing/routing.repository.js';

type Rule = { title: string; conditions: RuleConditions; actions: RuleAction[] };

export const DEFAULT_TRIGGERS: Rule[] = [
  {
    title: 'Acknowledge new email requests',
    conditions: {
      all: [
        { field: 'update_type', value: 'Create' },
        { field: 'via_id', operator: 'is', value: '4' },
      ],
      any: [],
    },
    actions: [
      {
        field: 'notification_user',
        value: [
          'requester_id',
          '[Request received] {{ticket.title}}',
          'Hi {{ticket.requester.first_name}},\n\nThanks for writing to us. Your request #{{ticket.id}} has been received and an agent will answer soon. Reply to this email to add anything.\n\n{{ticket.latest_public_comment}}',
        ],
      },
    ],
  },
  {
    // Web form and Requests API (via_id 0); an agent's ticket from the agent app is also
    // 'web', so only requests a customer submitted (role end_user) are acknowledged.
    title: 'Acknowledge new web requests',
    conditions: {
      all: [
        { field: 'update_type', value: 'Create' },
        { field: 'via_id', operator: 'is', value: '0' },
        { field: 'role', operator: 'is', value: 'end_user' },
      ],
      any: [],
    },
    actions: [
      {
        field: 'notification_user',
        value: [
          'requester_id',
          '[Request received] {{ticket.title}}',
          'Hi {{ticket.requester.first_name}},\n\nThanks for contacting us. Your request #{{ticket.id}} has been received and an agent will answer soon. Reply to this email, or follow it in the help center, to add anything.\n\n{{ticket.latest_public_comment}}',
        ],
      },
    ],
  },
  {
    title: 'Notify assignee of assignment',
    conditions: {
      all: [
        { field: 'assignee_id', operator: 'changed' },
        { field: 'assignee_id', operator: 'is_not', value: 'current_user' },
      ],
      any: [],
    },
    actions: [
      {
        field: 'notification_user',
        value: [
          'assignee_id',
          '[Assignment] #{{ticket.id}} {{ticket.title}}',
          'You have been assigned ticket #{{ticket.id}} ({{ticket.group.name}}, tier {{ticket.tier}}).\n\n{{ticket.link}}\n\n{{ticket.latest_comment}}',
        ],
      },
    ],
  },
];

export const DEFAULT_AUTOMATIONS: Rule[] = [
  {
    title: 'Remind the requester after 2 days pending',
    conditions: {
      all: [
        { field: 'status', operator: 'is', value: 'pending' },
        { field: 'PENDING', operator: 'is', value: '48' },
      ],
      any: [],
    },
    actions: [
      {
        field: 'notification_user',
        value: [
          'requester_id',
          'Re: {{ticket.title}} — waiting for your reply',
          'Hi {{ticket.requester.first_name}},\n\nWe are waiting for your answer on request #{{ticket.id}}. If we do not hear back in 2 days we will mark it solved; you can reopen it by replying.',
        ],
      },
    ],
  },
  {
    title: 'Solve after 4 days pending',
    conditions: {
      all: [
        { field: 'status', operator: 'is', value: 'pending' },
        { field: 'PENDING', operator: 'greater_than', value: '96' },
      ],
      any: [],
    },
    actions: [
      { field: 'status', value: 'solved' },
      { field: 'current_tags', value: 'auto_solved' },
    ],
  },
  {
    title: 'Close 4 days after solved',
    conditions: {
      all: [
        { field: 'status', operator: 'is', value: 'solved' },
        { field: 'SOLVED', operator: 'greater_than', value: '96' },
      ],
      any: [],
    },
    actions: [{ field: 'status', value: 'closed' }],
  },
];

/**
 * The demo workspace's workflow: acknowledge new email and web requests, notify assignees,
 * remind pending after 2 days and solve after 4, close solved after 4 days, live chat
 * needs a senior, and explicit tier time limits (15 / 30 / none) on tiered groups.
 * Safe to run twice: rules are added only when no rule has the title.
 */
export async function seedWorkflowDefaults(
  target: Database | { database: Database },
  clock: Clock = systemClock,
) {
  const database = 'database' in target ? target.database : target;
  const { db } = database;
  const now = clock.now();
  const rules = createRulesRepository(db);
  let added = 0;
  for (const [table, list] of [
    ['triggers', DEFAULT_TRIGGERS],
    ['automations', DEFAULT_AUTOMATIONS],
  ] as const) {
    const existing = new Set((await rules.list(table)).map((r) => r.title));
    for (const rule of list) {
      if (existing.has(rule.title)) continue;
      await rules.insert(table, { ...rule, active: true, position: await rules.nextPosition(table) }, now);
      added += 1;
    }
  }
  await rules.bump();
  const routing = createRoutingRepository(db);
  if (!(await routing.rules()).some((r) => r.title === 'Live chat needs a senior')) {
    await routing.insertRule(
      {
        title: 'Live chat needs a senior',
        active: true,
        position: 0,
        conditions: { all: [{ field: 'via', operator: 'is', value: 'chat' }], any: [] },
        group_id: null,
        required_level: 'senior',
        required_skills: [],
      },
      now,
    );
    added += 1;
  }
  const tiered = (await routing.groups()).filter((g) => g.tier !== null);
  for (const { id } of tiered) await routing.ensureGroupSettings(id, now);
  return { added, tieredGroups: tiered.length };
}
