import { InvalidError } from '../../platform/http/errors.js';

/**
 * Values of search keywords: dates (absolute or relative to the clock), people and
 * records referred to by id, email or name, and ordered choices (status, priority).
 * Pure: the parser calls these; the repository turns their results into SQL.
 */

export type Operator = ':' | '<' | '>' | '<=' | '>=';

/** One end of a time range; `inclusive` says whether the instant itself matches. */
export type Bound = { at: Date; inclusive: boolean };
export type TimeRange = { lower?: Bound; upper?: Bound };

/** `assignee:me`, `assignee:none`, `assignee:42`, `assignee:ann@acme.com`, `assignee:"Ann Lee"`. */
export type PersonRef =
  | { kind: 'me' }
  | { kind: 'none' }
  | { kind: 'id'; id: number }
  | { kind: 'email'; pattern: Pattern }
  | { kind: 'name'; name: string };

/** `group:none`, `group:7`, `group:"Tier 1"` (and organizations the same way). */
export type RecordRef = { kind: 'none' } | { kind: 'id'; id: number } | { kind: 'name'; name: string };

/** A lower-cased value to compare; `*` in the query makes it a LIKE pattern. */
export type Pattern = { value: string; wildcard: boolean };

export function invalid(key: string, message: string): never {
  throw InvalidError.field('query', `${key}: ${message}`);
}

const DAY_MS = 86_400_000;
/** What PostgreSQL's timestamptz and JavaScript's Date can both hold, comfortably. */
const EARLIEST = new Date('0001-01-02T00:00:00Z');
const LATEST = new Date('9999-12-30T00:00:00Z');
const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: DAY_MS, week: 7 * DAY_MS };
const UNIT_ALIASES: Record<string, string> = {
  m: 'minute',
  min: 'minute',
  mins: 'minute',
  minute: 'minute',
  minutes: 'minute',
  h: 'hour',
  hour: 'hour',
  hours: 'hour',
  d: 'day',
  day: 'day',
  days: 'day',
  w: 'week',
  week: 'week',
  weeks: 'week',
  month: 'month',
  months: 'month',
  year: 'year',
  years: 'year',
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const RELATIVE = /^(\d{1,6})\s*([a-z]+)$/i;

/** `created>4hours` (the last four hours), `updated<2026-01-01`, `solved:2026-01-05` (that UTC day). */
export function timeRange(key: string, op: Operator, value: string, now: Date): TimeRange {
  const day = DATE.exec(value);
  if (day) {
    const start = new Date(`${value}T00:00:00Z`);
    if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== value || start < EARLIEST) {
      invalid(key, `${value} is not a calendar date`);
    }
    const next = new Date(start.getTime() + DAY_MS);
    switch (op) {
      case ':':
        return { lower: { at: start, inclusive: true }, upper: { at: next, inclusive: false } };
      case '>':
        return { lower: { at: next, inclusive: true } };
      case '>=':
        return { lower: { at: start, inclusive: true } };
      case '<':
        return { upper: { at: start, inclusive: false } };
      case '<=':
        return { upper: { at: next, inclusive: false } };
    }
  }
  const instant = DATE_TIME.test(value) ? parseInstant(value) : relativeInstant(key, value, now);
  if (Number.isNaN(instant.getTime()) || instant < EARLIEST || instant > LATEST) {
    invalid(key, `${value} is not a time between the years 1 and 9999`);
  }
  switch (op) {
    case ':':
      return DATE_TIME.test(value)
        ? { lower: { at: instant, inclusive: true }, upper: { at: instant, inclusive: true } }
        : { lower: { at: instant, inclusive: true } };
    case '>':
      return { lower: { at: instant, inclusive: false } };
    case '>=':
      return { lower: { at: instant, inclusive: true } };
    case '<':
      return { upper: { at: instant, inclusive: false } };
    case '<=':
      return { upper: { at: instant, inclusive: true } };
  }
}

function parseInstant(value: string) {
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
  const at = new Date(zoned);
  // Date accepts 2026-02-30 as March 2nd; the calendar date written must be the one read.
  // 24:00 (the end of a day, as Zendesk's own examples write it) is the next midnight.
  const local = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value)!;
  const [, y, m, d, hh, mm] = local.map(Number) as [number, number, number, number, number, number];
  if (hh === 24 && mm === 0) return at;
  const check = new Date(Date.UTC(2000, m - 1, d, hh, mm));
  check.setUTCFullYear(y);
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d || check.getUTCHours() !== hh) {
    return new Date(Number.NaN);
  }
  return at;
}

function relativeInstant(key: string, value: string, now: Date) {
  const match = RELATIVE.exec(value);
  const unit = match ? UNIT_ALIASES[match[2]!.toLowerCase()] : undefined;
  if (!match || !unit) {
    invalid(key, `${value} is not a date; use 2026-01-31, 2026-01-31T10:00:00Z or 4hours, 2days, 1week`);
  }
  const n = Number(match[1]);
  if (unit === 'month' || unit === 'year') {
    const at = new Date(now.getTime());
    if (unit === 'month') at.setUTCMonth(at.getUTCMonth() - n);
    else at.setUTCFullYear(at.getUTCFullYear() - n);
    return at;
  }
  return new Date(now.getTime() - n * UNIT_MS[unit]!);
}

/**
 * Values of an ordered choice: `status:open`, `status<solved` (new, open, pending, hold),
 * `priority>=high`. `none` (for `:` only) stands for a missing value when allowed.
 */
export function orderedValues(
  key: string,
  op: Operator,
  value: string,
  order: readonly string[],
  aliases: Record<string, string> = {},
  allowNone = false,
): (string | null)[] {
  const lower = value.toLowerCase();
  const v = aliases[lower] ?? lower;
  if (op === ':' && v === 'none' && allowNone) return [null];
  const index = order.indexOf(v);
  if (index < 0) invalid(key, `${value} is not one of ${order.join(', ')}${allowNone ? ', none' : ''}`);
  switch (op) {
    case ':':
      return [v];
    case '<':
      return order.slice(0, index);
    case '<=':
      return order.slice(0, index + 1);
    case '>':
      return order.slice(index + 1);
    case '>=':
      return order.slice(index);
  }
}

/** A value with `*` wildcards as a lower-cased pattern. */
export function pattern(value: string): Pattern {
  const lower = value.toLowerCase();
  return { value: lower, wildcard: lower.includes('*') };
}

const ID = /^\d{1,15}$/;

export function personRef(value: string): PersonRef {
  const v = value.toLowerCase();
  if (v === 'me') return { kind: 'me' };
  if (v === 'none') return { kind: 'none' };
  if (ID.test(v)) return { kind: 'id', id: Number(v) };
  if (v.includes('@')) return { kind: 'email', pattern: pattern(v) };
  return { kind: 'name', name: v };
}

export function recordRef(value: string): RecordRef {
  const v = value.toLowerCase();
  if (v === 'none') return { kind: 'none' };
  if (ID.test(v)) return { kind: 'id', id: Number(v) };
  return { kind: 'name', name: v };
}
