import {
  externalIdList,
  id,
  idList,
  idParams,
  organization,
  organizationCount,
  organizationInput,
  paginationQuery,
  user,
} from '@frontline/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Organization } from '../../db/schema.js';
import { type Actor, actorOf } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { InvalidError } from '../../platform/http/errors.js';
import { iso } from '../../platform/http/iso-time.js';
import {
  baseUrl,
  type Page,
  type PageRequest,
  pageEnvelope,
  pageRequest,
} from '../../platform/http/pagination.js';
import type { HttpApp } from '../../platform/http/server.js';
import type { OrganizationsService } from './organizations.service.js';
import type { PeopleView } from './people.view.js';
import type { UsersService } from './users.service.js';

const one = z.object({ organization }).catchall(z.unknown());
const many = z.object({ organizations: z.array(organization) }).catchall(z.unknown());
const body = z.object({ organization: organizationInput });

export type OrganizationRoutesDeps = {
  organizations: OrganizationsService;
  users: UsersService;
  view: PeopleView;
  clock: Clock;
  publicUrl?: string | undefined;
};

export function registerOrganizationRoutes(app: HttpApp, deps: OrganizationRoutesDeps) {
  const { organizations, users, view, clock } = deps;
  const base = (request: FastifyRequest) => baseUrl(request, deps.publicUrl);

  function listReply(request: FastifyRequest, actor: Actor, page: PageRequest, result: Page<Organization>) {
    const b = base(request);
    return {
      organizations: result.rows.map((o) => view.organization(actor, o, b)),
      ...pageEnvelope(request, b, page, result),
    };
  }
  const oneReply = (request: FastifyRequest, actor: Actor, org: Organization) => ({
    organization: view.organization(actor, org, base(request)),
  });

  app.get(
    '/api/v2/organizations',
    { schema: { querystring: paginationQuery, response: { 200: many } } },
    async (request) => {
      const actor = actorOf(request);
      const page = pageRequest(request.query);
      return listReply(request, actor, page, await organizations.list(actor, {}, page));
    },
  );

  app.get(
    '/api/v2/organizations/count',
    { config: { access: 'agent' }, schema: { response: { 200: organizationCount } } },
    async () => ({ count: { value: await organizations.count(), refreshed_at: iso(clock.now()) } }),
  );

  app.get(
    '/api/v2/organizations/show_many',
    {
      config: { access: 'agent' },
      schema: {
        querystring: z.object({ ids: idList.optional(), external_ids: externalIdList.optional() }),
        response: { 200: many },
      },
    },
    async (request) => {
      const { ids, external_ids } = request.query;
      if (!ids && !external_ids) throw InvalidError.field('ids', 'give ids or external_ids');
      const actor = actorOf(request);
      const page: PageRequest = { mode: 'offset', page: 1, perPage: 100 };
      const result = await organizations.list(actor, ids ? { ids } : { externalIds: external_ids! }, page);
      return { organizations: result.rows.map((o) => view.organization(actor, o, base(request))) };
    },
  );

  app.get(
    '/api/v2/organizations/search',
    {
      config: { access: 'agent' },
      schema: {
        querystring: paginationQuery.extend({
          external_id: z.string().max(255).optional(),
          name: z.string().trim().min(1).max(255).optional(),
        }),
        response: { 200: many },
      },
    },
    async (request) => {
      const { external_id, name } = request.query;
      if (external_id === undefined && name === undefined)
        throw InvalidError.field('external_id', "can't be blank: give external_id or name", 'BlankValue');
      const actor = actorOf(request);
      const page = pageRequest(request.query);
      const filter = {
        ...(external_id !== undefined ? { externalIds: [external_id] } : {}),
        ...(name !== undefined ? { name } : {}),
      };
      return listReply(request, actor, page, await organizations.list(actor, filter, page));
    },
  );

  app.get(
    '/api/v2/organizations/autocomplete',
    {
      config: { access: 'agent' },
      schema: {
        querystring: paginationQuery.extend({ name: z.string().trim().min(1).max(255) }),
        response: { 200: many },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const page = pageRequest(request.query);
      const result = await organizations.list(actor, { namePrefix: request.query.name }, page);
      return listReply(request, actor, page, result);
    },
  );

  app.post(
    '/api/v2/organizations',
    { config: { access: 'agent' }, schema: { body, response: { 201: one } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const out = oneReply(request, actor, await organizations.create(actor, request.body.organization));
      return reply.code(201).header('location', out.organization.url).send(out);
    },
  );

  app.post(
    '/api/v2/organizations/create_or_update',
    {
      config: { access: 'agent' },
      schema: {
        body: z.object({ organization: organizationInput.extend({ id: id.optional() }) }),
        response: { 200: one, 201: one },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await organizations.createOrUpdate(actor, request.body.organization);
      const out = oneReply(request, actor, result.organization);
      if (result.created) reply.code(201).header('location', out.organization.url);
      return reply.send(out);
    },
  );

  app.get(
    '/api/v2/organizations/:id',
    { schema: { params: idParams, response: { 200: one } } },
    async (request) => {
      const actor = actorOf(request);
      return oneReply(request, actor, await organizations.visibleOrganization(actor, request.params.id));
    },
  );

  app.put(
    '/api/v2/organizations/:id',
    { config: { access: 'agent' }, schema: { params: idParams, body, response: { 200: one } } },
    async (request) => {
      const actor = actorOf(request);
      return oneReply(
        request,
        actor,
        await organizations.update(actor, request.params.id, request.body.organization),
      );
    },
  );

  app.delete(
    '/api/v2/organizations/:id',
    { config: { access: 'admin' }, schema: { params: idParams } },
    async (request, reply) => {
      await organizations.remove(actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v2/organizations/:id/users',
    {
      config: { access: 'agent' },
      schema: {
        params: idParams,
        querystring: paginationQuery,
        response: { 200: z.object({ users: z.array(user) }).catchall(z.unknown()) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const org = await organizations.visibleOrganization(actor, request.params.id);
      const page = pageRequest(request.query);
      const result = await users.list({ organizationId: org.id }, page);
      const b = base(request);
      return {
        users: await view.users(actor, result.rows, b),
        ...(await view.userSideloads(actor, request.query.include, result.rows, b)),
        ...pageEnvelope(request, b, page, result),
      };
    },
  );
}
