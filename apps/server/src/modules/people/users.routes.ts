import {
  externalIdList,
  idList,
  idParams,
  jobStatus,
  paginationQuery,
  passwordChange,
  passwordSet,
  user,
  userInput,
  userRole,
} from '@frontline/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { User, UserRole } from '../../db/schema.js';
import { type Actor, actorOf } from '../../platform/auth/actor.js';
import { InvalidError } from '../../platform/http/errors.js';
import {
  baseUrl,
  type Page,
  type PageRequest,
  pageEnvelope,
  pageRequest,
} from '../../platform/http/pagination.js';
import type { HttpApp } from '../../platform/http/server.js';
import { jobStatusJson } from '../../platform/jobs/job-statuses.js';
import type { PeopleView } from './people.view.js';
import { parseUserQuery } from './user-rules.js';
import type { UserBulk } from './users.bulk.js';
import type { UsersService } from './users.service.js';

const one = z.object({ user }).catchall(z.unknown());
const many = z.object({ users: z.array(user) }).catchall(z.unknown());
const includeQuery = z.object({ include: z.string().max(200).optional() });
const userBody = z.object({ user: userInput });
const bulkUser = userInput.extend({
  password: z.never({ error: 'cannot be set in bulk; use POST /api/v2/users/{id}/password' }).optional(),
});

export type UserRoutesDeps = {
  users: UsersService;
  view: PeopleView;
  bulk: UserBulk;
  publicUrl?: string | undefined;
};

/** `role=agent`, `role[]=agent&role[]=admin` or `role=agent,admin`. */
function rolesOf(request: FastifyRequest): UserRole[] | undefined {
  const params = new URLSearchParams(request.url.split('?')[1] ?? '');
  const raw = [...params.getAll('role'), ...params.getAll('role[]')].flatMap((v) => v.split(','));
  if (raw.length === 0) return undefined;
  return raw.map((r) => {
    const parsed = userRole.safeParse(r.trim());
    if (!parsed.success) throw InvalidError.field('role', `${r} is not end-user, agent or admin`);
    return parsed.data;
  });
}

export function registerUserRoutes(app: HttpApp, { users, view, bulk, publicUrl }: UserRoutesDeps) {
  const base = (request: FastifyRequest) => baseUrl(request, publicUrl);

  async function listReply(
    request: FastifyRequest,
    actor: Actor,
    page: PageRequest,
    result: Page<User>,
    include?: string,
  ) {
    const b = base(request);
    return {
      users: await view.users(actor, result.rows, b),
      ...(await view.userSideloads(actor, include, result.rows, b)),
      ...pageEnvelope(request, b, page, result),
    };
  }

  async function oneReply(request: FastifyRequest, actor: Actor, row: User, include?: string) {
    const b = base(request);
    const [body] = await view.users(actor, [row], b);
    return { user: body!, ...(await view.userSideloads(actor, include, [row], b)) };
  }

  app.get(
    '/api/v2/users',
    {
      config: { access: 'agent' },
      schema: {
        querystring: paginationQuery.extend({
          role: z.union([z.string().max(100), z.record(z.string(), z.string())]).optional(),
          external_id: z.string().max(255).optional(),
          organization_id: z.coerce.number().int().positive().optional(),
        }),
        response: { 200: many },
      },
    },
    async (request) => {
      const { external_id, organization_id, include } = request.query;
      const page = pageRequest(request.query);
      const roles = rolesOf(request);
      const result = await users.list(
        {
          ...(roles ? { roles } : {}),
          ...(external_id !== undefined ? { externalId: external_id } : {}),
          ...(organization_id !== undefined ? { organizationId: organization_id } : {}),
        },
        page,
      );
      return listReply(request, actorOf(request), page, result, include);
    },
  );

  app.get(
    '/api/v2/users/me',
    { schema: { querystring: includeQuery, response: { 200: one } } },
    async (request) => {
      const actor = actorOf(request);
      return oneReply(request, actor, actor.user, request.query.include);
    },
  );

  // Frontline addition: a user edits their own profile (name, locale, time zone, phone)
  // without knowing their ID; the same rules as PUT /users/{id} apply.
  app.put('/api/v2/users/me', { schema: { body: userBody, response: { 200: one } } }, async (request) => {
    const actor = actorOf(request);
    return oneReply(request, actor, await users.update(actor, actor.user.id, request.body.user));
  });

  app.get(
    '/api/v2/users/show_many',
    {
      config: { access: 'agent' },
      schema: {
        querystring: includeQuery.extend({ ids: idList.optional(), external_ids: externalIdList.optional() }),
        response: { 200: many },
      },
    },
    async (request) => {
      const { ids, external_ids, include } = request.query;
      if (!ids && !external_ids) throw InvalidError.field('ids', 'give ids or external_ids');
      const page: PageRequest = { mode: 'offset', page: 1, perPage: 100 };
      const result = await users.list(ids ? { ids } : { externalIds: external_ids! }, page);
      const b = base(request);
      const actor = actorOf(request);
      return {
        users: await view.users(actor, result.rows, b),
        ...(await view.userSideloads(actor, include, result.rows, b)),
      };
    },
  );

  app.get(
    '/api/v2/users/search',
    {
      config: { access: 'agent' },
      schema: {
        querystring: paginationQuery.extend({
          query: z.string().trim().max(500).optional(),
          external_id: z.string().max(255).optional(),
        }),
        response: { 200: many },
      },
    },
    async (request) => {
      const { query, external_id } = request.query;
      if (!query && external_id === undefined)
        throw InvalidError.field('query', "can't be blank: give query or external_id", 'BlankValue');
      const parsed = query ? parseUserQuery(query) : {};
      if ('error' in parsed) throw InvalidError.field('query', parsed.error);
      const filter = external_id !== undefined ? { ...parsed, externalId: external_id } : parsed;
      const page = pageRequest(request.query);
      return listReply(
        request,
        actorOf(request),
        page,
        await users.list(filter, page),
        request.query.include,
      );
    },
  );

  app.get(
    '/api/v2/users/autocomplete',
    {
      config: { access: 'agent' },
      schema: {
        querystring: paginationQuery.extend({ name: z.string().trim().min(1).max(255) }),
        response: { 200: many },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const result = await users.list({ namePrefix: request.query.name }, page);
      return listReply(request, actorOf(request), page, result, request.query.include);
    },
  );

  app.post(
    '/api/v2/users',
    { config: { access: 'agent' }, schema: { body: userBody, response: { 201: one } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const body = await oneReply(request, actor, await users.create(actor, request.body.user));
      return reply.code(201).header('location', body.user.url).send(body);
    },
  );

  app.post(
    '/api/v2/users/create_or_update',
    { config: { access: 'agent' }, schema: { body: userBody, response: { 200: one, 201: one } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { user: row, created } = await users.createOrUpdate(actor, request.body.user);
      const body = await oneReply(request, actor, row);
      if (created) reply.code(201).header('location', body.user.url);
      return reply.send(body);
    },
  );

  app.post(
    '/api/v2/users/create_many',
    {
      config: { access: 'agent' },
      schema: {
        body: z.object({ users: z.array(bulkUser).min(1).max(100) }),
        response: { 200: z.object({ job_status: jobStatus }) },
      },
    },
    async (request) => {
      const status = await bulk.start(actorOf(request), request.body.users);
      return { job_status: jobStatusJson(status, base(request)) };
    },
  );

  app.get(
    '/api/v2/users/:id',
    { schema: { params: idParams, querystring: includeQuery, response: { 200: one } } },
    async (request) => {
      const actor = actorOf(request);
      return oneReply(
        request,
        actor,
        await users.visibleUser(actor, request.params.id),
        request.query.include,
      );
    },
  );

  app.put(
    '/api/v2/users/:id',
    { schema: { params: idParams, body: userBody, response: { 200: one } } },
    async (request) => {
      const actor = actorOf(request);
      return oneReply(request, actor, await users.update(actor, request.params.id, request.body.user));
    },
  );

  app.delete(
    '/api/v2/users/:id',
    { config: { access: 'agent' }, schema: { params: idParams, response: { 200: one } } },
    async (request) => {
      const actor = actorOf(request);
      return oneReply(request, actor, await users.remove(actor, request.params.id));
    },
  );

  app.post(
    '/api/v2/users/:id/password',
    { config: { access: 'admin' }, schema: { params: idParams, body: passwordSet } },
    async (request) => {
      await users.setPassword(actorOf(request), request.params.id, request.body.password);
      return {};
    },
  );

  app.put(
    '/api/v2/users/:id/password',
    { schema: { params: idParams, body: passwordChange } },
    async (request) => {
      const { previous_password, password } = request.body;
      await users.changePassword(actorOf(request), request.params.id, previous_password, password);
      return {};
    },
  );
}
