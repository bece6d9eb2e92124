import { describe, expect, it } from 'vitest';
import {
  actionFields,
  channelOf,
  conditionFields,
  conditionOperators,
  conditionValueKind,
  defaultAction,
  defaultCondition,
  operatorTakesValue,
} from './rule-catalog';

describe('condition fields per kind of rule', () => {
  it.each([
    ['trigger', 'update_type', true],
    ['automation', 'update_type', false],
    ['trigger', 'PENDING', false],
    ['automation', 'PENDING', true],
    ['sla', 'PENDING', false],
    ['sla', 'priority', true],
    ['routing', 'via_id', true],
    ['routing', 'status', false],
    ['routing', 'subject_includes_word', true],
    ['sla', 'comment_includes_word', false],
  ] as const)('%s offers %s: %s', (kind, field, offered) => {
    expect(conditionFields(kind).includes(field)).toBe(offered);
  });
});

describe('operators', () => {
  it.each([
    ['status', 'trigger', ['is', 'is_not', 'less_than', 'greater_than', 'changed']],
    ['status', 'automation', ['is', 'is_not', 'less_than', 'greater_than']],
    ['current_tags', 'trigger', ['includes', 'not_includes']],
    ['PENDING', 'automation', ['is', 'less_than', 'greater_than', 'is_business_hours']],
    ['custom_fields_12', 'sla', ['is', 'is_not', 'present', 'not_present']],
    ['via', 'routing', ['is', 'is_not']],
  ] as const)('%s in a %s', (field, kind, expected) => {
    const ops = conditionOperators(field, kind);
    for (const op of expected) expect(ops).toContain(op);
    if (kind !== 'trigger') expect(ops).not.toContain('changed');
  });

  it.each([
    ['changed', false],
    ['not_present', false],
    ['is', true],
    ['value_previous', true],
  ])('%s takes a value: %s', (op, takes) => {
    expect(operatorTakesValue(op)).toBe(takes);
  });
});

describe('values', () => {
  it.each([
    ['via', 'channel'],
    ['via_id', 'channel'],
    ['custom_fields_3', 'custom'],
    ['group_id', 'group'],
    ['SOLVED', 'hours'],
    ['unknown_field', 'text'],
  ])('%s is picked as %s', (field, kind) => {
    expect(conditionValueKind(field)).toBe(kind);
  });

  it.each([
    [4, 'email'],
    ['29', 'chat'],
    ['email', 'email'],
    ['999', '999'],
  ])('via %s shows as %s', (value, name) => {
    expect(channelOf(value)).toBe(name);
  });

  it('starts a new condition with its first operator and a value', () => {
    expect(defaultCondition('PENDING', 'automation')).toEqual({
      field: 'PENDING',
      operator: 'is',
      value: '24',
    });
    expect(defaultCondition('update_type', 'trigger')).toEqual({
      field: 'update_type',
      operator: 'is',
      value: 'Create',
    });
  });
});

describe('actions', () => {
  it('macros cannot notify or call webhooks', () => {
    expect(actionFields('macro')).not.toContain('notification_user');
    expect(actionFields('macro')).not.toContain('notification_webhook');
    expect(actionFields('trigger')).toContain('notification_webhook');
  });

  it('a notification starts as [recipient, subject, body]', () => {
    expect(defaultAction('notification_user')).toEqual({
      field: 'notification_user',
      value: ['requester_id', '', ''],
    });
    expect(defaultAction('notification_webhook').value).toEqual(['', '']);
  });
});
