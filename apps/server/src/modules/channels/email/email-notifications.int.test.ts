import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../platform/clock.js';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../../test/harness.js';
import { seedWorkflowDefaults } from '../../workflow/index.js';
import { type EmailModule, ensureDemoMailbox } from './index.js';
import { type MailClient, mailClient } from './testing/mail-client.js';
import { type SmtpSink, startSmtpSink } from './testing/smtp-sink.js';

// Notifications leave: the demo's acknowledgement and assignment triggers, through
// the outbox, to a real SMTP sink; RFC 3834 and the hourly cap keep automatic mail
// from answering machines or flooding a customer; every outcome is on the ticket.

let t: TestApp;
let sink: SmtpSink;
let customer: MailClient;
let admin: TestUser;
let agent: TestUser;
let dataDir: string;
let sequence = 0;

beforeAll(async () => {
  sink = await startSmtpSink();
  dataDir = await mkdtemp(path.join(tmpdir(), 'frontline-notify-'));
  t = await startTestApp({
    clock: systemClock,
    env: {
      SMTP_PORT: '0',
      SMTP_URL: sink.url,
      DATA_DIR: dataDir,
      MAIL_DOMAIN: 'mail.frontline.test',
      AUTO_MAIL_PER_HOUR: '3',
    },
  });
  await ensureDemoMailbox(t.database);
  await seedWorkflowDefaults(t.database);
  const email = t.app.modules.find((m) => m.name === 'email') as EmailModule;
  await email.start(['smtp']);
  customer = mailClient(email.smtpPort()!);
  admin = await createUser(t, { role: 'admin', name: 'Ada Admin' });
  agent = await createUser(t, { role: 'agent', name: 'Sam Agent', email: 'sam@agents.test' });
});
afterAll(async () => {
  customer?.close();
  await t?.close();
  await sink?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Sends one mail to the support address and runs everything it sets off; returns its ticket. */
async function mail(from: string, extra: Record<string, unknown> = {}) {
  sequence += 1;
  const messageId = `<m${sequence}.${Date.now()}@customer.test>`;
  await customer.send({
    from,
    to: 'support@example.com',
    subject: `Question ${sequence}`,
    text: 'Where is my order?',
    messageId,
    ...extra,
  });
  await t.app.jobs.runDue();
  const row = await t.database.db
    .selectFrom('inbound_messages')
    .select(['ticket_id', 'status'])
    .where('message_id', '=', messageId.slice(1, -1))
    .executeTakeFirstOrThrow();
  return { ...row, messageId };
}

async function notificationsOf(ticketId: number) {
  const res = await api(t, admin, 'GET', `/api/v2/frontline/tickets/${ticketId}/notifications`);
  expect(res.status).toBe(200);
  return res.body.notifications as {
    recipient_email: string;
    status: string;
    status_reason: string | null;
    subject: string;
  }[];
}

const sentTo = (address: string) => sink.received.filter((m) => m.to.includes(address));

describe('notifications by mail', () => {
  it('acknowledges a customer’s mail: threaded, signed reply address, Auto-Submitted: auto-replied, shown as sent', async () => {
    const { ticket_id: ticketId, messageId } = await mail('Jane Doe <jane@customer.test>');
    await sink.waitFor(1);
    const [ack] = sentTo('jane@customer.test');
    const out = ack!.parsed;
    expect(out.subject).toMatch(
      new RegExp(`^\\[Request received\\] Question \\d+ \\[#${ticketId}-[0-9a-f]{8}\\]$`),
    );
    expect(out.text).toContain(`Your request #${ticketId} has been received`);
    expect(out.headers.get('auto-submitted')).toBe('auto-replied');
    expect(out.headers.get('x-auto-response-suppress')).toBe('All');
    expect(out.inReplyTo).toBe(messageId);
    expect(out.replyTo?.value[0]?.address).toMatch(
      new RegExp(`^support\\+t${ticketId}\\.[0-9a-f]{8}@example\\.com$`),
    );
    expect(out.from?.value[0]?.address).toBe('support@example.com');
    expect(await notificationsOf(ticketId!)).toMatchObject([
      { recipient_email: 'jane@customer.test', status: 'sent', status_reason: null },
    ]);
    // A second run of every job sends nothing twice.
    await t.app.jobs.runDue();
    expect(sentTo('jane@customer.test')).toHaveLength(1);
  });

  it('tells the agent about an assignment, auto-generated, at the agent’s own address', async () => {
    const { ticket_id: ticketId } = await mail('Lee <lee@customer.test>');
    const before = sentTo('sam@agents.test').length;
    const res = await api(t, admin, 'PUT', `/api/v2/tickets/${ticketId}`, {
      ticket: { assignee_id: agent.user.id },
    });
    expect(res.status).toBe(200);
    await t.app.jobs.runDue();
    await sink.waitFor(sink.received.length);
    const mails = sentTo('sam@agents.test').slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['sam@agents.test']);
    expect(mails[0]!.parsed.subject).toMatch(new RegExp(`^\\[Assignment\\] #${ticketId} Question`));
    expect(mails[0]!.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    const notes = await notificationsOf(ticketId!);
    expect(notes.find((n) => n.recipient_email === 'sam@agents.test')).toMatchObject({ status: 'sent' });
  });

  it('sends nothing automatic to bulk, list or automatic mail, and says why on the ticket', async () => {
    const before = sink.received.length;
    const cases: [string, Record<string, string>, RegExp][] = [
      ['news@shop.test', { Precedence: 'bulk' }, /Precedence: bulk/],
      ['list@lists.test', { 'List-Id': '<customers.lists.test>' }, /list-id header/],
      ['robot@crm.test', { 'Auto-Submitted': 'auto-generated' }, /Auto-Submitted: auto-generated/],
    ];
    for (const [from, headers, why] of cases) {
      const { ticket_id: ticketId } = await mail(from, { headers });
      expect(ticketId).not.toBeNull();
      const [note] = await notificationsOf(ticketId!);
      expect(note).toMatchObject({ recipient_email: from, status: 'suppressed' });
      expect(note!.status_reason).toMatch(why);
      expect(note!.status_reason).toMatch(/RFC 3834/);
    }
    // An out-of-office answer is held for review: no ticket, no mail.
    const ooo = await mail('away@customer.test', { headers: { 'Auto-Submitted': 'auto-replied' } });
    expect(ooo.ticket_id).toBeNull();
    await t.app.jobs.runDue();
    expect(sink.received.length).toBe(before);
  });

  it('caps automatic mail per customer per hour and marks the rest suppressed', async () => {
    const tickets: number[] = [];
    for (let i = 0; i < 5; i++) tickets.push((await mail('busy@customer.test')).ticket_id!);
    await sink.waitFor(sink.received.length);
    expect(sentTo('busy@customer.test')).toHaveLength(3);
    const states = [];
    for (const id of tickets) states.push((await notificationsOf(id))[0]);
    expect(states.map((n) => n!.status)).toEqual(['sent', 'sent', 'sent', 'suppressed', 'suppressed']);
    expect(states[4]!.status_reason).toMatch(/hourly cap reached: 3 automatic mails to busy@customer\.test/);
  });

  it('shows a refused send as failed with the server’s reason', async () => {
    sink.refuse(550, 1);
    const before = sink.received.length;
    const { ticket_id: ticketId } = await mail('refused@customer.test');
    const [note] = await notificationsOf(ticketId!);
    expect(note).toMatchObject({ status: 'failed' });
    expect(note!.status_reason).toMatch(/550/);
    expect(sink.received.length).toBe(before);
  });
});
