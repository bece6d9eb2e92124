import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';

/** The rows the first start and the demo workspace write, and the look-ups they need. */
export function createDemoRepository(db: Executor) {
  return {
    /** An admin other than the system user, if the workspace has one. */
    anyAdmin() {
      return db
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'admin')
        .where('id', '>', 0)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
    },
    /** Inserts a user unless a live user has the address; undefined when one did. */
    insertUserIfNew(values: Insertable<DB['users']>) {
      return db
        .insertInto('users')
        .values(values)
        .onConflict((oc) => oc.expression(sql`lower(email)`).where('deleted_at', 'is', null).doNothing())
        .returning('id')
        .executeTakeFirst();
    },
    /** Marks a one-time step as done; true the first time only (safe when two nodes race). */
    async claimOnce(key: string) {
      const result = await sql`insert into settings (key, value) values (${key}, 'true'::jsonb)
        on conflict (key) do nothing`.execute(db);
      return Number(result.numAffectedRows ?? 0) > 0;
    },
    forgetClaim(key: string) {
      return db.deleteFrom('settings').where('key', '=', key).execute();
    },

    insertOrganization(values: Insertable<DB['organizations']>) {
      return db.insertInto('organizations').values(values).returningAll().executeTakeFirstOrThrow();
    },
    insertGroup(values: Insertable<DB['groups']>) {
      return db.insertInto('groups').values(values).returningAll().executeTakeFirstOrThrow();
    },
    insertUser(values: Insertable<DB['users']>) {
      return db.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow();
    },
    addMembership(values: Insertable<DB['group_memberships']>) {
      return db.insertInto('group_memberships').values(values).execute();
    },
    userByEmail(email: string) {
      return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    },
    /** A user as an actor of the tickets service, with their groups. */
    async actor(userId: number): Promise<Actor> {
      const user = await db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      const memberships = await db
        .selectFrom('group_memberships')
        .select('group_id')
        .where('user_id', '=', userId)
        .execute();
      return { user, groupIds: memberships.map((m) => m.group_id), method: 'system' };
    },

    /** The schedule with this name, made with these values when missing. */
    async ensureSchedule(values: Insertable<DB['business_schedules']>) {
      const existing = await db
        .selectFrom('business_schedules')
        .select('id')
        .where('name', '=', values.name)
        .executeTakeFirst();
      return (
        existing ??
        db.insertInto('business_schedules').values(values).returning('id').executeTakeFirstOrThrow()
      );
    },
    async slaPolicyTitles() {
      return new Set((await db.selectFrom('sla_policies').select('title').execute()).map((p) => p.title));
    },
    insertSlaPolicy(values: Insertable<DB['sla_policies']>) {
      return db.insertInto('sla_policies').values(values).execute();
    },
    /** Adds the empowered action unless one has its name. */
    async ensureEmpoweredAction(values: Insertable<DB['empowered_actions']>) {
      const existing = await db
        .selectFrom('empowered_actions')
        .select('id')
        .where('name', '=', values.name)
        .executeTakeFirst();
      if (!existing) await db.insertInto('empowered_actions').values(values).execute();
    },
  };
}

export type DemoRepository = ReturnType<typeof createDemoRepository>;
