import type { ErrorDetails } from '../../../platform/http/errors.js';
import type { RuleCondition, RuleConditions } from './conditions.js';
import { isKnownVia } from './via-types.js';

/**
 * Which condition fields and operators each kind of rule takes (Zendesk's conditions
 * reference), and the validation that turns a bad one into a 422 naming it.
 */
export type RuleKind = 'trigger' | 'automation' | 'sla' | 'routing' | 'view';

export type FieldKind =
  | 'enum'
  | 'id'
  | 'tags'
  | 'via'
  | 'text'
  | 'custom'
  | 'update_type'
  | 'comment'
  | 'visibility'
  | 'count'
  | 'business'
  | 'role'
  | 'locale'
  | 'time';

const CHANGE_OPS = ['changed', 'not_changed', 'value', 'value_previous', 'not_value', 'not_value_previous'];
const TIME_OPS = [
  'is',
  'less_than',
  'greater_than',
  'is_business_hours',
  'less_than_business_hours',
  'greater_than_business_hours',
];

const FIELDS: Record<string, FieldKind> = {
  status: 'enum',
  priority: 'enum',
  type: 'enum',
  group_id: 'id',
  assignee_id: 'id',
  requester_id: 'id',
  organization_id: 'id',
  current_tags: 'tags',
  via_id: 'via',
  via: 'via',
  current_via_id: 'via',
  subject_includes_word: 'text',
  comment_includes_word: 'text',
  description_includes_word: 'text',
  update_type: 'update_type',
  comment_is_public: 'comment',
  ticket_is_public: 'visibility',
  reopens: 'count',
  replies: 'count',
  agent_stations: 'count',
  group_stations: 'count',
  in_business_hours: 'business',
  is_business_hours: 'business',
  role: 'role',
  requester_role: 'role',
  locale_id: 'locale',
  NEW: 'time',
  OPEN: 'time',
  PENDING: 'time',
  HOLD: 'time',
  SOLVED: 'time',
  CLOSED: 'time',
  assigned_at: 'time',
  updated_at: 'time',
  requester_updated_at: 'time',
  assignee_updated_at: 'time',
  created_at: 'time',
  due_date: 'time',
  until_due_date: 'time',
};

const OPERATORS: Record<FieldKind, string[]> = {
  enum: ['is', 'is_not', 'less_than', 'greater_than', ...CHANGE_OPS],
  id: ['is', 'is_not', ...CHANGE_OPS],
  tags: ['includes', 'not_includes'],
  via: ['is', 'is_not', 'includes', 'not_includes'],
  text: ['includes', 'not_includes', 'is', 'is_not'],
  custom: ['is', 'is_not', 'present', 'not_present', 'less_than', 'greater_than', ...CHANGE_OPS],
  update_type: ['is'],
  comment: ['is', 'is_not'],
  visibility: ['is', 'is_not'],
  count: ['is', 'less_than', 'greater_than'],
  business: ['is'],
  role: ['is', 'is_not'],
  locale: ['is', 'is_not'],
  time: TIME_OPS,
};

/** Kinds that only make sense while a ticket is being updated (triggers). */
const UPDATE_ONLY = new Set<FieldKind>(['update_type', 'comment', 'role']);
const UPDATE_ONLY_FIELDS = new Set(['current_via_id', 'comment_includes_word', 'reopens', 'replies']);

const ENUMS: Record<string, string[]> = {
  status: ['new', 'open', 'pending', 'hold', 'solved', 'closed'],
  priority: ['low', 'normal', 'high', 'urgent'],
  type: ['question', 'incident', 'problem', 'task'],
};

/** The kind of a condition field, or undefined when Frontline does not know it. */
export function fieldKind(field: string): FieldKind | undefined {
  if (/^(custom_fields|ticket_fields)_\d+$/.test(field)) return 'custom';
  return FIELDS[field];
}

/** Operators in Zendesk's order for ordinal fields: new < open < … and low < normal < …. */
export function ordinal(field: string, value: unknown): number {
  return (ENUMS[field] ?? []).indexOf(String(value ?? ''));
}

export function isTimeField(field: string) {
  return FIELDS[field] === 'time';
}

function valueProblem(field: string, kind: FieldKind, operator: string, value: unknown): string | null {
  const text = value === null || value === undefined ? '' : String(value).trim();
  switch (kind) {
    case 'enum':
      if (CHANGE_OPS.slice(0, 2).includes(operator)) return null;
      return text === '' && field === 'priority'
        ? null
        : ENUMS[field]!.includes(text)
          ? null
          : `must be one of ${ENUMS[field]!.join(', ')}`;
    case 'id':
      if (CHANGE_OPS.slice(0, 2).includes(operator)) return null;
      return /^(\d+|current_user|requester_id|)$/.test(text) ? null : 'must be an ID, current_user or empty';
    case 'tags':
    case 'text':
      return text === '' ? 'must not be empty' : null;
    case 'via': {
      const values = Array.isArray(value) ? value : [value];
      return values.every(isKnownVia) ? null : `${text} is not a known channel or via_id`;
    }
    case 'update_type':
      return ['Create', 'Change'].includes(text) ? null : 'must be Create or Change';
    case 'comment':
      return ['true', 'false', 'not_relevant', 'requester_can_see_comment'].includes(text)
        ? null
        : 'must be true, false, not_relevant or requester_can_see_comment';
    case 'visibility':
      return ['public', 'private'].includes(text) ? null : 'must be public or private';
    case 'count':
    case 'time':
      return /^\d+$/.test(text) ? null : 'must be a whole number';
    case 'business':
      return ['true', 'false'].includes(text) ? null : 'must be true or false';
    case 'role':
      return ['end_user', 'end-user', 'agent', 'admin'].includes(text)
        ? null
        : 'must be end_user, agent or admin';
    case 'locale':
      return text === '' ? 'must name a locale such as en-US' : null;
    default:
      return null;
  }
}

function checkCondition(kind: RuleKind, condition: RuleCondition): string | null {
  const field = fieldKind(condition.field);
  if (!field) return `unknown field "${condition.field}"`;
  const operator = condition.operator ?? (['update_type', 'comment', 'business'].includes(field) ? 'is' : '');
  if (kind !== 'trigger' && (UPDATE_ONLY.has(field) || UPDATE_ONLY_FIELDS.has(condition.field)))
    return `"${condition.field}" describes an update and only works in triggers`;
  if (kind !== 'trigger' && CHANGE_OPS.includes(operator))
    return `operator "${operator}" describes an update and only works in triggers`;
  if (field === 'time' && kind !== 'automation' && kind !== 'view')
    return `"${condition.field}" counts hours and only works in automations`;
  if (!OPERATORS[field].includes(operator))
    return `operator "${operator || '(none)'}" does not apply to "${condition.field}"; use ${OPERATORS[field].join(', ')}`;
  const problem = valueProblem(condition.field, field, operator, condition.value);
  return problem ? `value for "${condition.field}" ${problem}` : null;
}

/** Every problem with a rule's conditions, keyed `conditions.all.0` etc. Empty when valid. */
export function validateConditions(
  kind: RuleKind,
  conditions: RuleConditions,
  key = 'conditions',
): ErrorDetails {
  const errors: ErrorDetails = {};
  for (const group of ['all', 'any'] as const) {
    conditions[group].forEach((condition, index) => {
      const problem = checkCondition(kind, condition);
      if (problem)
        errors[`${key}.${group}.${index}`] = [
          { description: `Condition: ${problem}`, error: 'InvalidValue' },
        ];
    });
  }
  if (kind === 'automation' && !conditions.all.some((c) => isTimeField(c.field))) {
    errors[`${key}.all`] ??= [
      {
        description:
          'Condition: an automation needs at least one time-based condition in "all" (for example PENDING greater_than 48)',
        error: 'InvalidValue',
      },
    ];
  }
  return errors;
}
