import { describe, expect, it } from 'vitest';
import type { User } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { ForbiddenError } from '../../platform/http/errors.js';
import {
  assignableGroupScope,
  authorizeMakeDefault,
  authorizeOrganizationWrite,
  authorizePasswordChange,
  authorizeUserChange,
  authorizeUserDelete,
  canSeeOrganization,
  organizationListScope,
  userView,
} from './people.policy.js';

function person(id: number, role: User['role'], extra: Partial<User> = {}): User {
  const now = new Date('2026-01-05T09:00:00Z');
  return {
    id,
    name: `user ${id}`,
    email: `u${id}@example.test`,
    role,
    light_agent: false,
    agent_level: role === 'end-user' ? null : 'mid',
    organization_id: null,
    phone: null,
    locale: 'en-US',
    time_zone: 'UTC',
    external_id: null,
    alias: '',
    signature: '',
    details: '',
    notes: '',
    tags: [],
    user_fields: {},
    ticket_restriction: null,
    verified: true,
    active: true,
    suspended: false,
    password_hash: null,
    last_login_at: null,
    created_at: now,
    updated_at: now,
    deleted_at: null,
    ...extra,
  };
}

const actor = (user: User, groupIds: number[] = []): Actor => ({ user, groupIds, method: 'api_token' });

const admin = person(1, 'admin');
const agent = person(2, 'agent');
const light = person(3, 'agent', { light_agent: true });
const customer = person(4, 'end-user', { organization_id: 40 });
const otherCustomer = person(5, 'end-user');
const otherAgent = person(6, 'agent');
const system = person(-1, 'admin');

/** The 403 description, or 'ok' when allowed. */
function outcome(fn: () => void) {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (error instanceof ForbiddenError) return `403 ${String(error.body.description)}`;
    throw error;
  }
}

describe('authorizeUserChange', () => {
  const cases: [string, User, User | null, string[], string][] = [
    ['admin changes anyone, privileges included', admin, otherAgent, ['role', 'agent_level'], 'ok'],
    ['admin changes their own role', admin, admin, ['role'], 'ok'],
    ['admin creates an agent', admin, null, ['role', 'agent_level', 'password'], 'ok'],
    ['nobody changes the system user', admin, system, ['name'], '403 The system user cannot be changed'],
    ['end-user edits their own profile', customer, customer, ['name', 'locale', 'time_zone', 'phone'], 'ok'],
    ['end-user sending nothing new is fine', customer, customer, [], 'ok'],
    ['end-user makes themselves admin', customer, customer, ['role'], '403 End users cannot change role'],
    [
      'end-user names every field refused',
      customer,
      customer,
      ['name', 'organization_id', 'tags', 'notes'],
      '403 End users cannot change organization_id, tags, notes',
    ],
    [
      'end-user sets their own level',
      customer,
      customer,
      ['agent_level'],
      '403 End users cannot change agent_level',
    ],
    [
      'end-user verifies themselves',
      customer,
      customer,
      ['verified', 'suspended'],
      '403 End users cannot change verified, suspended',
    ],
    ['end-user changes their address', customer, customer, ['email'], '403 End users cannot change email'],
    [
      'end-user edits someone else',
      customer,
      otherCustomer,
      ['name'],
      '403 End users can only change their own profile',
    ],
    ['end-user creates a user', customer, null, ['name'], '403 End users can only change their own profile'],
    ['light agent edits their own profile', light, light, ['locale'], 'ok'],
    [
      'light agent edits a customer',
      light,
      customer,
      ['name'],
      '403 Light agents can only change their own profile',
    ],
    [
      'light agent creates a user',
      light,
      null,
      ['name'],
      '403 Light agents can only change their own profile',
    ],
    ['agent edits their own profile and signature', agent, agent, ['name', 'signature', 'alias'], 'ok'],
    ['agent changes their own level', agent, agent, ['agent_level'], '403 Agents cannot change agent_level'],
    ['agent changes their own role', agent, agent, ['role'], '403 Agents cannot change role'],
    [
      'agent moves themselves to an organization',
      agent,
      agent,
      ['organization_id'],
      '403 Agents cannot change organization_id',
    ],
    [
      'agent updates a customer',
      agent,
      customer,
      ['name', 'email', 'organization_id', 'tags', 'notes'],
      'ok',
    ],
    ['agent creates a customer', agent, null, ['name', 'email', 'verified'], 'ok'],
    ['agent makes a customer an agent', agent, customer, ['role'], '403 Agents cannot change role'],
    [
      'agent creates an agent',
      agent,
      null,
      ['name', 'role', 'agent_level'],
      '403 Agents cannot change role, agent_level',
    ],
    ['agent sets a password', agent, customer, ['password'], '403 Agents cannot change password'],
    [
      'agent restricts a customer',
      agent,
      customer,
      ['ticket_restriction'],
      '403 Agents cannot change ticket_restriction',
    ],
    [
      'agent edits another agent',
      agent,
      otherAgent,
      ['name'],
      '403 Only admins can change agents and admins',
    ],
    ['agent edits an admin', agent, admin, ['name'], '403 Only admins can change agents and admins'],
  ];
  it.each(cases)('%s', (_name, who, target, fields, expected) => {
    expect(outcome(() => authorizeUserChange(actor(who), target, fields))).toBe(expected);
  });
});

describe('authorizeUserDelete', () => {
  const cases: [string, User, User, string][] = [
    ['admin deletes an agent', admin, otherAgent, 'ok'],
    ['admin deletes a customer', admin, customer, 'ok'],
    ['admin deletes themselves', admin, admin, '403 You cannot delete yourself'],
    ['nobody deletes the system user', admin, system, '403 The system user cannot be deleted'],
    ['agent deletes a customer', agent, customer, 'ok'],
    ['agent deletes an agent', agent, otherAgent, '403 Only admins can delete agents and admins'],
    ['light agent deletes a customer', light, customer, '403 You cannot delete users'],
    ['end-user deletes someone', customer, otherCustomer, '403 You cannot delete users'],
  ];
  it.each(cases)('%s', (_name, who, target, expected) => {
    expect(outcome(() => authorizeUserDelete(actor(who), target))).toBe(expected);
  });
});

describe('userView', () => {
  const cases: [string, User, User, string | null][] = [
    ['agent sees a customer in full', agent, customer, 'full'],
    ['light agent sees a customer in full', light, customer, 'full'],
    ['end-user sees themselves', customer, customer, 'self'],
    ['end-user does not see another customer', customer, otherCustomer, null],
    ['end-user does not see an agent', customer, agent, null],
    ['nobody sees the system user', admin, system, null],
  ];
  it.each(cases)('%s', (_name, who, target, expected) => {
    expect(userView(actor(who), target)).toBe(expected);
  });
});

describe('organizations, passwords, groups', () => {
  it('lets an end-user see their own organization only', () => {
    expect(canSeeOrganization(actor(customer), 40)).toBe(true);
    expect(canSeeOrganization(actor(customer), 41)).toBe(false);
    expect(canSeeOrganization(actor(otherCustomer), 40)).toBe(false);
    expect(canSeeOrganization(actor(light), 41)).toBe(true);
    expect(organizationListScope(actor(customer))).toEqual({ kind: 'ids', ids: [40] });
    expect(organizationListScope(actor(otherCustomer))).toEqual({ kind: 'ids', ids: [] });
    expect(organizationListScope(actor(agent))).toEqual({ kind: 'all' });
  });

  const writes: [string, User, 'create' | 'update' | 'delete', string][] = [
    ['agent creates', agent, 'create', 'ok'],
    ['agent updates', agent, 'update', 'ok'],
    ['agent deletes', agent, 'delete', '403 Only admins can delete organizations'],
    ['admin deletes', admin, 'delete', 'ok'],
    ['light agent updates', light, 'update', '403 Light agents cannot change organizations'],
  ];
  it.each(writes)('organization write: %s', (_name, who, action, expected) => {
    expect(outcome(() => authorizeOrganizationWrite(actor(who), action))).toBe(expected);
  });

  it('lets users change only their own password by proving the old one', () => {
    expect(outcome(() => authorizePasswordChange(actor(customer), customer))).toBe('ok');
    expect(outcome(() => authorizePasswordChange(actor(admin), customer))).toBe(
      '403 You can only change your own password',
    );
  });

  it('lets an agent choose their own default group, an admin anyone’s', () => {
    expect(outcome(() => authorizeMakeDefault(actor(agent), agent.id))).toBe('ok');
    expect(outcome(() => authorizeMakeDefault(actor(agent), otherAgent.id))).toMatch(/^403/);
    expect(outcome(() => authorizeMakeDefault(actor(admin), otherAgent.id))).toBe('ok');
    expect(outcome(() => authorizeMakeDefault(actor(customer), customer.id))).toMatch(/^403/);
  });

  it('limits assignable groups for agents restricted to their groups', () => {
    const restricted = person(7, 'agent', { ticket_restriction: 'groups' });
    expect(assignableGroupScope(actor(restricted, [3, 5]))).toEqual({ kind: 'ids', ids: [3, 5] });
    expect(assignableGroupScope(actor(agent, [3]))).toEqual({ kind: 'all' });
    expect(assignableGroupScope(actor(admin))).toEqual({ kind: 'all' });
  });
});
