import type pg from 'pg';

/** How many statements each connection keeps prepared; the least recently used goes first. */
export const STATEMENTS_PER_CONNECTION = 128;

type Query = (text: unknown, values?: unknown, callback?: unknown) => unknown;
type Connection = { parsedStatements: Record<string, string> };

/** PostgreSQL's error when a prepared statement's result columns changed (e.g. a migration added one). */
function isStalePlan(error: unknown) {
  const e = error as { code?: string; message?: string };
  return e?.code === '0A000' && /cached plan must not change result type/.test(e.message ?? '');
}

/**
 * Prepares each parameterized statement once per connection. Kysely sends every query
 * unnamed, so PostgreSQL parses and plans it each time; named, it parses it once and
 * can reuse the plan. On a ticket create (bench/RESULTS.md) that took PostgreSQL's CPU
 * per request from 2.0 to 0.8 ms.
 *
 * Statements whose text varies (an IN list's length) could fill a connection, so it
 * keeps at most `limit`, deallocating the least recently used; a name is never reused.
 * When a migration on another node changes a table under a prepared `select *`,
 * PostgreSQL refuses the old plan: the statement is dropped and run once more, fresh.
 */
export function prepareStatements(client: pg.Client, limit = STATEMENTS_PER_CONNECTION) {
  const query = client.query.bind(client) as Query;
  const connection = (client as unknown as { connection: Connection }).connection;
  const names = new Map<string, string>();
  let next = 0;

  function forget(text: string) {
    const name = names.get(text);
    if (name === undefined) return;
    names.delete(text);
    delete connection.parsedStatements[name];
    // Queued behind the running query. If it fails (an aborted transaction) the statement
    // stays on the server under a name that is never used again, until the connection ends.
    (query(`deallocate "${name}"`) as Promise<unknown>).catch(() => {});
  }

  function nameOf(text: string) {
    let name = names.get(text);
    if (name !== undefined) {
      names.delete(text); // re-inserted below: the Map's order is the recency order
    } else {
      name = `fl_${next++}`;
      if (names.size >= limit) forget(names.keys().next().value as string);
    }
    names.set(text, name);
    return name;
  }

  (client as unknown as { query: Query }).query = (text, values, callback) => {
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || callback !== undefined)
      return query(text, values, callback);
    return (query({ text, values, name: nameOf(text) }) as Promise<unknown>).catch((error: unknown) => {
      if (!isStalePlan(error)) throw error;
      forget(text);
      // The statement did not run, so running it again is safe; inside a transaction the
      // transaction is already aborted and the retry fails: report the first error.
      return (query(text, values) as Promise<unknown>).catch(() => {
        throw error;
      });
    });
  };
}
