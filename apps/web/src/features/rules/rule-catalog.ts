/**
 * The condition fields and actions the rule builders offer, per kind of rule, mirroring
 * what the server accepts (`modules/workflow/rules/condition-catalog.ts` and
 * `action-catalog.ts`). The server still validates; this only keeps the choices sensible.
 */
export type RuleKind = 'trigger' | 'automation' | 'sla' | 'routing';

/** How a value is picked: a list, a person or group, free text, a number. */
export type ValueKind =
  | 'status'
  | 'priority'
  | 'type'
  | 'group'
  | 'agent'
  | 'organization'
  | 'user_id'
  | 'tags'
  | 'channel'
  | 'text'
  | 'update_type'
  | 'comment'
  | 'visibility'
  | 'count'
  | 'boolean'
  | 'role'
  | 'locale'
  | 'hours'
  | 'custom'
  | 'none';

type FieldDef = { value: ValueKind; operators: readonly string[]; kinds: readonly RuleKind[] };

const CHANGE_OPS = ['changed', 'not_changed', 'value', 'value_previous', 'not_value', 'not_value_previous'];
const TIME_OPS = [
  'is',
  'less_than',
  'greater_than',
  'is_business_hours',
  'less_than_business_hours',
  'greater_than_business_hours',
];
const ALL: RuleKind[] = ['trigger', 'automation', 'sla', 'routing'];
const TICKET: RuleKind[] = ['trigger', 'automation', 'routing'];
const TRIGGER: RuleKind[] = ['trigger'];
const AUTOMATION: RuleKind[] = ['automation'];
const ORDERED = ['is', 'is_not', 'less_than', 'greater_than'];

const FIELDS: Record<string, FieldDef> = {
  status: { value: 'status', operators: ORDERED, kinds: ['trigger', 'automation', 'sla'] },
  priority: { value: 'priority', operators: ORDERED, kinds: ALL },
  type: { value: 'type', operators: ['is', 'is_not'], kinds: ALL },
  via_id: { value: 'channel', operators: ['is', 'is_not'], kinds: ALL },
  group_id: { value: 'group', operators: ['is', 'is_not'], kinds: ALL },
  assignee_id: { value: 'agent', operators: ['is', 'is_not'], kinds: ['trigger', 'automation', 'sla'] },
  requester_id: { value: 'user_id', operators: ['is', 'is_not'], kinds: TICKET },
  organization_id: { value: 'organization', operators: ['is', 'is_not'], kinds: ALL },
  current_tags: { value: 'tags', operators: ['includes', 'not_includes'], kinds: ALL },
  subject_includes_word: {
    value: 'text',
    operators: ['includes', 'not_includes', 'is', 'is_not'],
    kinds: TICKET,
  },
  description_includes_word: {
    value: 'text',
    operators: ['includes', 'not_includes', 'is', 'is_not'],
    kinds: TICKET,
  },
  comment_includes_word: {
    value: 'text',
    operators: ['includes', 'not_includes', 'is', 'is_not'],
    kinds: TRIGGER,
  },
  locale_id: { value: 'locale', operators: ['is', 'is_not'], kinds: TICKET },
  requester_role: { value: 'role', operators: ['is', 'is_not'], kinds: TICKET },
  update_type: { value: 'update_type', operators: ['is'], kinds: TRIGGER },
  comment_is_public: { value: 'comment', operators: ['is', 'is_not'], kinds: TRIGGER },
  role: { value: 'role', operators: ['is', 'is_not'], kinds: TRIGGER },
  ticket_is_public: { value: 'visibility', operators: ['is', 'is_not'], kinds: ['trigger', 'automation'] },
  reopens: { value: 'count', operators: ['is', 'less_than', 'greater_than'], kinds: TRIGGER },
  replies: { value: 'count', operators: ['is', 'less_than', 'greater_than'], kinds: TRIGGER },
  agent_stations: {
    value: 'count',
    operators: ['is', 'less_than', 'greater_than'],
    kinds: ['trigger', 'automation'],
  },
  group_stations: {
    value: 'count',
    operators: ['is', 'less_than', 'greater_than'],
    kinds: ['trigger', 'automation'],
  },
  in_business_hours: { value: 'boolean', operators: ['is'], kinds: ['trigger', 'automation'] },
  NEW: { value: 'hours', operators: TIME_OPS, kinds: AUTOMATION },
  OPEN: { value: 'hours', operators: TIME_OPS, kinds: AUTOMATION },
  PENDING: { value: 'hours', operators: TIME_OPS, kinds: AUTOMATION },
  HOLD: { value: 'hours', operators: TIME_OPS, kinds: AUTOMATION },
  SOLVED: { value: 'hours', operators: TIME_OPS, kinds: AUTOMATION },
  CLOSED: { value: 'hours', operators: TIME_OPS, kinds: AUTOMATION },
  assigned_at: { value: 'hours', operators: TIME_OPS, kinds: AUTOMATION },
  updated_at: { value: 'hours', operators: TIME_OPS, kinds: AUTOMATION },
  requester_updated_at: { value: 'hours', operators: TIME_OPS, kinds: AUTOMATION },
  assignee_updated_at: { value: 'hours', operators: TIME_OPS, kinds: AUTOMATION },
  created_at: { value: 'hours', operators: TIME_OPS, kinds: AUTOMATION },
  due_date: { value: 'hours', operators: TIME_OPS, kinds: AUTOMATION },
  until_due_date: { value: 'hours', operators: TIME_OPS, kinds: AUTOMATION },
};
/** Zendesk spellings Frontline also reads. */
const ALIASES: Record<string, string> = {
  via: 'via_id',
  current_via_id: 'via_id',
  is_business_hours: 'in_business_hours',
};
const CHANGEABLE = new Set([
  'status',
  'priority',
  'type',
  'group_id',
  'assignee_id',
  'requester_id',
  'organization_id',
]);
const CUSTOM = /^custom_fields_\d+$/;

/** The condition fields a kind of rule offers, in the order the builder lists them. */
export function conditionFields(kind: RuleKind): string[] {
  return Object.keys(FIELDS).filter((f) => FIELDS[f]!.kinds.includes(kind));
}

export function conditionValueKind(field: string): ValueKind {
  if (CUSTOM.test(field)) return 'custom';
  return FIELDS[ALIASES[field] ?? field]?.value ?? 'text';
}

/** Operators for a field; triggers also see "changed", "changed to" and the like. */
export function conditionOperators(field: string, kind: RuleKind): string[] {
  if (CUSTOM.test(field)) return ['is', 'is_not', 'present', 'not_present'];
  const def = FIELDS[ALIASES[field] ?? field];
  if (!def) return ['is', 'is_not', 'includes', 'not_includes', 'less_than', 'greater_than'];
  return kind === 'trigger' && CHANGEABLE.has(field) ? [...def.operators, ...CHANGE_OPS] : [...def.operators];
}

/** Whether an operator takes no value ("changed", "is present"). */
export function operatorTakesValue(operator: string) {
  return !['changed', 'not_changed', 'present', 'not_present'].includes(operator);
}

/** A sensible new condition for a field: its first operator and value. */
export function defaultCondition(field: string, kind: RuleKind) {
  const operator = conditionOperators(field, kind)[0]!;
  const firstValue: Partial<Record<ValueKind, string>> = {
    status: 'open',
    priority: 'urgent',
    type: 'question',
    channel: 'email',
    update_type: 'Create',
    comment: 'true',
    visibility: 'public',
    boolean: 'true',
    role: 'end_user',
    count: '0',
    hours: '24',
  };
  return { field, operator, value: firstValue[conditionValueKind(field)] ?? '' };
}

/** Channel names for Zendesk's numeric via IDs, so imported rules show a name. */
const VIA_NAMES: Record<string, string> = {
  '0': 'web_form',
  '4': 'email',
  '5': 'api',
  '8': 'rule',
  '23': 'twitter',
  '29': 'chat',
  '33': 'voice',
  '38': 'facebook',
  '49': 'mobile',
  '55': 'app_store',
  '57': 'sms',
};
export const CHANNELS = [
  'email',
  'web',
  'web_form',
  'api',
  'chat',
  'twitter',
  'facebook',
  'voice',
  'mobile',
  'sms',
  'app_store',
];

export function channelOf(value: unknown): string {
  const text = String(value ?? '');
  return VIA_NAMES[text] ?? text;
}

// ---- Actions ---------------------------------------------------------------------

export type ActionKind = 'trigger' | 'automation' | 'macro';
export type ActionValueKind =
  | 'status'
  | 'priority'
  | 'type'
  | 'group'
  | 'agent'
  | 'person'
  | 'tags'
  | 'text'
  | 'comment'
  | 'visibility'
  | 'notify_user'
  | 'notify_group'
  | 'webhook';

const ACTIONS: Record<string, { value: ActionValueKind; kinds: readonly ActionKind[] }> = {
  status: { value: 'status', kinds: ['trigger', 'automation', 'macro'] },
  priority: { value: 'priority', kinds: ['trigger', 'automation', 'macro'] },
  type: { value: 'type', kinds: ['trigger', 'automation', 'macro'] },
  group_id: { value: 'group', kinds: ['trigger', 'automation', 'macro'] },
  assignee_id: { value: 'agent', kinds: ['trigger', 'automation', 'macro'] },
  current_tags: { value: 'tags', kinds: ['trigger', 'automation', 'macro'] },
  set_tags: { value: 'tags', kinds: ['trigger', 'automation', 'macro'] },
  remove_tags: { value: 'tags', kinds: ['trigger', 'automation', 'macro'] },
  subject: { value: 'text', kinds: ['trigger', 'automation', 'macro'] },
  comment_value: { value: 'comment', kinds: ['trigger', 'automation', 'macro'] },
  comment_mode_is_public: { value: 'visibility', kinds: ['trigger', 'automation', 'macro'] },
  follower: { value: 'person', kinds: ['trigger', 'automation', 'macro'] },
  cc: { value: 'person', kinds: ['trigger', 'automation', 'macro'] },
  notification_user: { value: 'notify_user', kinds: ['trigger', 'automation'] },
  notification_group: { value: 'notify_group', kinds: ['trigger', 'automation'] },
  notification_webhook: { value: 'webhook', kinds: ['trigger', 'automation'] },
};

export function actionFields(kind: ActionKind): string[] {
  return Object.keys(ACTIONS).filter((a) => ACTIONS[a]!.kinds.includes(kind));
}

export function actionValueKind(field: string): ActionValueKind {
  return ACTIONS[field]?.value ?? 'text';
}

/** A new action's starting value: notifications are [recipient, subject, body]. */
export function defaultAction(field: string): { field: string; value: unknown } {
  const starts: Partial<Record<ActionValueKind, unknown>> = {
    status: 'open',
    priority: 'normal',
    type: 'question',
    visibility: 'false',
    agent: 'current_user',
    person: 'current_user',
    notify_user: ['requester_id', '', ''],
    notify_group: ['group_id', '', ''],
    webhook: ['', ''],
  };
  return { field, value: starts[actionValueKind(field)] ?? '' };
}

/** Liquid placeholders offered in notification and comment bodies (Zendesk's names). */
export const PLACEHOLDERS = [
  '{{ticket.id}}',
  '{{ticket.title}}',
  '{{ticket.link}}',
  '{{ticket.status}}',
  '{{ticket.priority}}',
  '{{ticket.requester.first_name}}',
  '{{ticket.requester.name}}',
  '{{ticket.assignee.name}}',
  '{{ticket.group.name}}',
  '{{ticket.latest_comment}}',
  '{{ticket.latest_public_comment}}',
  '{{current_user.name}}',
];

// ---- Rows with stable keys for the builders ----------------------------------------

export type Keyed<T> = T & { key: number };
let nextKey = 1;
export const withKey = <T extends object>(item: T): Keyed<T> => ({ ...item, key: nextKey++ });
export const withoutKey = <T extends object>({ key: _key, ...item }: Keyed<T>) => item as T;
