import {
  agentProfile,
  agentProfileUpdate,
  groupSettings,
  groupSettingsUpdate,
  idParams,
  presenceUpdate,
  routingRule,
  routingRuleInput,
  routingRuleUpdate,
} from '@frontline/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf, isAdmin } from '../../../platform/auth/actor.js';
import { ForbiddenError } from '../../../platform/http/errors.js';
import { iso, isoOrNull } from '../../../platform/http/iso-time.js';
import { baseUrl } from '../../../platform/http/pagination.js';
import type { HttpApp } from '../../../platform/http/server.js';
import type { RoutingService } from './routing.service.js';
import type { RoutingAdminService } from './routing-admin.service.js';

type Agent = Awaited<ReturnType<RoutingAdminService['agent']>>;
type Rule = Awaited<ReturnType<RoutingAdminService['rule']>>;

function agentJson(a: Agent) {
  return {
    user_id: a.id,
    name: a.name,
    level: a.level,
    presence: a.presence,
    presence_changed_at: isoOrNull(a.presenceChangedAt),
    skills: a.skills,
    capacity: a.capacity,
    load: a.load,
    group_ids: a.groupIds,
    last_assigned_at: isoOrNull(a.lastAssignedAt),
  };
}

function ruleJson(r: Rule, base: string) {
  return {
    id: r.id,
    url: `${base}/api/v2/frontline/routing_rules/${r.id}.json`,
    title: r.title,
    active: r.active,
    position: r.position,
    conditions: r.conditions,
    group_id: r.group_id,
    required_level: r.required_level,
    required_skills: r.required_skills,
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}

const agent = { access: 'agent' as const };
const admin = { access: 'admin' as const };
const userParams = z.object({ id: z.union([idParams.shape.id, z.literal('me')]) });

/** Frontline's routing API: agents' presence, skills and capacity; group tier settings; routing rules. */
export function registerRoutingRoutes(
  app: HttpApp,
  deps: {
    admin: RoutingAdminService;
    routing: RoutingService;
    drain: (groupIds: number[]) => Promise<void>;
    publicUrl: string | undefined;
  },
) {
  const { admin: svc, routing, drain } = deps;
  const base = (request: FastifyRequest) => baseUrl(request, deps.publicUrl);
  const userId = (request: FastifyRequest & { params: { id: number | 'me' } }) =>
    request.params.id === 'me' ? actorOf(request).user.id : request.params.id;

  app.get(
    '/api/v2/frontline/agents',
    { config: agent, schema: { response: { 200: z.object({ agents: z.array(agentProfile) }) } } },
    async () => ({
      agents: (await svc.agents()).map(agentJson),
    }),
  );
  app.get(
    '/api/v2/frontline/agents/:id',
    { config: agent, schema: { params: userParams } },
    async (request) => ({
      agent: agentJson(await svc.agent(userId(request))),
    }),
  );
  app.put(
    '/api/v2/frontline/agents/:id',
    { config: admin, schema: { params: userParams, body: z.object({ agent: agentProfileUpdate }) } },
    async (request) => {
      const id = userId(request);
      await svc.agent(id);
      await drain(await routing.updateProfile(id, request.body.agent));
      return { agent: agentJson(await svc.agent(id)) };
    },
  );
  app.put(
    '/api/v2/frontline/agents/:id/presence',
    { config: agent, schema: { params: userParams, body: presenceUpdate } },
    async (request) => {
      const actor = actorOf(request);
      const id = userId(request);
      if (id !== actor.user.id && !isAdmin(actor)) throw new ForbiddenError('Agents set their own presence');
      await svc.agent(id);
      const groups = await routing.setPresence(id, request.body.presence);
      if (request.body.presence === 'online') await drain(groups);
      return { agent: agentJson(await svc.agent(id)) };
    },
  );

  app.get(
    '/api/v2/frontline/groups',
    { config: agent, schema: { response: { 200: z.object({ groups: z.array(groupSettings) }) } } },
    async () => ({
      groups: await svc.groups(),
    }),
  );
  app.get(
    '/api/v2/frontline/groups/:id',
    { config: agent, schema: { params: idParams } },
    async (request) => ({
      group: await svc.group(request.params.id),
    }),
  );
  app.put(
    '/api/v2/frontline/groups/:id',
    {
      config: admin,
      schema: {
        params: idParams,
        body: z.object({ group: groupSettingsUpdate }),
        response: { 200: z.object({ group: groupSettings }) },
      },
    },
    async (request) => {
      const group = await svc.updateGroup(request.params.id, request.body.group);
      await drain([group.group_id]);
      return { group };
    },
  );
  app.get('/api/v2/frontline/tiers', { config: agent }, async () => {
    const groups = await svc.groups();
    return {
      tiers: [1, 2, 3].map((tier) => ({ tier, groups: groups.filter((g) => g.tier === tier) })),
      untiered: groups.filter((g) => g.tier === null),
    };
  });

  const rules = '/api/v2/frontline/routing_rules';
  app.get(
    rules,
    { config: agent, schema: { response: { 200: z.object({ routing_rules: z.array(routingRule) }) } } },
    async (request) => ({
      routing_rules: (await svc.rules()).map((r) => ruleJson(r, base(request))),
    }),
  );
  app.post(
    rules,
    {
      config: admin,
      schema: {
        body: z.object({ routing_rule: routingRuleInput }),
        response: { 201: z.object({ routing_rule: routingRule }) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send({ routing_rule: ruleJson(await svc.createRule(request.body.routing_rule), base(request)) }),
  );
  app.get(`${rules}/:id`, { config: agent, schema: { params: idParams } }, async (request) => ({
    routing_rule: ruleJson(await svc.rule(request.params.id), base(request)),
  }));
  app.put(
    `${rules}/:id`,
    { config: admin, schema: { params: idParams, body: z.object({ routing_rule: routingRuleUpdate }) } },
    async (request) => ({
      routing_rule: ruleJson(
        await svc.updateRule(request.params.id, request.body.routing_rule),
        base(request),
      ),
    }),
  );
  app.delete(`${rules}/:id`, { config: admin, schema: { params: idParams } }, async (request, reply) => {
    await svc.removeRule(request.params.id);
    return reply.code(204).send();
  });
}
