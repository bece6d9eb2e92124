import { sql } from 'kysely';
import type { Executor } from '../../../db/executor.js';

type Via = 'name' | 'skill' | 'group' | 'starter';

export function createSwarmsRepository(db: Executor) {
  return {
    active(ticketId: number) {
      return db
        .selectFrom('swarms')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .where('status', '=', 'active')
        .executeTakeFirst();
    },
    latest(ticketId: number) {
      return db
        .selectFrom('swarms')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('id', 'desc')
        .executeTakeFirst();
    },
    /** Starts a swarm; undefined when the ticket already has an active one (two starts at once). */
    insert(
      values: {
        ticketId: number;
        groupId: number | null;
        startedBy: number;
        reason: string;
        automatic: boolean;
      },
      now: Date,
    ) {
      return db
        .insertInto('swarms')
        .values({
          ticket_id: values.ticketId,
          group_id: values.groupId,
          started_by: values.startedBy,
          reason: values.reason,
          automatic: values.automatic,
          created_at: now,
        })
        .onConflict((oc) => oc.column('ticket_id').where(sql<boolean>`status = 'active'`).doNothing())
        .returningAll()
        .executeTakeFirst();
    },
    /** Adds members who are not in the swarm yet; returns the new ones. */
    addMembers(
      swarmId: number,
      members: { userId: number; via: Via; joined: boolean }[],
      invitedBy: number,
      now: Date,
    ) {
      if (members.length === 0) return Promise.resolve([]);
      return db
        .insertInto('swarm_members')
        .values(
          members.map((m) => ({
            swarm_id: swarmId,
            user_id: m.userId,
            invited_by: invitedBy,
            invited_via: m.via,
            invited_at: now,
            joined_at: m.joined ? now : null,
            active_since: m.joined ? now : null,
          })),
        )
        .onConflict((oc) => oc.columns(['swarm_id', 'user_id']).doNothing())
        .returningAll()
        .execute();
    },
    members(swarmId: number) {
      return db
        .selectFrom('swarm_members')
        .selectAll()
        .where('swarm_id', '=', swarmId)
        .orderBy('id')
        .execute();
    },
    join(swarmId: number, userId: number, now: Date) {
      return db
        .updateTable('swarm_members')
        .set({ active_since: now, joined_at: sql`coalesce(joined_at, ${now})` })
        .where('swarm_id', '=', swarmId)
        .where('user_id', '=', userId)
        .where('active_since', 'is', null)
        .execute();
    },
    /** Ends time on the swarm for one member, or everyone when userId is null. */
    leave(swarmId: number, userId: number | null, now: Date) {
      let q = db
        .updateTable('swarm_members')
        .set({
          seconds_spent: sql`seconds_spent + greatest(0, floor(extract(epoch from (${now}::timestamptz - active_since))))::int`,
          active_since: null,
        })
        .where('swarm_id', '=', swarmId)
        .where('active_since', 'is not', null);
      if (userId !== null) q = q.where('user_id', '=', userId);
      return q.execute();
    },
    close(swarmId: number, now: Date) {
      return db
        .updateTable('swarms')
        .set({ status: 'closed', closed_at: now })
        .where('id', '=', swarmId)
        .execute();
    },
    addMessage(swarmId: number, authorId: number, body: string, now: Date) {
      return db
        .insertInto('swarm_messages')
        .values({ swarm_id: swarmId, author_id: authorId, body, created_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    messages(swarmId: number) {
      return db
        .selectFrom('swarm_messages')
        .selectAll()
        .where('swarm_id', '=', swarmId)
        .orderBy('id')
        .execute();
    },
    /** Agents (not the system user) by ID, with a skill, or in groups. */
    agentsByIds(ids: number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('users')
        .select(['id', 'role'])
        .where('id', 'in', ids)
        .where('deleted_at', 'is', null)
        .execute();
    },
    agentsWithSkills(skills: string[]) {
      if (skills.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('agent_profiles')
        .innerJoin('users', 'users.id', 'agent_profiles.user_id')
        .select('users.id')
        .where(sql<boolean>`agent_profiles.skills && ${sql.val(skills)}::text[]`)
        .where('users.role', 'in', ['agent', 'admin'])
        .where('users.deleted_at', 'is', null)
        .execute();
    },
    agentsInGroups(groupIds: number[]) {
      if (groupIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('group_memberships')
        .innerJoin('users', 'users.id', 'group_memberships.user_id')
        .select(['users.id', 'group_memberships.group_id'])
        .where('group_memberships.group_id', 'in', groupIds)
        .where('users.role', 'in', ['agent', 'admin'])
        .where('users.deleted_at', 'is', null)
        .execute();
    },
  };
}

export type SwarmsRepository = ReturnType<typeof createSwarmsRepository>;
