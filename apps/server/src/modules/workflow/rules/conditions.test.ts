import { describe, expect, it } from 'vitest';
import { validateActions } from './action-catalog.js';
import { validateConditions } from './condition-catalog.js';
import { matchesCondition, matchesConditions, type RuleCondition } from './conditions.js';
import { facts } from './facts.testing.js';

describe('matchesCondition', () => {
  const cases: [string, RuleCondition, boolean][] = [
    ['status is open', { field: 'status', operator: 'is', value: 'open' }, true],
    ['status is not open', { field: 'status', operator: 'is_not', value: 'open' }, false],
    ['status less than solved', { field: 'status', operator: 'less_than', value: 'solved' }, true],
    ['priority greater than normal', { field: 'priority', operator: 'greater_than', value: 'normal' }, true],
    ['status changed', { field: 'status', operator: 'changed' }, true],
    ['status changed to open', { field: 'status', operator: 'value', value: 'open' }, true],
    ['status changed from new', { field: 'status', operator: 'value_previous', value: 'new' }, true],
    ['priority not changed', { field: 'priority', operator: 'not_changed' }, true],
    ['assignee is 20', { field: 'assignee_id', operator: 'is', value: '20' }, true],
    ['assignee is nobody', { field: 'assignee_id', operator: 'is', value: '' }, false],
    ['requester is current_user', { field: 'requester_id', operator: 'is', value: 'current_user' }, true],
    ['tags include vip or gold', { field: 'current_tags', operator: 'includes', value: 'gold vip' }, true],
    ['tags include none of spam', { field: 'current_tags', operator: 'not_includes', value: 'spam' }, true],
    ['via_id 4 is email', { field: 'via_id', operator: 'is', value: 4 }, true],
    ['via chat by name', { field: 'via', operator: 'is', value: 'chat' }, false],
    ['via_id includes chat or email', { field: 'via_id', operator: 'includes', value: ['29', '4'] }, true],
    ['update via web', { field: 'current_via_id', operator: 'is', value: '0' }, true],
    [
      'subject word',
      { field: 'subject_includes_word', operator: 'includes', value: 'invoice billing' },
      true,
    ],
    [
      'subject word is whole words',
      { field: 'subject_includes_word', operator: 'includes', value: 'voice' },
      false,
    ],
    ['subject contains string', { field: 'subject_includes_word', operator: 'is', value: 'for my' }, true],
    ['comment word', { field: 'comment_includes_word', operator: 'includes', value: 'refund' }, true],
    [
      'comment lacks word',
      { field: 'comment_includes_word', operator: 'not_includes', value: 'cancel' },
      true,
    ],
    ['update type', { field: 'update_type', value: 'Change' }, true],
    ['comment is public', { field: 'comment_is_public', operator: 'is', value: 'true' }, true],
    ['comment is private', { field: 'comment_is_public', operator: 'is', value: 'false' }, false],
    ['comment present', { field: 'comment_is_public', operator: 'is', value: 'not_relevant' }, true],
    ['custom field', { field: 'custom_fields_77', operator: 'is', value: 'gold' }, true],
    ['custom field present', { field: 'custom_fields_78', operator: 'present' }, false],
    ['reopens', { field: 'reopens', operator: 'greater_than', value: '0' }, true],
    ['updater role', { field: 'role', operator: 'is', value: 'end_user' }, true],
    ['requester language by prefix', { field: 'locale_id', operator: 'is', value: 'zh' }, true],
    ['hours open greater than 47', { field: 'OPEN', operator: 'greater_than', value: '47' }, true],
    ['hours open is 48', { field: 'OPEN', operator: 'is', value: '48' }, true],
    ['hours pending (not pending)', { field: 'PENDING', operator: 'greater_than', value: '1' }, false],
    ['hours since created less than 24', { field: 'created_at', operator: 'less_than', value: '24' }, false],
    ['unknown field never matches', { field: 'mood', operator: 'is', value: 'sad' }, false],
  ];
  it.each(cases)('%s', (_name, condition, expected) => {
    expect(matchesCondition(condition, facts())).toBe(expected);
  });

  it('matches all of "all" and one of "any"', () => {
    const all = [{ field: 'status', operator: 'is', value: 'open' }];
    expect(matchesConditions({ all, any: [] }, facts())).toBe(true);
    expect(
      matchesConditions(
        {
          all,
          any: [
            { field: 'priority', operator: 'is', value: 'low' },
            { field: 'type', operator: 'is', value: 'question' },
          ],
        },
        facts(),
      ),
    ).toBe(true);
    expect(
      matchesConditions({ all, any: [{ field: 'priority', operator: 'is', value: 'low' }] }, facts()),
    ).toBe(false);
  });
});

describe('validateConditions', () => {
  const cases: [string, 'trigger' | 'automation' | 'sla', RuleCondition[], string[]][] = [
    ['a valid trigger', 'trigger', [{ field: 'status', operator: 'is', value: 'open' }], []],
    ['unknown field', 'trigger', [{ field: 'mood', operator: 'is', value: 'x' }], ['conditions.all.0']],
    [
      'bad operator',
      'trigger',
      [{ field: 'current_tags', operator: 'is', value: 'x' }],
      ['conditions.all.0'],
    ],
    ['bad status', 'trigger', [{ field: 'status', operator: 'is', value: 'done' }], ['conditions.all.0']],
    [
      'unknown channel',
      'trigger',
      [{ field: 'via_id', operator: 'is', value: '9999' }],
      ['conditions.all.0'],
    ],
    [
      'hours in a trigger',
      'trigger',
      [{ field: 'PENDING', operator: 'greater_than', value: '4' }],
      ['conditions.all.0'],
    ],
    ['update fields in an SLA', 'sla', [{ field: 'update_type', value: 'Create' }], ['conditions.all.0']],
    [
      'an automation without time',
      'automation',
      [{ field: 'status', operator: 'is', value: 'pending' }],
      ['conditions.all'],
    ],
    ['a valid automation', 'automation', [{ field: 'PENDING', operator: 'greater_than', value: '48' }], []],
  ];
  it.each(cases)('%s', (_name, kind, all, keys) => {
    expect(Object.keys(validateConditions(kind, { all, any: [] }))).toEqual(keys);
  });
});

describe('validateActions', () => {
  const cases: [string, 'trigger' | 'macro', { field: string; value?: unknown }[], string[]][] = [
    [
      'valid',
      'trigger',
      [
        { field: 'status', value: 'solved' },
        { field: 'current_tags', value: 'a b' },
      ],
      [],
    ],
    ['unknown action', 'trigger', [{ field: 'explode', value: 1 }], ['actions.0']],
    ['bad status', 'trigger', [{ field: 'status', value: 'done' }], ['actions.0']],
    [
      'short notification',
      'trigger',
      [{ field: 'notification_user', value: ['requester_id', 'Hi'] }],
      ['actions.0'],
    ],
    [
      'broken placeholder',
      'trigger',
      [{ field: 'notification_user', value: ['requester_id', 'Hi', '{{ ticket.id '] }],
      ['actions.0'],
    ],
    [
      'macros do not notify',
      'macro',
      [{ field: 'notification_user', value: ['requester_id', 'a', 'b'] }],
      ['actions.0'],
    ],
    [
      'ignored Zendesk action',
      'trigger',
      [{ field: 'satisfaction_score', value: 'offered_to_requester' }],
      [],
    ],
  ];
  it.each(cases)('%s', (_name, kind, actions, keys) => {
    expect(Object.keys(validateActions(kind, actions))).toEqual(keys);
  });
});
