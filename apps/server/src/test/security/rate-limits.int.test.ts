import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestApp, type TestApp, type TestUser } from '../harness.js';
import { send } from './http.js';

const LOGIN_LIMIT = 3;
const API_LIMIT = 5;
const PASSWORD = 'correct horse battery staple';

let t: TestApp;
let customer: TestUser;
let agent: TestUser;

beforeAll(async () => {
  t = await startTestApp({
    env: {
      LOGIN_RATE_LIMIT_PER_MINUTE: String(LOGIN_LIMIT),
      RATE_LIMIT_PER_MINUTE: String(API_LIMIT),
      API_PASSWORD_AUTH: 'true',
    },
  });
  customer = await createUser(t, { role: 'end-user', password: PASSWORD });
  agent = await createUser(t, { role: 'agent', password: PASSWORD });
});
afterAll(() => t?.close());

const login = (email: string, password: string) =>
  send(t, null, 'POST', '/auth/login', { json: { email, password } });
const basic = (email: string, secret: string) =>
  `Basic ${Buffer.from(`${email}:${secret}`).toString('base64')}`;

function expectTooMany(res: Awaited<ReturnType<typeof send>>) {
  expect(res.status).toBe(429);
  expect(res.json.error).toBe('TooManyRequests');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
}

describe('login rate limit', () => {
  it('answers 429 with Retry-After once an address has guessed LOGIN_RATE_LIMIT_PER_MINUTE times, even with the right password', async () => {
    const email = customer.user.email!;
    for (let i = 0; i < LOGIN_LIMIT; i++) expect((await login(email, `guess ${i}`)).status).toBe(401);
    expectTooMany(await login(email, 'one more guess'));
    expectTooMany(await login(email, PASSWORD));
    expect((await login(agent.user.email!, PASSWORD)).status).toBe(200);
  });

  it('limits password guesses over the API’s Basic auth the same way', async () => {
    const email = agent.user.email!;
    for (let i = 0; i < LOGIN_LIMIT; i++) {
      expect((await send(t, basic(email, `guess ${i}`), 'GET', '/api/v2/users/me')).status).toBe(401);
    }
    expectTooMany(await send(t, basic(email, 'one more guess'), 'GET', '/api/v2/users/me'));
    expectTooMany(await send(t, basic(email, PASSWORD), 'GET', '/api/v2/users/me'));
  });

  it('limits guessed API tokens too', async () => {
    // A fresh account: the web login and the API count one account's failures together.
    const target = await createUser(t, { role: 'end-user' });
    const email = `${target.user.email}/token`;
    for (let i = 0; i < LOGIN_LIMIT; i++) {
      expect((await send(t, basic(email, `guess-${i}`), 'GET', '/api/v2/tickets')).status).toBe(401);
    }
    expectTooMany(await send(t, basic(email, 'guess-again'), 'GET', '/api/v2/tickets'));
    const bystander = await createUser(t, { role: 'agent' });
    expect((await send(t, bystander, 'GET', '/api/v2/tickets')).status).toBe(200);
  });
});

describe('API rate limit', () => {
  it('sends X-Rate-Limit and X-Rate-Limit-Remaining on every response, and Retry-After only on the 429', async () => {
    const caller = await createUser(t, { role: 'agent' });
    const remaining: number[] = [];
    for (let i = 0; i < API_LIMIT; i++) {
      const res = await send(t, caller, 'GET', '/api/v2/tickets');
      expect(res.status).toBe(200);
      expect(res.headers.get('x-rate-limit')).toBe(String(API_LIMIT));
      expect(res.headers.get('retry-after')).toBeNull();
      remaining.push(Number(res.headers.get('x-rate-limit-remaining')));
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    const limited = await send(t, caller, 'GET', '/api/v2/tickets');
    expectTooMany(limited);
    expect(limited.headers.get('x-rate-limit')).toBe(String(API_LIMIT));
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    const other = await createUser(t, { role: 'agent' });
    const fresh = await send(t, other, 'GET', '/api/v2/tickets');
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('retry-after')).toBeNull();
  });

  it('errors (404, 422) count and carry the headers too, without Retry-After', async () => {
    const caller = await createUser(t, { role: 'agent' });
    const missing = await send(t, caller, 'GET', '/api/v2/tickets/987654321');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-rate-limit-remaining')).toBe(String(API_LIMIT - 1));
    expect(missing.headers.get('retry-after')).toBeNull();
  });

  it('limits callers without credentials on public API routes by address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= API_LIMIT; i++) {
      const res = await send(t, null, 'POST', '/api/v2/frontline/mailboxes/987654/inbound', {
        body: 'Subject: x\r\n\r\nx',
        headers: { 'content-type': 'message/rfc822' },
      });
      statuses.push(res.status);
    }
    expect(statuses.at(-1)).toBe(429);
  });
});
