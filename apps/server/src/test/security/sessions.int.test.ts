import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestApp, type TestApp, type TestUser } from '../harness.js';
import { send } from './http.js';

const PASSWORD = 'correct horse battery staple';

let t: TestApp;
let customer: TestUser;
let agent: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  customer = await createUser(t, { role: 'end-user', password: PASSWORD });
  agent = await createUser(t, { role: 'agent', password: PASSWORD });
});
afterAll(() => t?.close());

type Session = { cookie: string; csrf: string; setCookie: string };

async function login(who: TestUser, app = t): Promise<Session> {
  const res = await send(app, null, 'POST', '/auth/login', {
    json: { email: who.user.email, password: PASSWORD },
  });
  expect(res.status).toBe(200);
  const setCookie = res.headers.get('set-cookie')!;
  return { cookie: setCookie.split(';')[0]!, csrf: res.json.csrf_token, setCookie };
}

const withSession = (session: Session, csrf?: string) => ({
  cookie: session.cookie,
  ...(csrf !== undefined ? { 'x-csrf-token': csrf } : {}),
});

describe('cookie sessions and CSRF', () => {
  it('sets an HttpOnly, SameSite, signed session cookie', async () => {
    const { setCookie, cookie } = await login(customer);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/^fl_session=[^.]+\.[^.]+/);
  });

  it('refuses PUT, POST and DELETE without X-CSRF-Token with 403, and accepts them with it', async () => {
    const session = await login(customer);
    const rename = { json: { user: { name: 'Renamed by cookie' } } };
    const path = `/api/v2/users/${customer.user.id}`;
    const without = await send(t, null, 'PUT', path, { ...rename, headers: withSession(session) });
    expect(without.status).toBe(403);
    expect(without.json.error).toBe('Forbidden');
    expect(
      (await send(t, null, 'PUT', path, { ...rename, headers: withSession(session, session.csrf) })).status,
    ).toBe(200);

    const ticket = { json: { ticket: { subject: 'From the web', comment: { body: 'Hi' } } } };
    expect(
      (await send(t, null, 'POST', '/api/v2/tickets', { ...ticket, headers: withSession(session) })).status,
    ).toBe(403);
    const created = await send(t, null, 'POST', '/api/v2/tickets', {
      ...ticket,
      headers: withSession(session, session.csrf),
    });
    expect(created.status).toBe(201);

    const agentSession = await login(agent);
    const remove = `/api/v2/tickets/${created.json.ticket.id}`;
    expect((await send(t, null, 'DELETE', remove, { headers: withSession(agentSession) })).status).toBe(403);
    expect(
      (await send(t, null, 'DELETE', remove, { headers: withSession(agentSession, agentSession.csrf) }))
        .status,
    ).toBe(204);
  });

  it('refuses a CSRF token from another session, even the same user’s', async () => {
    const first = await login(customer);
    const second = await login(customer);
    const other = await login(agent);
    const path = `/api/v2/users/${customer.user.id}`;
    const json = { user: { name: 'Forged' } };
    for (const csrf of [second.csrf, other.csrf, '', 'x'.repeat(first.csrf.length), `${first.csrf}x`]) {
      const res = await send(t, null, 'PUT', path, { json, headers: withSession(first, csrf) });
      expect(res.status, csrf).toBe(403);
    }
    const me = await send(t, customer, 'GET', '/api/v2/users/me');
    expect(me.json.user.name).not.toBe('Forged');
  });

  it('needs no CSRF token to read, and treats a tampered cookie as no session', async () => {
    const session = await login(customer);
    expect((await send(t, null, 'GET', '/api/v2/users/me', { headers: withSession(session) })).status).toBe(
      200,
    );
    const [name, value] = session.cookie.split('=') as [string, string];
    const flip = value.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${name}=${value.slice(0, -2)}${flip}${value.slice(-1)}`;
    expect((await send(t, null, 'GET', '/api/v2/users/me', { headers: { cookie: tampered } })).status).toBe(
      401,
    );
    const unsigned = `${name}=${decodeURIComponent(value).split('.')[0]}`;
    expect((await send(t, null, 'GET', '/api/v2/users/me', { headers: { cookie: unsigned } })).status).toBe(
      401,
    );
  });

  it('ends the session on logout (which itself needs the CSRF token)', async () => {
    const session = await login(customer);
    expect((await send(t, null, 'POST', '/auth/logout', { headers: withSession(session) })).status).toBe(403);
    expect(
      (await send(t, null, 'POST', '/auth/logout', { headers: withSession(session, session.csrf) })).status,
    ).toBe(204);
    expect((await send(t, null, 'GET', '/api/v2/users/me', { headers: withSession(session) })).status).toBe(
      401,
    );
  });

  it('marks the cookie Secure when the server is reached over https', async () => {
    const secure = await startTestApp({ env: { PUBLIC_URL: 'https://help.example.test' } });
    try {
      const who = await createUser(secure, { role: 'end-user', password: PASSWORD });
      expect((await login(who, secure)).setCookie).toMatch(/;\s*Secure/i);
    } finally {
      await secure.close();
    }
  });
});
