import type { GroupJson, GroupMembershipJson, OrganizationJson, UserJson } from '@frontline/contracts';
import type { Group, Organization, User } from '../../db/schema.js';
import { iso, isoOrNull } from '../../platform/http/iso-time.js';
import { effectiveRestriction, HIDDEN_FROM_SELF, roleTypeOf } from './user-rules.js';

export function userJson(user: User, base: string, defaultGroupId: number | null = null): UserJson {
  return {
    id: user.id,
    url: `${base}/api/v2/users/${user.id}.json`,
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

/** What an end-user sees of themselves: their profile, not the agents' notes about them. */
export function selfUserJson(user: User, base: string): UserJson {
  return { ...userJson(user, base), ...HIDDEN_FROM_SELF };
}

/** What an end-user sees of their own organization: its name and domains, not the agents' notes. */
export function memberOrganizationJson(org: Organization, base: string): OrganizationJson {
  return {
    ...organizationJson(org, base),
    external_id: null,
    details: '',
    notes: '',
    group_id: null,
    tags: [],
    organization_fields: {},
  };
}

export function membershipJson(
  m: {
    id: number;
    user_id: number;
    group_id: number;
    is_default: boolean;
    created_at: Date;
    updated_at: Date;
  },
  base: string,
): GroupMembershipJson {
  return {
    id: m.id,
    url: `${base}/api/v2/group_memberships/${m.id}.json`,
    user_id: m.user_id,
    group_id: m.group_id,
    default: m.is_default,
    created_at: iso(m.created_at),
    updated_at: iso(m.updated_at),
  };
}
