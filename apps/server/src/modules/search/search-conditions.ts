import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { TicketScope } from '../tickets/index.js';
import type { Clause, TextField, TextTerm } from './search-query.js';
import { escapeLike, phrasePattern, textFold } from './search-text.js';
import type { Pattern, PersonRef, RecordRef, TimeRange } from './search-values.js';

/**
 * Parsed clauses as SQL conditions on tickets, users and organizations. Ticket words
 * and phrases match the GIN-indexed `search_tokens` (a phrase through its neighbour
 * pairs too); `subject:`, `description:`, `comment:` and end-users' words also check
 * the folded text itself (see search-text.ts). Users and organizations match by
 * substring through trigram indexes (migration 0200).
 */
export type SearchContext = {
  actorId: number;
  scope: TicketScope;
  /** End-users: words must appear in the subject or a public comment, never only in a note. */
  publicOnly: boolean;
};

type Condition = RawBuilder<SqlBool>;

const TRUE = sql<SqlBool>`true`;
const FALSE = sql<SqlBool>`false`;

export function all(conditions: Condition[]): Condition {
  return conditions.length === 0 ? TRUE : sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}

function any(conditions: Condition[]): Condition {
  return conditions.length === 0 ? FALSE : sql<SqlBool>`(${sql.join(conditions, sql` or `)})`;
}

/** `-key:value`: true also where the column is empty (`-priority:high` keeps tickets with no priority). */
function negate(condition: Condition, negated: boolean): Condition {
  return negated ? sql<SqlBool>`not coalesce(${condition}, false)` : condition;
}

/** Text folded in the database exactly as `foldText` folds it in JavaScript. */
export function foldedSql(expression: RawBuilder<unknown>): RawBuilder<string> {
  const f = textFold();
  return sql<string>`regexp_replace(' ' || regexp_replace(translate(lower(normalize(${expression}, NFKC)), ${f.from}, ${f.to}), ${f.cjkRun}, ${' \\1 '}, 'g') || ' ', ${f.separatorRun}, ' ', 'g')`;
}

/**
 * `onHeap`: check status, priority, type and channel on each row the word index found
 * instead of through their own indexes. Each value holds a large share of all tickets,
 * so ANDing its bitmap (300,000 rows for `status:open` at a million tickets) with a
 * word's costs more than reading the rows (see `page` in search.repository.ts).
 */
export function ticketCondition(clause: Clause, ctx: SearchContext, onHeap = false): Condition {
  const t = (column: string) => sql.ref(`tickets.${column}`);
  const common = (condition: Condition) => (onHeap ? sql<SqlBool>`(${condition}) is true` : condition);
  let condition: Condition;
  switch (clause.key) {
    case 'text':
      condition = ticketText(clause.field, clause.term, ctx);
      break;
    case 'status':
      condition = common(valuesIn(t('status'), clause.values));
      break;
    case 'priority':
      condition = common(valuesIn(t('priority'), clause.values));
      break;
    case 'ticket_type':
      condition = common(valuesIn(t('type'), clause.values));
      break;
    case 'via':
      condition = common(valuesIn(t('via_channel'), clause.values));
      break;
    case 'assignee':
    case 'requester':
    case 'submitter':
      condition = any(clause.refs.map((ref) => personIs(t(`${clause.key}_id`), ref, ctx)));
      break;
    case 'group':
      condition = any(clause.refs.map((ref) => recordIs(t('group_id'), 'groups', ref)));
      break;
    case 'organization':
      condition = any(clause.refs.map((ref) => recordIs(t('organization_id'), 'organizations', ref)));
      break;
    case 'tags':
      condition = sql<SqlBool>`${t('tags')} && ${sql.val(clause.tags)}::text[]`;
      break;
    case 'created':
    case 'updated':
    case 'solved':
    case 'due_date':
      condition = inRange(t(TIME_COLUMNS[clause.key]), clause.range);
      break;
    case 'external_id':
      condition = any(clause.patterns.map((p) => matches(sql`lower(${t('external_id')})`, p, 'equals')));
      break;
    default:
      throw new Error(`${clause.key} does not apply to tickets`);
  }
  return negate(condition, clause.negated);
}

const TIME_COLUMNS = {
  created: 'created_at',
  updated: 'updated_at',
  solved: 'solved_at',
  due_date: 'due_at',
};

function ticketText(field: TextField, term: TextTerm, ctx: SearchContext): Condition {
  const tokens = sql<SqlBool>`tickets.search_tokens @> ${sql.val(term.tokens)}::text[]`;
  if (field === 'any' && !ctx.publicOnly) return tokens;
  const pattern = phrasePattern(term.segments);
  const inSubject = sql<SqlBool>`${foldedSql(sql.ref('tickets.subject'))} like ${pattern}`;
  const inDescription = sql<SqlBool>`${foldedSql(sql.ref('tickets.description'))} like ${pattern}`;
  const inComments = sql<SqlBool>`exists (select 1 from ticket_comments c where c.ticket_id = tickets.id${
    ctx.publicOnly ? sql` and c.public` : sql``
  } and ${foldedSql(sql.ref('c.body'))} like ${pattern})`;
  const text = {
    any: any([inSubject, inComments]),
    subject: inSubject,
    description: inDescription,
    comment: inComments,
  }[field];
  return all([tokens, text]);
}

export function userCondition(clause: Clause): Condition {
  const u = (column: string) => sql.ref(`users.${column}`);
  let condition: Condition;
  switch (clause.key) {
    case 'text':
      condition = sql<SqlBool>`${USER_TEXT} like ${contains(clause.term.text)}`;
      break;
    case 'role':
      condition = valuesIn(u('role'), clause.values);
      break;
    case 'name':
      condition = any(clause.patterns.map((p) => matches(sql`lower(${u('name')})`, p, 'contains')));
      break;
    case 'email':
      condition = any(clause.patterns.map((p) => matches(sql`lower(${u('email')})`, p, 'equals')));
      break;
    case 'external_id':
      condition = any(clause.patterns.map((p) => matches(sql`lower(${u('external_id')})`, p, 'equals')));
      break;
    case 'organization':
      condition = any(clause.refs.map((ref) => recordIs(u('organization_id'), 'organizations', ref)));
      break;
    case 'tags':
      condition = sql<SqlBool>`${u('tags')} && ${sql.val(clause.tags)}::text[]`;
      break;
    case 'created':
    case 'updated':
      condition = inRange(u(TIME_COLUMNS[clause.key]), clause.range);
      break;
    default:
      throw new Error(`${clause.key} does not apply to users`);
  }
  return negate(condition, clause.negated);
}

/** Name, email and phone in one string; migration 0200 indexes this very expression. */
const USER_TEXT = sql`lower(users.name || ' ' || coalesce(users.email, '') || ' ' || coalesce(users.phone, ''))`;

export function organizationCondition(clause: Clause): Condition {
  const o = (column: string) => sql.ref(`organizations.${column}`);
  let condition: Condition;
  switch (clause.key) {
    case 'text': {
      const pattern = contains(clause.term.text);
      condition = sql<SqlBool>`(lower(${o('name')}) like ${pattern} or exists (select 1 from unnest(${o('domain_names')}) d where d like ${pattern}))`;
      break;
    }
    case 'name':
      condition = any(clause.patterns.map((p) => matches(sql`lower(${o('name')})`, p, 'contains')));
      break;
    case 'external_id':
      condition = any(clause.patterns.map((p) => matches(sql`lower(${o('external_id')})`, p, 'equals')));
      break;
    case 'tags':
      condition = sql<SqlBool>`${o('tags')} && ${sql.val(clause.tags)}::text[]`;
      break;
    case 'created':
    case 'updated':
      condition = inRange(o(TIME_COLUMNS[clause.key]), clause.range);
      break;
    default:
      throw new Error(`${clause.key} does not apply to organizations`);
  }
  return negate(condition, clause.negated);
}

function contains(text: string) {
  return `%${escapeLike(text)}%`;
}

function valuesIn(column: RawBuilder<unknown>, values: (string | null)[]): Condition {
  const known = values.filter((v): v is string => v !== null);
  const parts: Condition[] = [];
  if (known.length > 0) parts.push(sql<SqlBool>`${column} in (${sql.join(known.map((v) => sql.val(v)))})`);
  if (known.length < values.length) parts.push(sql<SqlBool>`${column} is null`);
  return any(parts);
}

/** `*` is a wildcard; otherwise `contains` matches a substring and `equals` the whole value. */
function matches(expression: RawBuilder<unknown>, pattern: Pattern, mode: 'contains' | 'equals'): Condition {
  if (pattern.wildcard) {
    return sql<SqlBool>`${expression} like ${escapeLike(pattern.value).replace(/\*/g, '%')}`;
  }
  return mode === 'equals'
    ? sql<SqlBool>`${expression} = ${pattern.value}`
    : sql<SqlBool>`${expression} like ${contains(pattern.value)}`;
}

function personIs(column: RawBuilder<unknown>, ref: PersonRef, ctx: SearchContext): Condition {
  switch (ref.kind) {
    case 'me':
      return sql<SqlBool>`${column} = ${ctx.actorId}`;
    case 'none':
      return sql<SqlBool>`${column} is null`;
    case 'id':
      return sql<SqlBool>`${column} = ${ref.id}`;
    case 'email':
      return sql<SqlBool>`${column} in (select id from users where ${matches(sql`lower(email)`, ref.pattern, 'equals')})`;
    case 'name': {
      // The whole name, or a first or last name: "ann" finds "Ann Lee", not "Joanna".
      const name = escapeLike(ref.name);
      return sql<SqlBool>`${column} in (select id from users where lower(name) = ${ref.name} or lower(name) like ${`${name} %`} or lower(name) like ${`% ${name}`})`;
    }
  }
}

function recordIs(column: RawBuilder<unknown>, table: 'groups' | 'organizations', ref: RecordRef): Condition {
  switch (ref.kind) {
    case 'none':
      return sql<SqlBool>`${column} is null`;
    case 'id':
      return sql<SqlBool>`${column} = ${ref.id}`;
    case 'name': {
      const name = matches(sql`lower(name)`, { value: ref.name, wildcard: ref.name.includes('*') }, 'equals');
      return sql<SqlBool>`${column} in (select id from ${sql.table(table)} where deleted_at is null and ${name})`;
    }
  }
}

function inRange(column: RawBuilder<unknown>, range: TimeRange): Condition {
  const parts: Condition[] = [];
  if (range.lower) {
    parts.push(sql<SqlBool>`${column} ${sql.raw(range.lower.inclusive ? '>=' : '>')} ${range.lower.at}`);
  }
  if (range.upper) {
    parts.push(sql<SqlBool>`${column} ${sql.raw(range.upper.inclusive ? '<=' : '<')} ${range.upper.at}`);
  }
  return all(parts);
}
