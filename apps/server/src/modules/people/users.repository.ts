import { type Insertable, type SelectQueryBuilder, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { DB, UserRole, UsersTable } from '../../db/schema.js';
import { type PageRequest, pageOf } from '../../platform/http/pagination.js';

export type NewUser = Insertable<UsersTable>;
export type UserChanges = Updateable<UsersTable>;

/** Which users a list shows. Lists never show deleted users or the system user. */
export type UserFilter = {
  roles?: UserRole[];
  organizationId?: number;
  groupId?: number;
  /** Substring of the name or the address, in any case. */
  text?: string;
  /** Substring of the name. */
  name?: string;
  /** The address, in any case. */
  email?: string;
  /** Start of the name or of a word in it (autocomplete). */
  namePrefix?: string;
  externalId?: string;
  ids?: number[];
  externalIds?: string[];
};

/** The IDs of the groups a `users` row belongs to (deleted groups left out), as a column beside it. */
export const groupIdsColumn = sql<
  number[]
>`array(select gm.group_id from group_memberships gm join groups g on g.id = gm.group_id where gm.user_id = users.id and g.deleted_at is null order by gm.group_id)`.as(
  'group_ids',
);

/** `50%_off` as a LIKE pattern that matches those characters literally. */
export function likeEscape(text: string) {
  return text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
}

function applyUserFilter(query: SelectQueryBuilder<DB, 'users', object>, filter: UserFilter) {
  let q = query.where('users.deleted_at', 'is', null).where('users.id', '>', 0);
  if (filter.roles?.length) q = q.where('users.role', 'in', filter.roles);
  if (filter.organizationId !== undefined) q = q.where('users.organization_id', '=', filter.organizationId);
  if (filter.externalId !== undefined) q = q.where('users.external_id', '=', filter.externalId);
  if (filter.ids) q = q.where('users.id', 'in', filter.ids.length ? filter.ids : [0]);
  if (filter.externalIds)
    q = q.where('users.external_id', 'in', filter.externalIds.length ? filter.externalIds : ['']);
  if (filter.email !== undefined)
    q = q.where(sql<string>`lower(users.email)`, '=', filter.email.toLowerCase());
  if (filter.text !== undefined) {
    const pattern = `%${likeEscape(filter.text)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql<string>`lower(users.name)`, 'like', pattern),
        eb(sql<string>`lower(users.email)`, 'like', pattern),
      ]),
    );
  }
  if (filter.name !== undefined)
    q = q.where(sql<string>`lower(users.name)`, 'like', `%${likeEscape(filter.name)}%`);
  if (filter.namePrefix !== undefined) {
    const prefix = likeEscape(filter.namePrefix);
    q = q.where((eb) =>
      eb.or([
        eb(sql<string>`lower(users.name)`, 'like', `${prefix}%`),
        eb(sql<string>`lower(users.name)`, 'like', `% ${prefix}%`),
      ]),
    );
  }
  if (filter.groupId !== undefined) {
    const groupId = filter.groupId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('group_memberships')
          .select('group_memberships.id')
          .whereRef('group_memberships.user_id', '=', 'users.id')
          .where('group_memberships.group_id', '=', groupId),
      ),
    );
  }
  return q;
}

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
    /** One page of users matching a filter, ordered by ID. */
    page(filter: UserFilter, page: PageRequest) {
      const query = applyUserFilter(db.selectFrom('users'), filter).selectAll('users');
      return pageOf(query, { id: 'users.id' }, page);
    },
    findManyByExternalIds(externalIds: readonly string[]) {
      if (externalIds.length === 0) return Promise.resolve([]);
      return live()
        .selectAll()
        .where('external_id', 'in', [...externalIds])
        .where('id', '>', 0)
        .orderBy('id')
        .execute();
    },
    /** Deletes as Zendesk does: the row stays (tickets keep their requester), inactive and unlisted. */
    softDelete(id: number, now: Date) {
      return db
        .updateTable('users')
        .set({ deleted_at: now, active: false, updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    async countAdmins(exceptId: number) {
      const row = await live()
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('role', '=', 'admin')
        .where('id', '>', 0)
        .where('id', '<>', exceptId)
        .where('suspended', '=', false)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    /** End-users with an address at one of these domains and no organization join this one. */
    async adoptByDomains(organizationId: number, domains: readonly string[], now: Date) {
      if (domains.length === 0) return 0;
      const result = await db
        .updateTable('users')
        .set({ organization_id: organizationId, updated_at: now })
        .where('deleted_at', 'is', null)
        .where('id', '>', 0)
        .where('role', '=', 'end-user')
        .where('organization_id', 'is', null)
        .where(
          sql<string>`lower(split_part(email, '@', 2))`,
          'in',
          domains.map((d) => d.toLowerCase()),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    /** Everyone leaves a deleted organization. */
    async leaveOrganization(organizationId: number, now: Date) {
      await db
        .updateTable('users')
        .set({ organization_id: null, updated_at: now })
        .where('organization_id', '=', organizationId)
        .execute();
    },
    async groupIdsOf(userId: number) {
      const row = await db
        .selectFrom('users')
        .select(groupIdsColumn)
        .where('users.id', '=', userId)
        .executeTakeFirst();
      return row?.group_ids ?? [];
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
