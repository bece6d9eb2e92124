import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { UsersTable } from '../../db/schema.js';

export type NewUser = Insertable<UsersTable>;
export type UserChanges = Updateable<UsersTable>;

export function createUsersRepository(db: Executor) {
  const live = () => db.selectFrom('users').where('deleted_at', 'is', null);
  return {
    findById(id: number) {
      return live().selectAll().where('id', '=', id).executeTakeFirst();
    },
    findByEmail(email: string) {
      return live()
        .selectAll()
        .where(({ fn }) => fn('lower', ['email']), '=', email.toLowerCase())
        .executeTakeFirst();
    },
    findByExternalId(externalId: string) {
      return live().selectAll().where('external_id', '=', externalId).executeTakeFirst();
    },
    findManyByIds(ids: readonly number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return live()
        .selectAll()
        .where('id', 'in', [...new Set(ids)])
        .execute();
    },
    insert(user: NewUser) {
      return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
    },
    /** Inserts unless a live user has the address already (then returns undefined). */
    insertIfEmailFree(user: NewUser) {
      return db
        .insertInto('users')
        .values(user)
        .onConflict((oc) => oc.expression(sql`lower(email)`).where('deleted_at', 'is', null).doNothing())
        .returningAll()
        .executeTakeFirst();
    },
    update(id: number, changes: UserChanges) {
      return db
        .updateTable('users')
        .set(changes)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    async groupIdsOf(userId: number) {
      const rows = await db
        .selectFrom('group_memberships')
        .innerJoin('groups', 'groups.id', 'group_memberships.group_id')
        .select('group_memberships.group_id')
        .where('group_memberships.user_id', '=', userId)
        .where('groups.deleted_at', 'is', null)
        .execute();
      return rows.map((r) => r.group_id);
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
