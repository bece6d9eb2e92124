import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { GroupsTable } from '../../db/schema.js';

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
