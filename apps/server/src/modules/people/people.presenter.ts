import type { GroupJson, OrganizationJson, UserJson } from '@frontline/contracts';
import type { Group, Organization, User } from '../../db/schema.js';

export const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
export const isoOrNull = (d: Date | null) => (d ? iso(d) : null);

/** Zendesk's role_type: null for end-users and plain agents, 1 for light agents, 4 for admins. */
function roleType(user: User) {
  if (user.role === 'admin') return 4;
  if (user.role === 'agent' && user.light_agent) return 1;
  return null;
}

export function userJson(user: User, base: string, defaultGroupId: number | null = null): UserJson {
  return {
    id: user.id,
    url: `${base}/api/v2/users/${user.id}.json`,
    name: user.name,
    email: user.email,
    role: user.role,
    role_type: roleType(user),
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
    ticket_restriction: user.ticket_restriction ?? (user.role === 'end-user' ? 'requested' : null),
    verified: user.verified,
    active: user.active,
    suspended: user.suspended,
    shared: false,
    moderator: user.role !== 'end-user',
    only_private_comments: user.light_agent,
    restricted_agent: user.role === 'agent' && user.ticket_restriction !== null,
    default_group_id: defaultGroupId,
    last_login_at: isoOrNull(user.last_login_at),
    created_at: iso(user.created_at),
    updated_at: iso(user.updated_at),
  };
}

/** What an end-user may see of other people: no notes, details, phone or tags. */
export function publicUserJson(user: User, base: string): UserJson {
  return {
    ...userJson(user, base),
    notes: '',
    details: '',
    phone: null,
    tags: [],
    user_fields: {},
    external_id: null,
  };
}

export function organizationJson(org: Organization, base: string): OrganizationJson {
  return {
    id: org.id,
    url: `${base}/api/v2/organizations/${org.id}.json`,
    name: org.name,
    external_id: org.external_id,
    domain_names: org.domain_names,
    details: org.details,
    notes: org.notes,
    group_id: org.group_id,
    shared_tickets: org.shared_tickets,
    shared_comments: org.shared_comments,
    tags: org.tags,
    organization_fields: org.organization_fields,
    created_at: iso(org.created_at),
    updated_at: iso(org.updated_at),
  };
}

export function groupJson(group: Group, base: string): GroupJson {
  return {
    id: group.id,
    url: `${base}/api/v2/groups/${group.id}.json`,
    name: group.name,
    description: group.description,
    tier: group.tier,
    is_public: group.is_public,
    default: group.is_default,
    deleted: group.deleted_at !== null,
    created_at: iso(group.created_at),
    updated_at: iso(group.updated_at),
  };
}
