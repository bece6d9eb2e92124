import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('../../platform/http/server.js', async (load) =>
  (await import('./route-recorder.js')).recordingServer(await load()),
);

import { startTestApp, type TestApp } from '../harness.js';
import { send } from './http.js';
import { type RecordedRoute, recordedRoutes } from './route-recorder.js';
import { isApiRoute, sweepGetRoutes } from './sweep.js';
import { buildWorld, contentMarkers, leakedMarkers, type World } from './world.js';

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

describe('restricted and light agents', () => {
  it('a group-restricted agent finds nothing of another group’s ticket through any GET route', async () => {
    const { groupAgent } = world.users;
    expect(
      (await send(t, groupAgent, 'GET', `/api/v2/tickets/${world.tickets.supportTicket.id}`)).status,
    ).toBe(200);
    expect(await sweepGetRoutes(t, routes, world, groupAgent, contentMarkers(world))).toEqual([]);
  });

  it('an agent restricted to assigned tickets finds nothing of others through any GET route', async () => {
    const { assignedAgent } = world.users;
    expect(
      (await send(t, assignedAgent, 'GET', `/api/v2/tickets/${world.tickets.assignedTicket.id}`)).status,
    ).toBe(200);
    expect(
      (await send(t, assignedAgent, 'GET', `/api/v2/tickets/${world.tickets.supportTicket.id}`)).status,
    ).toBe(404);
    expect(await sweepGetRoutes(t, routes, world, assignedAgent, contentMarkers(world))).toEqual([]);
  });

  it('restricted agents cannot change, merge, bulk-update or work on tickets they cannot see', async () => {
    const { secret, supportTicket } = world.tickets;
    for (const who of [world.users.groupAgent, world.users.assignedAgent]) {
      const attempts: [string, string, unknown][] = [
        ['PUT', `/api/v2/tickets/${secret.id}`, { ticket: { comment: { body: 'x', public: false } } }],
        ['DELETE', `/api/v2/tickets/${secret.id}`, undefined],
        ['PUT', `/api/v2/tickets/${secret.id}/tags`, { tags: ['mine'] }],
        ['POST', `/api/v2/tickets/${supportTicket.id}/merge`, { ids: [secret.id] }],
        ['POST', `/api/v2/tickets/${secret.id}/merge`, { ids: [supportTicket.id] }],
        ['POST', `/api/v2/frontline/tickets/${secret.id}/escalate`, { reason: 'needs tier 3' }],
        [
          'POST',
          `/api/v2/frontline/tickets/${secret.id}/swarm`,
          { reason: 'help', group_ids: [world.groups.support.id] },
        ],
      ];
      for (const [method, path, json] of attempts) {
        const res = await send(t, who, method, path, json === undefined ? {} : { json });
        expect([403, 404], `${who.user.email} ${method} ${path}: ${res.text}`).toContain(res.status);
      }
      const bulk = await send(t, who, 'PUT', `/api/v2/tickets/update_many?ids=${secret.id}`, {
        json: { ticket: { status: 'solved' } },
      });
      expect(bulk.status).toBe(200);
      await t.app.jobs.runDue();
      const job = await send(t, who, 'GET', `/api/v2/job_statuses/${bulk.json.job_status.id}`);
      expect(job.json.job_status.results[0]).toMatchObject({ success: false });
      expect(leakedMarkers(job.text, contentMarkers(world))).toEqual([]);
    }
    const after = await send(t, world.users.admin, 'GET', `/api/v2/tickets/${secret.id}`);
    expect(after.json.ticket).toMatchObject({ status: 'open', tags: [world.markers.tag] });
  });

  it('a light agent reads and adds internal notes, and nothing more', async () => {
    const { lightAgent } = world.users;
    const id = world.tickets.supportTicket.id;
    expect((await send(t, lightAgent, 'GET', `/api/v2/tickets/${id}/comments`)).status).toBe(200);
    const note = await send(t, lightAgent, 'PUT', `/api/v2/tickets/${id}`, {
      json: { ticket: { comment: { body: 'A private thought' } } },
    });
    expect(note.status).toBe(200);
    expect(note.json.audit.events.find((e: { type: string }) => e.type === 'Comment').public).toBe(false);
    const attempts: [string, string, unknown][] = [
      ['PUT', `/api/v2/tickets/${id}`, { ticket: { comment: { body: 'Hello customer', public: true } } }],
      ['PUT', `/api/v2/tickets/${id}`, { ticket: { status: 'solved' } }],
      ['PUT', `/api/v2/tickets/${id}`, { ticket: { assignee_id: lightAgent.user.id } }],
      [
        'POST',
        '/api/v2/tickets',
        { ticket: { comment: { body: 'new' }, requester_id: world.users.acmePeer.user.id } },
      ],
      ['DELETE', `/api/v2/tickets/${id}`, undefined],
      ['PUT', `/api/v2/tickets/${id}/tags`, { tags: ['light'] }],
      ['POST', `/api/v2/tickets/${id}/merge`, { ids: [world.tickets.assignedTicket.id] }],
    ];
    for (const [method, path, json] of attempts) {
      const res = await send(t, lightAgent, method, path, json === undefined ? {} : { json });
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(403);
    }
    const comments = await send(t, world.users.admin, 'GET', `/api/v2/tickets/${id}/comments`);
    expect(comments.json.comments.filter((c: { public: boolean }) => c.public)).toHaveLength(1);
  });
});
