import { mkdtemp, readdir, rm } from 'node:fs/promises';
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
import { fixture } from './testing/mail-client.js';
import { type SmtpSink, startSmtpSink } from './testing/smtp-sink.js';

let t: TestApp;
let sink: SmtpSink;
let agent: TestUser;
let admin: TestUser;
let dataDir: string;
let mailboxId: number;
const SECRET = 'a-long-inbound-secret-for-the-webhook';

beforeAll(async () => {
  sink = await startSmtpSink();
  dataDir = await mkdtemp(path.join(tmpdir(), 'frontline-email-'));
  t = await startTestApp({
    clock: systemClock,
    env: { SMTP_URL: sink.url, DATA_DIR: dataDir, MAIL_MAX_MESSAGE_BYTES: String(3 * 1024 * 1024) },
  });
  agent = await createUser(t, { role: 'agent' });
  admin = await createUser(t, { role: 'admin' });
  const created = await api(t, admin, 'POST', '/api/v2/frontline/mailboxes', {
    mailbox: {
      address: 'support@example.com',
      name: 'Example Support',
      default: true,
      inbound_secret: SECRET,
    },
  });
  mailboxId = created.body.mailbox.id;
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function post(raw: Buffer | string, headers: Record<string, string> = {}, id = mailboxId) {
  const response = await fetch(`${t.url}/api/v2/frontline/mailboxes/${id}/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822', [INBOUND_SECRET_HEADER]: SECRET, ...headers },
    body: raw,
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** Delivers a message by webhook and processes it; returns its inbound row. */
async function deliver(raw: Buffer | string) {
  const res = await post(raw);
  expect(res.status).toBe(202);
  await t.app.jobs.runDue();
  return t.database.db
    .selectFrom('inbound_messages')
    .selectAll()
    .where('id', '=', res.body.inbound_message.id)
    .executeTakeFirstOrThrow();
}

async function landed(raw: Buffer | string) {
  const row = await deliver(raw);
  expect(row.status, row.reason ?? '').toBe('processed');
  const ticket = (await api(t, agent, 'GET', `/api/v2/tickets/${row.ticket_id}?include=users`)).body;
  const comments = (await api(t, agent, 'GET', `/api/v2/tickets/${row.ticket_id}/comments`)).body.comments;
  const requester = ticket.users.find((u: { id: number }) => u.id === ticket.ticket.requester_id);
  return { row, ticket: ticket.ticket, requester, comment: comments.at(-1), comments };
}

describe('the inbound webhook', () => {
  it('takes raw MIME with the mailbox secret, once', async () => {
    const raw =
      'From: hook@customer.test\r\nTo: support@example.com\r\nSubject: By webhook\r\nMessage-ID: <hook-1@customer.test>\r\n\r\nForwarded by a provider.\r\n';
    const first = await post(raw);
    expect(first).toMatchObject({
      status: 202,
      body: { inbound_message: { duplicate: false, status: 'received' } },
    });
    const again = await post(raw);
    expect(again).toMatchObject({
      status: 202,
      body: { inbound_message: { id: first.body.inbound_message.id, duplicate: true } },
    });
    await t.app.jobs.runDue();
    const tickets = await t.database.db
      .selectFrom('tickets')
      .select('id')
      .where('subject', '=', 'By webhook')
      .execute();
    expect(tickets).toHaveLength(1);
  });

  it('files mail into the mailbox’s group, and takes messages up to the configured size', async () => {
    const group = await createGroup(t, 'Mail team');
    await api(t, admin, 'PUT', `/api/v2/frontline/mailboxes/${mailboxId}`, {
      mailbox: { group_id: group.id },
    });
    const big = `From: big@customer.test\r\nTo: support@example.com\r\nSubject: Big log\r\nMessage-ID: <big-log@customer.test>\r\n\r\n${'log line\r\n'.repeat(260_000)}`;
    const { ticket, comment } = await landed(big);
    expect(ticket.group_id).toBe(group.id);
    expect(comment.body).toContain('[Message truncated: download the original to read it all.]');
    await api(t, admin, 'PUT', `/api/v2/frontline/mailboxes/${mailboxId}`, { mailbox: { group_id: null } });
  });

  it('answers 401 alike for a wrong secret, no secret and an unknown mailbox, and 4xx for bodies that are not mail', async () => {
    const raw = 'From: a@b.test\r\n\r\nx';
    expect((await post(raw, { [INBOUND_SECRET_HEADER]: 'wrong-secret-wrong-secret-wrong' })).status).toBe(
      401,
    );
    expect((await post(raw, { [INBOUND_SECRET_HEADER]: '' })).status).toBe(401);
    expect((await post(raw, {}, 999_999)).status).toBe(401);
    const empty = await post('');
    expect(empty.status).toBe(422);
    expect(empty.body.details.body[0].description).toMatch(/raw message/);
    expect((await post('{"a":1}', { 'content-type': 'application/json' })).status).toBe(422);
    expect((await post(raw, { 'content-type': 'multipart/form-data; boundary=x' })).status).toBe(415);
    expect((await post(Buffer.alloc(3 * 1024 * 1024 + 10, 65))).status).toBe(413);
  });
});

describe('real-world mail', () => {
  it.each([
    ['charset-gb2312.eml', '我的订单还没有到', '张伟', '订单号是 20260105'],
    ['charset-gbk.eml', '账户无法登录', 'Zhu', '朱镕喆'],
    ['charset-windows-1256.eml', 'مشكلة في تسجيل الدخول', 'أحمد', 'لم أتمكن من تسجيل الدخول إلى حسابي'],
    ['charset-iso-2022-jp.eml', '請求書について', '山田太郎', '請求書の金額が間違っているようです'],
    [
      'charset-utf8-rfc2047.eml',
      'Rückerstattung für Bestellung – 📦 №12',
      'Zoë Müller',
      'Grüße! Ich möchte eine Rückerstattung',
    ],
  ])('%s: decodes subject, sender name and body', async (file, subject, name, text) => {
    const { ticket, requester, comment } = await landed(fixture(file));
    expect(ticket.subject).toBe(subject);
    expect(requester.name).toBe(name);
    expect(comment.body).toContain(text);
  });

  it('Gmail: a new request keeps its formatting; the reply shows only what is new', async () => {
    const first = await landed(fixture('gmail-new.eml'));
    expect(first.ticket.subject).toBe('Charged twice for my subscription');
    expect(first.comment.html_body).toContain('<b>twice</b>');
    expect(first.comment.metadata.email.authentication).toMatchObject({
      authserv_id: 'mx.example.com',
      dmarc: 'pass',
      passed: true,
    });
    await api(t, agent, 'PUT', `/api/v2/tickets/${first.ticket.id}`, {
      ticket: { comment: { body: 'We have refunded the second charge.' } },
    });
    await t.app.jobs.runDue();
    const ours = await t.database.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('ticket_id', '=', first.ticket.id)
      .executeTakeFirstOrThrow();
    const reply = await landed(
      fixture('gmail-reply.eml', {
        IN_REPLY_TO: ours.message_id,
        SUBJECT: ours.subject,
        TO: 'support@example.com',
      }),
    );
    expect(reply.ticket.id).toBe(first.ticket.id);
    expect(reply.comment.body).toBe('The refund has not arrived yet. Can you check again?');
    expect(reply.comment.html_body).not.toContain('We have refunded');
    expect(reply.comment.metadata.email.collapsed_text).toContain('We have refunded the second charge.');
  });

  it.each([
    [
      'outlook-reply.eml',
      'tom.baker@customer.test',
      'Yes, please go ahead with the replacement.',
      'Shall we send a replacement?',
    ],
    ['apple-mail-reply.eml', 'lena@customer.test', 'Works now, thank you!', 'Please restart the app.'],
  ])('%s: a reply lands on its ticket without the quoted history', async (file, from, fresh, quoted) => {
    const created = await api(t, agent, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'Replacement', requester: { email: from }, comment: { body: quoted } },
    });
    const ticketId = created.body.ticket.id;
    await t.app.jobs.runDue();
    const ours = await t.database.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .executeTakeFirstOrThrow();
    const reply = await landed(
      fixture(file, { IN_REPLY_TO: ours.message_id, SUBJECT: 'Replacement', TO: 'support@example.com' }),
    );
    expect(reply.ticket.id).toBe(ticketId);
    expect(reply.comment.body).toContain(fresh);
    expect(reply.comment.body).not.toContain(quoted);
    expect(reply.comment.html_body).not.toContain(quoted);
  });

  it('a forwarded conversation keeps the forwarded part (it is the point of a new ticket)', async () => {
    const { comment, requester } = await landed(fixture('forwarded.eml'));
    expect(requester.email).toBe('sales@customer.test');
    expect(comment.body).toContain('Why does invoice 991 show VAT twice?');
  });

  it('stores attachments and inline images, and points cid: images at the stored file', async () => {
    const { comment } = await landed(fixture('inline-image.eml'));
    const names = comment.attachments.map((a: { file_name: string }) => a.file_name).sort();
    expect(names).toEqual(['invoice.pdf', 'shot.png']);
    const shot = comment.attachments.find((a: { file_name: string }) => a.file_name === 'shot.png');
    expect(shot).toMatchObject({ inline: true, content_type: 'image/png', size: 70 });
    expect(comment.html_body).toMatch(new RegExp(`<img src="/attachments/${shot.id}/[\\w.-]+/shot\\.png"`));
    expect(comment.html_body).not.toContain('cid:');
    const stored = await readdir(path.join(dataDir, 'attachments', 'email'), { recursive: true });
    expect(stored.filter((f) => /[0-9a-f]{64}$/.test(String(f)))).toHaveLength(2);
  });

  it('keeps the original message for download by agents who can see its ticket', async () => {
    const { row } = await landed(
      fixture('forwarded.eml').toString('latin1').replace('CAGmail-fwd-1', 'CAGmail-fwd-2'),
    );
    const res = await fetch(`${t.url}/api/v2/frontline/inbound_messages/${row.id}/raw`, {
      headers: { authorization: agent.authorization },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('message/rfc822');
    expect(await res.text()).toContain('Forwarded message');
    const restricted = await createUser(t, { role: 'agent', ticketRestriction: 'assigned' });
    expect((await api(t, restricted, 'GET', `/api/v2/frontline/inbound_messages/${row.id}/raw`)).status).toBe(
      404,
    );
    const customer = await createUser(t, { role: 'end-user' });
    expect((await api(t, customer, 'GET', `/api/v2/frontline/inbound_messages/${row.id}/raw`)).status).toBe(
      403,
    );
  });
});

describe('bad input ends as a ticket or a held/failed record with its reason, and mail keeps flowing', () => {
  const nested = (depth: number) => {
    let body = 'Content-Type: text/plain\r\n\r\nDeep inside.\r\n';
    for (let i = depth; i > 0; i -= 1) {
      body = `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n${body}--b${i}--\r\n`;
    }
    return `From: deep@customer.test\r\nTo: support@example.com\r\nSubject: Nested\r\nMessage-ID: <nested@customer.test>\r\nMIME-Version: 1.0\r\n${body}`;
  };
  const hugeHeader = () => {
    const line = `X-Junk: ${'a'.repeat(70)}\r\n`;
    return `From: junk@customer.test\r\nTo: support@example.com\r\nSubject: Big header\r\nMessage-ID: <junk@customer.test>\r\n${line.repeat(Math.ceil((1.1 * 1024 * 1024) / line.length))}\r\nbody\r\n`;
  };

  it.each<[string, () => Buffer | string, string[], RegExp | null]>([
    ['a boundary that never closes', () => fixture('malformed-no-closing-boundary.eml'), ['processed'], null],
    ['invalid base64 in an unknown charset', () => fixture('malformed-bad-base64.eml'), ['processed'], null],
    [
      'pathological addresses and encoded words',
      () => fixture('malformed-bad-addresses.eml'),
      ['processed', 'suspended'],
      null,
    ],
    ['no header block at all', () => fixture('malformed-no-headers.eml'), ['suspended'], /no usable From/],
    [
      'no From',
      () => 'To: support@example.com\r\nSubject: Anonymous\r\nMessage-ID: <nofrom@x.test>\r\n\r\nwho am I',
      ['suspended'],
      /no usable From/,
    ],
    [
      'no Message-ID and no Subject',
      () => 'From: bare@customer.test\r\nTo: support@example.com\r\n\r\nJust text.',
      ['processed'],
      null,
    ],
    [
      'an empty body',
      () =>
        'From: empty@customer.test\r\nTo: support@example.com\r\nSubject: Empty\r\nMessage-ID: <empty@x.test>\r\n\r\n',
      ['suspended'],
      /no text/,
    ],
    ['100 levels of multipart nesting', () => nested(100), ['processed', 'failed'], null],
    // Fields past the bounds are left out (MAIL_LIMITS); the message is filed.
    ['a 1 MB header block', hugeHeader, ['processed'], null],
  ])('%s', async (_name, make, statuses, reason) => {
    const row = await deliver(make());
    expect(statuses).toContain(row.status);
    if (row.status !== 'processed') expect(row.reason).toBeTruthy();
    if (reason) expect(row.reason).toMatch(reason);
  });

  it('a message without Message-ID or Subject gets a placeholder subject and dedupes by content', async () => {
    const raw = 'From: nomid@customer.test\r\nTo: support@example.com\r\n\r\nNo id here.';
    const a = await post(raw);
    const b = await post(raw);
    expect(b.body.inbound_message).toMatchObject({ id: a.body.inbound_message.id, duplicate: true });
    const { ticket } = await landed(
      'From: nomid2@customer.test\r\nTo: support@example.com\r\n\r\nNo subject.',
    );
    expect(ticket.subject).toBe('(no subject)');
  });

  it('later mail keeps flowing', async () => {
    const { ticket } = await landed(
      'From: after@customer.test\r\nTo: support@example.com\r\nSubject: After the storm\r\nMessage-ID: <after@x.test>\r\n\r\nStill here.',
    );
    expect(ticket.subject).toBe('After the storm');
  });
});
