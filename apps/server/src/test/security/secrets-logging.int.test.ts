import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logger.js';
import { createUser, startTestApp, type TestApp, type TestUser } from '../harness.js';
import { send } from './http.js';

/**
 * The server runs with its production logger (redaction included) at debug level,
 * writing to memory; a client then uses every kind of credential, and no secret may
 * appear in any line.
 */
const lines: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});

const PASSWORD = 'Tr0ub4dor&3-horse-staple';
const IMAP_PASSWORD = 'imap-password-do-not-log-7781';
const INBOUND_SECRET = 'inbound-secret-do-not-log-0123456789';

let t: TestApp;
let admin: TestUser;
let customer: TestUser;
const secrets: string[] = [];

beforeAll(async () => {
  t = await startTestApp({
    env: { API_PASSWORD_AUTH: 'true' },
    logger: createLogger('debug', false, sink),
  });
  admin = await createUser(t, { role: 'admin', password: PASSWORD });
  customer = await createUser(t, { role: 'end-user', password: PASSWORD });
  secrets.push(PASSWORD, IMAP_PASSWORD, INBOUND_SECRET, admin.token, customer.token);
  for (const who of [admin, customer]) secrets.push(who.authorization.slice('Basic '.length));
});
afterAll(() => t?.close());

const leaks = () => lines.filter((line) => secrets.some((s) => line.includes(s)));

describe('secrets never reach the log', () => {
  it('logs requests at debug level (so the check below can fail)', async () => {
    await send(t, customer, 'GET', '/api/v2/users/me');
    expect(lines.some((l) => l.includes('/api/v2/users/me'))).toBe(true);
  });

  it('not with API tokens, bearer tokens or passwords over Basic auth', async () => {
    expect((await send(t, customer, 'GET', '/api/v2/users/me')).status).toBe(200);
    expect((await send(t, customer.bearer, 'GET', '/api/v2/tickets')).status).toBe(200);
    const basicPassword = `Basic ${Buffer.from(`${customer.user.email}:${PASSWORD}`).toString('base64')}`;
    secrets.push(basicPassword.slice('Basic '.length));
    expect((await send(t, basicPassword, 'GET', '/api/v2/users/me')).status).toBe(200);
    const wrong = `Basic ${Buffer.from(`${customer.user.email}:${PASSWORD}x`).toString('base64')}`;
    secrets.push(`${PASSWORD}x`, wrong.slice('Basic '.length));
    expect((await send(t, wrong, 'GET', '/api/v2/users/me')).status).toBe(401);
    expect(leaks()).toEqual([]);
  });

  it('not with a password login, its session cookie or its CSRF token', async () => {
    const login = await send(t, null, 'POST', '/auth/login', {
      json: { email: customer.user.email, password: PASSWORD },
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = login.json.csrf_token as string;
    secrets.push(
      cookie.split('=').slice(1).join('='),
      decodeURIComponent(cookie.split('=')[1]!).split('.')[0]!,
      csrf,
    );
    const put = await send(t, null, 'PUT', `/api/v2/users/${customer.user.id}`, {
      json: { user: { name: 'Renamed' } },
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(put.status).toBe(200);
    const failed = await send(t, null, 'POST', '/auth/login', {
      json: { email: customer.user.email, password: `${PASSWORD}-wrong` },
    });
    secrets.push(`${PASSWORD}-wrong`);
    expect(failed.status).toBe(401);
    const change = await send(t, customer, 'PUT', `/api/v2/users/${customer.user.id}/password`, {
      json: { previous_password: PASSWORD, password: `${PASSWORD}-new` },
    });
    secrets.push(`${PASSWORD}-new`);
    expect(change.status).toBe(200);
    expect(leaks()).toEqual([]);
  });

  it('not with a new API token, nor mailbox credentials', async () => {
    const created = await send(t, admin, 'POST', '/api/v2/api_tokens', {
      json: { api_token: { description: 'Integration' } },
    });
    expect(created.status).toBe(201);
    secrets.push(created.json.api_token.token);
    const bearer = await send(t, `Bearer ${created.json.api_token.token}`, 'GET', '/api/v2/users/me');
    expect(bearer.status).toBe(200);
    const mailbox = await send(t, admin, 'POST', '/api/v2/frontline/mailboxes', {
      json: { mailbox: { address: 'help@example.test', inbound_secret: INBOUND_SECRET } },
    });
    expect(mailbox.status).toBe(201);
    const source = await send(
      t,
      admin,
      'POST',
      `/api/v2/frontline/mailboxes/${mailbox.json.mailbox.id}/imap_sources`,
      {
        json: { imap_source: { host: 'imap.example.test', username: 'help', password: IMAP_PASSWORD } },
      },
    );
    expect(source.status).toBe(201);
    expect(source.text).not.toContain(IMAP_PASSWORD);
    const inbound = await send(
      t,
      null,
      'POST',
      `/api/v2/frontline/mailboxes/${mailbox.json.mailbox.id}/inbound`,
      {
        body: 'From: someone@example.test\r\nTo: help@example.test\r\nSubject: Hi\r\nMessage-ID: <1@example.test>\r\n\r\nHello',
        headers: { 'content-type': 'message/rfc822', 'x-frontline-inbound-secret': INBOUND_SECRET },
      },
    );
    expect(inbound.status).toBe(202);
    expect(leaks()).toEqual([]);
  });

  it('not with the signature of an attachment link or an upload token in a URL', async () => {
    const uploaded = await send(t, customer, 'POST', '/api/v2/uploads?filename=note.txt', {
      body: 'hello',
      headers: { 'content-type': 'application/binary' },
    });
    expect(uploaded.status).toBe(201);
    const { token, attachment } = uploaded.json.upload;
    const link = new URL(attachment.content_url);
    const signature = link.pathname.split('/')[3]!;
    secrets.push(token, signature);
    expect((await send(t, null, 'GET', link.pathname)).status).toBe(200);
    const more = await send(t, customer, 'POST', `/api/v2/uploads?filename=more.txt&token=${token}`, {
      body: 'more',
      headers: { 'content-type': 'application/binary' },
    });
    expect(more.status).toBe(201);
    expect((await send(t, customer, 'DELETE', `/api/v2/uploads/${token}.json`)).status).toBe(204);
    expect(lines.some((l) => l.includes('/attachments/') && l.includes('[redacted]'))).toBe(true);
    expect(leaks()).toEqual([]);
  });

  it('not when a request fails on the server’s side either', async () => {
    const before = lines.length;
    await send(t, customer, 'GET', '/api/v2/search?query=%00');
    await send(t, customer, 'POST', '/api/v2/tickets', {
      body: '{"ticket": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(lines.length).toBeGreaterThan(before);
    expect(leaks()).toEqual([]);
  });
});
