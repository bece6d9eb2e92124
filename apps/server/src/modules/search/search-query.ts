import { channel } from '@frontline/contracts';
import { InvalidError } from '../../platform/http/errors.js';
import { normalizeTags } from '../../platform/text/tags.js';
import { phraseTokens, segments } from '../../platform/text/tokenize.js';
import { lex } from './search-lexer.js';
import {
  invalid,
  type Operator,
  orderedValues,
  type Pattern,
  type PersonRef,
  pattern,
  personRef,
  type RecordRef,
  recordRef,
  type TimeRange,
  timeRange,
} from './search-values.js';

/**
 * Zendesk's search syntax, parsed into clauses the repository turns into SQL:
 * `type:ticket status<solved assignee:me -tags:spam created>2days "card declined" 退款`.
 * Clauses AND together; the same keyword given several times with `:` ORs its values
 * (`status:open status:pending`); `-` negates any clause. Pure: `now` comes from the
 * caller's clock, for relative times.
 */

export const RESULT_TYPES = ['ticket', 'user', 'organization'] as const;
export type ResultType = (typeof RESULT_TYPES)[number];

export const STATUS_ORDER = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
export const PRIORITY_ORDER = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_TYPE_ORDER = ['question', 'incident', 'problem', 'task'] as const;
const ROLES = ['end-user', 'agent', 'admin'] as const;
const CHANNEL_ALIASES: Record<string, string> = { mail: 'email', phone: 'voice', web_service: 'api' };

/**
 * Free text: the words as typed (for substring matches on people), the index tokens a
 * ticket must have (words, and neighbour pairs for a phrase), and the normalized
 * segments (to check the text itself where that is needed).
 */
export type TextTerm = { text: string; tokens: string[]; segments: string[] };
export type TextField = 'any' | 'subject' | 'description' | 'comment';

export type Condition =
  | { key: 'text'; field: TextField; term: TextTerm }
  | { key: 'status' | 'priority' | 'ticket_type' | 'via' | 'role'; values: (string | null)[] }
  | { key: 'assignee' | 'requester' | 'submitter'; refs: PersonRef[] }
  | { key: 'group' | 'organization'; refs: RecordRef[] }
  | { key: 'tags'; tags: string[] }
  | { key: 'created' | 'updated' | 'solved' | 'due_date'; range: TimeRange }
  | { key: 'name' | 'email' | 'external_id'; patterns: Pattern[] };
export type Clause = Condition & { negated: boolean };

export type SortKey = 'created' | 'updated' | 'priority' | 'status' | 'ticket_type';
export type SearchOrder = { by: SortKey; direction: 'asc' | 'desc' };

export type SearchQuery = {
  /** The record types searched: from `type:`, else those every keyword applies to. */
  types: ResultType[];
  typeGiven: boolean;
  clauses: Clause[];
  order: SearchOrder | null;
};

const ALL: readonly ResultType[] = RESULT_TYPES;
const TICKET: readonly ResultType[] = ['ticket'];
const MAX_CLAUSES = 50;

type KeySpec = {
  types: readonly ResultType[];
  /** Whether `<`, `>`, `<=`, `>=` make sense (dates and ordered choices). */
  compares: boolean;
  build(key: string, op: Operator, value: string, now: Date): Condition;
};

const text =
  (field: TextField) =>
  (key: string, _op: Operator, value: string): Condition => {
    const term = textTerm(value);
    if (term.tokens.length === 0) invalid(key, 'needs words to search for');
    return { key: 'text', field, term };
  };
const time = (key: 'created' | 'updated' | 'solved' | 'due_date') => ({
  types: key === 'created' || key === 'updated' ? ALL : TICKET,
  compares: true,
  build: (_k: string, op: Operator, value: string, now: Date): Condition => ({
    key,
    range: timeRange(key, op, value, now),
  }),
});
const person = (key: 'assignee' | 'requester' | 'submitter'): KeySpec => ({
  types: TICKET,
  compares: false,
  build: (_k, _op, value) => ({ key, refs: [personRef(value)] }),
});
const matching = (key: 'name' | 'email' | 'external_id', types: readonly ResultType[]): KeySpec => ({
  types,
  compares: false,
  build: (_k, _op, value) => ({ key, patterns: [pattern(value)] }),
});

const KEYS: Record<string, KeySpec> = {
  status: {
    types: TICKET,
    compares: true,
    build: (k, op, v) => ({
      key: 'status',
      values: orderedValues(k, op, v, STATUS_ORDER, { 'on-hold': 'hold' }),
    }),
  },
  priority: {
    types: TICKET,
    compares: true,
    build: (k, op, v) => ({ key: 'priority', values: orderedValues(k, op, v, PRIORITY_ORDER, {}, true) }),
  },
  ticket_type: {
    types: TICKET,
    compares: false,
    build: (k, op, v) => ({
      key: 'ticket_type',
      values: orderedValues(k, op, v, TICKET_TYPE_ORDER, {}, true),
    }),
  },
  via: {
    types: TICKET,
    compares: false,
    build: (k, op, v) => ({ key: 'via', values: orderedValues(k, op, v, channel.options, CHANNEL_ALIASES) }),
  },
  role: {
    types: ['user'],
    compares: false,
    build: (k, op, v) => ({ key: 'role', values: orderedValues(k, op, v, ROLES, { end_user: 'end-user' }) }),
  },
  assignee: person('assignee'),
  requester: person('requester'),
  submitter: person('submitter'),
  group: { types: TICKET, compares: false, build: (_k, _op, v) => ({ key: 'group', refs: [recordRef(v)] }) },
  organization: {
    types: ['ticket', 'user'],
    compares: false,
    build: (_k, _op, v) => ({ key: 'organization', refs: [recordRef(v)] }),
  },
  tags: {
    types: ALL,
    compares: false,
    build: (k, _op, v) => {
      const tags = normalizeTags([v]);
      if (tags.length === 0) invalid(k, `${v} is not a tag`);
      return { key: 'tags', tags };
    },
  },
  created: time('created'),
  updated: time('updated'),
  solved: time('solved'),
  due_date: time('due_date'),
  subject: { types: TICKET, compares: false, build: text('subject') },
  description: { types: TICKET, compares: false, build: text('description') },
  comment: { types: TICKET, compares: false, build: text('comment') },
  name: matching('name', ['user', 'organization']),
  email: matching('email', ['user']),
  external_id: matching('external_id', ALL),
};
KEYS.tag = KEYS.tags!;

const SORT_KEYS: Record<string, SortKey> = {
  created: 'created',
  created_at: 'created',
  updated: 'updated',
  updated_at: 'updated',
  priority: 'priority',
  status: 'status',
  ticket_type: 'ticket_type',
};
const TICKET_ONLY_SORTS = new Set<SortKey>(['priority', 'status', 'ticket_type']);

const EDGE_PUNCTUATION =
  /^[\s"'“”‘’«»()[\]{}<>,;:!?。，；：！？、]+|[\s"'“”‘’«»()[\]{}<>,;:!?。，；：！？、.]+$/gu;

export function textTerm(value: string): TextTerm {
  return {
    text: value.normalize('NFKC').toLowerCase().replace(EDGE_PUNCTUATION, ''),
    tokens: phraseTokens(value),
    segments: segments(value),
  };
}

export function parseSearchQuery(query: string, now: Date): SearchQuery {
  const clauses: Clause[] = [];
  const merged = new Map<string, Clause>();
  const typesGiven = new Set<ResultType>();
  const typesExcluded = new Set<ResultType>();
  let sortBy: SortKey | null = null;
  let direction: 'asc' | 'desc' | null = null;

  // Control characters (NUL above all, which PostgreSQL refuses in text) separate words.
  for (const part of lex(query.replace(/\p{Cc}/gu, ' '))) {
    if (part.key === null) {
      const term = textTerm(part.value);
      if (term.tokens.length > 0) clauses.push({ key: 'text', field: 'any', term, negated: part.negated });
      continue;
    }
    const { key, op, value, negated } = part;
    if (value === '') invalid(key, 'needs a value');
    if (key === 'type') {
      const type = resultType(op, value);
      (negated ? typesExcluded : typesGiven).add(type);
      continue;
    }
    if (key === 'order_by' || key === 'sort') {
      if (negated || op !== ':') invalid(key, `use ${key}:value`);
      if (key === 'order_by') {
        sortBy = SORT_KEYS[value.toLowerCase()] ?? null;
        if (!sortBy) invalid(key, `${value} is not one of created, updated, priority, status, ticket_type`);
      } else {
        const v = value.toLowerCase();
        if (v !== 'asc' && v !== 'desc') invalid(key, `${value} is not one of asc, desc`);
        direction = v;
      }
      continue;
    }
    const spec = KEYS[key];
    if (!spec) {
      throw InvalidError.field(
        'query',
        `unknown keyword ${key}:; use ${[...Object.keys(KEYS), 'type', 'order_by', 'sort'].join(', ')}, or put text with a colon in quotes`,
      );
    }
    if (op !== ':' && !spec.compares)
      invalid(key, `use ${key}:value (<, > work with dates, status and priority)`);
    const condition = spec.build(key, op, value, now);
    const mergeable = op === ':' && !negated && condition.key !== 'text' && !('range' in condition);
    const existing = mergeable ? merged.get(condition.key) : undefined;
    if (existing) mergeInto(existing, condition);
    else {
      const clause = { ...condition, negated } as Clause;
      clauses.push(clause);
      if (mergeable) merged.set(condition.key, clause);
    }
  }

  if (clauses.length > MAX_CLAUSES) {
    throw InvalidError.field('query', `at most ${MAX_CLAUSES} words and keywords at a time`);
  }
  const types = resolveTypes(clauses, typesGiven, typesExcluded);
  if (clauses.length === 0 && typesGiven.size === 0) {
    throw InvalidError.field('query', 'has no words or keywords to search for');
  }
  if (sortBy && TICKET_ONLY_SORTS.has(sortBy) && types.some((t) => t !== 'ticket')) {
    invalid('order_by', `${sortBy} sorts tickets only; add type:ticket`);
  }
  const order = sortBy || direction ? { by: sortBy ?? 'updated', direction: direction ?? 'desc' } : null;
  return { types, typeGiven: typesGiven.size > 0 || typesExcluded.size > 0, clauses, order };
}

function resultType(op: Operator, value: string): ResultType {
  const v = value.toLowerCase();
  if (op !== ':') invalid('type', 'use type:ticket, type:user or type:organization');
  if (!(RESULT_TYPES as readonly string[]).includes(v)) {
    invalid('type', `${value} is not one of ${RESULT_TYPES.join(', ')}`);
  }
  return v as ResultType;
}

/** The types every keyword applies to, narrowed by `type:`; 422 when nothing is left. */
function resolveTypes(clauses: Clause[], given: Set<ResultType>, excluded: Set<ResultType>): ResultType[] {
  let types: ResultType[] = given.size > 0 ? RESULT_TYPES.filter((t) => given.has(t)) : [...RESULT_TYPES];
  types = types.filter((t) => !excluded.has(t));
  for (const clause of clauses) {
    const applies = clause.key === 'text' && clause.field === 'any' ? ALL : keyTypes(clause);
    const left = types.filter((t) => applies.includes(t));
    if (left.length === 0) {
      const name = clause.key === 'text' ? clause.field : clause.key;
      invalid(name, `cannot be used when searching ${types.join(', ') || 'nothing'}`);
    }
    types = left;
  }
  if (types.length === 0) invalid('type', 'excludes every record type');
  return types;
}

function keyTypes(clause: Clause): readonly ResultType[] {
  return KEYS[clause.key === 'text' ? clause.field : clause.key]!.types;
}

function mergeInto(target: Clause, more: Condition) {
  const t = target as Record<string, unknown>;
  const m = more as Record<string, unknown>;
  for (const list of ['values', 'refs', 'tags', 'patterns']) {
    if (Array.isArray(t[list]) && Array.isArray(m[list])) t[list] = [...(t[list] as []), ...(m[list] as [])];
  }
}
