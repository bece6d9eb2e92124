import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('../../platform/http/server.js', async (load) =>
  (await import('./route-recorder.js')).recordingServer(await load()),
);

import { createUser, startTestApp, type TestApp, type TestUser } from '../harness.js';
import { send } from './http.js';
import { fillPath, type RecordedRoute, recordedRoutes } from './route-recorder.js';

/**
 * Every route the server has, walked from the live app, so a route added without a
 * thought for who may call it fails here. A route under /api either says who may call
 * it (`config.access`) or is one of the routes below that every signed-in user may
 * call, each of which checks its records itself (tickets, people and files by policy).
 */
const USER_LEVEL = [
  'GET /api/v2/tickets',
  'POST /api/v2/tickets',
  'GET /api/v2/tickets/show_many',
  'GET /api/v2/tickets/:id',
  'PUT /api/v2/tickets/:id',
  'GET /api/v2/tickets/:id/comments',
  'GET /api/v2/tickets/:id/audits',
  'GET /api/v2/tickets/:id/tags',
  'GET /api/v2/users/:id/tickets/requested',
  'GET /api/v2/users/:id/tickets/ccd',
  'GET /api/v2/users/:id/tickets/assigned',
  'GET /api/v2/organizations/:id/tickets',
  'GET /api/v2/users/me',
  'PUT /api/v2/users/me',
  'GET /api/v2/users/:id',
  'PUT /api/v2/users/:id',
  'PUT /api/v2/users/:id/password',
  'GET /api/v2/organizations',
  'GET /api/v2/organizations/:id',
  'GET /api/v2/search',
  'GET /api/v2/search/count',
  'GET /api/v2/search/export',
  'GET /api/v2/job_statuses',
  'GET /api/v2/job_statuses/show_many',
  'GET /api/v2/job_statuses/:id',
  'POST /api/v2/uploads',
  'DELETE /api/v2/uploads/:token',
  'GET /api/v2/attachments/:id',
];

/**
 * The knowledge base's public reads (Zendesk Guide lets anyone read what their segment
 * allows; kb-visibility.int.test.ts walks them as each kind of reader) and the help center.
 */
const HELP_CENTER_PUBLIC = [
  ...[
    'categories',
    'categories/:id',
    'categories/:id/sections',
    'categories/:id/articles',
    'sections',
    'sections/:id',
    'sections/:id/articles',
    'articles',
    'articles/search',
    'articles/suggestions',
    'articles/:id',
  ].flatMap((p) => [`GET /api/v2/help_center/${p}`, `GET /api/v2/help_center/:locale/${p}`]),
  'POST /api/v2/frontline/kb/searches/:id/clicks', // a search result was opened (analytics only)
  'GET /hc',
  'GET /hc/sitemap.xml',
  'GET /hc/:locale',
  'GET /hc/:locale/categories/:id',
  'GET /hc/:locale/sections/:id',
  'GET /hc/:locale/articles/:id',
  'POST /hc/:locale/articles/:id/vote', // "was this helpful?" from a plain form
  'GET /hc/:locale/search',
  'GET /hc/:locale/search/click',
];

/**
 * The web form and the customer portal: the form and Zendesk's anonymous POST /requests
 * are open by design (honeypot, proof-of-work and per-address limits; an admin can turn
 * anonymous requests off); the portal's pages check their own signed-in customer and
 * answer the sign-in page otherwise (portal.int.test.ts).
 */
const PORTAL_PUBLIC = [
  'POST /api/v2/requests',
  'GET /hc/assets/portal-form.js',
  'GET /hc/:locale/requests/new',
  'POST /hc/:locale/requests/new',
  'GET /hc/:locale/signin',
  'POST /hc/:locale/signin/link',
  'GET /hc/:locale/signin/link/:token',
  'POST /hc/:locale/signin/link/:token',
  'POST /hc/:locale/signin/password',
  'POST /hc/:locale/signout',
  'GET /hc/:locale/requests',
  'GET /hc/:locale/requests/:id',
  'POST /hc/:locale/requests/:id',
];

/** Routes anyone may call, each with its own reason. */
const PUBLIC = [
  'GET /api/docs/openapi.json', // the API's description
  'POST /api/v2/frontline/mailboxes/:id/inbound', // mail webhooks; the mailbox's own secret is checked
  'POST /auth/login',
  'POST /auth/logout',
  'GET /attachments/:id/:signature/:filename', // a signed link is the permission
  'GET /healthz',
  'GET /readyz',
  'GET /', // redirects to the agent app
  'GET /login', // the web app's pages
  'GET /agent',
  'GET /agent/*',
  ...HELP_CENTER_PUBLIC,
  ...PORTAL_PUBLIC,
];

/** The web app's built files, served as they are. */
const isWebAppFile = (route: RecordedRoute) => /^\/agent\/[^*]+$/.test(route.url) && route.method === 'GET';

const key = (route: RecordedRoute) => `${route.method} ${route.url}`;
const pathOf = (route: RecordedRoute) => fillPath(route.url, {}, 1);

let t: TestApp;
let routes: RecordedRoute[];
let customer: TestUser;
let agent: TestUser;

beforeAll(async () => {
  // Sweeps send thousands of requests, many with wrong credentials: no budget may stop them early.
  t = await startTestApp({
    env: {
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
      LOGIN_RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
    },
  });
  routes = recordedRoutes(t.app.http);
  customer = await createUser(t, { role: 'end-user' });
  agent = await createUser(t, { role: 'agent' });
});
afterAll(() => t?.close());

async function call(route: RecordedRoute, who: TestUser | string | null) {
  const needsBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
  return send(t, who, route.method, pathOf(route), needsBody ? { json: {} } : {});
}

describe('route inventory', () => {
  it('finds the whole API', () => {
    expect(routes.length).toBeGreaterThan(200);
    expect(routes.filter((r) => r.url.startsWith('/api/v2/tickets')).length).toBeGreaterThan(15);
  });

  it('every route says who may call it, or is a known user-level, public or web-app route', () => {
    // Under /api the default is 'user'; elsewhere it is 'public'.
    const silent = routes.filter((r) => r.access === undefined);
    const unexplained = silent
      .filter((r) => r.url.startsWith('/api/') && !USER_LEVEL.includes(key(r)))
      .map(key);
    expect(unexplained).toEqual([]);
    const publicRoutes = [
      ...routes.filter((r) => r.access === 'public'),
      ...silent.filter((r) => !r.url.startsWith('/api/')),
    ];
    const unexpectedlyPublic = publicRoutes
      .filter((r) => !PUBLIC.includes(key(r)) && !isWebAppFile(r))
      .map(key);
    expect(unexpectedlyPublic).toEqual([]);
    const stale = [...USER_LEVEL, ...PUBLIC].filter((k) => !routes.some((r) => key(r) === k));
    expect(stale).toEqual([]);
  });

  it('every route that is not public answers 401 in Zendesk’s shape without credentials', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.access !== 'public' && !PUBLIC.includes(key(r)))) {
      if (isWebAppFile(route)) continue;
      const res = await call(route, null);
      if (res.status !== 401 || res.json?.error !== "Couldn't authenticate you")
        wrong.push(`${key(route)} → ${res.status} ${res.text.slice(0, 120)}`);
      else if (!res.headers.get('www-authenticate')) wrong.push(`${key(route)} has no WWW-Authenticate`);
    }
    expect(wrong).toEqual([]);
  });

  it('every route that is not public answers 401 to a wrong or malformed credential', async () => {
    const wrongToken = `Basic ${Buffer.from(`${customer.user.email}/token:not-the-token`).toString('base64')}`;
    const credentials = [
      wrongToken,
      'Bearer not-a-token',
      'Basic !!!',
      `Basic ${Buffer.from('no-colon').toString('base64')}`,
      'Digest abc',
    ];
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.access !== 'public' && !PUBLIC.includes(key(r)))) {
      if (isWebAppFile(route)) continue;
      for (const credential of credentials) {
        const res = await call(route, credential);
        if (res.status !== 401) wrong.push(`${key(route)} with ${credential} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('agents’ routes refuse an end-user, and admins’ routes refuse an agent, with 403', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.access === 'agent' || r.access === 'admin')) {
      const res = await call(route, customer);
      if (res.status !== 403 || res.json?.error !== 'Forbidden')
        wrong.push(`end-user ${key(route)} → ${res.status}`);
      if (route.access === 'admin') {
        const asAgent = await call(route, agent);
        if (asAgent.status !== 403) wrong.push(`agent ${key(route)} → ${asAgent.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the public mail webhook refuses a post without the mailbox’s secret', async () => {
    const res = await send(t, null, 'POST', '/api/v2/frontline/mailboxes/1/inbound', {
      body: 'From: a@b.example\r\nSubject: hi\r\n\r\nhello',
      headers: { 'content-type': 'message/rfc822' },
    });
    expect([401, 403, 404]).toContain(res.status);
  });

  it('the OpenAPI document describes every documented route with a security requirement', async () => {
    const doc = (await send(t, null, 'GET', '/api/docs/openapi.json')).json;
    expect(doc.security).toEqual([{ basic: [] }, { bearer: [] }]);
    const documented = Object.keys(doc.paths);
    expect(documented).toContain('/api/v2/tickets/{id}');
    expect(documented.every((p) => p.startsWith('/api/') || p.startsWith('/auth/'))).toBe(true);
  });
});
