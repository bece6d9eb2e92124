import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../test/harness.js';

/**
 * Database round trips per request on the hot paths. Each statement is a round trip
 * (node-postgres has no pipelining), and under load they, not the SQL, bound how
 * many tickets a node creates per second (bench/RESULTS.md). A new look-up on these
 * paths should be a choice: raise the bound here and say why.
 */
let t: TestApp;
let agent: TestUser;
let customer: TestUser;
const statements: string[] = [];

function countStatements() {
  const record = (text: unknown) => {
    statements.push(typeof text === 'string' ? text : String((text as { text?: string })?.text ?? text));
  };
  const pgQuery = pg.Client.prototype.query;
  vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    record(args[0]);
    return (pgQuery as (...a: unknown[]) => unknown).apply(this, args) as never;
  });
  const liteQuery = PGlite.prototype.query;
  vi.spyOn(PGlite.prototype, 'query').mockImplementation(function (this: PGlite, ...args: unknown[]) {
    record(args[0]);
    return (liteQuery as (...a: unknown[]) => unknown).apply(this, args) as never;
  });
}

/** The statements one request runs, after a warm-up request that fills per-process caches. */
async function statementsOf(request: () => Promise<{ status: number }>) {
  await request();
  statements.length = 0;
  const res = await request();
  return { status: res.status, statements: [...statements] };
}

beforeAll(async () => {
  // Before the app connects: each connection binds the (spied) query method when it opens.
  countStatements();
  t = await startTestApp();
  agent = await createUser(t, { role: 'agent' });
  customer = await createUser(t, { role: 'end-user' });
});
afterEach(() => {
  statements.length = 0;
});
afterAll(async () => {
  vi.restoreAllMocks();
  await t?.close();
});

describe('round trips per request', () => {
  it('creates a ticket for a named requester in at most 3 statements', async () => {
    const { status, statements: run } = await statementsOf(() =>
      api(t, agent, 'POST', '/api/v2/tickets', {
        ticket: {
          subject: 'Printer on fire',
          comment: { body: 'x'.repeat(1000) },
          requester_id: customer.user.id,
        },
      }),
    );
    expect(status).toBe(201);
    expect(run.length, run.join('\n')).toBeLessThanOrEqual(3);
    expect(run.join('\n')).toMatch(/insert into "tickets"/);
  });

  it('shows a ticket in at most 2 statements', async () => {
    const created = await api(t, agent, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'Where is my order', comment: { body: 'It has been a week' } },
    });
    const { status, statements: run } = await statementsOf(() =>
      api(t, agent, 'GET', `/api/v2/tickets/${created.body.ticket.id}`),
    );
    expect(status).toBe(200);
    expect(run.length, run.join('\n')).toBeLessThanOrEqual(2);
    expect(run.join('\n')).toMatch(/from "tickets"/);
  });
});
