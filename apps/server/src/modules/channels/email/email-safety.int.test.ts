import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../platform/clock.js';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../../test/harness.js';
import { type EmailModule, ensureDemoMailbox } from './index.js';
import { type MailClient, mailClient } from './testing/mail-client.js';
import { type SmtpSink, startSmtpSink } from './testing/smtp-sink.js';

/**
 * Issue 10, items 2 and 3: mail cannot speak for an agent; hostile mail cannot stall
 * or lose mail. Real SMTP in (nodemailer → our listener) and out (an smtp-server sink).
 */
let t: TestApp;
let sink: SmtpSink;
let mail: MailClient;
let agent: TestUser;
let admin: TestUser;
let dataDir: string;
let n = 0;

beforeAll(async () => {
  sink = await startSmtpSink();
  dataDir = await mkdtemp(path.join(tmpdir(), 'frontline-email-safety-'));
  t = await startTestApp({
    clock: systemClock,
    env: { SMTP_PORT: '0', SMTP_URL: sink.url, DATA_DIR: dataDir, MAIL_DOMAIN: 'mail.frontline.test' },
  });
  await ensureDemoMailbox(t.database);
  const email = t.app.modules.find((m) => m.name === 'email') as EmailModule;
  await email.start(['smtp']);
  mail = mailClient(email.smtpPort()!);
  agent = await createUser(t, { role: 'agent', name: 'Sam Agent', email: 'sam@example.com' });
  admin = await createUser(t, { role: 'admin' });
});
afterAll(async () => {
  mail?.close();
  await t?.close();
  await sink?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const inbound = (messageId: string) =>
  t.database.db
    .selectFrom('inbound_messages')
    .selectAll()
    .where('message_id', '=', messageId)
    .orderBy('id')
    .execute();
const one = async (messageId: string) => (await inbound(messageId))[0]!;
type Comment = {
  body: string;
  public: boolean;
  author_id: number;
  metadata: { email?: Record<string, unknown> };
};
const comments = async (ticketId: number) =>
  (await api(t, agent, 'GET', `/api/v2/tickets/${ticketId}/comments`)).body.comments as Comment[];
/** The workflow notifications queued for an agent about unverified mail in their name. */
const agentNotices = (ticketId: number) =>
  t.database.db
    .selectFrom('notification_emails')
    .select(['recipient_email', 'subject', 'body'])
    .where('ticket_id', '=', ticketId)
    .where('source', '=', 'email:unverified')
    .execute();
const outboxTo = async (ticketId: number) =>
  (
    await t.database.db
      .selectFrom('email_outbox')
      .select('to_addresses')
      .where('ticket_id', '=', ticketId)
      .execute()
  ).flatMap((r) => r.to_addresses);

/** A customer writes in and the agent answers in the app; returns the ticket and the mail the customer got. */
async function conversation(customer: string, subject: string, to = 'support@example.com') {
  n += 1;
  const first = `safety-${n}@customer.test`;
  await mail.send({ from: customer, to, subject, text: `Help with ${subject}`, messageId: `<${first}>` });
  await t.app.jobs.runDue();
  const ticketId = (await one(first)).ticket_id!;
  const before = sink.received.length;
  await api(t, agent, 'PUT', `/api/v2/tickets/${ticketId}`, { ticket: { comment: { body: 'On it.' } } });
  await t.app.jobs.runDue();
  const [sent] = (await sink.waitFor(before + 1)).slice(before);
  return { ticketId, sent: sent!.parsed };
}

describe('mail in an agent’s name', () => {
  it('sent to the ticket’s signed reply address: the agent’s public reply, mailed to the customer', async () => {
    const { ticketId, sent } = await conversation('signed@customer.test', 'Signed path');
    const before = sink.received.length;
    await mail.send({
      from: 'sam@example.com',
      to: sent.replyTo!.value[0]!.address!,
      subject: sent.subject!,
      text: 'Answered from my phone.',
      messageId: '<agent-signed@example.com>',
    });
    await t.app.jobs.runDue();
    expect((await comments(ticketId)).at(-1)).toMatchObject({
      author_id: agent.user.id,
      public: true,
      body: 'Answered from my phone.',
    });
    expect((await sink.waitFor(before + 1)).slice(before).map((m) => m.to)).toEqual([
      ['signed@customer.test'],
    ]);
  });

  it('passing SPF/DKIM/DMARC at the mailbox’s trusted server: the agent’s public reply', async () => {
    await api(t, admin, 'POST', '/api/v2/frontline/mailboxes', {
      mailbox: { address: 'trusted@example.com', trusted_authserv_id: 'mx.example.com' },
    });
    const { ticketId, sent } = await conversation('authed@customer.test', 'Auth path', 'trusted@example.com');
    await mail.send({
      from: 'sam@example.com',
      to: 'trusted@example.com',
      subject: sent.subject!,
      text: 'Sent from the office.',
      messageId: '<agent-authed@example.com>',
      inReplyTo: sent.messageId!,
      headers: { 'Authentication-Results': 'mx.example.com; dkim=pass header.d=example.com; dmarc=pass' },
    });
    await t.app.jobs.runDue();
    expect((await comments(ticketId)).at(-1)).toMatchObject({ author_id: agent.user.id, public: true });
    expect(await outboxTo(ticketId)).toEqual(['authed@customer.test', 'authed@customer.test']);
  });

  it('a forged From with a valid In-Reply-To: an internal note marked unverified, never mailed', async () => {
    const { ticketId, sent } = await conversation('victim@customer.test', 'Change my bank details');
    const before = sink.received.length;
    const outboxBefore = await outboxTo(ticketId);
    await mail.send({
      from: 'Sam Agent <sam@example.com>',
      to: 'support@example.com',
      subject: sent.subject!,
      text: 'Please pay the refund to IBAN XX00 ATTACKER.',
      messageId: '<forged-agent@attacker.test>',
      inReplyTo: sent.messageId!,
      // Written by the sender: without a trusted server, this vouches for nobody.
      headers: { 'Authentication-Results': 'mx.attacker.test; dmarc=pass header.from=example.com' },
    });
    await t.app.jobs.runDue();
    const note = (await comments(ticketId)).at(-1)!;
    expect(note).toMatchObject({ public: false, author_id: agent.user.id });
    expect(note.body).toMatch(/^Unverified mail: this came in the name of sam@example\.com/);
    expect(note.body).toContain('IBAN XX00 ATTACKER');
    expect(note.metadata.email).toMatchObject({ flags: ['unverified_sender'] });
    const ticket = (await api(t, agent, 'GET', `/api/v2/tickets/${ticketId}`)).body.ticket;
    expect(ticket.tags).toContain('unverified_mail');
    const [notice] = await agentNotices(ticketId);
    expect(notice).toMatchObject({ recipient_email: 'sam@example.com' });
    expect(notice!.body).toMatch(/internal note marked unverified/);
    // The only new mail is the notice to the agent.
    expect((await outboxTo(ticketId)).filter((a) => a !== 'sam@example.com')).toEqual(outboxBefore);
    await t.app.jobs.runDue();
    const mailed = sink.received.slice(before).flatMap((m) => m.to);
    expect(mailed).not.toContain('victim@customer.test');
  });

  it('held for review when the mailbox says so; an admin can accept it as the agent’s reply', async () => {
    await api(t, admin, 'POST', '/api/v2/frontline/mailboxes', {
      mailbox: { address: 'held@example.com', unverified_agent_action: 'suspend' },
    });
    const { ticketId, sent } = await conversation('careful@customer.test', 'Held path', 'held@example.com');
    await mail.send({
      from: 'sam@example.com',
      to: 'held@example.com',
      subject: sent.subject!,
      text: 'Really me, from a hotel.',
      messageId: '<agent-held@example.com>',
      inReplyTo: sent.messageId!,
    });
    await t.app.jobs.runDue();
    const held = await one('agent-held@example.com');
    expect(held).toMatchObject({ status: 'suspended', cause: 'unverified_agent', ticket_id: ticketId });
    expect(await comments(ticketId)).toHaveLength(2);
    const item = (await api(t, admin, 'GET', `/api/v2/suspended_tickets/${held.id}`)).body.suspended_ticket;
    expect(item).toMatchObject({ cause_id: 104, author: { email: 'sam@example.com' } });
    expect((await agentNotices(ticketId))[0]!.body).toMatch(/held for review/);

    const recovered = await api(t, admin, 'PUT', `/api/v2/suspended_tickets/${held.id}/recover`);
    expect(recovered.status).toBe(200);
    expect((await comments(ticketId)).at(-1)).toMatchObject({
      author_id: agent.user.id,
      public: true,
      metadata: { email: { flags: ['accepted_by_admin'] } },
    });
  });

  it('new mail from an agent’s address without proof copies no one in, so nothing is mailed', async () => {
    await mail.send({
      from: 'sam@example.com',
      to: 'support@example.com',
      cc: 'target@customer.test',
      subject: 'Your account is closed',
      text: 'Log in at evil.test to reopen it.',
      messageId: '<forged-new@attacker.test>',
    });
    await t.app.jobs.runDue();
    const message = await one('forged-new@attacker.test');
    expect(message.status).toBe('processed');
    const ticket = (await api(t, agent, 'GET', `/api/v2/tickets/${message.ticket_id}`)).body.ticket;
    expect(ticket.email_cc_ids).toEqual([]);
    const [c] = await comments(message.ticket_id!);
    expect(c!.metadata.email).toMatchObject({
      flags: ['unverified_sender'],
      cc: [{ address: 'target@customer.test' }],
    });
    await t.app.jobs.runDue();
    expect(await outboxTo(message.ticket_id!)).not.toContain('target@customer.test');
  });

  it('shows and changes the mailbox setting through the admin API', async () => {
    const created = await api(t, admin, 'POST', '/api/v2/frontline/mailboxes', {
      mailbox: { address: 'setting@example.com' },
    });
    expect(created.body.mailbox.unverified_agent_action).toBe('internal_note');
    const id = created.body.mailbox.id;
    const bad = await api(t, admin, 'PUT', `/api/v2/frontline/mailboxes/${id}`, {
      mailbox: { unverified_agent_action: 'publish' },
    });
    expect(bad.status).toBe(422);
    const changed = await api(t, admin, 'PUT', `/api/v2/frontline/mailboxes/${id}`, {
      mailbox: { unverified_agent_action: 'suspend' },
    });
    expect(changed.body.mailbox.unverified_agent_action).toBe('suspend');
  });
});

describe('hostile mail', () => {
  it('a 1 MB References header: the API keeps answering meanwhile and the mail threads by its newest IDs', async () => {
    const { ticketId, sent } = await conversation('long@customer.test', 'Long thread');
    const references = [
      ...Array.from({ length: 40_000 }, (_, i) => `<old-${i}-padding-padding@customer.test>`),
      sent.messageId!,
    ];
    await mail.send({
      from: 'long@customer.test',
      to: 'support@example.com',
      subject: 'Still broken',
      text: 'Any news?',
      messageId: '<long-refs@customer.test>',
      references: references.join(' '),
    });
    const header = (
      await t.database.db
        .selectFrom('inbound_messages')
        .select('size')
        .where('message_id', '=', 'long-refs@customer.test')
        .executeTakeFirstOrThrow()
    ).size;
    expect(header).toBeGreaterThan(1024 * 1024);

    const calls: { status: number; ms: number }[] = [];
    let done = false;
    const processing = t.app.jobs.runDue().finally(() => {
      done = true;
    });
    while (!done || calls.length < 5) {
      const start = performance.now();
      const response = await api(t, agent, 'GET', `/api/v2/tickets/${ticketId}`);
      calls.push({ status: response.status, ms: performance.now() - start });
    }
    await processing;
    expect(calls.every((c) => c.status === 200)).toBe(true);
    expect(Math.max(...calls.map((c) => c.ms))).toBeLessThan(1000);

    const message = await one('long-refs@customer.test');
    expect(message).toMatchObject({ status: 'processed', ticket_id: ticketId });
    const last = (await comments(ticketId)).at(-1)!;
    expect(last.body).toBe('Any news?');
    expect(last.metadata.email).toMatchObject({ flags: ['headers_trimmed'], threaded_by: 'references' });
  });

  it('a NUL in the subject, sender name, body and attachment name still becomes a ticket', async () => {
    const raw = Buffer.from(
      [
        'From: "Nul\u0000 Person" <nul@customer.test>',
        'To: support@example.com',
        'Subject: Broken\u0000 invoice',
        'Message-ID: <nul-ticket@customer.test>',
        'Content-Type: multipart/mixed; boundary=b',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'The invoice\u0000 is wrong.',
        '--b',
        'Content-Type: application/pdf',
        'Content-Disposition: attachment; filename="invoice\u0000.pdf"',
        '',
        '%PDF-1.4',
        '--b--',
        '',
      ].join('\r\n'),
      'latin1',
    );
    await mail.sendRaw(raw, { from: 'nul@customer.test', to: ['support@example.com'] });
    await t.app.jobs.runDue();
    const message = await one('nul-ticket@customer.test');
    expect(message).toMatchObject({
      status: 'processed',
      subject: 'Broken invoice',
      from_name: 'Nul Person',
    });
    const ticket = (await api(t, agent, 'GET', `/api/v2/tickets/${message.ticket_id}`)).body.ticket;
    expect(ticket.subject).toBe('Broken invoice');
    const [c] = (await api(t, agent, 'GET', `/api/v2/tickets/${message.ticket_id}/comments`)).body.comments;
    expect(c.body).toBe('The invoice is wrong.');
    expect(c.attachments.map((a: { file_name: string }) => a.file_name)).toEqual(['invoice.pdf']);
  });

  it('a message with thousands of MIME parts becomes a ticket with a note instead of failing', async () => {
    const parts = Array.from(
      { length: 1500 },
      (_, i) =>
        `--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=p${i}.txt\r\n\r\n${i}\r\n`,
    ).join('');
    const raw = Buffer.from(
      `From: parts@customer.test\r\nTo: support@example.com\r\nSubject: Many parts\r\nMessage-ID: <many-parts@customer.test>\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n${parts}--b--\r\n`,
    );
    await mail.sendRaw(raw, { from: 'parts@customer.test', to: ['support@example.com'] });
    await t.app.jobs.runDue();
    const message = await one('many-parts@customer.test');
    expect(message.status).toBe('processed');
    const [c] = await comments(message.ticket_id!);
    expect(c!.body).toMatch(/more than 1000 MIME parts/);
    expect(c!.metadata.email).toMatchObject({ flags: ['parts_over_limit'] });
  });

  it('a reused Message-ID with other content is kept and flagged; an identical redelivery changes nothing', async () => {
    const send = (text: string) =>
      mail.send({
        from: 'reuse@customer.test',
        to: 'support@example.com',
        subject: 'Order 77',
        text,
        messageId: '<reused@customer.test>',
      });
    await send('The first message.');
    await t.app.jobs.runDue();
    await send('A different message under the same Message-ID.');
    await t.app.jobs.runDue();
    const [first, second] = await inbound('reused@customer.test');
    expect(first).toMatchObject({ status: 'processed', reuses_message_of: null });
    expect(second).toMatchObject({ status: 'processed', reuses_message_of: first!.id });
    const [c] = await comments(second!.ticket_id!);
    expect(c!.body).toBe('A different message under the same Message-ID.');
    expect(c!.metadata.email).toMatchObject({
      flags: ['message_id_reused'],
      reuses_inbound_message_id: first!.id,
    });

    await send('The first message.');
    await send('A different message under the same Message-ID.');
    await t.app.jobs.runDue();
    expect(await inbound('reused@customer.test')).toHaveLength(2);
  });

  it('a message that failed before a fix is in the failed list, and retrying it makes a ticket', async () => {
    // What an earlier version left behind: a NUL in the subject failed the whole message.
    const raw = Buffer.from(
      'From: old@customer.test\r\nTo: support@example.com\r\nSubject: Lost\u0000 once\r\nMessage-ID: <failed-nul@customer.test>\r\n\r\nPlease help.',
      'latin1',
    );
    const row = await t.database.db
      .insertInto('inbound_messages')
      .values({
        mailbox_id: null,
        source: 'smtp',
        dedupe_key: 'mid:failed-nul@customer.test',
        message_id: 'failed-nul@customer.test',
        raw,
        size: raw.length,
        status: 'failed',
        cause: 'unprocessable',
        reason: 'invalid byte sequence for encoding "UTF8": 0x00',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const list = (await api(t, admin, 'GET', '/api/v2/suspended_tickets')).body.suspended_tickets;
    expect(list.find((s: { id: number }) => s.id === row.id)).toMatchObject({
      status: 'failed',
      cause_id: 102,
    });
    const retried = await api(t, admin, 'PUT', `/api/v2/suspended_tickets/${row.id}/recover`);
    expect(retried.status).toBe(200);
    expect(retried.body.ticket.subject).toBe('Lost once');
  });
});
