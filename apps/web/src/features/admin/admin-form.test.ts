import { describe, expect, it } from 'vitest';
import { fieldErrors } from './admin-form';

const detail = (description: string) => [{ description, error: 'InvalidValue' }];

describe('fieldErrors', () => {
  it.each([
    [
      'an envelope field',
      { 'trigger.title': detail('trigger.title: cannot be blank') },
      { title: 'cannot be blank', 'trigger.title': 'cannot be blank' },
    ],
    [
      'a condition named by the service, without envelope',
      { 'conditions.all.1': detail('Condition: unknown field "x"') },
      {
        '1': 'Condition: unknown field "x"',
        'all.1': 'Condition: unknown field "x"',
        'conditions.all.1': 'Condition: unknown field "x"',
      },
    ],
    [
      'a nested schema error',
      { 'sla_policy.policy_metrics.0.target': detail('sla_policy.policy_metrics.0.target: Too small') },
      {
        target: 'Too small',
        'policy_metrics.0.target': 'Too small',
        'sla_policy.policy_metrics.0.target': 'Too small',
      },
    ],
    ['a single key', { email: detail('is taken') }, { email: 'is taken' }],
  ])('%s', (_name, details, expected) => {
    expect(fieldErrors(details)).toEqual(expected);
  });
});
