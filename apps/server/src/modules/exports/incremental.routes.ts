import {
  incrementalCursorQuery,
  incrementalOrganizationsTimePage,
  incrementalTicketsCursorPage,
  incrementalTicketsTimePage,
  incrementalTimeQuery,
  incrementalUsersCursorPage,
  incrementalUsersTimePage,
} from '@frontline/contracts';
import type { FastifyRequest } from 'fastify';
import type { Organization, Ticket, User } from '../../db/schema.js';
import { actorOf } from '../../platform/auth/actor.js';
import { isoOrNull } from '../../platform/http/iso-time.js';
import { baseUrl, linkWith } from '../../platform/http/pagination.js';
import type { HttpApp } from '../../platform/http/server.js';
import { organizationJson, userJson } from '../people/index.js';
import type { TicketsView } from '../tickets/index.js';
import type { IncrementalRepository } from './incremental.repository.js';
import type { IncrementalService } from './incremental.service.js';

export type IncrementalRoutesDeps = {
  incremental: IncrementalService;
  repository: IncrementalRepository;
  view: TicketsView;
  publicUrl?: string | undefined;
};

type CursorResult = Awaited<ReturnType<IncrementalService['cursorBased']>>;
type TimeResult = Awaited<ReturnType<IncrementalService['timeBased']>>;

/** Zendesk's incremental exports (admins only): tickets, users and organizations. */
export function registerIncrementalRoutes(
  app: HttpApp,
  { incremental, repository, view, publicUrl }: IncrementalRoutesDeps,
) {
  const admin = { access: 'admin' as const };

  /** Deleted tickets stay in the stream with status "deleted", as Zendesk exports them. */
  async function ticketsJson(rows: Ticket[], base: string) {
    const json = await view.tickets(rows, base);
    return json.map((t, i) => (rows[i]!.deleted_at ? { ...t, status: 'deleted' as const } : t));
  }
  const usersJson = (rows: User[], base: string) =>
    rows.map((u) => ({ ...userJson(u, base), active: u.active && u.deleted_at === null }));
  const organizationsJson = (rows: Organization[], base: string) =>
    rows.map((o) => ({ ...organizationJson(o, base), deleted_at: isoOrNull(o.deleted_at) }));

  const cursorLinks = (request: FastifyRequest, base: string, result: CursorResult) => ({
    after_url: linkWith(request, base, { cursor: result.afterCursor, start_time: null }),
    after_cursor: result.afterCursor,
    before_url: result.beforeCursor
      ? linkWith(request, base, { cursor: result.beforeCursor, start_time: null })
      : null,
    before_cursor: result.beforeCursor,
    end_of_stream: result.endOfStream,
  });
  const timeLinks = (request: FastifyRequest, base: string, result: TimeResult) => ({
    next_page: linkWith(request, base, { start_time: result.endTime }),
    count: result.page.length,
    end_time: result.endTime,
    end_of_stream: result.endOfStream,
  });

  app.get(
    '/api/v2/incremental/tickets/cursor',
    {
      config: admin,
      schema: { querystring: incrementalCursorQuery, response: { 200: incrementalTicketsCursorPage } },
    },
    async (request) => {
      const actor = actorOf(request);
      const result = await incremental.cursorBased(actor, repository.tickets, request.query);
      const base = baseUrl(request, publicUrl);
      return {
        tickets: await ticketsJson(result.page, base),
        ...cursorLinks(request, base, result),
        ...(await view.sideloads(actor, request.query.include, result.page, base)),
      };
    },
  );

  app.get(
    '/api/v2/incremental/tickets',
    {
      config: admin,
      schema: { querystring: incrementalTimeQuery, response: { 200: incrementalTicketsTimePage } },
    },
    async (request) => {
      const actor = actorOf(request);
      const result = await incremental.timeBased(actor, repository.tickets, request.query);
      const base = baseUrl(request, publicUrl);
      return {
        tickets: await ticketsJson(result.page, base),
        ...timeLinks(request, base, result),
        ...(await view.sideloads(actor, request.query.include, result.page, base)),
      };
    },
  );

  app.get(
    '/api/v2/incremental/users/cursor',
    {
      config: admin,
      schema: { querystring: incrementalCursorQuery, response: { 200: incrementalUsersCursorPage } },
    },
    async (request) => {
      const result = await incremental.cursorBased(actorOf(request), repository.users, request.query);
      const base = baseUrl(request, publicUrl);
      return { users: usersJson(result.page, base), ...cursorLinks(request, base, result) };
    },
  );

  app.get(
    '/api/v2/incremental/users',
    {
      config: admin,
      schema: { querystring: incrementalTimeQuery, response: { 200: incrementalUsersTimePage } },
    },
    async (request) => {
      const result = await incremental.timeBased(actorOf(request), repository.users, request.query);
      const base = baseUrl(request, publicUrl);
      return { users: usersJson(result.page, base), ...timeLinks(request, base, result) };
    },
  );

  app.get(
    '/api/v2/incremental/organizations',
    {
      config: admin,
      schema: { querystring: incrementalTimeQuery, response: { 200: incrementalOrganizationsTimePage } },
    },
    async (request) => {
      const result = await incremental.timeBased(actorOf(request), repository.organizations, request.query);
      const base = baseUrl(request, publicUrl);
      return { organizations: organizationsJson(result.page, base), ...timeLinks(request, base, result) };
    },
  );
}
