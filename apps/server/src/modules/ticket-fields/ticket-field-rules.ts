import type { CustomFieldOption, TicketFieldType } from '../../db/schema.js';
import type { ErrorDetails } from '../../platform/http/errors.js';

/** A ticket field as it would be after a create or update, before it is stored. */
export type FieldDraft = {
  type: TicketFieldType;
  regexp_for_validation: string | null;
  tag: string | null;
  custom_field_options: {
    id?: number | undefined;
    name: string;
    value: string;
    default?: boolean | undefined;
  }[];
};

const ONE_TAG = /^[^\s,]+$/;

/**
 * Checks a field definition: a dropdown (tagger) has options with unique values that
 * can be tags; a regexp field has a pattern that compiles; a checkbox may add one tag;
 * other types have none of these; a field keeps its type. Returns every problem.
 */
export function checkTicketField(
  draft: FieldDraft,
  existing: { type: TicketFieldType; custom_field_options: CustomFieldOption[] } | null,
): ErrorDetails {
  const errors: ErrorDetails = {};
  const fail = (field: string, description: string, error = 'InvalidValue') => {
    errors[field] = [...(errors[field] ?? []), { description, error }];
  };
  if (existing && existing.type !== draft.type) {
    fail('type', `Type: cannot be changed from ${existing.type}; create a new field instead`);
    return errors;
  }

  const options = draft.custom_field_options;
  if (draft.type === 'tagger') {
    if (options.length === 0)
      fail('custom_field_options', 'Custom field options: a dropdown needs at least one option');
    const seen = new Map<string, number>();
    const known = new Set(existing?.custom_field_options.map((o) => o.id) ?? []);
    options.forEach((option, i) => {
      const key = option.value.toLowerCase();
      if (!ONE_TAG.test(option.value))
        fail(
          `custom_field_options.${i}.value`,
          `Value: "${option.value}" cannot contain spaces or commas (the value is used as a tag)`,
        );
      else if (seen.has(key))
        fail(
          `custom_field_options.${i}.value`,
          `Value: "${option.value}" is already the value of option ${seen.get(key)! + 1}`,
          'DuplicateValue',
        );
      seen.set(key, seen.get(key) ?? i);
      if (option.id !== undefined && !known.has(option.id))
        fail(`custom_field_options.${i}.id`, `Id: ${option.id} is not an option of this field`);
    });
    if (options.filter((o) => o.default).length > 1)
      fail('custom_field_options', 'Custom field options: only one option can be the default');
  } else if (options.length > 0) {
    fail('custom_field_options', 'Custom field options: only dropdown (tagger) fields have options');
  }

  const pattern = draft.regexp_for_validation;
  if (draft.type === 'regexp') {
    if (!pattern)
      fail('regexp_for_validation', "Regexp for validation: can't be blank for a regexp field", 'BlankValue');
    else {
      const problem = patternProblem(pattern);
      if (problem)
        fail('regexp_for_validation', `Regexp for validation: is not a valid pattern (${problem})`);
    }
  } else if (pattern) {
    fail('regexp_for_validation', 'Regexp for validation: only regexp fields have a pattern');
  }

  if (draft.tag) {
    if (draft.type !== 'checkbox') fail('tag', 'Tag: only checkbox fields add a tag');
    else if (!ONE_TAG.test(draft.tag))
      fail('tag', `Tag: "${draft.tag}" must be one tag, without spaces or commas`);
  }
  return errors;
}

/** Why a pattern does not compile as tickets test it, or null when it does. */
export function patternProblem(pattern: string): string | null {
  try {
    new RegExp(pattern);
    return null;
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: /, '');
  }
}

/**
 * The options to store: those given keep their ID (when they name one), new ones take
 * the next of `newIds`; the list given replaces the old one, in its order.
 */
export function mergeOptions(
  given: FieldDraft['custom_field_options'],
  newIds: number[],
): CustomFieldOption[] {
  const ids = [...newIds];
  return given.map((o) => ({
    id: o.id ?? ids.shift()!,
    name: o.name,
    value: o.value,
    default: o.default ?? false,
  }));
}
