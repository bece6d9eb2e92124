import { sql } from 'kysely';
import type { Executor } from '../../../db/executor.js';
import type { AssignmentMode, Level, Presence, RuleConditions } from '../../../db/tables/workflow.js';
import type { Candidate } from './assignment.js';

export type RuleValues = {
  title: string;
  active: boolean;
  position: number;
  conditions: RuleConditions;
  group_id: number | null;
  required_level: Level | null;
  required_skills: string[];
};

export type GroupSettingsValues = {
  use_tier_default_limit?: boolean;
  time_limit_minutes?: number | null;
  swarm_mode?: boolean;
  assignment_mode?: AssignmentMode;
  escalation_group_id?: number | null;
};

/** Agents' workflow attributes, group settings, routing rules and assignment decisions. */
export function createRoutingRepository(db: Executor) {
  async function loads(userIds: number[]) {
    const out = new Map<number, Record<string, number>>();
    if (userIds.length === 0) return out;
    const rows = await db
      .selectFrom('tickets')
      .select(['assignee_id', 'via_channel', (eb) => eb.fn.countAll<number>().as('n')])
      .where('assignee_id', 'in', userIds)
      .where('status', 'in', ['new', 'open'])
      .where('deleted_at', 'is', null)
      .groupBy(['assignee_id', 'via_channel'])
      .execute();
    for (const r of rows) {
      const load = out.get(r.assignee_id!) ?? {};
      load[r.via_channel] = Number(r.n);
      out.set(r.assignee_id!, load);
    }
    return out;
  }

  function agents() {
    return db
      .selectFrom('users')
      .leftJoin('agent_profiles', 'agent_profiles.user_id', 'users.id')
      .select([
        'users.id',
        'users.name',
        'users.agent_level',
        'agent_profiles.presence',
        'agent_profiles.presence_changed_at',
        'agent_profiles.skills',
        'agent_profiles.capacity',
        'agent_profiles.last_assigned_at',
      ])
      .where('users.role', 'in', ['agent', 'admin'])
      .where('users.id', '>', 0)
      .where('users.light_agent', '=', false)
      .where('users.active', '=', true)
      .where('users.suspended', '=', false)
      .where('users.deleted_at', 'is', null);
  }

  type AgentRow = Awaited<ReturnType<ReturnType<typeof agents>['execute']>>[number];
  const toCandidate = (r: AgentRow, load: Record<string, number> | undefined): Candidate => ({
    id: r.id,
    name: r.name,
    level: r.agent_level,
    presence: (r.presence ?? 'offline') as Presence,
    skills: r.skills ?? [],
    capacity: r.capacity ?? {},
    load: load ?? {},
    lastAssignedAt: r.last_assigned_at,
  });

  return {
    loads,
    /** Agents who can be assigned tickets in a group, with their load. */
    async candidates(groupId: number): Promise<Candidate[]> {
      const rows = await agents()
        .innerJoin('group_memberships', 'group_memberships.user_id', 'users.id')
        .where('group_memberships.group_id', '=', groupId)
        .orderBy('users.id')
        .execute();
      const load = await loads(rows.map((r) => r.id));
      return rows.map((r) => toCandidate(r, load.get(r.id)));
    },
    async agent(userId: number) {
      const row = await agents().where('users.id', '=', userId).executeTakeFirst();
      if (!row) return undefined;
      const load = await loads([userId]);
      return { ...toCandidate(row, load.get(userId)), presenceChangedAt: row.presence_changed_at };
    },
    async agentList() {
      const rows = await agents().orderBy('users.name').orderBy('users.id').execute();
      const load = await loads(rows.map((r) => r.id));
      return rows.map((r) => ({
        ...toCandidate(r, load.get(r.id)),
        presenceChangedAt: r.presence_changed_at,
      }));
    },
    async groupIdsOf(userIds: number[]) {
      if (userIds.length === 0) return new Map<number, number[]>();
      const rows = await db
        .selectFrom('group_memberships')
        .select(['user_id', 'group_id'])
        .where('user_id', 'in', userIds)
        .execute();
      const out = new Map<number, number[]>();
      for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.group_id]);
      return out;
    },
    upsertProfile(
      userId: number,
      changes: {
        presence?: Presence;
        skills?: string[];
        capacity?: Record<string, number>;
        lastAssignedAt?: Date;
      },
      now: Date,
    ) {
      const set = {
        ...(changes.presence ? { presence: changes.presence, presence_changed_at: now } : {}),
        ...(changes.skills ? { skills: changes.skills } : {}),
        ...(changes.capacity ? { capacity: JSON.stringify(changes.capacity) } : {}),
        ...(changes.lastAssignedAt ? { last_assigned_at: changes.lastAssignedAt } : {}),
        updated_at: now,
      };
      return db
        .insertInto('agent_profiles')
        .values({ user_id: userId, ...set })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(set))
        .execute();
    },
    setLevel(userId: number, level: Level, now: Date) {
      return db
        .updateTable('users')
        .set({ agent_level: level, updated_at: now })
        .where('id', '=', userId)
        .execute();
    },

    groupSettings(groupId: number) {
      return db
        .selectFrom('group_workflow_settings')
        .selectAll()
        .where('group_id', '=', groupId)
        .executeTakeFirst();
    },
    allGroupSettings() {
      return db.selectFrom('group_workflow_settings').selectAll().execute();
    },
    /** Gives a group settings that follow its tier's defaults, unless it has settings already. */
    ensureGroupSettings(groupId: number, now: Date) {
      return db
        .insertInto('group_workflow_settings')
        .values({ group_id: groupId, use_tier_default_limit: true, updated_at: now })
        .onConflict((oc) => oc.column('group_id').doNothing())
        .execute();
    },
    upsertGroupSettings(groupId: number, values: GroupSettingsValues, now: Date) {
      return db
        .insertInto('group_workflow_settings')
        .values({ group_id: groupId, ...values, updated_at: now })
        .onConflict((oc) => oc.column('group_id').doUpdateSet({ ...values, updated_at: now }))
        .execute();
    },
    groups() {
      return db
        .selectFrom('groups')
        .select(['id', 'name', 'tier'])
        .where('deleted_at', 'is', null)
        .orderBy('id')
        .execute();
    },
    setGroupTier(groupId: number, tier: number | null, now: Date) {
      return db.updateTable('groups').set({ tier, updated_at: now }).where('id', '=', groupId).execute();
    },
    async queuedCounts() {
      const rows = await db
        .selectFrom('tickets')
        .select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('routing_retry_at', 'is not', null)
        .where('assignee_id', 'is', null)
        .groupBy('group_id')
        .execute();
      return new Map(rows.map((r) => [r.group_id, Number(r.n)]));
    },

    rules(activeOnly = false) {
      let q = db.selectFrom('routing_rules').selectAll().orderBy('position').orderBy('id');
      if (activeOnly) q = q.where('active', '=', true);
      return q.execute();
    },
    rule(id: number) {
      return db.selectFrom('routing_rules').selectAll().where('id', '=', id).executeTakeFirst();
    },
    insertRule(values: RuleValues, now: Date) {
      return db
        .insertInto('routing_rules')
        .values({
          ...values,
          conditions: JSON.stringify(values.conditions),
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    updateRule(id: number, values: Partial<RuleValues>, now: Date) {
      const { conditions, ...rest } = values;
      return db
        .updateTable('routing_rules')
        .set({ ...rest, ...(conditions ? { conditions: JSON.stringify(conditions) } : {}), updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },
    async removeRule(id: number) {
      const result = await db.deleteFrom('routing_rules').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    recordDecision(d: {
      ticketId: number;
      groupId: number | null;
      agentId: number | null;
      mode: string;
      reason: string;
      details: Record<string, unknown>;
      now: Date;
    }) {
      return db
        .insertInto('assignment_decisions')
        .values({
          ticket_id: d.ticketId,
          group_id: d.groupId,
          agent_id: d.agentId,
          mode: d.mode,
          reason: d.reason,
          details: JSON.stringify(d.details),
          created_at: d.now,
        })
        .execute();
    },
    decisions(ticketId: number) {
      return db
        .selectFrom('assignment_decisions')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('id')
        .execute();
    },
    /** Tickets in a group waiting for an agent, oldest first. */
    queued(groupId: number, limit: number) {
      return db
        .selectFrom('tickets')
        .select('id')
        .where('group_id', '=', groupId)
        .where('assignee_id', 'is', null)
        .where('routing_retry_at', 'is not', null)
        .where('status', 'in', ['new', 'open'])
        .where('deleted_at', 'is', null)
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit)
        .execute();
    },
    dueRetries(now: Date) {
      return db
        .selectFrom('tickets')
        .select([sql<string>`id::text`.as('key'), sql<Date>`routing_retry_at`.as('due_at')])
        .where('routing_retry_at', '<=', now)
        .where('deleted_at', 'is', null);
    },
  };
}

export type RoutingRepository = ReturnType<typeof createRoutingRepository>;
