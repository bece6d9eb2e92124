import type { Level } from '../../../db/tables/workflow.js';
import type { Clock } from '../../../platform/clock.js';
import { InvalidError, NotFoundError } from '../../../platform/http/errors.js';
import { DEFAULT_TIER_LIMITS } from '../escalation/tiers.js';
import { validateConditions } from '../rules/condition-catalog.js';
import type { RuleConditions } from '../rules/conditions.js';
import type { GroupSettingsValues, RoutingRepository, RuleValues } from './routing.repository.js';

export type RoutingRuleInput = {
  title: string;
  active?: boolean | undefined;
  position?: number | undefined;
  conditions: RuleConditions;
  group_id?: number | null | undefined;
  required_level?: Level | null | undefined;
  required_skills?: string[] | undefined;
};

export type GroupSettingsInput = {
  tier?: number | null | undefined;
  time_limit_minutes?: number | null | undefined;
  use_tier_default?: boolean | undefined;
  swarm_mode?: boolean | undefined;
  assignment_mode?: 'round_robin' | 'least_loaded' | 'manual' | undefined;
  escalation_group_id?: number | null | undefined;
};

/** What admins configure: agents' attributes, group tier settings, routing rules. */
export function createRoutingAdminService(deps: { repo: RoutingRepository; clock: Clock }) {
  const { repo, clock } = deps;

  async function groupView(groupId: number) {
    const groups = await repo.groups();
    const group = groups.find((g) => g.id === groupId);
    if (!group) throw new NotFoundError();
    const [settings, queued] = await Promise.all([repo.groupSettings(groupId), repo.queuedCounts()]);
    const useDefault = settings?.use_tier_default_limit ?? true;
    return {
      group_id: group.id,
      name: group.name,
      tier: group.tier,
      time_limit_minutes: useDefault
        ? group.tier === null
          ? null
          : (DEFAULT_TIER_LIMITS[group.tier] ?? null)
        : (settings?.time_limit_minutes ?? null),
      time_limit_source: useDefault ? ('tier_default' as const) : ('group' as const),
      swarm_mode: settings?.swarm_mode ?? false,
      assignment_mode: settings?.assignment_mode ?? 'round_robin',
      escalation_group_id: settings?.escalation_group_id ?? null,
      queued_tickets: queued.get(group.id) ?? 0,
    };
  }

  async function checkGroup(field: string, id: number | null | undefined) {
    if (id === undefined || id === null) return;
    if (!(await repo.groups()).some((g) => g.id === id))
      throw InvalidError.field(field, `group ${id} does not exist`);
  }

  function checkRule(input: Partial<RoutingRuleInput>) {
    if (!input.conditions) return;
    const errors = validateConditions('routing', input.conditions);
    if (Object.keys(errors).length) throw new InvalidError(errors);
  }

  return {
    async agents() {
      const rows = await repo.agentList();
      const groups = await repo.groupIdsOf(rows.map((r) => r.id));
      return rows.map((r) => ({ ...r, groupIds: groups.get(r.id) ?? [] }));
    },
    async agent(userId: number) {
      const row = await repo.agent(userId);
      if (!row) throw new NotFoundError();
      return { ...row, groupIds: (await repo.groupIdsOf([userId])).get(userId) ?? [] };
    },

    async groups() {
      return Promise.all((await repo.groups()).map((g) => groupView(g.id)));
    },
    group: groupView,
    async updateGroup(groupId: number, input: GroupSettingsInput) {
      await groupView(groupId);
      await checkGroup('escalation_group_id', input.escalation_group_id);
      if (input.escalation_group_id === groupId)
        throw InvalidError.field('escalation_group_id', 'a group cannot escalate to itself');
      const now = clock.now();
      if (input.tier !== undefined) await repo.setGroupTier(groupId, input.tier, now);
      const values: GroupSettingsValues = {
        ...(input.swarm_mode !== undefined ? { swarm_mode: input.swarm_mode } : {}),
        ...(input.assignment_mode !== undefined ? { assignment_mode: input.assignment_mode } : {}),
        ...(input.escalation_group_id !== undefined
          ? { escalation_group_id: input.escalation_group_id }
          : {}),
        ...(input.use_tier_default === true
          ? { use_tier_default_limit: true, time_limit_minutes: null }
          : {}),
        ...(input.time_limit_minutes !== undefined && input.use_tier_default !== true
          ? { use_tier_default_limit: false, time_limit_minutes: input.time_limit_minutes }
          : {}),
      };
      await repo.upsertGroupSettings(groupId, values, now);
      return groupView(groupId);
    },

    rules: () => repo.rules(),
    async rule(id: number) {
      const row = await repo.rule(id);
      if (!row) throw new NotFoundError();
      return row;
    },
    async createRule(input: RoutingRuleInput) {
      checkRule(input);
      await checkGroup('group_id', input.group_id);
      const rules = await repo.rules();
      const values: RuleValues = {
        title: input.title,
        active: input.active ?? true,
        position: input.position ?? (rules.length ? Math.max(...rules.map((r) => r.position)) + 1 : 0),
        conditions: input.conditions,
        group_id: input.group_id ?? null,
        required_level: input.required_level ?? null,
        required_skills: input.required_skills ?? [],
      };
      if (values.group_id === null && values.required_level === null && values.required_skills.length === 0)
        throw InvalidError.field(
          'group_id',
          'a routing rule needs a group, a required level or required skills',
        );
      return repo.insertRule(values, clock.now());
    },
    async updateRule(id: number, input: Partial<RoutingRuleInput>) {
      await this.rule(id);
      checkRule(input);
      await checkGroup('group_id', input.group_id);
      const row = await repo.updateRule(id, input as Partial<RuleValues>, clock.now());
      if (!row) throw new NotFoundError();
      return row;
    },
    async removeRule(id: number) {
      if (!(await repo.removeRule(id))) throw new NotFoundError();
    },
  };
}

export type RoutingAdminService = ReturnType<typeof createRoutingAdminService>;
