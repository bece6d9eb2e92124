import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('../../platform/http/server.js', async (load) =>
  (await import('./route-recorder.js')).recordingServer(await load()),
);

import { startTestApp, type TestApp } from '../harness.js';
import { fingerprint, send } from './http.js';
import { type RecordedRoute, recordedRoutes } from './route-recorder.js';
import { isApiRoute, sweepGetRoutes } from './sweep.js';
import { buildWorld, endUserMarkers, leakedMarkers, type World } from './world.js';

let t: TestApp;
let world: World;
let routes: RecordedRoute[];

beforeAll(async () => {
  // Sweeps send thousands of requests: no budget may stop them early.
  t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
  world = await buildWorld(t);
  routes = recordedRoutes(t.app.http).filter(isApiRoute);
});
afterAll(() => t?.close());

describe('an end-user and another customer’s ticket', () => {
  it('cannot find it through any GET route of the API', async () => {
    expect(routes.filter((r) => r.method === 'GET').length).toBeGreaterThan(100);
    expect(await sweepGetRoutes(t, routes, world, world.users.customer, endUserMarkers(world))).toEqual([]);
  });

  it('gets the same 404, byte for byte, for the hidden ticket as for a missing one', async () => {
    const { customer } = world.users;
    const hidden = world.tickets.secret.id;
    const missing = 987_654_321;
    for (const suffix of ['', '.json', '/comments', '/audits', '/tags', '/comments.json']) {
      const seen = await send(t, customer, 'GET', `/api/v2/tickets/${hidden}${suffix}`);
      const none = await send(t, customer, 'GET', `/api/v2/tickets/${missing}${suffix}`);
      expect(seen.status, suffix).toBe(404);
      expect(fingerprint(seen), suffix).toEqual(fingerprint(none));
    }
    const update = { ticket: { comment: { body: 'let me in' } } };
    const put = await send(t, customer, 'PUT', `/api/v2/tickets/${hidden}`, { json: update });
    const putMissing = await send(t, customer, 'PUT', `/api/v2/tickets/${missing}`, { json: update });
    expect(put.status).toBe(404);
    expect(fingerprint(put)).toEqual(fingerprint(putMissing));
  });

  it('gets the same 404 for its people, organization, files and job status as for missing ones', async () => {
    const { customer, other } = world.users;
    const pairs: [string, string][] = [
      [`/api/v2/users/${other.user.id}`, '/api/v2/users/987654321'],
      [`/api/v2/organizations/${world.organizations.globex.id}`, '/api/v2/organizations/987654321'],
      [`/api/v2/attachments/${world.attachments.publicFile.attachmentId}`, '/api/v2/attachments/987654321'],
      [`/api/v2/attachments/${world.attachments.noteFile.attachmentId}`, '/api/v2/attachments/987654321'],
      [`/api/v2/attachments/${world.attachments.unusedUpload.attachmentId}`, '/api/v2/attachments/987654321'],
      [`/api/v2/job_statuses/${world.jobStatusId}`, '/api/v2/job_statuses/x0x0x0x0x0x0x0x0x0x0x0'],
    ];
    for (const [hidden, missing] of pairs) {
      const seen = await send(t, customer, 'GET', hidden);
      expect(seen.status, hidden).toBe(404);
      expect(fingerprint(seen), hidden).toEqual(fingerprint(await send(t, customer, 'GET', missing)));
    }
  });

  it('lists, shows, counts, searches and exports only what the customer may see', async () => {
    const { customer } = world.users;
    const { own, orgShared, ccd, secret } = world.tickets;
    const visible = [own.id, orgShared.id, ccd.id].sort((a, b) => a - b);

    const list = await send(t, customer, 'GET', '/api/v2/tickets?per_page=100');
    expect(list.json.tickets.map((x: { id: number }) => x.id).sort((a: number, b: number) => a - b)).toEqual(
      visible,
    );
    expect(list.json.count).toBe(visible.length);
    const cursor = await send(t, customer, 'GET', '/api/v2/tickets?page[size]=100');
    expect(cursor.json.tickets).toHaveLength(visible.length);

    const many = await send(t, customer, 'GET', `/api/v2/tickets/show_many?ids=${secret.id},${own.id}`);
    expect(many.json.tickets.map((x: { id: number }) => x.id)).toEqual([own.id]);

    const search = await send(t, customer, 'GET', '/api/v2/search?query=type:ticket');
    expect(search.json.count).toBe(visible.length);
    const byWord = await send(t, customer, 'GET', `/api/v2/search?query=${world.markers.subject}`);
    expect(byWord.json).toMatchObject({ results: [], count: 0 });
    const count = await send(t, customer, 'GET', `/api/v2/search/count?query=${world.markers.subject}`);
    expect(count.json.count).toBe(0);
    const exported = await send(
      t,
      customer,
      'GET',
      `/api/v2/search/export?query=${world.markers.reply}&filter[type]=ticket`,
    );
    expect(exported.json.results).toEqual([]);
    const people = await send(
      t,
      customer,
      'GET',
      `/api/v2/search?query=type:user ${world.users.other.user.email}`,
    );
    expect(people.status).toBe(403);
  });

  it('sees nothing of it through the other customer’s or organization’s ticket lists', async () => {
    const { customer, other } = world.users;
    for (const path of [
      `/api/v2/users/${other.user.id}/tickets/requested`,
      `/api/v2/users/${other.user.id}/tickets/ccd`,
      `/api/v2/users/${world.users.agent.user.id}/tickets/assigned`,
      `/api/v2/organizations/${world.organizations.globex.id}/tickets`,
    ]) {
      const res = await send(t, customer, 'GET', path);
      expect([200, 404], path).toContain(res.status);
      const ids = (res.json?.tickets ?? []).map((x: { id: number }) => x.id);
      expect(ids, path).not.toContain(world.tickets.secret.id);
      if (res.status === 200) expect(res.json.count ?? ids.length, path).toBe(ids.length);
    }
    const shared = await send(
      t,
      customer,
      'GET',
      `/api/v2/organizations/${world.organizations.acme.id}/tickets`,
    );
    expect(shared.json.tickets.map((x: { id: number }) => x.id)).toContain(world.tickets.orgShared.id);
  });

  it('is refused the agents’ and admins’ exports, job lists and tag lists', async () => {
    const { customer } = world.users;
    for (const path of [
      '/api/v2/incremental/tickets/cursor?start_time=0',
      '/api/v2/incremental/tickets?start_time=0',
      '/api/v2/incremental/users?start_time=0',
      '/api/v2/incremental/organizations?start_time=0',
      '/api/v2/tags',
      '/api/v2/autocomplete/tags?name=sec',
      `/api/v2/tickets/${world.tickets.secret.id}/metrics`,
    ]) {
      expect((await send(t, customer, 'GET', path)).status, path).toBe(403);
    }
    const jobs = await send(t, customer, 'GET', '/api/v2/job_statuses');
    expect(jobs.json.job_statuses).toEqual([]);
    const many = await send(t, customer, 'GET', `/api/v2/job_statuses/show_many?ids=${world.jobStatusId}`);
    expect(many.json.job_statuses).toEqual([]);
  });

  it('cannot fetch a file without its signed link, nor another customer’s upload', async () => {
    const { customer } = world.users;
    const id = world.attachments.publicFile.attachmentId;
    const asOther = await send(t, world.users.other, 'GET', `/api/v2/attachments/${id}`);
    expect(asOther.status).toBe(200);
    const link = new URL(asOther.json.attachment.content_url);
    const signature = link.pathname.split('/')[3]!;
    const forged = [
      `/attachments/${id}/${'A'.repeat(signature.length)}/${world.markers.publicFile}`,
      `/attachments/${id}/${signature.slice(0, -1)}/${world.markers.publicFile}`,
      `/attachments/${world.attachments.noteFile.attachmentId}/${signature}/${world.markers.noteFile}`,
      `/attachments/${id}/${signature}`,
      `/attachments/${id}`,
    ];
    for (const path of forged) {
      const res = await send(t, customer, 'GET', path);
      expect(res.status, path).toBe(404);
      expect(leakedMarkers(res.text, endUserMarkers(world)), path).toEqual([]);
    }
    const signed = await send(t, null, 'GET', link.pathname);
    expect(signed.status).toBe(200);
    expect(signed.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(signed.headers.get('x-content-type-options')).toBe('nosniff');

    const steal = await send(t, customer, 'PUT', `/api/v2/tickets/${world.tickets.own.id}`, {
      json: { ticket: { comment: { body: 'mine now', uploads: [world.attachments.unusedUpload.token] } } },
    });
    expect(steal.status).toBe(422);
    expect(Object.keys(steal.json.details)).toEqual(['uploads']);
    const remove = await send(
      t,
      customer,
      'DELETE',
      `/api/v2/uploads/${world.attachments.unusedUpload.token}`,
    );
    expect(remove.status).toBe(404);
  });

  it('cannot change, tag, delete, merge or follow up on it', async () => {
    const { customer } = world.users;
    const { secret, own } = world.tickets;
    const attempts: [string, string, unknown][] = [
      ['PUT', `/api/v2/tickets/${secret.id}`, { ticket: { status: 'solved' } }],
      ['DELETE', `/api/v2/tickets/${secret.id}`, undefined],
      ['PUT', `/api/v2/tickets/${secret.id}/tags`, { tags: ['mine'] }],
      ['POST', `/api/v2/tickets/${secret.id}/tags`, { tags: ['mine'] }],
      ['POST', `/api/v2/tickets/${own.id}/merge`, { ids: [secret.id] }],
      ['PUT', `/api/v2/tickets/update_many?ids=${secret.id}`, { ticket: { status: 'solved' } }],
      ['DELETE', `/api/v2/tickets/destroy_many?ids=${secret.id}`, undefined],
    ];
    for (const [method, path, json] of attempts) {
      const res = await send(t, customer, method, path, json === undefined ? {} : { json });
      expect([403, 404], `${method} ${path}`).toContain(res.status);
    }
    const followUp = await send(t, customer, 'POST', '/api/v2/tickets', {
      json: { ticket: { comment: { body: 'about that one' }, via_followup_source_id: secret.id } },
    });
    expect([404, 422]).toContain(followUp.status);
    expect(leakedMarkers(followUp.text, endUserMarkers(world))).toEqual([]);
    const after = await send(t, world.users.admin, 'GET', `/api/v2/tickets/${secret.id}`);
    expect(after.json.ticket).toMatchObject({ status: 'open', tags: [world.markers.tag] });
  });
});

describe('an end-user on tickets they may see', () => {
  it('never sees an internal note or its file, in comments or audits', async () => {
    const { customer } = world.users;
    const { ccd } = world.tickets;
    for (const path of [`/api/v2/tickets/${ccd.id}/comments`, `/api/v2/tickets/${ccd.id}/audits`]) {
      const res = await send(t, customer, 'GET', path);
      expect(res.status, path).toBe(200);
      expect(leakedMarkers(res.text, [world.markers.note]), path).toEqual([]);
    }
    const note = await send(
      t,
      customer,
      'GET',
      `/api/v2/attachments/${world.attachments.noteFile.attachmentId}`,
    );
    expect(note.status).toBe(404);
  });

  it('never sees the agents’ notes on themselves or their organization', async () => {
    const { customer } = world.users;
    const secrets = [world.markers.userNote, world.markers.orgNote];
    const login = await send(t, null, 'POST', '/auth/login', {
      json: { email: customer.user.email, password: world.password },
    });
    expect(login.status).toBe(200);
    expect(leakedMarkers(login.text, secrets)).toEqual([]);
    for (const path of [
      '/auth/session',
      '/api/v2/users/me',
      `/api/v2/users/${customer.user.id}?include=organizations`,
      `/api/v2/organizations/${world.organizations.acme.id}`,
      `/api/v2/tickets/${world.tickets.orgShared.id}?include=users,organizations`,
      `/api/v2/tickets/${world.tickets.ccd.id}/comments?include=users`,
    ]) {
      const res = await send(t, customer, 'GET', path);
      expect(res.status, path).toBe(200);
      expect(leakedMarkers(res.text, secrets), path).toEqual([]);
    }
    const asAgent = await send(
      t,
      world.users.agent,
      'GET',
      `/api/v2/tickets/${world.tickets.orgShared.id}?include=organizations`,
    );
    expect(asAgent.json.organizations[0].notes).toContain(world.markers.orgNote);
  });

  it('sees their organization’s tickets only when allowed to', async () => {
    const { orgShared } = world.tickets;
    expect((await send(t, world.users.customer, 'GET', `/api/v2/tickets/${orgShared.id}`)).status).toBe(200);
    expect((await send(t, world.users.acmePlain, 'GET', `/api/v2/tickets/${orgShared.id}`)).status).toBe(404);
    const plain = await send(
      t,
      world.users.acmePlain,
      'GET',
      `/api/v2/organizations/${world.organizations.acme.id}/tickets`,
    );
    expect(plain.json?.tickets ?? []).toEqual([]);
    const search = await send(t, world.users.acmePlain, 'GET', '/api/v2/search?query=printer');
    expect(search.json.results).toEqual([]);
  });
});
