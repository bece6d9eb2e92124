import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { GroupsTable } from '../../db/schema.js';
import { type PageRequest, pageOf } from '../../platform/http/pagination.js';

export type MembershipFilter = { userId?: number; groupId?: number };

export function createGroupsRepository(db: Executor) {
  const live = () => db.selectFrom('groups').where('deleted_at', 'is', null);
  return {
    findById(id: number) {
      return live().selectAll().where('id', '=', id).executeTakeFirst();
    },
    findManyByIds(ids: readonly number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return live()
        .selectAll()
        .where('id', 'in', [...new Set(ids)])
        .execute();
    },
    list() {
      return live().selectAll().orderBy('id').execute();
    },
    findDefault() {
      return live().selectAll().where('is_default', '=', true).orderBy('id').executeTakeFirst();
    },
    async isMember(userId: number, groupId: number) {
      const row = await db
        .selectFrom('group_memberships')
        .select('id')
        .where('user_id', '=', userId)
        .where('group_id', '=', groupId)
        .executeTakeFirst();
      return row !== undefined;
    },
    /** The user's default group, else their first. */
    async defaultGroupOf(userId: number) {
      const row = await db
        .selectFrom('group_memberships')
        .innerJoin('groups', 'groups.id', 'group_memberships.group_id')
        .select('group_memberships.group_id')
        .where('group_memberships.user_id', '=', userId)
        .where('groups.deleted_at', 'is', null)
        .orderBy('group_memberships.is_default', 'desc')
        .orderBy('group_memberships.id')
        .executeTakeFirst();
      return row?.group_id ?? null;
    },
    insert(group: Insertable<GroupsTable>) {
      return db.insertInto('groups').values(group).returningAll().executeTakeFirstOrThrow();
    },
    update(id: number, changes: Updateable<GroupsTable>) {
      return db
        .updateTable('groups')
        .set(changes)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    page(page: PageRequest, ids?: readonly number[]) {
      let q = live().selectAll();
      if (ids) q = q.where('id', 'in', ids.length ? [...ids] : [0]);
      return pageOf(q, { id: 'groups.id' }, page);
    },
    findByName(name: string) {
      return live()
        .selectAll()
        .where(sql<string>`lower(name)`, '=', name.trim().toLowerCase())
        .executeTakeFirst();
    },
    /** Makes this group the only default one (null: none is). */
    async setDefaultGroup(groupId: number | null, now: Date) {
      await db
        .updateTable('groups')
        .set({ is_default: false, updated_at: now })
        .where('is_default', '=', true)
        .$if(groupId !== null, (q) => q.where('id', '<>', groupId!))
        .execute();
      if (groupId !== null)
        await db
          .updateTable('groups')
          .set({ is_default: true, updated_at: now })
          .where('id', '=', groupId)
          .execute();
    },
    softDelete(id: number, now: Date) {
      return db
        .updateTable('groups')
        .set({ deleted_at: now, is_default: false, updated_at: now })
        .where('id', '=', id)
        .execute();
    },

    // Memberships: only of live groups.
    memberships(filter: MembershipFilter, page: PageRequest) {
      let q = db
        .selectFrom('group_memberships')
        .innerJoin('groups', 'groups.id', 'group_memberships.group_id')
        .innerJoin('users', 'users.id', 'group_memberships.user_id')
        .selectAll('group_memberships')
        .where('groups.deleted_at', 'is', null)
        .where('users.deleted_at', 'is', null);
      if (filter.userId !== undefined) q = q.where('group_memberships.user_id', '=', filter.userId);
      if (filter.groupId !== undefined) q = q.where('group_memberships.group_id', '=', filter.groupId);
      return pageOf(q, { id: 'group_memberships.id' }, page);
    },
    findMembership(id: number) {
      return db
        .selectFrom('group_memberships')
        .innerJoin('groups', 'groups.id', 'group_memberships.group_id')
        .selectAll('group_memberships')
        .where('group_memberships.id', '=', id)
        .where('groups.deleted_at', 'is', null)
        .executeTakeFirst();
    },
    membershipsOf(userId: number) {
      return db
        .selectFrom('group_memberships')
        .innerJoin('groups', 'groups.id', 'group_memberships.group_id')
        .selectAll('group_memberships')
        .where('group_memberships.user_id', '=', userId)
        .where('groups.deleted_at', 'is', null)
        .orderBy('group_memberships.id')
        .execute();
    },
    /** Each user's default group (else their first), as defaultGroupOf decides for one. */
    async defaultGroupsOf(userIds: readonly number[]) {
      const map = new Map<number, number>();
      if (userIds.length === 0) return map;
      const rows = await db
        .selectFrom('group_memberships')
        .innerJoin('groups', 'groups.id', 'group_memberships.group_id')
        .select(['group_memberships.user_id', 'group_memberships.group_id'])
        .where('group_memberships.user_id', 'in', [...new Set(userIds)])
        .where('groups.deleted_at', 'is', null)
        .orderBy('group_memberships.is_default', 'desc')
        .orderBy('group_memberships.id')
        .execute();
      for (const row of rows) if (!map.has(row.user_id)) map.set(row.user_id, row.group_id);
      return map;
    },
    /** The live groups these users belong to. */
    groupsOfUsers(userIds: readonly number[]) {
      if (userIds.length === 0) return Promise.resolve([]);
      return live()
        .selectAll()
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('group_memberships')
            .select('group_id')
            .where('user_id', 'in', [...new Set(userIds)]),
        )
        .orderBy('id')
        .execute();
    },
    /** Makes one membership the user's default, and no other. */
    async makeDefault(userId: number, membershipId: number, now: Date) {
      await db
        .updateTable('group_memberships')
        .set({ is_default: false, updated_at: now })
        .where('user_id', '=', userId)
        .where('is_default', '=', true)
        .where('id', '<>', membershipId)
        .execute();
      await db
        .updateTable('group_memberships')
        .set({ is_default: true, updated_at: now })
        .where('id', '=', membershipId)
        .execute();
    },
    deleteMembership(id: number) {
      return db.deleteFrom('group_memberships').where('id', '=', id).execute();
    },
    deleteMembershipsOfUser(userId: number) {
      return db.deleteFrom('group_memberships').where('user_id', '=', userId).execute();
    },
    deleteMembershipsOfGroup(groupId: number) {
      return db.deleteFrom('group_memberships').where('group_id', '=', groupId).execute();
    },
    insertMembership(userId: number, groupId: number, isDefault: boolean, now: Date) {
      return db
        .insertInto('group_memberships')
        .values({
          user_id: userId,
          group_id: groupId,
          is_default: isDefault,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    addMember(userId: number, groupId: number, isDefault = false) {
      return db
        .insertInto('group_memberships')
        .values({ user_id: userId, group_id: groupId, is_default: isDefault })
        .onConflict((oc) => oc.columns(['user_id', 'group_id']).doNothing())
        .returningAll()
        .executeTakeFirst();
    },
  };
}

export type GroupsRepository = ReturnType<typeof createGroupsRepository>;
