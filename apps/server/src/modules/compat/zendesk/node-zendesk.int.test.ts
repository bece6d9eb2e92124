import { createClient } from 'node-zendesk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestApp, type TestApp, type TestUser } from '../../../test/harness.js';

/**
 * Frontline driven by the real `node-zendesk` client (v6), as a Zendesk integration
 * or migration script would drive it: token auth, `.json` paths, envelopes, cursor
 * pagination followed verbatim, and Zendesk's error shapes.
 */
let t: TestApp;
let admin: TestUser;
let client: ReturnType<typeof createClient>;

type ZendeskError = { statusCode: number; result: unknown };
async function failure(call: Promise<unknown>): Promise<ZendeskError> {
  try {
    await call;
  } catch (error) {
    return error as ZendeskError;
  }
  throw new Error('expected the call to fail');
}
const parse = (result: unknown) =>
  (typeof result === 'string' ? JSON.parse(result) : result) as Record<string, any>;

beforeAll(async () => {
  t = await startTestApp();
  admin = await createUser(t, { role: 'admin', name: 'Ada Admin' });
  // throwOriginalException keeps the HTTP status and body on errors, as scripts that branch on them do.
  client = createClient({
    username: admin.user.email!,
    token: admin.token,
    endpointUri: `${t.url}/api/v2`,
    throwOriginalException: true,
  } as never);
});
afterAll(() => t?.close());

describe('node-zendesk against Frontline', () => {
  it('users.me answers the authenticated user', async () => {
    const { result } = await client.users.me();
    expect(result).toMatchObject({ id: admin.user.id, email: admin.user.email, role: 'admin' });
  });

  it('creates organizations and users, finds them again', async () => {
    const { result: org } = await client.organizations.create({
      organization: { name: 'Zen Corp', domain_names: ['zen.test'] },
    });
    expect(org).toMatchObject({ name: 'Zen Corp', domain_names: ['zen.test'] });
    const { result: user } = await client.users.create({
      user: { name: 'Zoe Customer', email: 'zoe@zen.test' },
    });
    expect(user).toMatchObject({ name: 'Zoe Customer', role: 'end-user', organization_id: org.id });
    const { result: other } = await client.users.create({
      user: { name: '王芳', email: 'wangfang@example.test' },
    });
    const found = await client.users.search({ query: 'zoe@zen.test' });
    expect(found.map((u: { id: number }) => u.id)).toEqual([user.id]);
    const { result: many } = await client.users.showMany([user.id, other.id]);
    expect(many.map((u: { name: string }) => u.name).sort()).toEqual(['Zoe Customer', '王芳'].sort());
  });

  it('creates, shows, updates with public and private comments, and lists comments', async () => {
    const { result: created } = await client.tickets.create({
      ticket: {
        subject: 'Cannot export',
        comment: { body: 'The export button does nothing' },
        requester: { name: 'Yan', email: 'yan@example.test' },
        priority: 'high',
      },
    });
    expect(created).toMatchObject({ subject: 'Cannot export', status: 'new', priority: 'high' });
    const { result: shown } = await client.tickets.show(created.id);
    expect(shown.id).toBe(created.id);

    await client.tickets.update(created.id, {
      ticket: { comment: { body: 'Looks like the CSV worker is down', public: false } },
    });
    const { result: updated } = await client.tickets.update(created.id, {
      ticket: { comment: { body: 'Fixed: please try again', public: true }, status: 'pending' },
    });
    expect(updated.status).toBe('pending');

    const comments = await client.tickets.getComments(created.id);
    expect(comments.map((c: { body: string; public: boolean }) => [c.body, c.public])).toEqual([
      ['The export button does nothing', true],
      ['Looks like the CSV worker is down', false],
      ['Fixed: please try again', true],
    ]);
    const { result: both } = await client.tickets.showMany([created.id]);
    expect(both).toHaveLength(1);
  });

  it('adds and replaces tags', async () => {
    const { result: ticket } = await client.tickets.create({
      ticket: { subject: 'Tags', comment: { body: 'x' }, tags: ['one'] },
    });
    const added = await client.tickets.addTags(ticket.id, { tags: ['two'] });
    expect(added.flatMap((r: { tags: string[] }) => r.tags)).toEqual(['one', 'two']);
    const replaced = await client.tickets.updateTags(ticket.id, { tags: ['three'] });
    expect(replaced.flatMap((r: { tags: string[] }) => r.tags)).toEqual(['three']);
  });

  it('lists every ticket across cursor pages, following links verbatim', async () => {
    for (let i = 0; i < 105; i++) {
      await client.tickets.create({ ticket: { subject: `Bulk ${i}`, comment: { body: 'x' } } });
    }
    const all = await client.tickets.list();
    const ids = all.map((ticket: { id: number }) => ticket.id);
    expect(ids.length).toBeGreaterThan(105);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('searches tickets', async () => {
    await client.tickets.create({
      ticket: { subject: 'Invoice missing VAT', comment: { body: '请补开发票' }, tags: ['invoice'] },
    });
    const { result } = await client.search.query('type:ticket tags:invoice 发票');
    expect(result.map((r: { subject: string; result_type: string }) => [r.subject, r.result_type])).toEqual([
      ['Invoice missing VAT', 'ticket'],
    ]);
  });

  it('exports tickets incrementally by cursor until the end of the stream', async () => {
    (t.clock as { advance(ms: number): void }).advance(120_000); // the last minute is never exported
    const seen = new Set<number>();
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const { result } = await client.ticketexport.exportCursor(0, cursor as never);
      const body = parse(result);
      for (const ticket of body.tickets) seen.add(ticket.id);
      if (body.end_of_stream) break;
      cursor = body.after_cursor;
    }
    const { result: count } = await client.search.showResultsCount('type:ticket');
    expect(seen.size).toBe(parse(count).count);
  });

  it('deletes a ticket; it is gone afterwards', async () => {
    const { result: ticket } = await client.tickets.create({
      ticket: { subject: 'Delete me', comment: { body: 'x' } },
    });
    await client.tickets.delete(ticket.id);
    const gone = await failure(client.tickets.show(ticket.id));
    expect(gone.statusCode).toBe(404);
  });

  it('surfaces 401, 404 and 422 in Zendesk’s shapes', async () => {
    const stranger = createClient({
      username: admin.user.email!,
      token: 'wrong',
      endpointUri: `${t.url}/api/v2`,
      throwOriginalException: true,
    } as never);
    const unauthorized = await failure(stranger.users.me());
    expect(unauthorized.statusCode).toBe(401);
    expect(parse(unauthorized.result)).toEqual({ error: "Couldn't authenticate you" });

    const missing = await failure(client.tickets.show(987654));
    expect(missing.statusCode).toBe(404);
    expect(parse(missing.result)).toMatchObject({ error: 'RecordNotFound' });

    const invalid = await failure(
      client.tickets.create({ ticket: { subject: 'No comment', priority: 'asap' } }),
    );
    expect(invalid.statusCode).toBe(422);
    expect(parse(invalid.result)).toMatchObject({
      error: 'RecordInvalid',
      details: { priority: [expect.objectContaining({ error: expect.any(String) })] },
    });
  });
});
