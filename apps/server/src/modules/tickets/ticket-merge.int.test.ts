import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logger.js';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../test/harness.js';

let t: TestApp;
let agent: TestUser;
let customer: TestUser;

beforeAll(async () => {
  // The failure below is logged as an unhandled error on purpose; keep the output quiet.
  t = await startTestApp({ logger: createLogger('silent') });
  agent = await createUser(t, { role: 'agent' });
  customer = await createUser(t, { role: 'end-user' });
});
afterAll(() => t?.close());

const newTicket = async (who: TestUser, subject: string) =>
  (
    await api(t, who, 'POST', '/api/v2/tickets', {
      ticket: { subject, comment: { body: `${subject} body` } },
    })
  ).body.ticket as { id: number };

/** What a merge could change on a ticket: its row, its comments and its audit trail. */
async function snapshot(id: number) {
  const ticket = (await api(t, agent, 'GET', `/api/v2/tickets/${id}`)).body.ticket;
  const comments = (await api(t, agent, 'GET', `/api/v2/tickets/${id}/comments`)).body.comments;
  const audits = (await api(t, agent, 'GET', `/api/v2/tickets/${id}/audits`)).body.audits;
  return {
    status: ticket.status,
    tags: ticket.tags,
    collaborators: ticket.collaborator_ids,
    comments: comments.length,
    audits: audits.length,
  };
}

describe('merge', () => {
  it('writes its audit events on the target and every source, with the merge as their channel', async () => {
    const target = await newTicket(customer, 'Wifi down');
    const other = await createUser(t, { role: 'end-user' });
    const first = await newTicket(other, 'No internet');
    const second = await newTicket(customer, 'Still no wifi');
    const res = await api(t, agent, 'POST', `/api/v2/tickets/${target.id}/merge`, {
      ids: [first.id, second.id],
    });
    expect(res.status).toBe(200);
    for (const source of [first, second]) {
      const audits = (await api(t, agent, 'GET', `/api/v2/tickets/${source.id}/audits`)).body.audits;
      const last = audits.at(-1);
      expect(last.via.channel).toBe('merge');
      const events = last.events.map((e: { type: string; field_name?: string; value?: unknown }) =>
        e.type === 'Comment' ? 'Comment' : `${e.field_name}=${JSON.stringify(e.value)}`,
      );
      expect(events).toEqual(expect.arrayContaining(['status="closed"', 'Comment']));
    }
    const audits = (await api(t, agent, 'GET', `/api/v2/tickets/${target.id}/audits`)).body.audits;
    const merges = audits.filter((a: { via: { channel: string } }) => a.via.channel === 'merge');
    expect(merges).toHaveLength(2);
    // Both sources' requesters stay copied: the second source does not drop the first's.
    const merged = (await api(t, agent, 'GET', `/api/v2/tickets/${target.id}`)).body.ticket;
    expect(merged.collaborator_ids).toContain(other.user.id);
  });

  it('is one transaction: a failure on the last source leaves every ticket as it was', async () => {
    const target = await newTicket(customer, 'Billing wrong');
    const first = await newTicket(customer, 'Charged twice');
    const second = await newTicket(customer, 'Refund?');
    const before = await Promise.all([target, first, second].map((x) => snapshot(x.id)));

    // The database refuses to close the second source, as a lost connection or a full disk would.
    const { db } = t.database;
    await sql`create function refuse_close() returns trigger language plpgsql as $$
      begin raise exception 'disk full'; end $$`.execute(db);
    await sql
      .raw(`create trigger refuse_close before update on tickets for each row
      when (new.id = ${second.id} and new.status = 'closed') execute function refuse_close()`)
      .execute(db);
    try {
      const res = await api(t, agent, 'POST', `/api/v2/tickets/${target.id}/merge`, {
        ids: [first.id, second.id],
      });
      expect(res.status).toBe(500);
    } finally {
      await sql`drop trigger refuse_close on tickets`.execute(db);
      await sql`drop function refuse_close()`.execute(db);
    }

    const after = await Promise.all([target, first, second].map((x) => snapshot(x.id)));
    expect(after).toEqual(before);
    const firstRow = await db
      .selectFrom('tickets')
      .select('merged_into_id')
      .where('id', '=', first.id)
      .executeTakeFirst();
    expect(firstRow?.merged_into_id ?? null).toBeNull();

    // Nothing was left locked or half-done: the same merge works now.
    const retry = await api(t, agent, 'POST', `/api/v2/tickets/${target.id}/merge`, {
      ids: [first.id, second.id],
    });
    expect(retry.status).toBe(200);
    expect((await snapshot(second.id)).status).toBe('closed');
  });
});
