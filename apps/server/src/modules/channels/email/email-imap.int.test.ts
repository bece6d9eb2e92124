import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp, type FrontlineApp } from '../../../app.js';
import { loadConfig } from '../../../config/config.js';
import type { Database } from '../../../db/database.js';
import { systemClock } from '../../../platform/clock.js';
import { createLogger } from '../../../platform/logger.js';
import { TEST_DATABASE_URL, testEngine } from '../../../test/databases.js';
import { api, createUser, type TestApp, type TestUser } from '../../../test/harness.js';
import { dovecotMissing, startDovecot, type TestDovecot } from './testing/dovecot.js';
import { createSharedDatabase, type SharedDatabase } from './testing/shared-database.js';
import { type SmtpSink, startSmtpSink } from './testing/smtp-sink.js';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const missing = dovecotMissing();
if (missing && !ci) console.warn(`! skipping the IMAP tests: ${missing}`);

let dovecot: TestDovecot;
let sink: SmtpSink;
let shared: SharedDatabase;
let running: { app: FrontlineApp; database: Database; t: TestApp } | undefined;

/** Starts Frontline (API and worker roles) on the shared database, as a fresh process would. */
async function launch() {
  const database = await shared.open();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: shared.dataDir,
    SMTP_URL: sink.url,
    MAIL_DOMAIN: 'mail.frontline.test',
    MAIL_MAX_MESSAGE_BYTES: String(100 * 1024),
  });
  const app = await buildApp({ config, database, logger: createLogger('silent'), clock: systemClock });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  await app.start(['api', 'worker']);
  const port = (app.http.server.address() as { port: number }).port;
  const t: TestApp = {
    app,
    database,
    url: `http://127.0.0.1:${port}`,
    clock: systemClock,
    config,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
  running = { app, database, t };
  return t;
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(missing !== null && !ci)('mail over IMAP (Dovecot)', () => {
  let admin: TestUser;
  let agent: TestUser;

  beforeAll(async () => {
    if (missing) throw new Error(`CI=true and ${missing}`);
    dovecot = await startDovecot([{ user: 'support', password: 'imap-secret' }]);
    sink = await startSmtpSink();
    shared = await createSharedDatabase({
      engine: testEngine(),
      pgliteTemplate: inject('pgliteTemplate'),
      pgTemplate: inject('pgTemplate'),
      adminUrl: TEST_DATABASE_URL,
    });
  });
  afterAll(async () => {
    await running?.t.close();
    await sink?.close();
    await dovecot?.stop();
    await shared?.drop();
  });

  it('takes mail from the mailbox, marks it seen only once stored, and threads the reply that arrives while Frontline was down', async () => {
    let t = await launch();
    admin = await createUser(t, { role: 'admin' });
    agent = await createUser(t, { role: 'agent', name: 'Ivy Agent' });
    const box = await api(t, admin, 'POST', '/api/v2/frontline/mailboxes', {
      mailbox: { address: 'support@example.com', name: 'Support' },
    });
    const source = await api(
      t,
      admin,
      'POST',
      `/api/v2/frontline/mailboxes/${box.body.mailbox.id}/imap_sources`,
      {
        imap_source: {
          host: dovecot.host,
          port: dovecot.port,
          secure: false,
          username: 'support',
          password: 'imap-secret',
          poll_seconds: 2,
          // Dovecot runs on loopback: a mail server on the admin's own network.
          allow_private_network: true,
        },
      },
    );
    expect(source.status).toBe(201);

    await dovecot.deliver(
      'support',
      'From: Kim Lee <kim@customer.test>\r\nTo: support@example.com\r\nSubject: Invoice missing\r\nMessage-ID: <imap-1@customer.test>\r\nDate: Mon, 05 Jan 2026 09:00:00 +0000\r\n\r\nI never got my invoice for December.\r\n',
    );
    const first = await waitFor('the first mail to become a ticket', () =>
      t.database.db
        .selectFrom('inbound_messages')
        .selectAll()
        .where('message_id', '=', 'imap-1@customer.test')
        .where('status', '=', 'processed')
        .executeTakeFirst(),
    );
    expect(first.source).toBe('imap');
    expect(await dovecot.flagged('support', '\\Seen')).toHaveLength(1);
    const ticketId = first.ticket_id!;
    const ticket = (await api(t, agent, 'GET', `/api/v2/tickets/${ticketId}`)).body.ticket;
    expect(ticket).toMatchObject({ subject: 'Invoice missing', via: { channel: 'email' } });
    const polled = (await api(t, admin, 'GET', `/api/v2/frontline/mailboxes/${box.body.mailbox.id}`)).body
      .mailbox.imap_sources[0];
    expect(polled.last_polled_at).not.toBeNull();
    expect(polled.last_error).toBeNull();

    await api(t, agent, 'PUT', `/api/v2/tickets/${ticketId}`, {
      ticket: { status: 'solved', comment: { body: 'Your invoice is attached to your account page.' } },
    });
    const [sent] = await sink.waitFor(1, 20_000);
    expect(sent!.parsed.inReplyTo).toBe('<imap-1@customer.test>');

    // Frontline stops; the customer answers meanwhile; a new Frontline starts on the same data.
    await t.close();
    running = undefined;
    await dovecot.deliver(
      'support',
      `From: Kim Lee <kim@customer.test>\r\nTo: support@example.com\r\nSubject: ${sent!.parsed.subject}\r\nMessage-ID: <imap-2@customer.test>\r\nIn-Reply-To: ${sent!.parsed.messageId}\r\nReferences: <imap-1@customer.test> ${sent!.parsed.messageId}\r\n\r\nThe page is empty.\r\n\r\nOn Mon, Support wrote:\r\n> Your invoice is attached to your account page.\r\n`,
    );
    t = await launch();
    const second = await waitFor('the reply to land after the restart', () =>
      t.database.db
        .selectFrom('inbound_messages')
        .selectAll()
        .where('message_id', '=', 'imap-2@customer.test')
        .where('status', '=', 'processed')
        .executeTakeFirst(),
    );
    expect(second.ticket_id).toBe(ticketId);
    const after = (await api(t, agent, 'GET', `/api/v2/tickets/${ticketId}`)).body.ticket;
    expect(after.status).toBe('open');
    const comments = (await api(t, agent, 'GET', `/api/v2/tickets/${ticketId}/comments`)).body.comments;
    expect(comments.map((c: { body: string }) => c.body)).toEqual([
      'I never got my invoice for December.',
      'Your invoice is attached to your account page.',
      'The page is empty.',
    ]);
    expect(await dovecot.flagged('support', '\\Seen')).toHaveLength(2);
  });

  it('moves taken mail to a folder when the source says so, and records a login failure for admins', async () => {
    const t = running!.t;
    const box = (await api(t, admin, 'GET', '/api/v2/frontline/mailboxes')).body.mailboxes[0];
    const sourceId = box.imap_sources[0].id;
    await api(t, admin, 'PUT', `/api/v2/frontline/mailboxes/${box.id}/imap_sources/${sourceId}`, {
      imap_source: { move_to: 'Taken' },
    });
    await dovecot.deliver(
      'support',
      'From: mover@customer.test\r\nTo: support@example.com\r\nSubject: Move me\r\nMessage-ID: <imap-3@customer.test>\r\n\r\nPlease file me.\r\n',
    );
    await waitFor('the moved mail to be processed', () =>
      t.database.db
        .selectFrom('inbound_messages')
        .select('id')
        .where('message_id', '=', 'imap-3@customer.test')
        .where('status', '=', 'processed')
        .executeTakeFirst(),
    );
    await waitFor(
      'the message to move to its folder',
      async () => (await dovecot.count('support', 'Taken')) === 1,
    );
    expect(await dovecot.count('support')).toBe(2);

    await dovecot.deliver(
      'support',
      `From: huge@customer.test\r\nTo: support@example.com\r\nSubject: Too big\r\nMessage-ID: <imap-huge@customer.test>\r\n\r\n${'x'.repeat(150 * 1024)}\r\n`,
    );
    const huge = await waitFor('the oversize mail to be recorded', () =>
      t.database.db
        .selectFrom('inbound_messages')
        .selectAll()
        .where('message_id', '=', 'imap-huge@customer.test')
        .executeTakeFirst(),
    );
    expect(huge).toMatchObject({ status: 'failed', cause: 'too_large' });
    expect(huge.reason).toMatch(/over the 102400-byte limit/);
    const held = (await api(t, admin, 'GET', `/api/v2/suspended_tickets/${huge.id}`)).body.suspended_ticket;
    expect(held).toMatchObject({ status: 'failed', cause_id: 103, subject: 'Too big' });

    await api(t, admin, 'PUT', `/api/v2/frontline/mailboxes/${box.id}/imap_sources/${sourceId}`, {
      imap_source: { password: 'wrong-password' },
    });
    const failed = await waitFor('the login failure to be recorded', async () => {
      const shown = (await api(t, admin, 'GET', `/api/v2/frontline/mailboxes/${box.id}`)).body.mailbox
        .imap_sources[0];
      return shown.last_error ? shown : null;
    });
    expect(failed.last_error).toMatch(/auth|fail|credentials/i);
    expect(JSON.stringify(failed)).not.toContain('wrong-password');
  });
});
