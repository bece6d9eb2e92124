import { z } from 'zod';
import { id, tags, timestamp } from './common.js';

export const userRole = z.enum(['end-user', 'agent', 'admin']);
export const agentLevel = z.enum(['junior', 'mid', 'senior']);
export const ticketRestriction = z.enum(['organization', 'groups', 'assigned', 'requested']);
/** The languages Frontline speaks: English, Chinese, Arabic, or a regional variant of one. */
export const SUPPORTED_LANGUAGES = ['en', 'zh', 'ar'] as const;

/** A user's locale, canonically cased: `en-us` → `en-US`. */
export const locale = z
  .string()
  .trim()
  .regex(
    /^(en|zh|ar)(-[a-z0-9]{2,8})*$/i,
    'must be en-US, zh-CN or ar, or a regional variant of one (en-GB, zh-TW, ar-EG)',
  )
  .transform(canonicalLocale);

export function canonicalLocale(value: string) {
  try {
    return Intl.getCanonicalLocales(value)[0] ?? value;
  } catch {
    return value;
  }
}

export const user = z.object({
  id: z.number().int(),
  url: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  role: userRole,
  role_type: z.number().int().nullable(),
  agent_level: agentLevel.nullable(),
  organization_id: z.number().int().nullable(),
  phone: z.string().nullable(),
  locale: z.string(),
  time_zone: z.string(),
  external_id: z.string().nullable(),
  alias: z.string(),
  signature: z.string(),
  details: z.string(),
  notes: z.string(),
  tags: z.array(z.string()),
  user_fields: z.record(z.string(), z.unknown()),
  ticket_restriction: ticketRestriction.nullable(),
  verified: z.boolean(),
  active: z.boolean(),
  suspended: z.boolean(),
  shared: z.boolean(),
  moderator: z.boolean(),
  only_private_comments: z.boolean(),
  restricted_agent: z.boolean(),
  default_group_id: z.number().int().nullable(),
  last_login_at: timestamp.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type UserJson = z.infer<typeof user>;

export const userInput = z.object({
  name: z.string().trim().min(1).max(255).optional(),
  email: z.email().max(254).optional().nullable(),
  role: userRole.optional(),
  role_type: z.number().int().nullable().optional(),
  agent_level: agentLevel.nullable().optional(),
  organization_id: id.nullable().optional(),
  phone: z.string().max(50).nullable().optional(),
  locale: locale.optional(),
  time_zone: z.string().max(60).optional(),
  external_id: z.string().max(255).nullable().optional(),
  alias: z.string().max(255).optional(),
  signature: z.string().max(5000).optional(),
  details: z.string().max(10_000).optional(),
  notes: z.string().max(10_000).optional(),
  tags: tags.optional(),
  user_fields: z.record(z.string(), z.unknown()).optional(),
  ticket_restriction: ticketRestriction.nullable().optional(),
  verified: z.boolean().optional(),
  suspended: z.boolean().optional(),
  password: z.string().min(8).max(200).optional(),
  default_group_id: id.nullable().optional(),
});
export type UserInput = z.infer<typeof userInput>;

export const organization = z.object({
  id: z.number().int(),
  url: z.string(),
  name: z.string(),
  external_id: z.string().nullable(),
  domain_names: z.array(z.string()),
  details: z.string(),
  notes: z.string(),
  group_id: z.number().int().nullable(),
  shared_tickets: z.boolean(),
  shared_comments: z.boolean(),
  tags: z.array(z.string()),
  organization_fields: z.record(z.string(), z.unknown()),
  created_at: timestamp,
  updated_at: timestamp,
});
export type OrganizationJson = z.infer<typeof organization>;

export const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/, 'must be a domain such as acme.com');

export const organizationInput = z.object({
  name: z.string().trim().min(1).max(255).optional(),
  external_id: z.string().max(255).nullable().optional(),
  domain_names: z.array(domainName).max(100).optional(),
  details: z.string().max(10_000).optional(),
  notes: z.string().max(10_000).optional(),
  group_id: id.nullable().optional(),
  shared_tickets: z.boolean().optional(),
  shared_comments: z.boolean().optional(),
  tags: tags.optional(),
  organization_fields: z.record(z.string(), z.unknown()).optional(),
});
export type OrganizationInput = z.infer<typeof organizationInput>;

export const group = z.object({
  id: z.number().int(),
  url: z.string(),
  name: z.string(),
  description: z.string(),
  tier: z.number().int().nullable(),
  is_public: z.boolean(),
  default: z.boolean(),
  deleted: z.boolean(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type GroupJson = z.infer<typeof group>;

export const groupInput = z.object({
  name: z.string().trim().min(1).max(255).optional(),
  description: z.string().max(5000).optional(),
  tier: z.number().int().min(1).max(3).nullable().optional(),
  is_public: z.boolean().optional(),
  default: z.boolean().optional(),
});
export type GroupInput = z.infer<typeof groupInput>;

export const groupMembership = z.object({
  id: z.number().int(),
  url: z.string(),
  user_id: z.number().int(),
  group_id: z.number().int(),
  default: z.boolean(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type GroupMembershipJson = z.infer<typeof groupMembership>;

export const groupMembershipInput = z.object({
  user_id: id,
  group_id: id,
  default: z.boolean().optional(),
});
export type GroupMembershipInput = z.infer<typeof groupMembershipInput>;

export const password = z.string().min(8, 'must be at least 8 characters').max(200);

/** POST /users/{id}/password (an admin sets it). */
export const passwordSet = z.object({ password });
/** PUT /users/{id}/password (a user changes their own). */
export const passwordChange = z.object({ previous_password: z.string().min(1).max(200), password });

/** `?ids=1,2` or `?external_ids=a,b` (at most 100). */
export const externalIdList = z
  .string()
  .min(1)
  .max(10_000)
  .transform((s) => [...new Set(s.split(',').map((v) => v.trim()))].filter(Boolean))
  .refine((ids) => ids.length > 0 && ids.length <= 100, 'must list 1 to 100 external IDs');

export const organizationCount = z.object({
  count: z.object({ value: z.number().int(), refreshed_at: timestamp }),
});
