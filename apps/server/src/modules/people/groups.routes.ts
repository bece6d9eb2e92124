import {
  group,
  groupInput,
  groupMembership,
  groupMembershipInput,
  id,
  idParams,
  paginationQuery,
  user,
} from '@frontline/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Group } from '../../db/schema.js';
import { actorOf } from '../../platform/auth/actor.js';
import {
  baseUrl,
  onePage,
  type Page,
  type PageRequest,
  pageEnvelope,
  pageRequest,
} from '../../platform/http/pagination.js';
import type { HttpApp } from '../../platform/http/server.js';
import type { MembershipFilter } from './groups.repository.js';
import type { GroupsService } from './groups.service.js';
import { groupJson, membershipJson } from './people.presenter.js';
import type { PeopleView } from './people.view.js';
import type { UsersService } from './users.service.js';

const one = z.object({ group }).catchall(z.unknown());
const many = z.object({ groups: z.array(group) }).catchall(z.unknown());
const memberships = z.object({ group_memberships: z.array(groupMembership) }).catchall(z.unknown());
const listSchema = { querystring: paginationQuery, response: { 200: many } };

export type GroupRoutesDeps = {
  groups: GroupsService;
  users: UsersService;
  view: PeopleView;
  publicUrl?: string | undefined;
};

/** Groups are for agents to read and admins to change; so are memberships. */
export function registerGroupRoutes(app: HttpApp, deps: GroupRoutesDeps) {
  const { groups, users, view } = deps;
  const base = (request: FastifyRequest) => baseUrl(request, deps.publicUrl);
  const agent = { access: 'agent' as const };
  const admin = { access: 'admin' as const };

  function groupsReply(request: FastifyRequest, page: PageRequest, result: Page<Group>) {
    const b = base(request);
    return { groups: result.rows.map((g) => groupJson(g, b)), ...pageEnvelope(request, b, page, result) };
  }

  async function membershipsReply(
    request: FastifyRequest,
    query: z.infer<typeof paginationQuery>,
    filter: MembershipFilter,
  ) {
    const page = pageRequest(query);
    const result = await groups.memberships(filter, page);
    const b = base(request);
    return {
      group_memberships: result.rows.map((m) => membershipJson(m, b)),
      ...pageEnvelope(request, b, page, result),
    };
  }

  app.get('/api/v2/groups', { config: agent, schema: listSchema }, async (request) => {
    const page = pageRequest(request.query);
    return groupsReply(request, page, await groups.list(page));
  });

  app.get('/api/v2/groups/assignable', { config: agent, schema: listSchema }, async (request) => {
    const page = pageRequest(request.query);
    return groupsReply(request, page, await groups.assignable(actorOf(request), page));
  });

  app.get(
    '/api/v2/groups/:id',
    { config: agent, schema: { params: idParams, response: { 200: one } } },
    async (request) => ({ group: groupJson(await groups.findGroup(request.params.id), base(request)) }),
  );

  app.post(
    '/api/v2/groups',
    { config: admin, schema: { body: z.object({ group: groupInput }), response: { 201: one } } },
    async (request, reply) => {
      const body = { group: groupJson(await groups.create(request.body.group), base(request)) };
      return reply.code(201).header('location', body.group.url).send(body);
    },
  );

  app.put(
    '/api/v2/groups/:id',
    {
      config: admin,
      schema: { params: idParams, body: z.object({ group: groupInput }), response: { 200: one } },
    },
    async (request) => ({
      group: groupJson(await groups.update(request.params.id, request.body.group), base(request)),
    }),
  );

  app.delete(
    '/api/v2/groups/:id',
    { config: admin, schema: { params: idParams } },
    async (request, reply) => {
      await groups.remove(request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v2/groups/:id/users',
    {
      config: agent,
      schema: {
        params: idParams,
        querystring: paginationQuery,
        response: { 200: z.object({ users: z.array(user) }).catchall(z.unknown()) },
      },
    },
    async (request) => {
      const found = await groups.findGroup(request.params.id);
      const page = pageRequest(request.query);
      const result = await users.list({ groupId: found.id }, page);
      const b = base(request);
      return {
        users: await view.users(actorOf(request), result.rows, b),
        ...pageEnvelope(request, b, page, result),
      };
    },
  );

  app.get(
    '/api/v2/groups/:id/memberships',
    {
      config: agent,
      schema: { params: idParams, querystring: paginationQuery, response: { 200: memberships } },
    },
    async (request) => {
      const found = await groups.findGroup(request.params.id);
      return membershipsReply(request, request.query, { groupId: found.id });
    },
  );

  app.get(
    '/api/v2/users/:id/groups',
    { config: agent, schema: { params: idParams, querystring: paginationQuery, response: { 200: many } } },
    async (request) => {
      const member = await users.visibleUser(actorOf(request), request.params.id);
      const rows = await groups.groupsOf(member.id);
      const b = base(request);
      return {
        groups: rows.map((g) => groupJson(g, b)),
        ...onePage(rows.length),
      };
    },
  );

  app.get(
    '/api/v2/users/:id/group_memberships',
    {
      config: agent,
      schema: { params: idParams, querystring: paginationQuery, response: { 200: memberships } },
    },
    async (request) => {
      const member = await users.visibleUser(actorOf(request), request.params.id);
      return membershipsReply(request, request.query, { userId: member.id });
    },
  );

  app.put(
    '/api/v2/users/:user_id/group_memberships/:id/make_default',
    { config: agent, schema: { params: z.object({ user_id: id, id }), response: { 200: memberships } } },
    async (request) => {
      const rows = await groups.makeDefault(actorOf(request), request.params.user_id, request.params.id);
      const b = base(request);
      return { group_memberships: rows.map((m) => membershipJson(m, b)) };
    },
  );

  app.get(
    '/api/v2/group_memberships',
    { config: agent, schema: { querystring: paginationQuery, response: { 200: memberships } } },
    async (request) => membershipsReply(request, request.query, {}),
  );

  app.post(
    '/api/v2/group_memberships',
    {
      config: admin,
      schema: {
        body: z.object({ group_membership: groupMembershipInput }),
        response: { 201: z.object({ group_membership: groupMembership }) },
      },
    },
    async (request, reply) => {
      const created = membershipJson(
        await groups.addMembership(request.body.group_membership),
        base(request),
      );
      return reply.code(201).header('location', created.url).send({ group_membership: created });
    },
  );

  app.get(
    '/api/v2/group_memberships/:id',
    {
      config: agent,
      schema: { params: idParams, response: { 200: z.object({ group_membership: groupMembership }) } },
    },
    async (request) => ({
      group_membership: membershipJson(await groups.findMembership(request.params.id), base(request)),
    }),
  );

  app.delete(
    '/api/v2/group_memberships/:id',
    { config: admin, schema: { params: idParams } },
    async (request, reply) => {
      await groups.removeMembership(request.params.id);
      return reply.code(204).send();
    },
  );
}
