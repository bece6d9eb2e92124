import type { Operator } from './search-values.js';

export type Lexeme =
  | { key: null; value: string; negated: boolean }
  | { key: string; op: Operator; value: string; negated: boolean };

const KEYED = /^([a-z_]+)(<=|>=|:|<|>)/i;

/** Splits a query into keyword clauses and free text; quotes group words and keyword values. */
export function lex(query: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  const quoted = () => {
    const end = query.indexOf('"', i + 1);
    const value = query.slice(i + 1, end < 0 ? query.length : end);
    i = end < 0 ? query.length : end + 1;
    return value;
  };
  const word = () => {
    const start = i;
    while (i < query.length && !/\s/u.test(query[i]!)) i++;
    return query.slice(start, i);
  };
  while (i < query.length) {
    if (/\s/u.test(query[i]!)) {
      i++;
      continue;
    }
    let negated = false;
    if (query[i] === '-' && i + 1 < query.length && !/\s/u.test(query[i + 1]!)) {
      negated = true;
      i++;
    }
    if (query[i] === '"') {
      out.push({ key: null, value: quoted(), negated });
      continue;
    }
    const keyed = KEYED.exec(query.slice(i, i + 40));
    if (keyed) {
      i += keyed[0].length;
      const value = query[i] === '"' ? quoted() : word();
      out.push({ key: keyed[1]!.toLowerCase(), op: keyed[2] as Operator, value: value.trim(), negated });
      continue;
    }
    out.push({ key: null, value: word(), negated });
  }
  return out;
}
