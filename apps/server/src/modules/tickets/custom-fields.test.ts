import { describe, expect, it } from 'vitest';
import type { TicketField } from '../../db/schema.js';
import { validateCustomFields } from './custom-fields.js';

const field = (id: number, type: TicketField['type'], extra: Partial<TicketField> = {}): TicketField => ({
  id,
  type,
  title: `Field ${id}`,
  description: '',
  active: true,
  required: false,
  visible_in_portal: false,
  editable_in_portal: false,
  position: 0,
  regexp_for_validation: null,
  tag: null,
  custom_field_options: [],
  created_at: new Date(),
  updated_at: new Date(),
  ...extra,
});

const fields = [
  field(1, 'text'),
  field(2, 'integer'),
  field(3, 'decimal'),
  field(4, 'checkbox'),
  field(5, 'date'),
  field(6, 'tagger', {
    custom_field_options: [
      { id: 1, name: 'Gold plan', value: 'gold' },
      { id: 2, name: 'Free plan', value: 'free' },
    ],
  }),
  field(7, 'regexp', { regexp_for_validation: '^[A-Z]{3}-\\d+$' }),
  field(8, 'text', { active: false }),
];

describe('validateCustomFields', () => {
  it.each([
    [1, 'hello', 'hello'],
    [1, 42, '42'],
    [2, '42', 42],
    [3, '4.5', 4.5],
    [4, 'true', true],
    [4, null, false],
    [5, '2026-11-24T10:00:00Z', '2026-11-24'],
    [6, 'gold', 'gold'],
    [6, 'Free plan', 'free'],
    [7, 'ENG-1423', 'ENG-1423'],
    [2, null, null],
  ])('field %i accepts %j as %j', (id, value, expected) => {
    const result = validateCustomFields(fields, [{ id, value }]);
    expect(result.errors).toEqual({});
    expect(result.values[String(id)]).toEqual(expected);
  });

  it.each([
    [2, '4.5', /whole number/],
    [3, 'abc', /number/],
    [4, 'maybe', /true or false/],
    [5, 'tomorrow', /YYYY-MM-DD/],
    [6, 'platinum', /gold, free/],
    [7, 'eng 1', /does not match/],
    [8, 'x', /no such active field/],
    [99, 'x', /no such active field/],
  ])('field %i rejects %j', (id, value, message) => {
    const result = validateCustomFields(fields, [{ id, value }]);
    expect(result.errors[`custom_fields.${id}`]?.[0]?.description).toMatch(message);
  });
});
