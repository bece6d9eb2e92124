import { describe, expect, it } from 'vitest';
import { checkTicketField, type FieldDraft, mergeOptions, patternProblem } from './ticket-field-rules.js';

const draft = (over: Partial<FieldDraft>): FieldDraft => ({
  type: 'text',
  regexp_for_validation: null,
  tag: null,
  custom_field_options: [],
  ...over,
});
const opt = (name: string, value: string, extra: { id?: number; default?: boolean } = {}) => ({
  name,
  value,
  ...extra,
});

describe('checkTicketField', () => {
  const cases: [string, FieldDraft, Parameters<typeof checkTicketField>[1], string[]][] = [
    ['a text field', draft({}), null, []],
    [
      'a dropdown with options',
      draft({ type: 'tagger', custom_field_options: [opt('Gold', 'gold'), opt('Silver', 'silver')] }),
      null,
      [],
    ],
    ['a dropdown without options', draft({ type: 'tagger' }), null, ['custom_field_options']],
    [
      'a dropdown with one value twice, in other case',
      draft({ type: 'tagger', custom_field_options: [opt('Gold', 'gold'), opt('GOLD', 'Gold')] }),
      null,
      ['custom_field_options.1.value'],
    ],
    [
      'an option value with a space',
      draft({ type: 'tagger', custom_field_options: [opt('Gold plan', 'gold plan')] }),
      null,
      ['custom_field_options.0.value'],
    ],
    [
      'two defaults',
      draft({
        type: 'tagger',
        custom_field_options: [opt('A', 'a', { default: true }), opt('B', 'b', { default: true })],
      }),
      null,
      ['custom_field_options'],
    ],
    [
      'an option ID from another field',
      draft({ type: 'tagger', custom_field_options: [opt('A', 'a', { id: 99 })] }),
      { type: 'tagger', custom_field_options: [{ id: 5, name: 'A', value: 'a' }] },
      ['custom_field_options.0.id'],
    ],
    [
      'an option ID this field has',
      draft({ type: 'tagger', custom_field_options: [opt('A+', 'a', { id: 5 })] }),
      { type: 'tagger', custom_field_options: [{ id: 5, name: 'A', value: 'a' }] },
      [],
    ],
    [
      'options on a text field',
      draft({ custom_field_options: [opt('A', 'a')] }),
      null,
      ['custom_field_options'],
    ],
    [
      'a regexp field with a pattern',
      draft({ type: 'regexp', regexp_for_validation: '^[A-Z]{3}-\\d+$' }),
      null,
      [],
    ],
    ['a regexp field without a pattern', draft({ type: 'regexp' }), null, ['regexp_for_validation']],
    [
      'a pattern that does not compile',
      draft({ type: 'regexp', regexp_for_validation: '([a-z' }),
      null,
      ['regexp_for_validation'],
    ],
    ['a pattern on a text field', draft({ regexp_for_validation: '^a$' }), null, ['regexp_for_validation']],
    ['a checkbox with a tag', draft({ type: 'checkbox', tag: 'needs_review' }), null, []],
    ['a checkbox tag with a space', draft({ type: 'checkbox', tag: 'needs review' }), null, ['tag']],
    ['a tag on a date field', draft({ type: 'date', tag: 'x' }), null, ['tag']],
    ['a type change', draft({ type: 'integer' }), { type: 'text', custom_field_options: [] }, ['type']],
  ];
  it.each(cases)('%s', (_name, given, existing, fields) => {
    expect(Object.keys(checkTicketField(given, existing))).toEqual(fields);
  });
});

describe('patternProblem', () => {
  it('explains a pattern that does not compile and accepts one that does', () => {
    expect(patternProblem('\\d{4}')).toBeNull();
    expect(patternProblem('(')).toMatch(/Unterminated group/);
  });
});

describe('mergeOptions', () => {
  it('keeps named IDs, gives new options new IDs in order, and defaults to not default', () => {
    expect(
      mergeOptions([opt('B', 'b', { id: 5 }), opt('C', 'c'), opt('D', 'd', { default: true })], [10, 11]),
    ).toEqual([
      { id: 5, name: 'B', value: 'b', default: false },
      { id: 10, name: 'C', value: 'c', default: false },
      { id: 11, name: 'D', value: 'd', default: true },
    ]);
  });
});
