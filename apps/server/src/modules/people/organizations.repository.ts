import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { OrganizationsTable } from '../../db/schema.js';

export function createOrganizationsRepository(db: Executor) {
  const live = () => db.selectFrom('organizations').where('deleted_at', 'is', null);
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
    /** The organization that owns a mail domain (`acme.com`), if any. */
    findByDomain(domain: string) {
      return live()
        .selectAll()
        .where((eb) => eb(eb.val(domain.toLowerCase()), '=', eb.fn.any('domain_names')))
        .orderBy('id')
        .executeTakeFirst();
    },
    insert(org: Insertable<OrganizationsTable>) {
      return db.insertInto('organizations').values(org).returningAll().executeTakeFirstOrThrow();
    },
    update(id: number, changes: Updateable<OrganizationsTable>) {
      return db
        .updateTable('organizations')
        .set(changes)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
  };
}

export type OrganizationsRepository = ReturnType<typeof createOrganizationsRepository>;
