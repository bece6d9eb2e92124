import type { Kysely } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { DB } from '../../db/schema.js';
import { createGroupsRepository, type GroupsRepository } from './groups.repository.js';
import { createOrganizationsRepository, type OrganizationsRepository } from './organizations.repository.js';
import { createUsersRepository, type UsersRepository } from './users.repository.js';

/** The people repositories, bound to one executor (the pool or a transaction). */
export type PeopleStore = {
  db: Executor;
  users: UsersRepository;
  organizations: OrganizationsRepository;
  groups: GroupsRepository;
};

export function createPeopleStore(db: Executor): PeopleStore {
  return {
    db,
    users: createUsersRepository(db),
    organizations: createOrganizationsRepository(db),
    groups: createGroupsRepository(db),
  };
}

/** Runs `fn` in one transaction with repositories bound to it. */
export type Transact = <T>(fn: (store: PeopleStore) => Promise<T>) => Promise<T>;

export function transactor(db: Kysely<DB>): Transact {
  return (fn) => db.transaction().execute((trx) => fn(createPeopleStore(trx)));
}

/** The unique index a failed write ran into, or null when the error is something else. */
export function uniqueViolation(error: unknown): string | null {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (e?.code !== '23505') return null;
  if (typeof e.constraint === 'string') return e.constraint;
  return /"([^"]+)"/.exec(String(e.message ?? ''))?.[1] ?? '';
}
