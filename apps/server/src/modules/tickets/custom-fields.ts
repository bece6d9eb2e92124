import type { CustomFieldValue, TicketField } from '../../db/schema.js';
import type { ErrorDetails } from '../../platform/http/errors.js';

/**
 * Checks custom field values against the admin's field definitions and normalizes
 * them (numbers as numbers, checkbox as boolean, date as YYYY-MM-DD, dropdown as the
 * option's value). Returns values keyed by field ID, or the errors naming each field.
 */
export function validateCustomFields(
  definitions: readonly TicketField[],
  values: readonly { id: number; value: CustomFieldValue }[],
): { values: Record<string, CustomFieldValue>; errors: ErrorDetails } {
  const byId = new Map(definitions.map((d) => [d.id, d]));
  const out: Record<string, CustomFieldValue> = {};
  const errors: ErrorDetails = {};
  for (const { id, value } of values) {
    const key = `custom_fields.${id}`;
    const field = byId.get(id);
    if (!field?.active) {
      errors[key] = [{ description: `Custom field ${id}: no such active field`, error: 'InvalidValue' }];
      continue;
    }
    const result = normalize(field, value);
    if ('error' in result)
      errors[key] = [{ description: `${field.title}: ${result.error}`, error: 'InvalidValue' }];
    else out[String(id)] = result.value;
  }
  return { values: out, errors };
}

function normalize(
  field: TicketField,
  value: CustomFieldValue,
): { value: CustomFieldValue } | { error: string } {
  if (value === null || value === '') return { value: field.type === 'checkbox' ? false : null };
  switch (field.type) {
    case 'text':
    case 'textarea':
      return typeof value === 'string' ? { value } : { value: String(value) };
    case 'regexp': {
      const text = String(value);
      const pattern = field.regexp_for_validation;
      if (pattern && !safeTest(pattern, text)) return { error: `does not match ${pattern}` };
      return { value: text };
    }
    case 'integer': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isSafeInteger(n) ? { value: n } : { error: 'must be a whole number' };
    }
    case 'decimal': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? { value: n } : { error: 'must be a number' };
    }
    case 'checkbox':
      if (typeof value === 'boolean') return { value };
      if (value === 'true' || value === 'false') return { value: value === 'true' };
      return { error: 'must be true or false' };
    case 'date': {
      const text = String(value);
      const match = /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(text);
      if (!match || Number.isNaN(Date.parse(match[1]!))) return { error: 'must be a date as YYYY-MM-DD' };
      return { value: match[1]! };
    }
    case 'tagger': {
      const option = field.custom_field_options.find(
        (o) => o.value === String(value) || o.name === String(value),
      );
      if (!option) {
        const allowed = field.custom_field_options.map((o) => o.value).join(', ');
        return { error: `must be one of ${allowed}` };
      }
      return { value: option.value };
    }
  }
}

function safeTest(pattern: string, text: string) {
  try {
    return new RegExp(pattern).test(text.slice(0, 10_000));
  } catch {
    return true;
  }
}
