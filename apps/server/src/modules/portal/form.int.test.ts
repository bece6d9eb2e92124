import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../platform/clock.js';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../test/harness.js';
import { solve } from './proof-of-work.js';

let t: TestApp;
let dataDir: string;
let admin: TestUser;
let orderField: number;
let agentsOnlyField: number;
let sequence = 0;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'frontline-form-'));
  t = await startTestApp({ env: { DATA_DIR: dataDir } });
  admin = await createUser(t, { role: 'admin', password: 'agent-password-1' });
  const make = async (title: string, editable: boolean) =>
    (
      await api(t, admin, 'POST', '/api/v2/ticket_fields', {
        ticket_field: { type: 'text', title, visible_in_portal: editable, editable_in_portal: editable },
      })
    ).body.ticket_field.id as number;
  orderField = await make('Order number', true);
  agentsOnlyField = await make('Internal risk score', false);
});
afterAll(async () => {
  await t?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const clock = () => t.clock as ManualClock;

async function formPage(locale = 'en-us', cookie?: string) {
  const res = await fetch(`${t.url}/hc/${locale}/requests/new`, { headers: cookie ? { cookie } : {} });
  const html = await res.text();
  const challenge = /name="pow_challenge" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const bits = Number(/data-pow-bits="(\d+)"/.exec(html)?.[1] ?? '0');
  return { res, html, challenge, bits };
}

type Submit = {
  fields?: Record<string, string>;
  files?: { name: string; content: string }[];
  locale?: string;
  pay?: 'solve' | 'none';
  cookie?: string;
};

/** Fills in the form like a browser whose script solved the proof-of-work. */
async function submit({ fields = {}, files = [], locale = 'en-us', pay = 'solve', cookie }: Submit = {}) {
  sequence += 1;
  const page = await formPage(locale, cookie);
  const body = new FormData();
  const values: Record<string, string> = {
    name: 'Wang Fang',
    email: `wang${sequence}@customers.test`,
    subject: `Order ${sequence} never arrived`,
    description: 'I ordered a kettle two weeks ago.',
    fl_website: '',
    pow_challenge: page.challenge,
    pow_nonce: pay === 'solve' ? solve(page.challenge, page.bits) : '',
    ...fields,
  };
  for (const [key, value] of Object.entries(values)) body.append(key, value);
  for (const file of files)
    body.append('attachments', new Blob([file.content], { type: 'text/plain' }), file.name);
  const res = await fetch(`${t.url}/hc/${locale}/requests/new`, {
    method: 'POST',
    body,
    headers: cookie ? { cookie } : {},
  });
  return { status: res.status, html: await res.text(), email: values.email! };
}

const ticketOf = (email: string) =>
  t.database.db
    .selectFrom('tickets')
    .innerJoin('users', 'users.id', 'tickets.requester_id')
    .selectAll('tickets')
    .select(['users.locale as requester_locale', 'users.name as requester_name'])
    .where('users.email', '=', email)
    .execute();

describe('web form', () => {
  it('renders in Chinese and Arabic (right-to-left) with only the fields customers may fill', async () => {
    const zh = await formPage('zh-cn');
    expect(zh.res.status).toBe(200);
    expect(zh.res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(zh.html).toContain('<html lang="zh-cn" dir="ltr">');
    expect(zh.html).toContain('提交请求');
    expect(zh.html).toContain(`name="cf_${orderField}"`);
    expect(zh.html).not.toContain(`cf_${agentsOnlyField}`);
    expect(zh.html).not.toContain('Internal risk score');
    const ar = await formPage('ar');
    expect(ar.html).toContain('<html lang="ar" dir="rtl">');
    expect(ar.html).toContain('إرسال طلب');
    const unknown = await fetch(`${t.url}/hc/xx/requests/new`, { redirect: 'manual' });
    expect(unknown.status).toBe(302);
  });

  it('creates a ticket via web with the requester, custom field and attachment, in the page language', async () => {
    const res = await submit({
      locale: 'zh-cn',
      fields: { name: '王芳', [`cf_${orderField}`]: 'A-1001' },
      files: [{ name: 'receipt.txt', content: 'paid 30 EUR' }],
    });
    expect(res.status).toBe(201);
    expect(res.html).toContain('已收到请求');
    const [ticket] = await ticketOf(res.email);
    expect(ticket).toMatchObject({ via_channel: 'web', requester_name: '王芳', requester_locale: 'zh-CN' });
    expect(ticket!.custom_fields[String(orderField)]).toBe('A-1001');
    const comments = await api(t, admin, 'GET', `/api/v2/tickets/${ticket!.id}/comments`);
    expect(comments.body.comments[0]).toMatchObject({
      public: true,
      body: 'I ordered a kettle two weeks ago.',
    });
    expect(comments.body.comments[0].attachments[0].file_name).toBe('receipt.txt');
  });

  it('rejects a filled honeypot without creating anything', async () => {
    const res = await submit({ fields: { fl_website: 'http://spam.example' } });
    expect(res.status).toBe(422);
    expect(res.html).toContain('could not be accepted');
    expect(await ticketOf(res.email)).toHaveLength(0);
  });

  it('requires the proof-of-work: a missing, wrong, forged or reused one is refused', async () => {
    const wrong = await submit({ fields: { pow_nonce: 'not-a-solution' } });
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('spam check did not finish');
    const forged = await submit({
      fields: { pow_challenge: '1.1.abc.0123456789abcdef0123456789abcdef', name: 'Forger', pow_nonce: '1' },
    });
    expect(forged.status).toBe(422);
    const missing = await submit({ fields: { pow_challenge: '' } });
    expect(missing.status).toBe(422);
    for (const r of [wrong, forged, missing]) expect(await ticketOf(r.email)).toHaveLength(0);

    const page = await formPage();
    const nonce = solve(page.challenge, page.bits);
    const again = async (n: number) => {
      const body = new URLSearchParams({
        name: 'Re Use',
        email: `reuse${n}@customers.test`,
        subject: 'Twice',
        description: 'same solution',
        pow_challenge: page.challenge,
        pow_nonce: nonce,
      });
      return fetch(`${t.url}/hc/en-us/requests/new`, { method: 'POST', body });
    };
    expect((await again(1)).status).toBe(201);
    expect((await again(2)).status).toBe(422);
  });

  it('without JavaScript takes the slower path: the same form is accepted after 20 seconds', async () => {
    const page = await formPage();
    const body = () =>
      new URLSearchParams({
        name: 'No Script',
        email: 'noscript@customers.test',
        subject: 'Plain HTML',
        description: 'My browser runs no scripts',
        pow_challenge: page.challenge,
        pow_nonce: '',
      });
    const early = await fetch(`${t.url}/hc/en-us/requests/new`, { method: 'POST', body: body() });
    expect(early.status).toBe(422);
    const html = await early.text();
    expect(html).toContain('wait a few more seconds');
    expect(html).toContain('value="Plain HTML"');
    clock().advance(21_000);
    const later = await fetch(`${t.url}/hc/en-us/requests/new`, { method: 'POST', body: body() });
    expect(later.status).toBe(201);
  });

  it('re-renders validation errors with what was typed', async () => {
    const res = await submit({
      fields: { email: 'not-an-address', subject: '   ', description: 'Keep this text' },
    });
    expect(res.status).toBe(422);
    expect(res.html).toContain('Enter a valid email address.');
    expect(res.html).toContain('Subject is required.');
    expect(res.html).toContain('Keep this text');
    const ar = await submit({ locale: 'ar', fields: { name: '' } });
    expect(ar.status).toBe(422);
    expect(ar.html).toContain('اسمك مطلوب.');
  });

  it('limits submissions per email address with 429', async () => {
    await api(t, admin, 'PUT', '/api/v2/frontline/portal_settings', {
      portal_settings: { proof_of_work_bits: 4 },
    });
    const email = 'busy@customers.test';
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await submit({ fields: { email } })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    expect(statuses[10]).toBe(429);
    expect((await submit({ fields: { email } })).html).toContain('Too many requests');
    await api(t, admin, 'PUT', '/api/v2/frontline/portal_settings', {
      portal_settings: { proof_of_work_bits: 18 },
    });
  });

  it('still works in a browser where an agent is signed in to the agent app', async () => {
    const login = await fetch(`${t.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin.user.email, password: 'agent-password-1' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toMatch(/^fl_session=/);
    const res = await submit({ cookie });
    expect(res.status).toBe(201);
  });

  it('counts the suggestions a visitor saw before submitting as a search followed by a request', async () => {
    const page = await formPage();
    const cookie = (page.res.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toMatch(/^fl_hc=/);
    const query = 'kettle warranty claim';
    const suggest = await fetch(
      `${t.url}/api/v2/help_center/articles/suggestions?source=web_form&locale=en-us&query=${encodeURIComponent(query)}`,
      { headers: { cookie } },
    );
    expect(suggest.status).toBe(200);
    const res = await submit({ cookie, fields: { subject: query } });
    expect(res.status).toBe(201);
    const report = await api(t, admin, 'GET', '/api/v2/frontline/knowledge_report');
    const followed = report.body.knowledge_report.searches_followed_by_request;
    expect(followed.map((f: { query: string }) => f.query)).toContain(query);
  });
});
