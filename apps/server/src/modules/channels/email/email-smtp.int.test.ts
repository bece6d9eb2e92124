import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../platform/clock.js';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../../test/harness.js';
import { type EmailModule, ensureDemoMailbox } from './index.js';
import { type MailClient, mailClient } from './testing/mail-client.js';
import { type SmtpSink, startSmtpSink } from './testing/smtp-sink.js';

let t: TestApp;
let sink: SmtpSink;
let customer: MailClient;
let agent: TestUser;
let dataDir: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  dataDir = await mkdtemp(path.join(tmpdir(), 'frontline-email-'));
  t = await startTestApp({
    clock: systemClock,
    env: {
      SMTP_PORT: '0',
      SMTP_URL: sink.url,
      DATA_DIR: dataDir,
      MAIL_DOMAIN: 'mail.frontline.test',
      MAIL_MAX_MESSAGE_BYTES: String(200 * 1024),
    },
  });
  await ensureDemoMailbox(t.database);
  const email = t.app.modules.find((m) => m.name === 'email') as EmailModule;
  await email.start(['smtp']);
  customer = mailClient(email.smtpPort()!);
  agent = await createUser(t, { role: 'agent', name: 'Sam Agent' });
});
afterAll(async () => {
  customer?.close();
  await t?.close();
  await sink?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function ticketOfMessage(messageId: string) {
  const row = await t.database.db
    .selectFrom('inbound_messages')
    .select(['ticket_id', 'status', 'reason'])
    .where('message_id', '=', messageId)
    .executeTakeFirst();
  return row;
}

describe('mail over SMTP', () => {
  it('turns a mail into a ticket, mails the agent reply threaded, and files the customer reply on the same ticket, reopening it', async () => {
    await customer.send({
      from: 'Jane Doe <jane@customer.test>',
      to: 'support@example.com',
      subject: 'Printer on fire',
      text: 'The office printer is on fire. Please advise.',
      messageId: '<first@customer.test>',
    });
    await t.app.jobs.runDue();
    const stored = await ticketOfMessage('first@customer.test');
    expect(stored?.status).toBe('processed');
    const ticketId = stored!.ticket_id!;

    const shown = await api(t, agent, 'GET', `/api/v2/tickets/${ticketId}?include=users`);
    expect(shown.body.ticket).toMatchObject({
      subject: 'Printer on fire',
      status: 'new',
      via: { channel: 'email' },
    });
    expect(shown.body.ticket.via.source.from).toMatchObject({
      address: 'jane@customer.test',
      name: 'Jane Doe',
    });
    expect(shown.body.ticket.recipient).toBe('support@example.com');
    const requester = shown.body.users.find((u: { id: number }) => u.id === shown.body.ticket.requester_id);
    expect(requester).toMatchObject({ email: 'jane@customer.test', name: 'Jane Doe', role: 'end-user' });

    const reply = await api(t, agent, 'PUT', `/api/v2/tickets/${ticketId}`, {
      ticket: {
        status: 'solved',
        comment: { body: 'Unplug it and step away. We are sending help.', public: true },
      },
    });
    expect(reply.status).toBe(200);
    await t.app.jobs.runDue();
    const [sent] = await sink.waitFor(1);
    const out = sent!.parsed;
    expect(sent!.to).toEqual(['jane@customer.test']);
    expect(out.from?.value[0]).toMatchObject({
      address: 'support@example.com',
      name: 'Sam Agent (Example Support)',
    });
    expect(out.messageId).toMatch(/^<fl\.\d+\.\d+\.[\w-]+@mail\.frontline\.test>$/);
    expect(out.inReplyTo).toBe('<first@customer.test>');
    expect([out.references].flat()).toContain('<first@customer.test>');
    expect(out.subject).toMatch(new RegExp(`^Re: Printer on fire \\[#${ticketId}-[0-9a-f]{8}\\]$`));
    expect(out.replyTo?.value[0]?.address).toMatch(
      new RegExp(`^support\\+t${ticketId}\\.[0-9a-f]{8}@example\\.com$`),
    );
    expect(out.text).toContain('Unplug it and step away.');
    expect(out.text).toContain('> The office printer is on fire.');
    expect(out.html).toContain('<blockquote');
    expect(out.headers.get('auto-submitted')).toBeUndefined();

    await customer.send({
      from: 'Jane Doe <jane@customer.test>',
      to: 'support@example.com',
      subject: out.subject!,
      text: `It is still burning!\n\nOn Mon, Jan 5, 2026 Support wrote:\n> Unplug it and step away.\n`,
      messageId: '<second@customer.test>',
      inReplyTo: out.messageId!,
      references: [...[out.references].flat(), out.messageId!].filter(Boolean) as string[],
    });
    await t.app.jobs.runDue();
    expect((await ticketOfMessage('second@customer.test'))?.ticket_id).toBe(ticketId);
    const after = await api(t, agent, 'GET', `/api/v2/tickets/${ticketId}`);
    expect(after.body.ticket.status).toBe('open');
    const comments = (await api(t, agent, 'GET', `/api/v2/tickets/${ticketId}/comments`)).body.comments;
    expect(comments).toHaveLength(3);
    const last = comments[2];
    expect(last.body).toBe('It is still burning!');
    expect(last.via.channel).toBe('email');
    expect(last.metadata.email).toMatchObject({
      from: { address: 'jane@customer.test' },
      message_id: 'second@customer.test',
      threaded_by: 'in-reply-to',
    });
    expect(last.metadata.email.collapsed_text).toContain('Unplug it and step away.');
  });

  it('threads a reply whose client dropped In-Reply-To by the signed reply address, and by the subject token', async () => {
    await customer.send({
      from: 'omar@customer.test',
      to: 'support@example.com',
      subject: 'Cannot log in',
      text: 'Password reset mail never arrives.',
      messageId: '<omar-1@customer.test>',
    });
    await t.app.jobs.runDue();
    const ticketId = (await ticketOfMessage('omar-1@customer.test'))!.ticket_id!;
    await api(t, agent, 'PUT', `/api/v2/tickets/${ticketId}`, {
      ticket: { comment: { body: 'Check spam, please.' } },
    });
    await t.app.jobs.runDue();
    const mailed = sink.received.find((m) => m.to.includes('omar@customer.test'))!.parsed;

    await customer.send({
      from: 'omar@customer.test',
      to: mailed.replyTo!.value[0]!.address!,
      subject: 'new subject, no token',
      text: 'Not in spam either.',
      messageId: '<omar-2@customer.test>',
    });
    await customer.send({
      from: 'omar@customer.test',
      to: 'support@example.com',
      subject: mailed.subject!,
      text: 'Still nothing.',
      messageId: '<omar-3@customer.test>',
    });
    await t.app.jobs.runDue();
    expect((await ticketOfMessage('omar-2@customer.test'))?.ticket_id).toBe(ticketId);
    expect((await ticketOfMessage('omar-3@customer.test'))?.ticket_id).toBe(ticketId);
    const comments = (await api(t, agent, 'GET', `/api/v2/tickets/${ticketId}/comments`)).body.comments;
    expect(
      comments.map((c: { metadata: { email?: { threaded_by?: string } } }) => c.metadata.email?.threaded_by),
    ).toEqual([null, undefined, 'reply-address', 'subject']);
  });

  it('files a redelivered message once', async () => {
    const message = {
      from: 'dup@customer.test',
      to: 'support@example.com',
      subject: 'Twice',
      text: 'Sent twice by a retrying server.',
      messageId: '<dup-1@customer.test>',
    };
    await customer.send(message);
    await customer.send(message);
    await t.app.jobs.runDue();
    const rows = await t.database.db
      .selectFrom('inbound_messages')
      .selectAll()
      .where('message_id', '=', 'dup-1@customer.test')
      .execute();
    expect(rows).toHaveLength(1);
    const tickets = await t.database.db
      .selectFrom('tickets')
      .select('id')
      .where('subject', '=', 'Twice')
      .execute();
    expect(tickets).toHaveLength(1);
  });

  it('refuses to relay mail for addresses that are not our mailboxes, and accepts +tag forms of ours', async () => {
    await expect(
      customer.send({ from: 'spammer@bad.test', to: 'victim@elsewhere.test', subject: 'relay', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      customer.send({ from: 'spammer@bad.test', to: 'sales@example.com', subject: 'relay', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    const ok = await customer.send({
      from: 'tagged@customer.test',
      to: 'Support+Billing@Example.com',
      subject: 'Tagged',
      text: 'Via a tag.',
    });
    expect(ok.accepted).toHaveLength(1);
    const relayed = await t.database.db
      .selectFrom('inbound_messages')
      .select('id')
      .where('envelope_from', '=', 'spammer@bad.test')
      .execute();
    expect(relayed).toHaveLength(0);
  });

  it('refuses mail over the size limit with 552 and keeps taking mail after it', async () => {
    const big = 'x'.repeat(300 * 1024);
    await expect(
      customer.send({ from: 'big@customer.test', to: 'support@example.com', subject: 'Huge', text: big }),
    ).rejects.toMatchObject({ responseCode: 552 });
    await customer.send({
      from: 'small@customer.test',
      to: 'support@example.com',
      subject: 'Small after huge',
      text: 'fine',
      messageId: '<small-1@customer.test>',
    });
    await t.app.jobs.runDue();
    expect((await ticketOfMessage('small-1@customer.test'))?.status).toBe('processed');
  });

  it('sends a public reply to the requester and the ticket’s CCs, once, and nothing for a private note', async () => {
    await customer.send({
      from: 'lead@customer.test',
      to: 'support@example.com',
      cc: 'colleague@customer.test, support@example.com',
      subject: 'Team request',
      text: 'Please copy my colleague.',
      messageId: '<team-1@customer.test>',
    });
    await t.app.jobs.runDue();
    const ticketId = (await ticketOfMessage('team-1@customer.test'))!.ticket_id!;
    const before = sink.received.length;
    await api(t, agent, 'PUT', `/api/v2/tickets/${ticketId}`, {
      ticket: { comment: { body: 'Both of you are in copy.' } },
    });
    await api(t, agent, 'PUT', `/api/v2/tickets/${ticketId}`, {
      ticket: { comment: { body: 'A private note.', public: false } },
    });
    await t.app.jobs.runDue();
    await t.app.jobs.runDue();
    await sink.waitFor(before + 1);
    const mails = sink.received.slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to.sort()).toEqual(['colleague@customer.test', 'lead@customer.test']);
    expect(mails[0]!.parsed.to).toMatchObject({ value: [{ address: 'lead@customer.test' }] });
    const outbox = await t.database.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('retries a refused send with back-off, and marks a permanent refusal failed', async () => {
    await customer.send({
      from: 'retry@customer.test',
      to: 'support@example.com',
      subject: 'Retry me',
      text: 'Hello',
      messageId: '<retry-1@customer.test>',
    });
    await t.app.jobs.runDue();
    const ticketId = (await ticketOfMessage('retry-1@customer.test'))!.ticket_id!;
    sink.refuse(451, 1);
    await api(t, agent, 'PUT', `/api/v2/tickets/${ticketId}`, {
      ticket: { comment: { body: 'First answer' } },
    });
    await t.app.jobs.runDue();
    const [queued] = await t.database.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .execute();
    expect(queued).toMatchObject({ status: 'queued', attempts: 1 });
    expect(queued!.last_error).toMatch(/451|refused/);
    // The job waits out its back-off; make it due now.
    await t.database.db
      .updateTable('jobs')
      .set({ run_at: new Date(0) })
      .where('queue', '=', 'email-send')
      .where('done_at', 'is', null)
      .execute();
    await t.app.jobs.runDue();
    const [sent] = await t.database.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .execute();
    expect(sent).toMatchObject({ status: 'sent', attempts: 2 });

    sink.refuse(550, 1);
    await api(t, agent, 'PUT', `/api/v2/tickets/${ticketId}`, {
      ticket: { comment: { body: 'Second answer' } },
    });
    await t.app.jobs.runDue();
    const rows = await t.database.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .orderBy('id')
      .execute();
    expect(rows[1]).toMatchObject({ status: 'failed', attempts: 1 });
  });
});
