import type { UserInput } from '@frontline/contracts';
import type { User } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { verifyPassword } from '../../platform/auth/passwords.js';
import type { Clock } from '../../platform/clock.js';
import { InvalidError, NotFoundError } from '../../platform/http/errors.js';
import type { PageRequest } from '../../platform/http/pagination.js';
import { authorizePasswordChange, authorizeUserDelete, userView } from './people.policy.js';
import { type PeopleStore, type Transact, uniqueViolation } from './people.store.js';
import { planUserWrite, type UserWrite } from './user-changes.js';
import type { UserFilter } from './users.repository.js';

export type UsersServiceDeps = {
  store: PeopleStore;
  transaction: Transact;
  clock: Clock;
  /** Stores a new password and ends the user's sessions but `keepSessionId`. */
  setPassword(userId: number, password: string, keepSessionId?: string): Promise<void>;
  /** Ends the user's sessions but `keepSessionId` (after a password change through an update). */
  endSessions(userId: number, keepSessionId?: string): Promise<void>;
};

/** The session a password change keeps: the one making it, when people change their own. */
const ownSession = (actor: Actor, userId: number) => (actor.user.id === userId ? actor.sessionId : undefined);

/** A unique index hit by a concurrent write, as the 422 the pre-check would have given. */
function duplicate(error: unknown, input: UserInput): never {
  const index = uniqueViolation(error);
  if (index === 'users_email_key')
    throw InvalidError.field('email', `${input.email} has already been taken`, 'DuplicateValue');
  if (index === 'users_external_id_key')
    throw InvalidError.field('external_id', `${input.external_id} has already been taken`, 'DuplicateValue');
  throw error;
}

export function createUsersService({
  store,
  transaction,
  clock,
  setPassword,
  endSessions,
}: UsersServiceDeps) {
  /** The user if the actor may see them; 404 either way, so existence does not leak. */
  async function visibleUser(actor: Actor, id: number) {
    const user = await store.users.findById(id);
    if (!user || !userView(actor, user)) throw new NotFoundError();
    return user;
  }

  /** Writes a planned change and its group membership in the caller's transaction. */
  async function apply(s: PeopleStore, target: User | null, write: UserWrite) {
    const now = clock.now();
    const user = target
      ? Object.keys(write.changes).length > 0
        ? await s.users.update(target.id, { ...write.changes, updated_at: now })
        : target
      : await s.users.insert({ name: '', ...write.changes, created_at: now, updated_at: now });
    if (write.leavesGroups) await s.groups.deleteMembershipsOfUser(user.id);
    if (write.defaultGroupId != null) {
      const memberships = await s.groups.membershipsOf(user.id);
      const existing =
        memberships.find((m) => m.group_id === write.defaultGroupId) ??
        (await s.groups.insertMembership(user.id, write.defaultGroupId, false, now));
      await s.groups.makeDefault(user.id, existing.id, now);
    }
    return user;
  }

  /** Creates a user inside the caller's transaction (bulk jobs record their progress in the same one). */
  async function createIn(s: PeopleStore, actor: Actor, input: UserInput) {
    const write = await planUserWrite(s, actor, input, null);
    try {
      return await apply(s, null, write);
    } catch (error) {
      duplicate(error, input);
    }
  }

  async function create(actor: Actor, input: UserInput) {
    const write = await planUserWrite(store, actor, input, null);
    try {
      return await transaction((s) => apply(s, null, write));
    } catch (error) {
      duplicate(error, input);
    }
  }

  async function update(actor: Actor, id: number, input: UserInput) {
    const target = await visibleUser(actor, id);
    const write = await planUserWrite(store, actor, input, target);
    let user: User;
    try {
      user = await transaction((s) => apply(s, target, write));
    } catch (error) {
      duplicate(error, input);
    }
    // A new password ends the sessions signed in with the old one.
    if (write.changes.password_hash !== undefined) await endSessions(target.id, ownSession(actor, target.id));
    return user;
  }

  return {
    visibleUser,
    create,
    createIn,
    update,

    list(filter: UserFilter, page: PageRequest) {
      return store.users.page(filter, page);
    },

    /** Creates, or updates the user with this address or external ID: `created` tells which. */
    async createOrUpdate(actor: Actor, input: UserInput) {
      const existing =
        (input.email ? await store.users.findByEmail(input.email) : undefined) ??
        (input.external_id ? await store.users.findByExternalId(input.external_id) : undefined);
      if (existing) return { user: await update(actor, existing.id, input), created: false };
      return { user: await create(actor, input), created: true };
    },

    /** Zendesk's delete: the user stays, inactive, for their tickets; they leave their groups. */
    async remove(actor: Actor, id: number) {
      const target = await visibleUser(actor, id);
      authorizeUserDelete(actor, target);
      if (target.role === 'admin' && (await store.users.countAdmins(target.id)) === 0)
        throw InvalidError.field('role', 'the workspace needs at least one active admin');
      return transaction(async (s) => {
        await s.groups.deleteMembershipsOfUser(target.id);
        return s.users.softDelete(target.id, clock.now());
      });
    },

    /** An admin sets anyone's password (except the system user's); it ends their sessions. */
    async setPassword(actor: Actor, id: number, password: string) {
      const target = await visibleUser(actor, id);
      await setPassword(target.id, password, ownSession(actor, target.id));
    },

    /** A user changes their own password, proving they know the old one. */
    async changePassword(actor: Actor, id: number, previous: string, password: string) {
      const target = await visibleUser(actor, id);
      authorizePasswordChange(actor, target);
      if (!(await verifyPassword(target.password_hash, previous)))
        throw InvalidError.field('previous_password', 'is not your current password');
      if (previous === password)
        throw InvalidError.field('password', 'must differ from the current password');
      await setPassword(target.id, password, ownSession(actor, target.id));
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
