import type { UserInput } from '@frontline/contracts';
import type { AgentLevel, TicketRestriction, User, UserRole } from '../../db/schema.js';

/** The writable part of a user, as the API shows it; what a request is compared against. */
export type UserSnapshot = {
  name: string;
  email: string | null;
  role: UserRole;
  role_type: number | null;
  agent_level: AgentLevel | null;
  organization_id: number | null;
  phone: string | null;
  locale: string;
  time_zone: string;
  external_id: string | null;
  alias: string;
  signature: string;
  details: string;
  notes: string;
  tags: string[];
  user_fields: Record<string, unknown>;
  ticket_restriction: TicketRestriction | null;
  verified: boolean;
  suspended: boolean;
  default_group_id: number | null;
};

/** What a user that does not exist yet looks like: a new end-user. */
export const NEW_USER: UserSnapshot = {
  name: '',
  email: null,
  role: 'end-user',
  role_type: null,
  agent_level: null,
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
  verified: false,
  suspended: false,
  default_group_id: null,
};

/** What an end-user's view of themselves leaves out (the agents' notes about them), as shown instead. */
export const HIDDEN_FROM_SELF = { notes: '', details: '', tags: [] as string[], user_fields: {} };

/** Zendesk's role_type: 1 for a light agent, 4 for an admin, null otherwise. */
export function roleTypeOf(user: Pick<User, 'role' | 'light_agent'>) {
  if (user.role === 'admin') return 4;
  if (user.role === 'agent' && user.light_agent) return 1;
  return null;
}

/** An end-user without a restriction sees the tickets they requested, as the API shows it. */
export function effectiveRestriction(role: UserRole, restriction: TicketRestriction | null) {
  return restriction ?? (role === 'end-user' ? 'requested' : null);
}

export function snapshotOf(user: User, defaultGroupId: number | null): UserSnapshot {
  return {
    name: user.name,
    email: user.email,
    role: user.role,
    role_type: roleTypeOf(user),
    agent_level: user.agent_level,
    organization_id: user.organization_id,
    phone: user.phone,
    locale: user.locale,
    time_zone: user.time_zone,
    external_id: user.external_id,
    alias: user.alias,
    signature: user.signature,
    details: user.details,
    notes: user.notes,
    tags: user.tags,
    user_fields: user.user_fields,
    ticket_restriction: effectiveRestriction(user.role, user.ticket_restriction),
    verified: user.verified,
    suspended: user.suspended,
    default_group_id: defaultGroupId,
  };
}

function same(field: keyof UserSnapshot, given: unknown, current: unknown) {
  if (field === 'email') return String(given ?? '').toLowerCase() === String(current ?? '').toLowerCase();
  if (field === 'tags')
    return (
      JSON.stringify([...(given as string[])].sort()) === JSON.stringify([...(current as string[])].sort())
    );
  if (field === 'user_fields') return JSON.stringify(given) === JSON.stringify(current);
  if (field === 'role_type')
    return (given ?? null) === (current ?? null) || (given === 0 && current === null);
  return given === current;
}

/**
 * The fields a request would change: given, and different from what the user has now
 * (or from a new user's defaults). A client that sends back the whole user it read
 * changes only what it edited. A password given is always a change.
 */
export function changedUserFields(input: UserInput, current: UserSnapshot): string[] {
  const changed: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (key === 'password') {
      changed.push(key);
      continue;
    }
    if (!(key in current)) continue;
    const field = key as keyof UserSnapshot;
    if (field === 'ticket_restriction') {
      const role = (input.role ?? current.role) as UserRole;
      if (effectiveRestriction(role, value as TicketRestriction | null) === current.ticket_restriction)
        continue;
    } else if (same(field, value, current[field])) continue;
    changed.push(key);
  }
  return changed;
}

/** Whether the runtime knows a time zone (IANA names such as Asia/Shanghai, or UTC). */
export function isTimeZone(name: string) {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * `/users/search?query=`: free text matches a name or address (substring, any case);
 * `email:`, `name:`, `role:`, `external_id:` and `organization_id:` narrow it.
 */
export type UserQuery = {
  text?: string;
  email?: string;
  name?: string;
  roles?: UserRole[];
  externalId?: string;
  organizationId?: number;
};

const QUERY_TERM = /(\w+):("[^"]*"|\S+)|"([^"]*)"|(\S+)/g;
const ROLES = new Set<string>(['end-user', 'agent', 'admin']);

export function parseUserQuery(query: string): UserQuery | { error: string } {
  const out: UserQuery = {};
  const words: string[] = [];
  for (const match of query.matchAll(QUERY_TERM)) {
    const [, key, rawValue, phrase, word] = match;
    if (key === undefined) {
      words.push(phrase ?? word ?? '');
      continue;
    }
    const value = (rawValue ?? '').replace(/^"|"$/g, '');
    switch (key.toLowerCase()) {
      case 'email':
        out.email = value;
        break;
      case 'name':
        out.name = value;
        break;
      case 'role': {
        const roles = value.split(',').map((r) => (r === 'end_user' ? 'end-user' : r));
        const unknown = roles.find((r) => !ROLES.has(r));
        if (unknown !== undefined) return { error: `role ${unknown} is not end-user, agent or admin` };
        out.roles = roles as UserRole[];
        break;
      }
      case 'external_id':
        out.externalId = value;
        break;
      case 'organization_id':
        if (!/^\d{1,15}$/.test(value)) return { error: `organization_id ${value} is not a number` };
        out.organizationId = Number(value);
        break;
      default:
        words.push(match[0]);
    }
  }
  const text = words.join(' ').trim();
  if (text) out.text = text;
  return out;
}
