import { businessMinutesBetween, isBusinessTime } from '../business-hours/business-time.js';
import { fieldKind, ordinal } from './condition-catalog.js';
import type { RuleFacts, TimeField } from './rule-facts.js';
import { viaMatches } from './via-types.js';

/**
 * Zendesk conditions: `{all: [...], any: [...]}`, each `{field, operator, value}`.
 * A rule matches when every `all` condition holds and, if there are `any` conditions,
 * at least one of them does. Pure: everything comes in through RuleFacts.
 */
export type RuleCondition = { field: string; operator?: string | undefined; value?: unknown };
export type RuleConditions = { all: RuleCondition[]; any: RuleCondition[] };

const HOUR = 3_600_000;

export function matchesConditions(conditions: RuleConditions, facts: RuleFacts): boolean {
  if (!conditions.all.every((c) => matchesCondition(c, facts))) return false;
  return conditions.any.length === 0 || conditions.any.some((c) => matchesCondition(c, facts));
}

function text(value: unknown) {
  return value === null || value === undefined ? '' : String(value).trim();
}

function words(value: unknown) {
  return text(value).toLowerCase().split(/\s+/).filter(Boolean);
}

/** A condition's ID value against the facts: empty is "none", current_user is the updater. */
function idValue(value: unknown, facts: RuleFacts): number | null | undefined {
  const v = text(value);
  if (v === '') return null;
  if (v === 'current_user') return facts.update?.actorId ?? undefined;
  if (v === 'requester_id') return facts.ticket.requester_id;
  return Number(v);
}

function currentValue(field: string, facts: RuleFacts): unknown {
  const t = facts.ticket;
  const custom = /^(?:custom_fields|ticket_fields)_(\d+)$/.exec(field);
  if (custom) return t.custom_fields[custom[1]!] ?? null;
  return (t as Record<string, unknown>)[field] ?? null;
}

function sameValue(field: string, actual: unknown, wanted: unknown, facts: RuleFacts) {
  const kind = fieldKind(field);
  if (kind === 'id') return (actual ?? null) === idValue(wanted, facts);
  if (kind === 'enum' && field === 'priority' && text(wanted) === '') return actual === null;
  if (typeof actual === 'boolean') return String(actual) === text(wanted);
  return text(actual) === text(wanted);
}

function changeOf(field: string, facts: RuleFacts) {
  const name = field.replace(/^(?:custom_fields|ticket_fields)_/, '');
  return facts.update?.changes.find((c) => c.field === field || c.field === name);
}

/** Operators every field with a value shares: is, is_not and the change operators. */
function matchesValue(
  field: string,
  operator: string,
  value: unknown,
  facts: RuleFacts,
): boolean | undefined {
  const actual = currentValue(field, facts);
  const change = changeOf(field, facts);
  switch (operator) {
    case 'is':
      return sameValue(field, actual, value, facts);
    case 'is_not':
      return !sameValue(field, actual, value, facts);
    case 'changed':
      return change !== undefined;
    case 'not_changed':
      return change === undefined;
    case 'value':
      return change !== undefined && sameValue(field, change.to, value, facts);
    case 'not_value':
      return change !== undefined && !sameValue(field, change.to, value, facts);
    case 'value_previous':
      return change !== undefined && sameValue(field, change.from, value, facts);
    case 'not_value_previous':
      return change !== undefined && !sameValue(field, change.from, value, facts);
    case 'present':
      return text(actual) !== '';
    case 'not_present':
      return text(actual) === '';
    default:
      return undefined;
  }
}

function compare(operator: string, actual: number, wanted: number) {
  if (operator === 'is') return actual === wanted;
  if (operator === 'less_than') return actual < wanted;
  if (operator === 'greater_than') return actual > wanted;
  return false;
}

function matchesText(haystack: string, operator: string, value: unknown) {
  const lower = haystack.toLowerCase();
  const tokens = new Set(lower.split(/[^\p{L}\p{N}_'-]+/u).filter(Boolean));
  const hasWord = (w: string) => (w.includes(' ') ? lower.includes(w) : tokens.has(w));
  switch (operator) {
    case 'includes':
      return words(value).some(hasWord);
    case 'not_includes':
      return !words(value).some(hasWord);
    case 'is':
      return lower.includes(text(value).toLowerCase());
    case 'is_not':
      return !lower.includes(text(value).toLowerCase());
    default:
      return false;
  }
}

/** Hours since (or, for until_due_date, until) a time field, in calendar or business hours. */
export function hoursOf(field: TimeField, facts: RuleFacts, business: boolean): number | null {
  const at = facts.times[field === 'until_due_date' ? 'due_date' : field];
  if (!at) return null;
  const [from, to] = field === 'until_due_date' ? [facts.now, at] : [at, facts.now];
  if (business) return businessMinutesBetween(facts.schedule, from, to) / 60;
  return (to.getTime() - from.getTime()) / HOUR;
}

function matchesTime(field: TimeField, operator: string, value: unknown, facts: RuleFacts) {
  const business = operator.endsWith('_business_hours');
  const hours = hoursOf(field, facts, business);
  if (hours === null || hours < 0) return false;
  const wanted = Number(text(value));
  const op = operator.replace(/_business_hours$/, '');
  if (op === 'is') return Math.floor(hours) === wanted;
  return compare(op, hours, wanted);
}

function roleOf(value: unknown) {
  return text(value).replace('end_user', 'end-user');
}

export function matchesCondition(condition: RuleCondition, facts: RuleFacts): boolean {
  const { field, value } = condition;
  const kind = fieldKind(field);
  const operator = condition.operator ?? 'is';
  const t = facts.ticket;
  const u = facts.update;
  switch (kind) {
    case 'enum':
      if (operator === 'less_than' || operator === 'greater_than')
        return compare(operator, ordinal(field, currentValue(field, facts)), ordinal(field, value));
      return matchesValue(field, operator, value, facts) ?? false;
    case 'id':
      return matchesValue(field, operator, value, facts) ?? false;
    case 'custom': {
      if (operator === 'less_than' || operator === 'greater_than')
        return compare(operator, Number(currentValue(field, facts)), Number(value));
      return matchesValue(field, operator, value, facts) ?? false;
    }
    case 'tags': {
      const has = words(value).some((w) => t.tags.includes(w));
      return operator === 'includes' ? has : !has;
    }
    case 'via': {
      const channel = field === 'current_via_id' ? (u?.via ?? t.via_channel) : t.via_channel;
      const values = Array.isArray(value) ? value : [value];
      const hit = values.some((v) => viaMatches(channel, v));
      return operator === 'is' || operator === 'includes' ? hit : !hit;
    }
    case 'text': {
      if (field === 'subject_includes_word') return matchesText(t.subject, operator, value);
      if (field === 'description_includes_word')
        return matchesText(`${t.subject}\n${t.description}`, operator, value);
      return u?.comment
        ? matchesText(u.comment.body, operator, value)
        : operator.startsWith('not') || operator === 'is_not';
    }
    case 'update_type':
      return u?.type === text(value);
    case 'comment': {
      const v = text(value);
      const comment = u?.comment ?? null;
      const hit =
        v === 'not_relevant'
          ? comment !== null
          : v === 'true' || v === 'requester_can_see_comment'
            ? comment?.public === true
            : comment !== null && !comment.public;
      return operator === 'is_not' ? !hit : hit;
    }
    case 'visibility': {
      const hit = (text(value) === 'public') === t.is_public;
      return operator === 'is_not' ? !hit : hit;
    }
    case 'count':
      return compare(operator, facts.counts[field as keyof RuleFacts['counts']], Number(text(value)));
    case 'business':
      return isBusinessTime(facts.schedule, facts.now) === (text(value) === 'true');
    case 'role': {
      const role = field === 'role' ? u?.actorRole : facts.requester?.role;
      const hit = role === roleOf(value) || (roleOf(value) === 'agent' && role === 'admin');
      return operator === 'is_not' ? !hit : hit;
    }
    case 'locale': {
      const locale = (facts.requester?.locale ?? '').toLowerCase();
      const wanted = text(value).toLowerCase();
      const hit = locale === wanted || locale.startsWith(`${wanted}-`);
      return operator === 'is_not' ? !hit : hit;
    }
    case 'time':
      return matchesTime(field as TimeField, operator, value, facts);
    default:
      return false;
  }
}
