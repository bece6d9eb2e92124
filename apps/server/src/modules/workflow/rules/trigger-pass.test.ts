import { describe, expect, it } from 'vitest';
import { facts } from './facts.testing.js';
import { placeholderContext, renderTemplate } from './placeholders.js';
import { runTriggerPass, type TriggerRule } from './trigger-pass.js';

const rule = (
  id: number,
  all: TriggerRule['conditions']['all'],
  actions: TriggerRule['actions'],
): TriggerRule => ({
  id,
  title: `rule ${id}`,
  conditions: { all, any: [] },
  actions,
});

describe('runTriggerPass', () => {
  it('fires matching triggers in order, each once, and later ones see earlier changes', () => {
    const triggers = [
      rule(
        1,
        [{ field: 'current_tags', operator: 'includes', value: 'escalated' }],
        [{ field: 'priority', value: 'urgent' }],
      ),
      rule(
        2,
        [{ field: 'status', operator: 'is', value: 'open' }],
        [{ field: 'current_tags', value: 'escalated' }],
      ),
      rule(3, [{ field: 'status', operator: 'is', value: 'solved' }], [{ field: 'priority', value: 'low' }]),
    ];
    const pass = runTriggerPass(triggers, facts());
    expect(pass.fired).toEqual([2, 1]);
    expect(pass.plan.fields.priority).toBe('urgent');
    expect(pass.plan.tags).toEqual(['billing', 'vip', 'escalated']);
    expect(pass.loops).toEqual([]);
  });

  it('does not change the facts it was given', () => {
    const input = facts();
    runTriggerPass([rule(1, [], [{ field: 'status', value: 'pending' }])], input);
    expect(input.ticket.status).toBe('open');
  });

  it('flags a trigger that would re-trigger itself on its own update', () => {
    const triggers = [
      rule(
        1,
        [{ field: 'update_type', value: 'Change' }],
        [{ field: 'comment_value', value: 'We got your update' }],
      ),
      rule(
        2,
        [{ field: 'status', operator: 'is', value: 'open' }],
        [{ field: 'current_tags', value: 'seen' }],
      ),
    ];
    const pass = runTriggerPass(triggers, facts());
    expect(pass.fired).toEqual([1, 2]);
    expect(pass.loops).toEqual([1]);
  });

  it('flags two triggers that undo each other', () => {
    const triggers = [
      rule(
        1,
        [{ field: 'current_tags', operator: 'includes', value: 'vip' }],
        [
          { field: 'remove_tags', value: 'vip' },
          { field: 'current_tags', value: 'gold' },
        ],
      ),
      rule(
        2,
        [{ field: 'current_tags', operator: 'includes', value: 'gold' }],
        [
          { field: 'remove_tags', value: 'gold' },
          { field: 'current_tags', value: 'vip' },
        ],
      ),
    ];
    const pass = runTriggerPass(triggers, facts());
    expect(pass.fired).toEqual([1, 2]);
    expect(pass.loops.length).toBeGreaterThan(0);
  });

  it('does not flag notifications that fire on every update', () => {
    const notify = rule(
      1,
      [{ field: 'update_type', value: 'Change' }],
      [{ field: 'notification_user', value: ['assignee_id', 'Updated', 'Ticket {{ticket.id}} changed'] }],
    );
    const pass = runTriggerPass([notify], facts());
    expect(pass.fired).toEqual([1]);
    expect(pass.loops).toEqual([]);
  });
});

describe('placeholders', () => {
  const context = placeholderContext({
    ticket: {
      id: 42,
      subject: 'Printer on fire',
      description: 'Help',
      status: 'open',
      priority: null,
      type: null,
      tags: ['hardware'],
      via_channel: 'email',
      external_id: null,
      created_at: new Date('2030-01-01T00:00:00Z'),
      updated_at: new Date('2030-01-01T00:00:00Z'),
      due_at: null,
      tier: 1,
    } as never,
    requester: { id: 5, name: 'Ada Lovelace', email: 'ada@example.test', locale: 'en-US', tags: [] } as never,
    assignee: undefined,
    group: undefined,
    organization: undefined,
    currentUser: { id: 6, name: 'Grace Hopper', email: null, locale: 'en-US', tags: [] } as never,
    latestComment: 'Help',
    latestPublicComment: 'Help',
    baseUrl: 'https://help.example.test',
  });
  it.each([
    ['{{ticket.id}}: {{ticket.title}}', '42: Printer on fire'],
    ['Hi {{ticket.requester.first_name}}', 'Hi Ada'],
    ['{{current_user.name}}', 'Grace Hopper'],
    ['{{ticket.link}}', 'https://help.example.test/agent/tickets/42'],
    ['{{ticket.assignee.name}}|{{ticket.nonsense}}', '|'],
    ['{{ ticket.title | upcase }}', 'PRINTER ON FIRE'],
  ])('%s', (template, expected) => {
    expect(renderTemplate(template, context)).toBe(expected);
  });
});
