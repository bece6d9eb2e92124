import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../platform/clock.js';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../../test/harness.js';
import { type EmailModule, ensureDemoMailbox } from './index.js';
import { fixture, type MailClient, mailClient } from './testing/mail-client.js';
import { type SmtpSink, startSmtpSink } from './testing/smtp-sink.js';

let t: TestApp;
let sink: SmtpSink;
let mail: MailClient;
let agent: TestUser;
let admin: TestUser;
let dataDir: string;
let n = 0;
let email: EmailModule;

beforeAll(async () => {
  sink = await startSmtpSink();
  dataDir = await mkdtemp(path.join(tmpdir(), 'frontline-email-'));
  t = await startTestApp({
    clock: systemClock,
    env: { SMTP_PORT: '0', SMTP_URL: sink.url, DATA_DIR: dataDir, MAIL_DOMAIN: 'mail.frontline.test' },
  });
  await ensureDemoMailbox(t.database);
  email = t.app.modules.find((m) => m.name === 'email') as EmailModule;
  await email.start(['smtp']);
  mail = mailClient(email.smtpPort()!);
  agent = await createUser(t, { role: 'agent', name: 'Ana Agent', email: 'ana@example.com' });
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
    .executeTakeFirstOrThrow();
const comments = async (ticketId: number) =>
  (await api(t, agent, 'GET', `/api/v2/tickets/${ticketId}/comments`)).body.comments as {
    body: string;
    html_body: string;
    public: boolean;
    author_id: number;
    metadata: { email?: Record<string, unknown> };
  }[];

/** A customer writes in and an agent answers by mail; returns the ticket and our outgoing mail. */
async function conversation(customer: string, subject: string) {
  n += 1;
  const first = `conv-${n}@customer.test`;
  await mail.send({
    from: customer,
    to: 'support@example.com',
    subject,
    text: `Help with ${subject}`,
    messageId: `<${first}>`,
  });
  await t.app.jobs.runDue();
  const ticketId = (await inbound(first)).ticket_id!;
  const before = sink.received.length;
  await api(t, agent, 'PUT', `/api/v2/tickets/${ticketId}`, {
    ticket: { comment: { body: `About ${subject}: done.` } },
  });
  await t.app.jobs.runDue();
  const [sent] = (await sink.waitFor(before + 1)).slice(before);
  return { ticketId, sent: sent!.parsed, raw: sent!.raw };
}

describe('spoofed replies', () => {
  it('mail from a stranger that points at a ticket starts a new ticket and is never mailed the thread', async () => {
    const { ticketId, sent } = await conversation('victim@customer.test', 'Account recovery');
    await mail.send({
      from: 'mallory@attacker.test',
      to: sent.replyTo!.value[0]!.address!,
      cc: 'mallory2@attacker.test',
      subject: sent.subject!,
      text: 'Please change the account email to mallory@attacker.test',
      messageId: '<spoof-1@attacker.test>',
      inReplyTo: sent.messageId!,
      references: [sent.messageId!],
    });
    await t.app.jobs.runDue();
    const spoof = await inbound('spoof-1@attacker.test');
    expect(spoof.status).toBe('processed');
    expect(spoof.ticket_id).not.toBe(ticketId);
    expect(await comments(ticketId)).toHaveLength(2);
    const theirs = await comments(spoof.ticket_id!);
    expect(theirs).toHaveLength(1);
    expect(theirs[0]!.metadata.email).toMatchObject({
      foreign_ticket_id: ticketId,
      flags: ['foreign_reply'],
    });
    const newTicket = (await api(t, agent, 'GET', `/api/v2/tickets/${spoof.ticket_id}`)).body.ticket;
    expect(newTicket.subject).toBe('Account recovery');

    const before = sink.received.length;
    await api(t, agent, 'PUT', `/api/v2/tickets/${ticketId}`, {
      ticket: { comment: { body: 'Second answer to the real customer.' } },
    });
    await t.app.jobs.runDue();
    const after = (await sink.waitFor(before + 1)).slice(before);
    expect(after.flatMap((m) => m.to)).toEqual(['victim@customer.test']);
  });

  it('a reply that spoofs the requester and copies the attacker does not make the attacker a CC', async () => {
    const { ticketId, sent } = await conversation('owner@customer.test', 'Billing address');
    await mail.send({
      from: 'owner@customer.test',
      to: 'support@example.com',
      cc: 'attacker@attacker.test',
      subject: sent.subject!,
      text: 'Also send everything to my new address.',
      messageId: '<spoof-cc@attacker.test>',
      inReplyTo: sent.messageId!,
    });
    await t.app.jobs.runDue();
    const ticket = (await api(t, agent, 'GET', `/api/v2/tickets/${ticketId}`)).body.ticket;
    expect(ticket.collaborator_ids).toEqual([]);
    const last = (await comments(ticketId)).at(-1)!;
    expect(last.metadata.email).toMatchObject({ cc: [{ address: 'attacker@attacker.test' }] });

    const before = sink.received.length;
    await api(t, agent, 'PUT', `/api/v2/tickets/${ticketId}`, { ticket: { comment: { body: 'Noted.' } } });
    await t.app.jobs.runDue();
    const after = (await sink.waitFor(before + 1)).slice(before);
    expect(after.flatMap((m) => m.to)).toEqual(['owner@customer.test']);
  });

  it('holds a stranger’s reply for review when the mailbox says so, and an admin can accept it onto the ticket', async () => {
    const box = await api(t, admin, 'POST', '/api/v2/frontline/mailboxes', {
      mailbox: { address: 'strict@example.com', name: 'Strict', foreign_reply_action: 'suspend' },
    });
    expect(box.status).toBe(201);
    await mail.send({
      from: 'client@customer.test',
      to: 'strict@example.com',
      subject: 'Contract',
      text: 'Question',
      messageId: '<strict-1@customer.test>',
    });
    await t.app.jobs.runDue();
    const ticketId = (await inbound('strict-1@customer.test')).ticket_id!;
    await mail.send({
      from: 'partner@other.test',
      to: 'strict@example.com',
      subject: 'Re: Contract',
      text: 'I am the client’s partner, adding context.',
      messageId: '<strict-2@other.test>',
      inReplyTo: '<strict-1@customer.test>',
    });
    await t.app.jobs.runDue();
    const held = await inbound('strict-2@other.test');
    expect(held).toMatchObject({ status: 'suspended', cause: 'unknown_user_update', ticket_id: ticketId });

    const list = await api(t, agent, 'GET', '/api/v2/suspended_tickets');
    const item = list.body.suspended_tickets.find((s: { id: number }) => s.id === held.id);
    expect(item).toMatchObject({
      cause_id: 5,
      cause: 'Unknown user tried to update existing ticket',
      author: { email: 'partner@other.test' },
      subject: 'Re: Contract',
      ticket_id: ticketId,
      recipient: 'strict@example.com',
      status: 'suspended',
    });
    expect(item.content).toContain('adding context');

    const recovered = await api(t, admin, 'PUT', `/api/v2/suspended_tickets/${held.id}/recover`);
    expect(recovered.status).toBe(200);
    expect(recovered.body.ticket.id).toBe(ticketId);
    const last = (await comments(ticketId)).at(-1)!;
    expect(last.body).toContain('adding context');
    expect(last.metadata.email).toMatchObject({ threaded_by: 'reviewed', flags: ['accepted_by_admin'] });
    expect((await api(t, admin, 'PUT', `/api/v2/suspended_tickets/${held.id}/recover`)).status).toBe(404);
  });

  it('requires SPF/DKIM/DMARC from the trusted server before mail updates a ticket, when the mailbox asks for it', async () => {
    const box = await api(t, admin, 'POST', '/api/v2/frontline/mailboxes', {
      mailbox: {
        address: 'verified@example.com',
        require_authentication: true,
        trusted_authserv_id: 'mx.example.com',
      },
    });
    expect(box.status).toBe(201);
    await mail.send({
      from: 'ceo@customer.test',
      to: 'verified@example.com',
      subject: 'Wire transfer',
      text: 'Start',
      messageId: '<auth-1@customer.test>',
    });
    await t.app.jobs.runDue();
    const ticketId = (await inbound('auth-1@customer.test')).ticket_id!;
    const reply = (id: string, results: string[]) =>
      mail.send({
        from: 'ceo@customer.test',
        to: 'verified@example.com',
        subject: 'Re: Wire transfer',
        text: 'Send the money to account 123',
        messageId: `<${id}>`,
        inReplyTo: '<auth-1@customer.test>',
        headers: results.map((value) => ({ key: 'Authentication-Results', value })),
      });
    await reply('auth-2@attacker.test', [
      'mx.example.com; spf=fail smtp.mailfrom=attacker.test; dkim=none; dmarc=fail header.from=customer.test',
      'mx.example.com.evil; dmarc=pass header.from=customer.test',
    ]);
    await reply('auth-3@customer.test', [
      'mx.example.com; dkim=pass header.d=customer.test; dmarc=pass header.from=customer.test',
    ]);
    await t.app.jobs.runDue();
    expect(await inbound('auth-2@attacker.test')).toMatchObject({
      status: 'suspended',
      cause: 'unauthenticated_update',
    });
    expect(await inbound('auth-3@customer.test')).toMatchObject({ status: 'processed', ticket_id: ticketId });
    const last = (await comments(ticketId)).at(-1)!;
    expect(last.metadata.email).toMatchObject({ authentication: { dmarc: 'pass', passed: true } });
  });

  it('flags a Reply-To that differs from From', async () => {
    await mail.send({
      from: 'boss@customer.test',
      replyTo: 'other@elsewhere.test',
      to: 'support@example.com',
      subject: 'Urgent',
      text: 'Reply elsewhere',
      messageId: '<rt-1@customer.test>',
    });
    await t.app.jobs.runDue();
    const [c] = await comments((await inbound('rt-1@customer.test')).ticket_id!);
    expect(c!.metadata.email).toMatchObject({
      flags: ['reply_to_mismatch'],
      reply_to: ['other@elsewhere.test'],
    });
  });
});

describe('loops and automated mail', () => {
  it('holds an out-of-office reply instead of reopening the ticket, and never answers it', async () => {
    const { ticketId, sent } = await conversation('traveller@customer.test', 'Lost luggage');
    await api(t, agent, 'PUT', `/api/v2/tickets/${ticketId}`, { ticket: { status: 'solved' } });
    await t.app.jobs.runDue();
    const before = sink.received.length;
    await mail.sendRaw(
      fixture('out-of-office.eml', {
        TO: 'support@example.com',
        SUBJECT: sent.subject!,
        IN_REPLY_TO: sent.messageId!.slice(1, -1),
      }),
      { from: '', to: ['support@example.com'] },
    );
    await t.app.jobs.runDue();
    expect(await inbound('ooo-1@customer.test')).toMatchObject({
      status: 'suspended',
      cause: 'auto_vacation',
    });
    expect((await api(t, agent, 'GET', `/api/v2/tickets/${ticketId}`)).body.ticket.status).toBe('solved');
    expect(sink.received.length).toBe(before);
  });

  it('ignores our own reply coming back to us, and holds mail that claims to be from our own address', async () => {
    const { ticketId, raw, sent } = await conversation('loop@customer.test', 'Loop test');
    await mail.sendRaw(raw, { from: 'support@example.com', to: ['support@example.com'] });
    await t.app.jobs.runDue();
    const reflected = await inbound(sent.messageId!.slice(1, -1));
    expect(reflected).toMatchObject({ status: 'processed', ticket_id: null });
    expect(reflected.reason).toMatch(/came back/);
    expect(await comments(ticketId)).toHaveLength(2);

    await mail.send({
      from: 'support@example.com',
      to: 'support@example.com',
      subject: 'From ourselves',
      text: 'x',
      messageId: '<self-1@x.test>',
    });
    await t.app.jobs.runDue();
    expect(await inbound('self-1@x.test')).toMatchObject({ status: 'suspended', cause: 'loop' });
  });

  it('takes list and bulk mail as tickets but marks them so nothing answers automatically', async () => {
    await mail.send({
      from: 'news@vendor.test',
      to: 'support@example.com',
      subject: 'Monthly newsletter',
      text: 'News',
      messageId: '<list-1@vendor.test>',
      headers: { 'List-Id': '<news.vendor.test>', Precedence: 'bulk' },
    });
    await t.app.jobs.runDue();
    const ticketId = (await inbound('list-1@vendor.test')).ticket_id!;
    const [c] = await comments(ticketId);
    expect(c!.metadata.email).toMatchObject({ suppress_auto_reply: true, automated: { kind: 'bulk' } });
    expect(await email.notify({ ticketId, text: 'We got your request.' })).toMatchObject({ queued: false });
  });

  it('marks our own automatic mail Auto-Submitted: auto-generated', async () => {
    await mail.send({
      from: 'person@customer.test',
      to: 'support@example.com',
      subject: 'Hello',
      text: 'Hi',
      messageId: '<ack-1@customer.test>',
    });
    await t.app.jobs.runDue();
    const ticketId = (await inbound('ack-1@customer.test')).ticket_id!;
    const before = sink.received.length;
    expect(
      await email.notify({
        ticketId,
        subject: 'We received your request',
        text: 'An agent will answer soon.',
      }),
    ).toMatchObject({ queued: true });
    await t.app.jobs.runDue();
    const [ack] = (await sink.waitFor(before + 1)).slice(before);
    expect(ack!.to).toEqual(['person@customer.test']);
    expect(ack!.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(ack!.parsed.subject).toMatch(/^We received your request \[#\d+-[0-9a-f]{8}\]$/);
    expect(ack!.parsed.inReplyTo).toBe('<ack-1@customer.test>');
  });

  it('records a bounce against the address, notes it on the ticket, and stops mailing that address until it writes again', async () => {
    const { ticketId, sent } = await conversation('gone@customer.test', 'Refund status');
    await mail.sendRaw(
      fixture('bounce-dsn.eml', {
        TO: 'support@example.com',
        RECIPIENT: 'gone@customer.test',
        SUBJECT: sent.subject!,
        IN_REPLY_TO: sent.messageId!.slice(1, -1),
      }),
      { from: '', to: ['support@example.com'] },
    );
    await t.app.jobs.runDue();
    const dsn = await t.database.db
      .selectFrom('inbound_messages')
      .selectAll()
      .where('message_id', '=', '20260106080500.DSN1@mx.customer.test')
      .executeTakeFirstOrThrow();
    expect(dsn).toMatchObject({ status: 'processed', ticket_id: ticketId });
    const bounces = await t.database.db
      .selectFrom('email_bounces')
      .selectAll()
      .where('address', '=', 'gone@customer.test')
      .execute();
    expect(bounces).toMatchObject([{ action: 'failed', status_code: '5.1.1', permanent: true }]);
    const note = (await comments(ticketId)).at(-1)!;
    expect(note).toMatchObject({ public: false, author_id: -1 });
    expect(note.body).toContain('gone@customer.test: 5.1.1');

    const before = sink.received.length;
    await api(t, agent, 'PUT', `/api/v2/tickets/${ticketId}`, {
      ticket: { comment: { body: 'Anyone there?' } },
    });
    await t.app.jobs.runDue();
    expect(sink.received.length).toBe(before);

    await mail.send({
      from: 'gone@customer.test',
      to: 'support@example.com',
      subject: 'Re: Refund status',
      text: 'My mailbox works again.',
      messageId: '<back-1@customer.test>',
      inReplyTo: sent.messageId!,
    });
    await t.app.jobs.runDue();
    await api(t, agent, 'PUT', `/api/v2/tickets/${ticketId}`, {
      ticket: { comment: { body: 'Welcome back.' } },
    });
    await t.app.jobs.runDue();
    const after = (await sink.waitFor(before + 1)).slice(before);
    expect(after.map((m) => m.to)).toEqual([['gone@customer.test']]);
  });

  it('holds a sender who sends a burst of mail', async () => {
    await api(t, admin, 'POST', '/api/v2/frontline/mailboxes', {
      mailbox: { address: 'burst@example.com', sender_burst_limit: 3 },
    });
    for (let i = 1; i <= 4; i += 1) {
      await mail.send({
        from: 'robot@loop.test',
        to: 'burst@example.com',
        subject: `Ping ${i}`,
        text: `ping ${i}`,
        messageId: `<burst-${i}@loop.test>`,
      });
    }
    await t.app.jobs.runDue();
    const statuses = [];
    for (let i = 1; i <= 4; i += 1) statuses.push((await inbound(`burst-${i}@loop.test`)).status);
    expect(statuses).toEqual(['processed', 'processed', 'processed', 'suspended']);
    expect((await inbound('burst-4@loop.test')).cause).toBe('throttled');
  });

  it('lets an agent answer by mail: the reply is theirs and goes to the customer', async () => {
    const { ticketId, sent } = await conversation('asker@customer.test', 'Agent by mail');
    const before = sink.received.length;
    await mail.send({
      from: 'ana@example.com',
      to: sent.replyTo!.value[0]!.address!,
      subject: sent.subject!,
      text: 'Answered from my phone.',
      messageId: '<agent-mail-1@example.com>',
    });
    await t.app.jobs.runDue();
    const last = (await comments(ticketId)).at(-1)!;
    expect(last).toMatchObject({ author_id: agent.user.id, public: true, body: 'Answered from my phone.' });
    const after = (await sink.waitFor(before + 1)).slice(before);
    expect(after.map((m) => m.to)).toEqual([['asker@customer.test']]);
  });
});

describe('people and files', () => {
  it('mail from an organization’s domain joins that organization', async () => {
    const org = await t.database.db
      .insertInto('organizations')
      .values({ name: 'Acme', domain_names: ['acme.test'] })
      .returningAll()
      .executeTakeFirstOrThrow();
    await mail.send({
      from: 'Wile E <wile@acme.test>',
      to: 'support@example.com',
      subject: 'Rocket skates',
      text: 'They misfire.',
      messageId: '<org-1@acme.test>',
    });
    await t.app.jobs.runDue();
    const ticket = (
      await api(t, agent, 'GET', `/api/v2/tickets/${(await inbound('org-1@acme.test')).ticket_id}`)
    ).body.ticket;
    expect(ticket.organization_id).toBe(org.id);
  });

  it('sends an agent’s attachments with the reply, and the mail has text and HTML parts', async () => {
    const { ticketId, sent } = await conversation('files@customer.test', 'Need the manual');
    const before = sink.received.length;
    await mail.send({
      from: 'ana@example.com',
      to: sent.replyTo!.value[0]!.address!,
      subject: sent.subject!,
      html: '<p>Here is the <b>manual</b>.</p>',
      text: 'Here is the manual.',
      attachments: [
        { filename: 'manual.pdf', content: Buffer.from('%PDF-1.4 manual'), contentType: 'application/pdf' },
      ],
      messageId: '<agent-file-1@example.com>',
    });
    await t.app.jobs.runDue();
    const last = (await comments(ticketId)).at(-1)!;
    expect(last.author_id).toBe(agent.user.id);
    const [out] = (await sink.waitFor(before + 1)).slice(before);
    expect(out!.to).toEqual(['files@customer.test']);
    expect(out!.parsed.text).toContain('Here is the manual.');
    expect(out!.parsed.html).toContain('<b>manual</b>');
    expect(out!.parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
      ['manual.pdf', '%PDF-1.4 manual'],
    ]);
  });
});

describe('HTML from outside', () => {
  it('keeps text and safe links and strips scripts, handlers, frames, forms, styles and dangerous URLs', async () => {
    await mail.sendRaw(fixture('xss.eml'), { from: 'mallory@attacker.test', to: ['support@example.com'] });
    await t.app.jobs.runDue();
    const [c] = await comments((await inbound('xss-1@attacker.test')).ticket_id!);
    const html = c!.html_body;
    expect(html).toContain('Hello support');
    expect(html).toContain('href="https://example.org/ok"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    for (const bad of [
      '<script',
      'onerror',
      'onload',
      'javascript:',
      '<iframe',
      '<form',
      '<input',
      '<style',
      '<meta',
      '<object',
      '<svg',
      'data:text/html',
      'position:fixed',
    ]) {
      expect(html.toLowerCase()).not.toContain(bad.toLowerCase());
    }
  });
});
