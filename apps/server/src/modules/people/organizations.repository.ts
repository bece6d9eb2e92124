import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { OrganizationsTable } from '../../db/schema.js';
import { type PageRequest, pageOf } from '../../platform/http/pagination.js';
import { likeEscape } from './users.repository.js';

export type OrganizationFilter = {
  ids?: number[];
  externalIds?: string[];
  /** The whole name, in any case. */
  name?: string;
  /** Start of the name or of a word in it (autocomplete). */
  namePrefix?: string;
};

/** Serializes changes to organizations' domains, so two writers cannot claim one domain. */
const DOMAIN_LOCK = 7_301_100;

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
    page(filter: OrganizationFilter, page: PageRequest) {
      let q = live().selectAll();
      if (filter.ids) q = q.where('id', 'in', filter.ids.length ? filter.ids : [0]);
      if (filter.externalIds)
        q = q.where('external_id', 'in', filter.externalIds.length ? filter.externalIds : ['']);
      if (filter.name !== undefined)
        q = q.where(sql<string>`lower(name)`, '=', filter.name.trim().toLowerCase());
      if (filter.namePrefix !== undefined) {
        const prefix = likeEscape(filter.namePrefix);
        q = q.where((eb) =>
          eb.or([
            eb(sql<string>`lower(name)`, 'like', `${prefix}%`),
            eb(sql<string>`lower(name)`, 'like', `% ${prefix}%`),
          ]),
        );
      }
      return pageOf(q, { id: 'organizations.id' }, page);
    },
    async count() {
      const row = await live()
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    findByExternalId(externalId: string) {
      return live().selectAll().where('external_id', '=', externalId).executeTakeFirst();
    },
    findByName(name: string) {
      return live()
        .selectAll()
        .where(sql<string>`lower(name)`, '=', name.trim().toLowerCase())
        .executeTakeFirst();
    },
    /** Inside a transaction: waits for other domain changes to finish first. */
    async lockDomains() {
      await sql`select pg_advisory_xact_lock(${DOMAIN_LOCK})`.execute(db);
    },
    /** Other organizations that own any of these domains. */
    domainOwners(domains: readonly string[], exceptId: number | null) {
      if (domains.length === 0) return Promise.resolve([]);
      let q = live()
        .select(['id', 'name', 'domain_names'])
        .where(sql<boolean>`domain_names && ${sql.val([...domains])}::text[]`);
      if (exceptId !== null) q = q.where('id', '<>', exceptId);
      return q.orderBy('id').execute();
    },
    softDelete(id: number, now: Date) {
      return db
        .updateTable('organizations')
        .set({ deleted_at: now, updated_at: now })
        .where('id', '=', id)
        .execute();
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
