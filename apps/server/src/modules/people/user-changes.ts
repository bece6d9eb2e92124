import type { UserInput } from '@frontline/contracts';
import type { User, UserRole } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { type ErrorDetails, InvalidError } from '../../platform/http/errors.js';
import { normalizeTags } from '../../platform/text/tags.js';
import { authorizeUserChange, userView } from './people.policy.js';
import type { PeopleStore } from './people.store.js';
import { emailDomain } from './requesters.js';
import { changedUserFields, HIDDEN_FROM_SELF, isTimeZone, NEW_USER, snapshotOf } from './user-rules.js';
import type { UserChanges } from './users.repository.js';

/** A checked create or update: the columns to write and the default group to set, if any. */
export type UserWrite = {
  changes: UserChanges;
  role: UserRole;
  /** Set: make this the user's default group (joining it if needed). */
  defaultGroupId: number | null | undefined;
  /** The user stops being an agent: their group memberships go. */
  leavesGroups: boolean;
};

type Fail = (field: string, description: string, error?: string) => void;

/**
 * Turns a request into a write: decides which fields it changes, asks the policy
 * whether the actor may change them (403 naming them), checks the values against the
 * data (one 422 naming every bad field), and derives what follows from a role change.
 */
export async function planUserWrite(
  s: PeopleStore,
  actor: Actor,
  input: UserInput,
  target: User | null,
): Promise<UserWrite> {
  const defaultGroup = target ? await s.groups.defaultGroupOf(target.id) : null;
  // Compared with what the actor was shown: an end-user's copy of themselves hides some fields.
  const seen = target ? snapshotOf(target, defaultGroup) : NEW_USER;
  const current = target && userView(actor, target) === 'self' ? { ...seen, ...HIDDEN_FROM_SELF } : seen;
  const fields = changedUserFields(input, current);
  authorizeUserChange(actor, target, fields);

  const errors: ErrorDetails = {};
  const fail: Fail = (field, description, error = 'InvalidValue') => {
    errors[field] = [...(errors[field] ?? []), { description, error }];
  };
  const has = (f: keyof UserInput) => fields.includes(f);
  const role = input.role ?? current.role;
  const agentRole = role !== 'end-user';

  if (!target && !input.name) fail('name', "Name: can't be blank", 'BlankValue');
  await checkIdentity(s, input, target, has, fail);
  checkRole(input, role, has, fail);
  if (has('organization_id') && input.organization_id != null) {
    if (!(await s.organizations.findById(input.organization_id)))
      fail('organization_id', `Organization: ${input.organization_id} does not exist`);
  }
  if (has('time_zone') && !isTimeZone(input.time_zone!))
    fail('time_zone', `Time zone: ${input.time_zone} is not a time zone such as UTC or Asia/Shanghai`);
  if (has('default_group_id') && input.default_group_id != null) {
    if (!agentRole) fail('default_group_id', 'Default group: only agents and admins belong to groups');
    else if (!(await s.groups.findById(input.default_group_id)))
      fail('default_group_id', `Default group: ${input.default_group_id} does not exist`);
  }
  const losesAdmin = target?.role === 'admin' && (role !== 'admin' || input.suspended === true);
  if (losesAdmin && (await s.users.countAdmins(target.id)) === 0)
    fail(
      role !== 'admin' ? 'role' : 'suspended',
      `${role !== 'admin' ? 'Role' : 'Suspended'}: the workspace needs at least one active admin`,
    );
  if (Object.keys(errors).length > 0) throw new InvalidError(errors);

  const changes = await columnsOf(input, fields);
  const roleChanged = role !== current.role;
  if (roleChanged || has('role_type') || !target) {
    changes.role = role;
    changes.light_agent = role === 'agent' && (input.role_type ?? current.role_type) === 1;
    if (!agentRole) changes.agent_level = null;
    else if (!has('agent_level') && !current.agent_level) changes.agent_level = 'junior';
    if (roleChanged && !has('ticket_restriction')) changes.ticket_restriction = null;
  }
  if (!target && !has('organization_id') && role === 'end-user' && input.email) {
    const org = await s.organizations.findByDomain(emailDomain(input.email));
    if (org) changes.organization_id = org.id;
  }
  return {
    changes,
    role,
    defaultGroupId: has('default_group_id') ? input.default_group_id : undefined,
    leavesGroups: target !== null && target.role !== 'end-user' && !agentRole,
  };
}

async function checkIdentity(
  s: PeopleStore,
  input: UserInput,
  target: User | null,
  has: (f: keyof UserInput) => boolean,
  fail: Fail,
) {
  if (has('email') && input.email) {
    const other = await s.users.findByEmail(input.email);
    if (other && other.id !== target?.id)
      fail('email', `Email: ${input.email} has already been taken`, 'DuplicateValue');
  }
  if (has('external_id') && input.external_id) {
    const other = await s.users.findByExternalId(input.external_id);
    if (other && other.id !== target?.id)
      fail('external_id', `External ID: ${input.external_id} has already been taken`, 'DuplicateValue');
  }
}

/** Role-dependent fields, checked when they change (a record sent back whole keeps its old values). */
function checkRole(input: UserInput, role: UserRole, has: (f: keyof UserInput) => boolean, fail: Fail) {
  const level = has('agent_level') ? (input.agent_level ?? null) : null;
  if (role === 'end-user' && level !== null)
    fail('agent_level', 'Agent level: only agents and admins have a level');
  const roleType = input.role_type;
  if (has('role_type') && roleType !== undefined && roleType !== null) {
    const fits =
      role === 'agent' ? roleType === 0 || roleType === 1 : role === 'admin' ? roleType === 4 : false;
    if (!fits)
      fail(
        'role_type',
        role === 'agent'
          ? 'Role type: must be 0 (agent) or 1 (light agent)'
          : `Role type: ${roleType} does not fit the role ${role}`,
      );
  }
  const restriction = has('ticket_restriction') ? (input.ticket_restriction ?? null) : null;
  if (restriction !== null) {
    const allowed =
      role === 'end-user' ? ['requested', 'organization'] : role === 'agent' ? ['groups', 'assigned'] : [];
    if (!allowed.includes(restriction))
      fail(
        'ticket_restriction',
        allowed.length
          ? `Ticket restriction: must be ${allowed.join(' or ')} for ${role === 'agent' ? 'an agent' : 'an end-user'}`
          : 'Ticket restriction: admins see every ticket',
      );
  }
}

/** The columns for the changed fields, values cleaned as stored. */
async function columnsOf(input: UserInput, fields: readonly string[]): Promise<UserChanges> {
  const c: UserChanges = {};
  const has = (f: keyof UserInput) => fields.includes(f);
  if (has('name')) c.name = input.name!;
  if (has('email')) c.email = input.email ? input.email.toLowerCase() : null;
  if (has('agent_level')) c.agent_level = input.agent_level ?? null;
  if (has('organization_id')) c.organization_id = input.organization_id ?? null;
  if (has('phone')) c.phone = input.phone ?? null;
  if (has('locale')) c.locale = input.locale!;
  if (has('time_zone')) c.time_zone = input.time_zone!;
  if (has('external_id')) c.external_id = input.external_id ?? null;
  if (has('alias')) c.alias = input.alias!;
  if (has('signature')) c.signature = input.signature!;
  if (has('details')) c.details = input.details!;
  if (has('notes')) c.notes = input.notes!;
  if (has('tags')) c.tags = normalizeTags(input.tags!);
  if (has('user_fields')) c.user_fields = JSON.stringify(input.user_fields);
  if (has('ticket_restriction'))
    c.ticket_restriction =
      input.ticket_restriction === 'requested' ? null : (input.ticket_restriction ?? null);
  if (has('verified')) c.verified = input.verified!;
  if (has('suspended')) c.suspended = input.suspended!;
  if (has('password')) c.password_hash = await hashPassword(input.password!);
  return c;
}
