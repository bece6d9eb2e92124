import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('../../platform/http/server.js', async (load) =>
  (await import('./route-recorder.js')).recordingServer(await load()),
);

import { createUser, startTestApp, type TestApp, type TestUser } from '../harness.js';
import { BAD_IDS, BAD_QUERIES, deeplyNested, sampleBody, wrongTypedBody } from './bad-input.js';
import { type RawResponse, send } from './http.js';
import { fillPath, type RecordedRoute, recordedRoutes } from './route-recorder.js';
import { isApiRoute } from './sweep.js';

const BODY_LIMIT = 16 * 1024;
const UPLOAD_LIMIT = 8 * 1024;

let t: TestApp;
let admin: TestUser;
let customer: TestUser;
let routes: RecordedRoute[];
let openapi: { paths: Record<string, Record<string, { requestBody?: any }>> };
let ticketId: number;

beforeAll(async () => {
  t = await startTestApp({
    env: {
      BODY_LIMIT_BYTES: String(BODY_LIMIT),
      UPLOAD_LIMIT_BYTES: String(UPLOAD_LIMIT),
      RATE_LIMIT_PER_MINUTE: '1000000',
    },
  });
  routes = recordedRoutes(t.app.http).filter(isApiRoute);
  admin = await createUser(t, { role: 'admin' });
  customer = await createUser(t, { role: 'end-user' });
  openapi = (await send(t, null, 'GET', '/api/docs/openapi.json')).json;
  const created = await send(t, customer, 'POST', '/api/v2/tickets', {
    json: { ticket: { subject: 'Mine', comment: { body: 'Hello' } } },
  });
  ticketId = created.json.ticket.id;
});
afterAll(() => t?.close());

const WRITES = new Set(['POST', 'PUT', 'PATCH']);
const WRITES_AND_DELETES = new Set([...WRITES, 'DELETE']);
/**
 * Known gap, reported: these lists answer 200 with no tickets for an unknown user or
 * organization instead of 404 (the same answer for a hidden one, so nothing leaks).
 */
const EMPTY_FOR_UNKNOWN_PARENT = [
  '/api/v2/users/:id/tickets/requested',
  '/api/v2/users/:id/tickets/ccd',
  '/api/v2/users/:id/tickets/assigned',
  '/api/v2/organizations/:id/tickets',
];
const key = (r: RecordedRoute) => `${r.method} ${r.url}`;
const openapiPath = (url: string) => url.replace(/:([A-Za-z_]+)/g, '{$1}');
/** Routes whose body is not JSON: uploads take the file, the mail webhook takes a message. */
const rawBody = (r: RecordedRoute) => r.url === '/api/v2/uploads' || r.url.endsWith('/inbound');
const pathOf = (r: RecordedRoute) =>
  fillPath(r.url, {}, r.url.startsWith('/api/v2/tickets/:id') ? ticketId : 1);

/** A client error in one of Zendesk's shapes, and nothing from the server's insides. */
function problemWith(res: RawResponse, what: string): string | null {
  if (res.status === 429) return `${what} was rate limited: the sweep proved nothing`;
  if (res.status >= 500) return `${what} → ${res.status} ${res.text.slice(0, 160)}`;
  if (/\bat .+\.(ts|js):\d+|node_modules|stack/i.test(res.text))
    return `${what} shows internals: ${res.text.slice(0, 160)}`;
  if (res.status >= 400 && typeof res.json?.error !== 'string')
    return `${what} → ${res.status} without an error name: ${res.text.slice(0, 120)}`;
  return null;
}

describe('bad input never gets a 500', () => {
  it('wrong JSON types in every body answer 422 naming a field', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const route of routes.filter((r) => WRITES.has(r.method) && r.hasBody && !rawBody(r))) {
      const spec = openapi.paths[openapiPath(route.url)]?.[route.method.toLowerCase()];
      const schema = spec?.requestBody?.content?.['application/json']?.schema;
      if (!schema) {
        problems.push(`${key(route)} has a body schema but none in the OpenAPI document`);
        continue;
      }
      const { body } = wrongTypedBody(schema);
      const res = await send(t, admin, route.method, pathOf(route), { json: body });
      checked += 1;
      const problem = problemWith(res, `${key(route)} ${JSON.stringify(body).slice(0, 80)}`);
      if (problem) problems.push(problem);
      else if (
        res.status !== 422 ||
        res.json.error !== 'RecordInvalid' ||
        Object.keys(res.json.details ?? {}).length === 0
      )
        problems.push(`${key(route)} → ${res.status} ${res.text.slice(0, 160)}`);
    }
    expect(checked).toBeGreaterThan(60);
    expect(problems).toEqual([]);
  });

  it('bodies that are not objects, not JSON, or nested thousands deep answer 4xx', async () => {
    const bodies: [string, string][] = [
      ['a string', '"just text"'],
      ['a list', '[1,2,3]'],
      ['null', 'null'],
      ['a number', '42'],
      ['broken JSON', '{"ticket": '],
      ['deep list', `{"ticket": {"comment": {"body": ${deeplyNested(7000)}}}}`],
      ['deep object', `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`],
      ['NUL in a key', '{"tick\\u0000et": {}}'],
      [
        'invalid UTF-8',
        Buffer.concat([
          Buffer.from('{"ticket": {"subject": "'),
          Buffer.from([0xff, 0xfe, 0xc3]),
          Buffer.from('"}}'),
        ]).toString('latin1'),
      ],
    ];
    const problems: string[] = [];
    for (const route of routes.filter((r) => WRITES.has(r.method) && !rawBody(r))) {
      for (const [what, body] of bodies) {
        const res = await send(t, admin, route.method, pathOf(route), {
          body,
          headers: { 'content-type': 'application/json' },
        });
        const problem = problemWith(res, `${key(route)} with ${what}`);
        if (problem) problems.push(problem);
        else if (route.hasBody && res.status < 400 && what !== 'invalid UTF-8')
          problems.push(`${key(route)} accepted ${what}: ${res.status}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('values nested thousands deep where a schema accepts anything answer 4xx', async () => {
    const deep = deeplyNested(6000);
    const problems: string[] = [];
    let checked = 0;
    for (const route of routes.filter((r) => WRITES.has(r.method) && r.hasBody && !rawBody(r))) {
      const spec = openapi.paths[openapiPath(route.url)]?.[route.method.toLowerCase()];
      const schema = spec?.requestBody?.content?.['application/json']?.schema;
      if (!schema) continue;
      const sample = JSON.stringify(sampleBody(schema, '<deep>'));
      if (!sample.includes('"<deep>"')) continue;
      const body = sample.replaceAll('"<deep>"', deep);
      checked += 1;
      const res = await send(t, admin, route.method, pathOf(route), {
        body,
        headers: { 'content-type': 'application/json' },
      });
      const problem = problemWith(res, `${key(route)} with a deep value`);
      if (problem) problems.push(problem);
      else if (res.status < 400)
        problems.push(`${key(route)} stored a value 6000 levels deep: ${res.status}`);
    }
    expect(checked).toBeGreaterThan(5);
    expect(problems).toEqual([]);
  });

  it('bodies over BODY_LIMIT_BYTES answer 413 on every route, uploads over their own limit too', async () => {
    const big = JSON.stringify({ ticket: { comment: { body: 'x'.repeat(BODY_LIMIT + 1) } } });
    const problems: string[] = [];
    for (const route of routes.filter((r) => WRITES.has(r.method) && !rawBody(r))) {
      const res = await send(t, admin, route.method, pathOf(route), {
        body: big,
        headers: { 'content-type': 'application/json' },
      });
      if (res.status !== 413 || res.json?.error !== 'PayloadTooLarge')
        problems.push(`${key(route)} → ${res.status}`);
    }
    expect(problems).toEqual([]);
    const upload = await send(t, customer, 'POST', '/api/v2/uploads?filename=big.bin', {
      body: Buffer.alloc(UPLOAD_LIMIT + 1, 1),
      headers: { 'content-type': 'application/binary' },
    });
    expect(upload.status).toBe(413);
    expect(upload.json.error).toBe('PayloadTooLarge');
    const fits = await send(t, customer, 'POST', '/api/v2/uploads?filename=ok.bin', {
      body: Buffer.alloc(UPLOAD_LIMIT - 1, 1),
      headers: { 'content-type': 'application/binary' },
    });
    expect(fits.status).toBe(201);
  });

  it('path parameters that are not IDs, or too big for one, answer 4xx on every route', async () => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => r.url.includes(':'))) {
      for (const bad of BAD_IDS) {
        const path = route.url.replace(/:([A-Za-z_]+)/g, bad);
        const res = await send(t, admin, route.method, path, WRITES.has(route.method) ? { json: {} } : {});
        const problem = problemWith(res, `${route.method} ${path}`);
        if (problem) problems.push(problem);
        else if (res.status < 400 && !(bad === '0' && EMPTY_FOR_UNKNOWN_PARENT.includes(route.url)))
          problems.push(`${route.method} ${path} → ${res.status} ${res.text.slice(0, 100)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('hostile query strings answer 2xx or 4xx on every GET route, never 500', async () => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => r.method === 'GET')) {
      for (const query of BAD_QUERIES) {
        const callers = route.access === 'agent' || route.access === 'admin' ? [admin] : [admin, customer];
        for (const who of callers) {
          const res = await send(t, who, 'GET', `${pathOf(route)}?${query}`);
          const problem = problemWith(res, `${who.user.role} GET ${pathOf(route)}?${query}`);
          if (problem) problems.push(problem);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('lone UTF-16 surrogates in every string of every write body answer 422 naming a field', async () => {
    const lone = ['\\ud800', '\\udfff', 'a\\udc00b', '\\ud83d'];
    const problems: string[] = [];
    let checked = 0;
    for (const route of routes.filter((r) => WRITES_AND_DELETES.has(r.method) && !rawBody(r))) {
      const spec = openapi.paths[openapiPath(route.url)]?.[route.method.toLowerCase()];
      const schema = spec?.requestBody?.content?.['application/json']?.schema;
      // Every string the schema takes, every value it takes as anything, and a key, hold a lone
      // surrogate; routes without a body schema must still not fail on one.
      const sample = schema ? JSON.stringify(sampleBody(schema, '<any>')) : '{"x":"x"}';
      for (const surrogate of lone) {
        const body = sample
          .replaceAll('"x"', `"${surrogate}"`)
          .replaceAll('"<any>"', `{"${surrogate}": ["${surrogate}"]}`);
        const res = await send(t, admin, route.method, pathOf(route), {
          body: body.replace(/^\{/, `{"${surrogate}":1,`),
          headers: { 'content-type': 'application/json' },
        });
        checked += 1;
        const problem = problemWith(res, `${key(route)} with ${surrogate}`);
        if (problem) problems.push(problem);
        else if (route.hasBody && (res.status !== 422 || Object.keys(res.json.details ?? {}).length === 0))
          problems.push(`${key(route)} with ${surrogate} → ${res.status} ${res.text.slice(0, 160)}`);
      }
    }
    expect(checked).toBeGreaterThan(250);
    expect(problems).toEqual([]);
  });

  it('a lone surrogate is refused naming the field, and paired ones (emoji) are kept', async () => {
    const create = await send(t, customer, 'POST', '/api/v2/tickets', {
      body: '{"ticket": {"subject": "Broken \\ud800 text", "comment": {"body": "Hello"}}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(create.status).toBe(422);
    expect(create.json.error).toBe('RecordInvalid');
    expect(Object.keys(create.json.details)).toEqual(['subject']);
    expect(create.json.details.subject[0].description).toMatch(/surrogate/);
    const tags = await send(t, admin, 'PUT', `/api/v2/tickets/${ticketId}`, {
      body: '{"ticket": {"tags": ["fine", "\\udc00"]}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(tags.status).toBe(422);
    expect(Object.keys(tags.json.details)).toEqual(['tags.1']);
    const emoji = await send(t, customer, 'POST', '/api/v2/tickets', {
      body: '{"ticket": {"subject": "Paired \\ud83d\\ude00 is fine", "comment": {"body": "Hello"}}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(emoji.status).toBe(201);
    expect(emoji.json.ticket.subject).toBe('Paired 😀 is fine');
  });

  it('text with NUL characters is refused with 422 naming the field', async () => {
    const create = await send(t, customer, 'POST', '/api/v2/tickets', {
      json: { ticket: { subject: 'Nul\u0000here', comment: { body: 'Hello' } } },
    });
    expect(create.status).toBe(422);
    expect(Object.keys(create.json.details)).toEqual(['subject']);
    const update = await send(t, customer, 'PUT', `/api/v2/tickets/${ticketId}`, {
      json: { ticket: { comment: { body: 'a\u0000b' } } },
    });
    expect(update.status).toBe(422);
    expect(Object.keys(update.json.details)).toEqual(['comment.body']);
    const profile = await send(t, customer, 'PUT', `/api/v2/users/${customer.user.id}`, {
      json: { user: { name: '\u0000' } },
    });
    expect(profile.status).toBe(422);
    expect(Object.keys(profile.json.details)).toEqual(['name']);
    const search = await send(t, customer, 'GET', '/api/v2/search?query=a%00b');
    expect(search.status).toBe(422);
    expect(Object.keys(search.json.details)).toEqual(['query']);
  });
});
