import { emptyCounts, type RuleFacts } from './rule-facts.js';

/** Rule facts for tests: an open, high-priority email ticket being updated by its requester. */
const NOW = new Date('2030-01-10T12:00:00Z');

export function facts(
  overrides: Partial<RuleFacts['ticket']> = {},
  extra: Partial<RuleFacts> = {},
): RuleFacts {
  return {
    ticket: {
      id: 1,
      subject: 'Refund for my invoice',
      description: 'I was charged twice this month',
      status: 'open',
      priority: 'high',
      type: 'question',
      group_id: 10,
      assignee_id: 20,
      requester_id: 30,
      organization_id: null,
      tags: ['billing', 'vip'],
      custom_fields: { '77': 'gold' },
      follower_ids: [],
      collaborator_ids: [],
      via_channel: 'email',
      is_public: true,
      due_at: null,
      created_at: new Date('2030-01-08T12:00:00Z'),
      ...overrides,
    },
    update: {
      type: 'Change',
      changes: [{ field: 'status', from: 'new', to: 'open' }],
      comment: { body: 'Please refund me now', public: true },
      actorId: 30,
      actorRole: 'end-user',
      via: 'web',
    },
    requester: { role: 'end-user', locale: 'zh-CN', email: 'a@example.test' },
    counts: { ...emptyCounts(), reopens: 1, replies: 2 },
    times: { OPEN: new Date('2030-01-08T12:00:00Z'), created_at: new Date('2030-01-08T12:00:00Z') },
    schedule: null,
    now: NOW,
    ...extra,
  };
}
