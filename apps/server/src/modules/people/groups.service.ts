import type { GroupInput, GroupMembershipInput } from '@frontline/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { type ErrorDetails, InvalidError, NotFoundError } from '../../platform/http/errors.js';
import type { PageRequest } from '../../platform/http/pagination.js';
import type { MembershipFilter } from './groups.repository.js';
import { assignableGroupScope, authorizeMakeDefault } from './people.policy.js';
import { type PeopleStore, type Transact, uniqueViolation } from './people.store.js';

export type GroupsServiceDeps = { store: PeopleStore; transaction: Transact; clock: Clock };

/**
 * Groups (a tier is a group with a tier number 1–3) and who belongs to them. Only
 * agents and admins are members; each member has one default group.
 */
export function createGroupsService({ store, transaction, clock }: GroupsServiceDeps) {
  async function findGroup(id: number) {
    const group = await store.groups.findById(id);
    if (!group) throw new NotFoundError();
    return group;
  }

  async function checkName(name: string | undefined, currentId: number | null) {
    if (name === undefined) return;
    const other = await store.groups.findByName(name);
    if (other && other.id !== currentId)
      throw InvalidError.field('name', `${name} has already been taken`, 'DuplicateValue');
  }

  function duplicateName(error: unknown, name: string | undefined): never {
    if (uniqueViolation(error) === 'groups_name_key')
      throw InvalidError.field('name', `${name} has already been taken`, 'DuplicateValue');
    throw error;
  }

  async function findMembership(id: number) {
    const membership = await store.groups.findMembership(id);
    if (!membership) throw new NotFoundError();
    return membership;
  }

  return {
    findGroup,
    findMembership,

    list(page: PageRequest) {
      return store.groups.page(page);
    },

    /** Groups the actor can assign tickets to: all, or their own when restricted to their groups. */
    assignable(actor: Actor, page: PageRequest) {
      const scope = assignableGroupScope(actor);
      return store.groups.page(page, scope.kind === 'ids' ? scope.ids : undefined);
    },

    async create(input: GroupInput) {
      if (!input.name) throw InvalidError.field('name', "can't be blank", 'BlankValue');
      await checkName(input.name, null);
      const now = clock.now();
      try {
        return await transaction(async (s) => {
          const group = await s.groups.insert({
            name: input.name!,
            description: input.description ?? '',
            tier: input.tier ?? null,
            is_public: input.is_public ?? true,
            created_at: now,
            updated_at: now,
          });
          if (input.default) await s.groups.setDefaultGroup(group.id, now);
          return (await s.groups.findById(group.id))!;
        });
      } catch (error) {
        duplicateName(error, input.name);
      }
    },

    async update(id: number, input: GroupInput) {
      const group = await findGroup(id);
      await checkName(input.name, group.id);
      const now = clock.now();
      try {
        return await transaction(async (s) => {
          await s.groups.update(group.id, {
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
            ...(input.tier !== undefined ? { tier: input.tier } : {}),
            ...(input.is_public !== undefined ? { is_public: input.is_public } : {}),
            updated_at: now,
          });
          if (input.default === true) await s.groups.setDefaultGroup(group.id, now);
          if (input.default === false && group.is_default) await s.groups.setDefaultGroup(null, now);
          return (await s.groups.findById(group.id))!;
        });
      } catch (error) {
        duplicateName(error, input.name);
      }
    },

    /** Soft delete: tickets keep the group; its members leave it. */
    async remove(id: number) {
      const group = await findGroup(id);
      await transaction(async (s) => {
        await s.groups.deleteMembershipsOfGroup(group.id);
        await s.groups.softDelete(group.id, clock.now());
      });
    },

    /** The groups a user belongs to. */
    groupsOf(userId: number) {
      return store.groups.groupsOfUsers([userId]);
    },

    memberships(filter: MembershipFilter, page: PageRequest) {
      return store.groups.memberships(filter, page);
    },

    /** Puts an agent or admin in a group; their first group becomes their default. */
    async addMembership(input: GroupMembershipInput) {
      const [user, group] = await Promise.all([
        store.users.findById(input.user_id),
        store.groups.findById(input.group_id),
      ]);
      const errors: ErrorDetails = {};
      if (!user || user.id <= 0)
        errors.user_id = [{ description: `User: ${input.user_id} does not exist`, error: 'InvalidValue' }];
      else if (user.role === 'end-user')
        errors.user_id = [
          { description: 'User: only agents and admins can be group members', error: 'InvalidValue' },
        ];
      if (!group)
        errors.group_id = [{ description: `Group: ${input.group_id} does not exist`, error: 'InvalidValue' }];
      if (Object.keys(errors).length > 0) throw new InvalidError(errors);
      const now = clock.now();
      try {
        return await transaction(async (s) => {
          const existing = await s.groups.membershipsOf(user!.id);
          if (existing.some((m) => m.group_id === group!.id))
            throw InvalidError.field(
              'user_id',
              `user ${user!.id} is already a member of ${group!.name}`,
              'DuplicateValue',
            );
          const membership = await s.groups.insertMembership(user!.id, group!.id, false, now);
          if (input.default || !existing.some((m) => m.is_default)) {
            await s.groups.makeDefault(user!.id, membership.id, now);
            return { ...membership, is_default: true };
          }
          return membership;
        });
      } catch (error) {
        if (uniqueViolation(error))
          throw InvalidError.field(
            'user_id',
            `user ${input.user_id} is already a member of this group`,
            'DuplicateValue',
          );
        throw error;
      }
    },

    /** Takes an agent out of a group; if it was their default, their oldest other group becomes it. */
    async removeMembership(id: number) {
      const membership = await findMembership(id);
      await transaction(async (s) => {
        await s.groups.deleteMembership(membership.id);
        if (!membership.is_default) return;
        const [next] = await s.groups.membershipsOf(membership.user_id);
        if (next) await s.groups.makeDefault(membership.user_id, next.id, clock.now());
      });
    },

    /** Makes one of a user's memberships their default; answers all of theirs. */
    async makeDefault(actor: Actor, userId: number, membershipId: number) {
      const membership = await findMembership(membershipId);
      if (membership.user_id !== userId) throw new NotFoundError();
      authorizeMakeDefault(actor, userId);
      await transaction((s) => s.groups.makeDefault(userId, membership.id, clock.now()));
      return store.groups.membershipsOf(userId);
    },
  };
}

export type GroupsService = ReturnType<typeof createGroupsService>;
