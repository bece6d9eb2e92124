import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../platform/clock.js';
import { createUser, startTestApp, type TestApp, type TestUser } from '../../test/harness.js';
import { send } from '../../test/security/http.js';

const PASSWORD = 'correct horse battery staple';
const basic = (email: string, secret: string) =>
  `Basic ${Buffer.from(`${email}:${secret}`).toString('base64')}`;

describe('password spraying: failed sign-ins per address across all accounts', () => {
  let t: TestApp;
  let accounts: TestUser[];

  beforeAll(async () => {
    // The defaults: 10 failures per account and address, 30 per address.
    t = await startTestApp({ env: { API_PASSWORD_AUTH: 'true', RATE_LIMIT_PER_MINUTE: '100000' } });
    accounts = [];
    for (let i = 0; i < 60; i++) accounts.push(await createUser(t, { role: 'agent' }));
    accounts.push(await createUser(t, { role: 'agent', password: PASSWORD }));
  });
  afterAll(() => t?.close());

  it('60 wrong passwords for 60 accounts from one address meet 429 with Retry-After after 30, on both sign-ins', async () => {
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof send>> | null = null;
    for (const [i, account] of accounts.slice(0, 60).entries()) {
      const email = account.user.email!;
      // Half through the web login, half through the API's Basic auth: one count.
      const res =
        i % 2 === 0
          ? await send(t, null, 'POST', '/auth/login', { json: { email, password: 'Winter2026!' } })
          : await send(t, basic(email, 'Winter2026!'), 'GET', '/api/v2/users/me');
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    expect(limited?.json.error).toBe('TooManyRequests');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);

    // The right password of an account never tried waits too, on both doors.
    const owner = accounts[60]!.user.email!;
    const login = await send(t, null, 'POST', '/auth/login', { json: { email: owner, password: PASSWORD } });
    expect(login.status).toBe(429);
    expect(Number(login.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await send(t, basic(owner, PASSWORD), 'GET', '/api/v2/users/me')).status).toBe(429);
    // API tokens are not a password sign-in through the login form, but a tried token counts:
    // bearer tokens cannot be sprayed by email and are never limited.
    expect((await send(t, accounts[0]!.bearer, 'GET', '/api/v2/users/me')).status).toBe(200);

    // Once the minute is over the address may sign in again.
    (t.clock as ManualClock).advance(61_000);
    const after = await send(t, null, 'POST', '/auth/login', { json: { email: owner, password: PASSWORD } });
    expect(after.status).toBe(200);
  });
});

describe('a new password ends the sessions signed in with the old one', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createUser(t, { role: 'admin' });
  });
  afterAll(() => t?.close());

  async function login(email: string, password: string) {
    const res = await send(t, null, 'POST', '/auth/login', { json: { email, password } });
    expect(res.status).toBe(200);
    return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: res.json.csrf_token as string };
  }
  const signedIn = async (session: { cookie: string }) =>
    (await send(t, null, 'GET', '/auth/session', { headers: { cookie: session.cookie } })).status === 200;

  it("an admin's reset ends all of the user's sessions", async () => {
    const person = await createUser(t, { role: 'agent', password: PASSWORD });
    const laptop = await login(person.user.email!, PASSWORD);
    const phone = await login(person.user.email!, PASSWORD);
    const reset = await send(t, admin, 'POST', `/api/v2/users/${person.user.id}/password`, {
      json: { password: 'a brand new secret' },
    });
    expect(reset.status).toBe(200);
    expect(await signedIn(laptop)).toBe(false);
    expect(await signedIn(phone)).toBe(false);
    await login(person.user.email!, 'a brand new secret');
  });

  it("an admin setting the password through the user's profile ends their sessions too", async () => {
    const person = await createUser(t, { role: 'end-user', password: PASSWORD });
    const session = await login(person.user.email!, PASSWORD);
    const update = await send(t, admin, 'PUT', `/api/v2/users/${person.user.id}`, {
      json: { user: { password: 'another new secret' } },
    });
    expect(update.status).toBe(200);
    expect(await signedIn(session)).toBe(false);
  });

  it('changing your own password keeps this session and ends your others', async () => {
    const person = await createUser(t, { role: 'agent', password: PASSWORD });
    const here = await login(person.user.email!, PASSWORD);
    const elsewhere = await login(person.user.email!, PASSWORD);
    const change = await send(t, null, 'PUT', `/api/v2/users/${person.user.id}/password`, {
      json: { previous_password: PASSWORD, password: 'my own new secret' },
      headers: { cookie: here.cookie, 'x-csrf-token': here.csrf },
    });
    expect(change.status).toBe(200);
    expect(await signedIn(here)).toBe(true);
    expect(await signedIn(elsewhere)).toBe(false);
  });
});
