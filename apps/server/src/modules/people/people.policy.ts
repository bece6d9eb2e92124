import type { User } from '../../db/schema.js';
import { type Actor, isAdmin, isAgent, isFullAgent } from '../../platform/auth/actor.js';
import { ForbiddenError } from '../../platform/http/errors.js';

/**
 * Who sees and changes which people.
 * - Admins do everything, except change or delete the system user (-1) or delete themselves.
 * - Agents see everyone; they create and update end-users, but never set privileges
 *   (role, level, restriction, groups, passwords) and never change other agents.
 * - Light agents read; like end-users they may edit only their own profile.
 * - End-users see and edit only themselves (their profile fields), and see only their
 *   own organization. Groups are for agents.
 * A user changes their own role, level or organization only as an admin.
 */

/** Fields anyone may change on themselves. */
export const PROFILE_FIELDS = ['name', 'locale', 'time_zone', 'phone'] as const;
/** Fields an agent may also change on themselves. */
export const AGENT_PROFILE_FIELDS = [...PROFILE_FIELDS, 'alias', 'signature'] as const;
/** Fields only an admin sets, on anyone. */
export const PRIVILEGE_FIELDS = [
  'role',
  'role_type',
  'agent_level',
  'ticket_restriction',
  'default_group_id',
  'password',
] as const;

export type UserView = 'full' | 'self';

const isSystem = (user: Pick<User, 'id'>) => user.id <= 0;

/** How much of a user the actor sees: everything (agents), their own profile, or nothing (404). */
export function userView(actor: Actor, target: User): UserView | null {
  if (isSystem(target)) return null;
  if (isAgent(actor)) return 'full';
  return target.id === actor.user.id ? 'self' : null;
}

function deny(fields: readonly string[], allowed: readonly string[]) {
  return fields.filter((f) => !allowed.includes(f));
}

function forbidFields(denied: string[], who: string) {
  if (denied.length > 0) throw new ForbiddenError(`${who} cannot change ${denied.join(', ')}`);
}

/**
 * Whether the actor may make these changes (`fields`, as changedUserFields lists them)
 * to `target`, or create a user with them when `target` is null. Throws 403 naming
 * the fields it refuses.
 */
export function authorizeUserChange(actor: Actor, target: User | null, fields: readonly string[]) {
  if (target && isSystem(target)) throw new ForbiddenError('The system user cannot be changed');
  if (isAdmin(actor)) return;
  const self = target !== null && target.id === actor.user.id;
  if (!isFullAgent(actor)) {
    const who = isAgent(actor) ? 'Light agents' : 'End users';
    if (!self) throw new ForbiddenError(`${who} can only change their own profile`);
    forbidFields(deny(fields, PROFILE_FIELDS), who);
    return;
  }
  if (self) {
    forbidFields(deny(fields, AGENT_PROFILE_FIELDS), 'Agents');
    return;
  }
  if (target && target.role !== 'end-user')
    throw new ForbiddenError('Only admins can change agents and admins');
  forbidFields(
    fields.filter((f) => (PRIVILEGE_FIELDS as readonly string[]).includes(f)),
    'Agents',
  );
}

export function authorizeUserDelete(actor: Actor, target: User) {
  if (isSystem(target)) throw new ForbiddenError('The system user cannot be deleted');
  if (target.id === actor.user.id) throw new ForbiddenError('You cannot delete yourself');
  if (isAdmin(actor)) return;
  if (isFullAgent(actor) && target.role === 'end-user') return;
  throw new ForbiddenError(
    isFullAgent(actor) ? 'Only admins can delete agents and admins' : 'You cannot delete users',
  );
}

/** Setting a password without knowing the old one is for admins; changing one's own needs the old one. */
export function authorizePasswordChange(actor: Actor, target: User) {
  if (target.id !== actor.user.id) throw new ForbiddenError('You can only change your own password');
}

/** An organization the actor may see: any for agents, their own for end-users. */
export function canSeeOrganization(actor: Actor, organizationId: number) {
  return isAgent(actor) || actor.user.organization_id === organizationId;
}

/** The organizations an actor lists: all, or only their own. */
export function organizationListScope(actor: Actor): { kind: 'all' } | { kind: 'ids'; ids: number[] } {
  if (isAgent(actor)) return { kind: 'all' };
  return { kind: 'ids', ids: actor.user.organization_id ? [actor.user.organization_id] : [] };
}

/** Agents create and update organizations; admins also delete them. Light agents only read. */
export function authorizeOrganizationWrite(actor: Actor, action: 'create' | 'update' | 'delete') {
  if (isAdmin(actor)) return;
  if (action !== 'delete' && isFullAgent(actor)) return;
  throw new ForbiddenError(
    action === 'delete' ? 'Only admins can delete organizations' : 'Light agents cannot change organizations',
  );
}

/** An agent picks their own default group; anyone else's is an admin's choice. */
export function authorizeMakeDefault(actor: Actor, userId: number) {
  if (isAdmin(actor) || (isAgent(actor) && actor.user.id === userId)) return;
  throw new ForbiddenError("Only admins can change another agent's default group");
}

/** The groups a ticket could be assigned to by this actor: all, or their own when restricted to groups. */
export function assignableGroupScope(actor: Actor): { kind: 'all' } | { kind: 'ids'; ids: number[] } {
  if (!isAdmin(actor) && actor.user.ticket_restriction === 'groups')
    return { kind: 'ids', ids: actor.groupIds };
  return { kind: 'all' };
}
