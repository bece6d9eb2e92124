import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { StoredCondition, StoredConditions } from '../../db/tables/realtime.js';
import type { ErrorDetails } from '../../platform/http/errors.js';
import { slaNextBreachField } from './sla-condition.js';

/**
 * Zendesk view conditions (`{all: [...], any: [...]}` of field/operator/value) turned
 * into SQL on `tickets`. Pure: it reads no data, it only builds the expression. The
 * caller combines it with the actor's ticket scope.
 */
export type ConditionContext = {
  /** The agent running the view: `current_user`. */
  userId: number;
  /** Their groups: `current_groups`. */
  groupIds: number[];
  /** For "hours since" conditions. */
  now: Date;
};

type Eb = ExpressionBuilder<DB, 'tickets'>;
type Check = { ok: true; value: unknown } | { ok: false; message: string };

/** How one condition field is read and translated. Other modules may add fields (see addConditionField). */
export type ConditionField = {
  operators: readonly string[];
  /** Validates and normalises the value for an operator. */
  parse(value: unknown, operator: string): Check;
  toSql(eb: Eb, operator: string, value: unknown, ctx: ConditionContext): Expression<SqlBool>;
};

export const STATUS_ORDER = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
export const PRIORITY_ORDER = ['low', 'normal', 'high', 'urgent'] as const;
const TYPES = ['question', 'incident', 'problem', 'task'] as const;
const HOUR = 3_600_000;

const ok = (value: unknown): Check => ({ ok: true, value });
const bad = (message: string): Check => ({ ok: false, message });
const text = (value: unknown) => (value === null || value === undefined ? '' : String(value).trim());

/** Values of an ordered list that satisfy `operator` against `value` (is, is_not, less_than, greater_than). */
export function orderedValues(order: readonly string[], operator: string, value: string): string[] {
  const at = order.indexOf(value);
  switch (operator) {
    case 'is':
      return [value];
    case 'is_not':
      return order.filter((v) => v !== value);
    case 'less_than':
      return order.slice(0, at);
    case 'greater_than':
      return order.slice(at + 1);
    default:
      return [];
  }
}

function orderedField(column: 'status' | 'priority', order: readonly string[]): ConditionField {
  return {
    operators: ['is', 'is_not', 'less_than', 'greater_than'],
    parse(value, operator) {
      const v = text(value).toLowerCase();
      if (v === '' && column === 'priority' && (operator === 'is' || operator === 'is_not')) return ok(null);
      return order.includes(v) ? ok(v) : bad(`must be one of ${order.join(', ')}`);
    },
    toSql(eb, operator, value) {
      const ref = `tickets.${column}` as const;
      if (value === null) return eb(ref, operator === 'is' ? 'is' : 'is not', null);
      const values = orderedValues(order, operator, String(value));
      if (values.length === 0) return eb.lit(false);
      const match = eb(ref, 'in', values as never[]);
      // "is not urgent" includes tickets with no priority, as in Zendesk.
      return operator === 'is_not' && column === 'priority' ? eb.or([match, eb(ref, 'is', null)]) : match;
    },
  };
}

type Special = 'current_user' | 'current_groups' | '';

/** A reference to a user, group or organization: a numeric ID, "" for none, or a placeholder. */
function idField(
  column: 'assignee_id' | 'requester_id' | 'group_id' | 'organization_id',
  placeholders: Special[],
): ConditionField {
  return {
    operators: ['is', 'is_not'],
    parse(value) {
      const v = text(value);
      if ((placeholders as string[]).includes(v)) return ok(v);
      if (/^\d{1,15}$/.test(v)) return ok(Number(v));
      const named = placeholders.filter(Boolean).map((p) => `"${p}"`);
      return bad(
        `must be a numeric ID${placeholders.includes('') ? ', "" for none' : ''}${named.length ? ` or ${named.join(', ')}` : ''}`,
      );
    },
    toSql(eb, operator, value, ctx) {
      const ref = `tickets.${column}` as const;
      const negate = operator === 'is_not';
      if (value === '') return eb(ref, negate ? 'is not' : 'is', null);
      if (value === 'current_groups') {
        if (ctx.groupIds.length === 0) return negate ? eb.lit(true) : eb.lit(false);
        const inGroups = eb(ref, 'in', ctx.groupIds);
        return negate ? eb.or([eb.not(inGroups), eb(ref, 'is', null)]) : inGroups;
      }
      const id = value === 'current_user' ? ctx.userId : Number(value);
      return eb(ref, negate ? 'is distinct from' : '=', id);
    },
  };
}

function tagList(value: unknown) {
  const raw = Array.isArray(value) ? value.map(String) : text(value).split(/[\s,]+/);
  return [...new Set(raw.map((t) => t.trim().toLowerCase()).filter(Boolean))];
}

const tagsField: ConditionField = {
  operators: ['includes', 'not_includes'],
  parse(value) {
    const tags = tagList(value);
    return tags.length ? ok(tags) : bad('must name at least one tag');
  },
  toSql(eb, operator, value) {
    const overlap = sql<boolean>`tickets.tags && ${sql.val(value as string[])}::text[]`;
    return operator === 'includes' ? overlap : eb.not(overlap);
  },
};

const CHANNEL = /^[a-z_]{2,30}$/;
const viaField: ConditionField = {
  operators: ['is', 'is_not'],
  parse(value) {
    const v = text(value).toLowerCase();
    return CHANNEL.test(v) ? ok(v) : bad('must be a channel such as email, web, api or chat');
  },
  toSql(eb, operator, value) {
    return eb('tickets.via_channel', operator === 'is' ? '=' : '<>', String(value));
  },
};

const typeField: ConditionField = {
  operators: ['is', 'is_not'],
  parse(value) {
    const v = text(value).toLowerCase();
    if (v === '') return ok(null);
    return (TYPES as readonly string[]).includes(v) ? ok(v) : bad(`must be "" or one of ${TYPES.join(', ')}`);
  },
  toSql(eb, operator, value) {
    if (value === null) return eb('tickets.type', operator === 'is' ? 'is' : 'is not', null);
    return eb('tickets.type', operator === 'is' ? '=' : 'is distinct from', value as never);
  },
};

/** "Hours since" a timestamp: less_than 24 is "within the last day". */
function hoursField(column: 'created_at' | 'updated_at' | 'solved_at'): ConditionField {
  return {
    operators: ['is', 'less_than', 'greater_than'],
    parse(value) {
      const v = text(value);
      return /^\d{1,6}$/.test(v) ? ok(Number(v)) : bad('must be a whole number of hours');
    },
    toSql(eb, operator, value, ctx) {
      const ref = `tickets.${column}` as const;
      const at = (hours: number) => new Date(ctx.now.getTime() - hours * HOUR);
      const hours = Number(value);
      if (operator === 'less_than') return eb(ref, '>', at(hours));
      if (operator === 'greater_than') return eb(ref, '<', at(hours));
      return eb.and([eb(ref, '<=', at(hours)), eb(ref, '>', at(hours + 1))]);
    },
  };
}

/** Frontline: the tier (1–3) of the ticket's group. */
const groupTierField: ConditionField = {
  operators: ['is', 'is_not', 'less_than', 'greater_than'],
  parse(value) {
    const v = text(value);
    return /^[1-3]$/.test(v) ? ok(Number(v)) : bad('must be a tier: 1, 2 or 3');
  },
  toSql(eb, operator, value) {
    const op = { is: '=', is_not: '<>', less_than: '<', greater_than: '>' }[operator] as
      | '='
      | '<>'
      | '<'
      | '>';
    const groups = eb
      .selectFrom('groups')
      .select('groups.id')
      .where('groups.tier', op, Number(value))
      .where('groups.deleted_at', 'is', null);
    return eb('tickets.group_id', 'in', groups);
  },
};

/** `custom_fields_<id>` is / is_not a value, as Zendesk names custom field conditions. */
const customField: ConditionField = {
  operators: ['is', 'is_not'],
  parse(value) {
    if (Array.isArray(value)) return bad('must be one value');
    return ok(value === null || value === undefined ? '' : String(value));
  },
  toSql() {
    throw new Error('custom fields are compiled by compileCondition');
  },
};

const fields = new Map<string, ConditionField>([
  ['status', orderedField('status', STATUS_ORDER)],
  ['priority', orderedField('priority', PRIORITY_ORDER)],
  ['type', typeField],
  ['group_id', idField('group_id', ['', 'current_groups'])],
  ['assignee_id', idField('assignee_id', ['', 'current_user'])],
  ['requester_id', idField('requester_id', ['current_user'])],
  ['organization_id', idField('organization_id', [''])],
  ['current_tags', tagsField],
  ['tags', tagsField],
  ['via', viaField],
  ['created_at', hoursField('created_at')],
  ['NEW', hoursField('created_at')],
  ['updated_at', hoursField('updated_at')],
  ['solved_at', hoursField('solved_at')],
  ['SOLVED', hoursField('solved_at')],
  ['group_tier', groupTierField],
  ['sla_next_breach_at', slaNextBreachField],
]);

/**
 * Lets another module add a condition field (the SLA module adds one for "breach due
 * within N hours", which the built-in "SLA due soon" view uses once it exists).
 */
export function addConditionField(name: string, field: ConditionField) {
  if (fields.has(name)) throw new Error(`view condition field ${name} exists already`);
  fields.set(name, field);
}

export function conditionFieldNames() {
  return [...fields.keys()].filter((f) => f !== 'tags' && f !== 'NEW' && f !== 'SOLVED');
}

const CUSTOM = /^custom_fields_(\d{1,15})$/;
const fieldOf = (name: string) => (CUSTOM.test(name) ? customField : fields.get(name));

/** Checks every condition; returns Zendesk `details` keyed `all.0.value`, or null when all are valid. */
export function checkConditions(conditions: StoredConditions): ErrorDetails | null {
  const details: ErrorDetails = {};
  const add = (key: string, description: string, error = 'InvalidValue') => {
    details[key] = [...(details[key] ?? []), { description: `${key}: ${description}`, error }];
  };
  for (const part of ['all', 'any'] as const) {
    conditions[part].forEach((c, index) => {
      const key = `${part}.${index}`;
      const field = fieldOf(c.field);
      if (!field) {
        add(`${key}.field`, `unknown field ${c.field}; use one of ${conditionFieldNames().join(', ')}`);
        return;
      }
      if (!field.operators.includes(c.operator)) {
        add(`${key}.operator`, `${c.field} takes ${field.operators.join(', ')}`);
        return;
      }
      const parsed = field.parse(c.value, c.operator);
      if (!parsed.ok) add(`${key}.value`, `${c.field} ${parsed.message}`);
    });
  }
  return Object.keys(details).length ? details : null;
}

function compileCondition(eb: Eb, c: StoredCondition, ctx: ConditionContext): Expression<SqlBool> {
  const custom = CUSTOM.exec(c.field);
  const field = fieldOf(c.field);
  if (!field) throw new Error(`unknown condition field ${c.field}`);
  const parsed = field.parse(c.value, c.operator);
  if (!parsed.ok) throw new Error(`invalid condition ${c.field}: ${parsed.message}`);
  if (custom) {
    const value = sql<string>`coalesce(tickets.custom_fields ->> ${custom[1]!}, '')`;
    return c.operator === 'is'
      ? sql<boolean>`${value} = ${String(parsed.value)}`
      : sql<boolean>`${value} <> ${String(parsed.value)}`;
  }
  return field.toSql(eb, c.operator, parsed.value, ctx);
}

/** The SQL condition of a view. Call checkConditions first: an invalid condition throws. */
export function compileConditions(eb: Eb, conditions: StoredConditions, ctx: ConditionContext) {
  const all = conditions.all.map((c) => compileCondition(eb, c, ctx));
  const any = conditions.any.map((c) => compileCondition(eb, c, ctx));
  const parts = [...all];
  if (any.length) parts.push(eb.or(any));
  return parts.length ? eb.and(parts) : eb.lit(true);
}
