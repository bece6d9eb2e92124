import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../platform/clock.js';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../test/harness.js';
import { type SmtpSink, startSmtpSink } from '../channels/email/testing/smtp-sink.js';

let t: TestApp;
let sink: SmtpSink;
let dataDir: string;
let agent: TestUser;
let carol: TestUser;
let dave: TestUser;
let carolTicket: number;
let daveTicket: number;

beforeAll(async () => {
  sink = await startSmtpSink();
  dataDir = await mkdtemp(path.join(tmpdir(), 'frontline-portal-'));
  t = await startTestApp({ env: { SMTP_URL: sink.url, DATA_DIR: dataDir } });
  agent = await createUser(t, { role: 'agent', name: 'Sam Agent' });
  carol = await createUser(t, { name: 'Carol Customer', password: 'carol-secret-1' });
  dave = await createUser(t, { name: 'Dave Customer' });
  const make = async (who: TestUser, subject: string) =>
    (
      await api(t, who, 'POST', '/api/v2/requests', {
        request: { subject, comment: { body: `${subject} body` } },
      })
    ).body.request.id as number;
  carolTicket = await make(carol, 'Carol cannot log in');
  daveTicket = await make(dave, 'Dave secret matter');
  await api(t, agent, 'PUT', `/api/v2/tickets/${carolTicket}`, {
    ticket: { comment: { body: 'NOTE: check her billing history', public: false } },
  });
  await api(t, agent, 'PUT', `/api/v2/tickets/${carolTicket}`, {
    ticket: {
      comment: { body: 'Please try resetting your password.', public: true },
      assignee_id: agent.user.id,
    },
  });
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const clock = () => t.clock as ManualClock;
const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const post = (path: string, body: URLSearchParams | FormData, cookie = '') =>
  fetch(`${t.url}${path}`, { method: 'POST', body, redirect: 'manual', headers: cookie ? { cookie } : {} });
const get = (path: string, cookie = '') =>
  fetch(`${t.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!;

/** Asks for a link and returns the one mailed (the path after the host). */
async function mailedLink(email: string) {
  const before = sink.received.length;
  const res = await post('/hc/en-us/signin/link', form({ email }));
  expect(res.status).toBe(200);
  await t.app.jobs.runDue();
  const [mail] = (await sink.waitFor(before + 1)).slice(before);
  expect(mail!.to).toEqual([email]);
  const url = /https?:\/\/\S+\/hc\/\S+/.exec(mail!.parsed.text ?? '')![0];
  return new URL(url).pathname;
}

/** Signs Carol in; by password after the first time, as sign-in links are limited to 5 an hour. */
async function signIn(email: string, by: 'link' | 'password' = 'password') {
  if (by === 'password') {
    const res = await post('/hc/en-us/signin/password', form({ email, password: 'carol-secret-1' }));
    expect(res.status).toBe(303);
    return cookieOf(res);
  }
  clock().advance(61 * 60 * 1000);
  const link = await mailedLink(email);
  const res = await post(link, form({}));
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/hc/en-us/requests');
  return cookieOf(res);
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('magic-link sign-in', () => {
  it('mails a link that signs in once, after a confirmation click', async () => {
    const link = await mailedLink(carol.user.email!);
    const confirm = await get(link);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain(`Continue to sign in as ${carol.user.email}`);
    const used = await post(link, form({}));
    expect(used.status).toBe(303);
    expect(cookieOf(used)).toMatch(/^fl_portal=/);
    const again = await post(link, form({}));
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('expired or was already used');
    expect((await get(link)).status).toBe(410);
  });

  it('expires a link after 15 minutes', async () => {
    const link = await mailedLink(carol.user.email!);
    clock().advance(16 * 60 * 1000);
    expect((await post(link, form({}))).status).toBe(410);
  });

  it('refuses a forged or altered link', async () => {
    const link = await mailedLink(carol.user.email!);
    const forged = link.replace(/\.([A-Za-z0-9_-])/, (_m, c: string) => `.${c === 'A' ? 'B' : 'A'}`);
    expect((await post(forged, form({}))).status).toBe(410);
    expect((await post('/hc/en-us/signin/link/1.abc', form({}))).status).toBe(410);
  });

  it('answers the same for an unknown address and mails nothing', async () => {
    const known = await post('/hc/en-us/signin/link', form({ email: carol.user.email! }));
    const unknown = await post('/hc/en-us/signin/link', form({ email: 'nobody@customers.test' }));
    expect(unknown.status).toBe(known.status);
    const strip = (html: string, email: string) => html.replaceAll(email, 'EMAIL');
    expect(strip(await unknown.text(), 'nobody@customers.test')).toBe(
      strip(await known.text(), carol.user.email!),
    );
    await t.app.jobs.runDue();
    await sink.waitFor(sink.received.length);
    expect(sink.received.some((m) => m.to.includes('nobody@customers.test'))).toBe(false);
  });

  it('limits link requests per address with 429', async () => {
    const email = 'limited@customers.test';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1)
      statuses.push((await post('/hc/en-us/signin/link', form({ email }))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('signs in with a password where one is set', async () => {
    const wrong = await post(
      '/hc/en-us/signin/password',
      form({ email: carol.user.email!, password: 'nope' }),
    );
    expect(wrong.status).toBe(401);
    const right = await post(
      '/hc/en-us/signin/password',
      form({ email: carol.user.email!, password: 'carol-secret-1' }),
    );
    expect(right.status).toBe(303);
    expect((await get('/hc/en-us/requests', cookieOf(right))).status).toBe(200);
  });
});

describe('customer portal', () => {
  it('sends the signed-out to sign in', async () => {
    const res = await get('/hc/en-us/requests');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/hc/en-us/signin');
  });

  it("lists and shows only the customer's own requests, with public comments only", async () => {
    const cookie = await signIn(carol.user.email!, 'link');
    const list = await (await get('/hc/en-us/requests', cookie)).text();
    expect(list).toContain('Carol cannot log in');
    expect(list).not.toContain('Dave secret matter');
    const page = await get(`/hc/en-us/requests/${carolTicket}`, cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Please try resetting your password.');
    expect(html).toContain('Sam Agent');
    expect(html).not.toContain('billing history');
    expect((await get(`/hc/en-us/requests/${daveTicket}`, cookie)).status).toBe(404);
    const theirs = await post(
      `/hc/en-us/requests/${daveTicket}`,
      form({ _csrf: csrfOf(html), body: 'hi' }),
      cookie,
    );
    expect(theirs.status).toBe(404);
  });

  it('takes a reply with a file; the agent sees it on the ticket', async () => {
    const cookie = await signIn(carol.user.email!);
    const html = await (await get(`/hc/en-us/requests/${carolTicket}`, cookie)).text();
    const body = new FormData();
    body.append('_csrf', csrfOf(html));
    body.append('body', 'Reset did not help, screenshot attached.');
    body.append('attachments', new Blob(['not really a png']), 'screen.txt');
    const res = await post(`/hc/en-us/requests/${carolTicket}`, body, cookie);
    expect(res.status).toBe(303);
    const comments = await api(t, agent, 'GET', `/api/v2/tickets/${carolTicket}/comments`);
    const last = comments.body.comments.at(-1);
    expect(last).toMatchObject({
      body: 'Reset did not help, screenshot attached.',
      public: true,
      author_id: carol.user.id,
    });
    expect(last.via.channel).toBe('web');
    expect(last.attachments[0].file_name).toBe('screen.txt');
  });

  it('refuses a form without its CSRF token, and explains a blank reply', async () => {
    const cookie = await signIn(carol.user.email!);
    const missing = await post(`/hc/en-us/requests/${carolTicket}`, form({ body: 'forged' }), cookie);
    expect(missing.status).toBe(403);
    const html = await (await get(`/hc/en-us/requests/${carolTicket}`, cookie)).text();
    const blank = await post(
      `/hc/en-us/requests/${carolTicket}`,
      form({ _csrf: csrfOf(html), body: ' ' }),
      cookie,
    );
    expect(blank.status).toBe(422);
    expect(await blank.text()).toContain('Write a reply, attach a file or mark the request solved.');
  });

  it('marks a request solved', async () => {
    const cookie = await signIn(carol.user.email!);
    const html = await (await get(`/hc/zh-cn/requests/${carolTicket}`, cookie)).text();
    expect(html).toContain('标记为已解决');
    const res = await post(
      `/hc/zh-cn/requests/${carolTicket}`,
      form({ _csrf: csrfOf(html), solved: 'true' }),
      cookie,
    );
    expect(res.status).toBe(303);
    const ticket = await api(t, agent, 'GET', `/api/v2/tickets/${carolTicket}`);
    expect(ticket.body.ticket.status).toBe('solved');
  });

  it('signs out, ending the session', async () => {
    const cookie = await signIn(carol.user.email!);
    const html = await (await get('/hc/en-us/requests', cookie)).text();
    const out = await post('/hc/en-us/signout', form({ _csrf: csrfOf(html) }), cookie);
    expect(out.status).toBe(303);
    expect((await get('/hc/en-us/requests', cookie)).status).toBe(303);
  });
});
