import type { TestApp, TestUser } from '../harness.js';
import { send } from './http.js';
import type { RecordedRoute } from './route-recorder.js';
import { leakedMarkers, type World } from './world.js';

/** Routes a sweep skips: the web app's pages and files, and the WebSocket upgrade. */
export function isApiRoute(route: RecordedRoute) {
  return !route.websocket && (route.url.startsWith('/api/') || route.url.startsWith('/auth/'));
}

/**
 * A route's path with every parameter pointing at what the caller must not see: the
 * secret ticket, the other customer, their organization, the admin's job status, the
 * file on the internal note. Parameters the world has no record for get `fallback`.
 */
export function hiddenPath(url: string, world: World, fallback: string | number = 1) {
  const { tickets, users, organizations, groups, attachments } = world;
  const byPrefix: [RegExp, Record<string, string | number>][] = [
    [/^\/api\/v2\/tickets\/:ticket_id\/macros/, { ticket_id: tickets.secret.id, id: world.macroId }],
    [/^\/api\/v2\/(tickets|ticket_metrics|frontline\/tickets)\//, { id: tickets.secret.id }],
    [/^\/api\/v2\/users\/:id\/tickets\/assigned/, { id: users.agent.user.id }],
    [/^\/api\/v2\/users\//, { id: users.other.user.id, user_id: users.other.user.id }],
    [/^\/api\/v2\/organizations\//, { id: organizations.globex.id }],
    [/^\/api\/v2\/attachments\//, { id: attachments.noteFile.attachmentId }],
    [/^\/api\/v2\/job_statuses\//, { id: world.jobStatusId }],
    [/^\/api\/v2\/views\//, { id: world.viewId }],
    [/^\/api\/v2\/macros\//, { id: world.macroId }],
    [/^\/api\/v2\/groups\//, { id: groups.billing.id }],
    [/^\/api\/v2\/uploads\//, { token: attachments.unusedUpload.token }],
    [/^\/attachments\//, { id: attachments.noteFile.attachmentId, signature: 'x'.repeat(32), filename: 'f' }],
  ];
  const ids = byPrefix.find(([pattern]) => pattern.test(url))?.[1] ?? {};
  return url.replace(/:([A-Za-z_]+)/g, (_m, name: string) => String(ids[name] ?? fallback));
}

/**
 * Query strings that ask every kind of list for the hidden ticket: by ID, by words of
 * its subject, by its external ID and tag, with side-loads, from the start of time.
 */
export function hiddenQueries(url: string, world: World): string[] {
  const { secret, mergeTarget } = world.tickets;
  const { subject, tag, externalId } = world.markers;
  if (url === '/api/v2/job_statuses/show_many') return [`?ids=${world.jobStatusId}`];
  const common = `include=users,groups,organizations&start_time=0&filter[type]=ticket&name=${tag.slice(0, 6)}`;
  return [
    '',
    `?ids=${secret.id},${mergeTarget.id}&query=${encodeURIComponent(subject)}&external_id=${externalId}&${common}`,
    `?query=${encodeURIComponent(`type:ticket tags:${tag}`)}&${common}`,
    `?query=${encodeURIComponent(`requester:${world.users.other.user.email}`)}&${common}`,
    `?query=type:ticket&${common}`,
  ];
}

/**
 * Calls every GET route of the API as `who`, each parameter pointing at what they may
 * not see and each list asked for it, and returns every answer that shows one of the
 * markers or fails on the server's side.
 */
export async function sweepGetRoutes(
  t: TestApp,
  routes: RecordedRoute[],
  world: World,
  who: TestUser,
  markers: string[],
) {
  const problems: string[] = [];
  for (const route of routes.filter((r) => r.method === 'GET')) {
    const path = hiddenPath(route.url, world);
    for (const query of hiddenQueries(route.url, world)) {
      const res = await send(t, who, 'GET', `${path}${query}`);
      const leaked = leakedMarkers(res.text, markers);
      if (res.status >= 500 || res.status === 429 || leaked.length > 0)
        problems.push(
          `${res.status} GET ${path}${query} shows ${leaked.join(', ') || res.text.slice(0, 200)}`,
        );
    }
  }
  return problems;
}
