import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../platform/clock.js';
import {
  api,
  createGroup,
  createUser,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../../../test/harness.js';
import { INBOUND_SECRET_HEADER } from './index.js';

let t: TestApp;
let admin: TestUser;
let agent: TestUser;
let restricted: TestUser;
let customer: TestUser;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'frontline-email-'));
  t = await startTestApp({ clock: systemClock, env: { DATA_DIR: dataDir } });
  admin = await createUser(t, { role: 'admin' });
  agent = await createUser(t, { role: 'agent' });
  restricted = await createUser(t, { role: 'agent', ticketRestriction: 'groups' });
  customer = await createUser(t, { role: 'end-user' });
});
afterAll(async () => {
  await t?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('mailboxes API', () => {
  it('is for admins only', async () => {
    expect((await api(t, null, 'GET', '/api/v2/frontline/mailboxes')).status).toBe(401);
    expect((await api(t, customer, 'GET', '/api/v2/frontline/mailboxes')).status).toBe(403);
    expect(
      (await api(t, agent, 'POST', '/api/v2/frontline/mailboxes', { mailbox: { address: 'x@example.com' } }))
        .status,
    ).toBe(403);
  });

  it('creates, shows, updates and deletes a mailbox; secrets go in and never come out', async () => {
    const group = await createGroup(t, 'Billing');
    const secret = 'webhook-secret-that-is-long-enough-1234';
    const created = await api(t, admin, 'POST', '/api/v2/frontline/mailboxes.json', {
      mailbox: {
        address: 'Billing@Example.com',
        name: 'Billing',
        group_id: group.id,
        inbound_secret: secret,
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(created.body.mailbox.url);
    expect(created.body.mailbox).toMatchObject({
      address: 'billing@example.com',
      name: 'Billing',
      group_id: group.id,
      foreign_reply_action: 'new_ticket',
      require_authentication: false,
      sender_burst_limit: 20,
      inbound_secret_set: true,
      imap_sources: [],
    });
    expect(created.body.mailbox.inbound_url).toMatch(/\/api\/v2\/frontline\/mailboxes\/\d+\/inbound$/);
    expect(JSON.stringify(created.body)).not.toContain(secret);
    const id = created.body.mailbox.id;

    const source = await api(t, admin, 'POST', `/api/v2/frontline/mailboxes/${id}/imap_sources`, {
      imap_source: { host: 'imap.gmail.com', username: 'billing@example.com', password: 'app-password-123' },
    });
    expect(source.status).toBe(201);
    expect(source.body.imap_source).toMatchObject({
      host: 'imap.gmail.com',
      port: 993,
      secure: true,
      folder: 'INBOX',
      auth_method: 'password',
      secret_set: true,
      last_error: null,
    });
    expect(JSON.stringify(source.body)).not.toContain('app-password-123');
    const stored = await t.database.db
      .selectFrom('mailbox_imap_sources')
      .select('secret_box')
      .executeTakeFirstOrThrow();
    expect(stored.secret_box).not.toContain('app-password-123');
    const sid = source.body.imap_source.id;

    const moved = await api(t, admin, 'PUT', `/api/v2/frontline/mailboxes/${id}/imap_sources/${sid}`, {
      imap_source: { move_to: 'Processed', access_token: 'ya29.token' },
    });
    expect(moved.body.imap_source).toMatchObject({
      move_to: 'Processed',
      auth_method: 'oauth2',
      secret_set: true,
    });

    const shown = await api(t, admin, 'GET', `/api/v2/frontline/mailboxes/${id}`);
    expect(shown.body.mailbox.imap_sources).toHaveLength(1);
    expect(JSON.stringify(shown.body)).not.toMatch(/ya29|app-password/);

    const updated = await api(t, admin, 'PUT', `/api/v2/frontline/mailboxes/${id}`, {
      mailbox: { name: 'Billing team', default: true, inbound_secret: null },
    });
    expect(updated.body.mailbox).toMatchObject({
      name: 'Billing team',
      default: true,
      inbound_secret_set: false,
    });

    expect(
      (await api(t, admin, 'DELETE', `/api/v2/frontline/mailboxes/${id}/imap_sources/${sid}`)).status,
    ).toBe(204);
    expect((await api(t, admin, 'GET', `/api/v2/frontline/mailboxes/${id}/imap_sources/${sid}`)).status).toBe(
      404,
    );
    expect((await api(t, admin, 'DELETE', `/api/v2/frontline/mailboxes/${id}`)).status).toBe(204);
    expect((await api(t, admin, 'GET', `/api/v2/frontline/mailboxes/${id}`)).status).toBe(404);
    const list = await api(t, admin, 'GET', '/api/v2/frontline/mailboxes');
    expect(list.body.mailboxes.map((m: { id: number }) => m.id)).not.toContain(id);
  });

  it.each<[string, unknown, string]>([
    ['a bad address', { address: 'not-an-address' }, 'mailbox.address'],
    ['a +tag address', { address: 'support+x@example.com' }, 'address'],
    ['an unknown group', { address: 'g@example.com', group_id: 999999 }, 'group_id'],
    [
      'a short inbound secret',
      { address: 's@example.com', inbound_secret: 'short' },
      'mailbox.inbound_secret',
    ],
    [
      'required authentication without a trusted server',
      { address: 'a@example.com', require_authentication: true },
      'trusted_authserv_id',
    ],
    [
      'a wrong foreign reply action',
      { address: 'f@example.com', foreign_reply_action: 'drop' },
      'mailbox.foreign_reply_action',
    ],
  ])('rejects %s with 422 naming the field', async (_name, mailbox, field) => {
    const res = await api(t, admin, 'POST', '/api/v2/frontline/mailboxes', { mailbox });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('RecordInvalid');
    expect(Object.keys(res.body.details)).toContain(field);
  });

  it('rejects a duplicate address and bad IMAP settings with 422, and unknown mailboxes with 404', async () => {
    await api(t, admin, 'POST', '/api/v2/frontline/mailboxes', { mailbox: { address: 'dup@example.com' } });
    const dup = await api(t, admin, 'POST', '/api/v2/frontline/mailboxes', {
      mailbox: { address: 'DUP@example.com' },
    });
    expect(dup.status).toBe(422);
    expect(dup.body.details.address[0].error).toBe('DuplicateValue');
    const id = (await api(t, admin, 'GET', '/api/v2/frontline/mailboxes')).body.mailboxes.find(
      (m: { address: string }) => m.address === 'dup@example.com',
    ).id;
    const both = await api(t, admin, 'POST', `/api/v2/frontline/mailboxes/${id}/imap_sources`, {
      imap_source: { host: 'imap.x.test', username: 'u', password: 'p', access_token: 't' },
    });
    expect(both.status).toBe(422);
    const neither = await api(t, admin, 'POST', `/api/v2/frontline/mailboxes/${id}/imap_sources`, {
      imap_source: { host: 'imap.x.test', username: 'u' },
    });
    expect(neither.status).toBe(422);
    const badHost = await api(t, admin, 'POST', `/api/v2/frontline/mailboxes/${id}/imap_sources`, {
      imap_source: { host: 'imap x; rm -rf', username: 'u', password: 'p' },
    });
    expect(Object.keys(badHost.body.details)).toContain('imap_source.host');
    expect((await api(t, admin, 'GET', '/api/v2/frontline/mailboxes/987654')).status).toBe(404);
    expect((await api(t, admin, 'PUT', '/api/v2/frontline/mailboxes/abc', { mailbox: {} })).status).toBe(422);
  });

  it('lists its endpoints in the OpenAPI document', async () => {
    const doc = (await api(t, null, 'GET', '/api/docs/openapi.json')).body;
    for (const p of [
      '/api/v2/frontline/mailboxes',
      '/api/v2/suspended_tickets',
      '/api/v2/frontline/mailboxes/{id}/inbound',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
});

describe('suspended tickets API', () => {
  let mailboxId: number;
  const secret = 'review-secret-that-is-long-enough-xx';
  const deliver = async (raw: string) => {
    const res = await fetch(`${t.url}/api/v2/frontline/mailboxes/${mailboxId}/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', [INBOUND_SECRET_HEADER]: secret },
      body: raw,
    });
    const id = ((await res.json()) as { inbound_message: { id: number } }).inbound_message.id;
    await t.app.jobs.runDue();
    return id;
  };
  const held = (n: number) =>
    `From: robot${n}@loop.test\r\nTo: review@example.com\r\nSubject: Auto ${n}\r\nMessage-ID: <held-${n}@loop.test>\r\nAuto-Submitted: auto-replied\r\n\r\nI am away ${n}.`;

  beforeAll(async () => {
    const box = await api(t, admin, 'POST', '/api/v2/frontline/mailboxes', {
      mailbox: { address: 'review@example.com', inbound_secret: secret },
    });
    mailboxId = box.body.mailbox.id;
  });

  it('is for admins and unrestricted agents', async () => {
    expect((await api(t, customer, 'GET', '/api/v2/suspended_tickets')).status).toBe(403);
    expect((await api(t, restricted, 'GET', '/api/v2/suspended_tickets')).status).toBe(403);
    expect((await api(t, agent, 'GET', '/api/v2/suspended_tickets')).status).toBe(200);
  });

  it('pages with cursors, shows one, and deletes (rejects) one or many', async () => {
    const ids = [await deliver(held(1)), await deliver(held(2)), await deliver(held(3))];
    const first = await api(t, agent, 'GET', '/api/v2/suspended_tickets?page[size]=2');
    expect(first.body.suspended_tickets).toHaveLength(2);
    expect(first.body.meta.has_more).toBe(true);
    const next = await api(t, agent, 'GET', first.body.links.next.replace(t.url, ''));
    expect(next.body.suspended_tickets.map((s: { id: number }) => s.id)).toContain(ids[2]);

    const one = await api(t, agent, 'GET', `/api/v2/suspended_tickets/${ids[0]}.json`);
    expect(one.body.suspended_ticket).toMatchObject({
      id: ids[0],
      cause_id: 8,
      subject: 'Auto 1',
      author: { email: 'robot1@loop.test' },
      status: 'suspended',
    });
    expect(one.body.suspended_ticket.error_messages[0]).toMatch(/Auto-Submitted: auto-replied/);

    expect((await api(t, agent, 'DELETE', `/api/v2/suspended_tickets/${ids[0]}`)).status).toBe(204);
    expect((await api(t, agent, 'GET', `/api/v2/suspended_tickets/${ids[0]}`)).status).toBe(404);
    expect(
      (await api(t, agent, 'DELETE', `/api/v2/suspended_tickets/destroy_many?ids=${ids[1]},${ids[2]}`))
        .status,
    ).toBe(204);
    const rows = await t.database.db
      .selectFrom('inbound_messages')
      .select('status')
      .where('id', 'in', ids)
      .execute();
    expect(rows.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((await api(t, agent, 'DELETE', '/api/v2/suspended_tickets/destroy_many?ids=a,b')).status).toBe(
      422,
    );
  });

  it('recovers many: the ones that work become tickets, the others are named in a 422', async () => {
    const good = await deliver(held(10));
    // A message whose stored file is gone (a storage outage): it cannot be read, so it stays failed.
    const { id: tooBig } = await t.database.db
      .insertInto('inbound_messages')
      .values({
        mailbox_id: null,
        source: 'smtp',
        dedupe_key: 'mid:lost-file@x.test',
        message_id: 'lost-file@x.test',
        raw: Buffer.alloc(0),
        storage_key: 'inbound/00/lost-file',
        size: 1,
        status: 'failed',
        cause: 'unprocessable',
        reason: 'The stored message (inbound/00/lost-file) is missing',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await api(t, agent, 'PUT', `/api/v2/suspended_tickets/recover_many?ids=${good},${tooBig}`);
    expect(res.status).toBe(422);
    expect(res.body.tickets).toHaveLength(1);
    expect(res.body.tickets[0].subject).toBe('Auto 10');
    expect(Object.keys(res.body.details)).toEqual([String(tooBig)]);
    expect(res.body.details[String(tooBig)][0].description).toMatch(/is missing/);
    const failed = await api(t, agent, 'GET', `/api/v2/suspended_tickets/${tooBig}`);
    expect(failed.body.suspended_ticket).toMatchObject({ status: 'failed', cause_id: 102 });
  });

  it('retries a failed message: one that failed for a passing reason becomes a ticket', async () => {
    const raw =
      'From: retry@customer.test\r\nTo: review@example.com\r\nSubject: Failed once\r\nMessage-ID: <failed-once@x.test>\r\n\r\nThe database was down when this came in.';
    const [row] = await t.database.db
      .insertInto('inbound_messages')
      .values({
        mailbox_id: mailboxId,
        source: 'smtp',
        dedupe_key: 'mid:failed-once@x.test',
        message_id: 'failed-once@x.test',
        raw: Buffer.from(raw),
        size: raw.length,
        status: 'failed',
        cause: 'unprocessable',
        reason: 'connection terminated unexpectedly',
      })
      .returning('id')
      .execute();
    const listed = await api(t, agent, 'GET', `/api/v2/suspended_tickets/${row!.id}`);
    expect(listed.body.suspended_ticket).toMatchObject({
      status: 'failed',
      error_messages: ['connection terminated unexpectedly'],
    });
    const res = await api(t, agent, 'PUT', `/api/v2/suspended_tickets/${row!.id}/recover`);
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({ subject: 'Failed once', via: { channel: 'email' } });
  });
});
