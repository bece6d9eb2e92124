import { z } from 'zod';
import { id, tags, timestamp } from './common.js';

export const ticketStatus = z.enum(['new', 'open', 'pending', 'hold', 'solved', 'closed']);
export const ticketPriority = z.enum(['low', 'normal', 'high', 'urgent']);
export const ticketType = z.enum(['question', 'incident', 'problem', 'task']);
export const channel = z.enum([
  'email',
  'web',
  'api',
  'chat',
  'facebook',
  'twitter',
  'app_store',
  'voice',
  'mobile',
  'web_form',
  'closed_ticket',
  'merge',
  'rule',
]);
export type Channel = z.infer<typeof channel>;

export const customFieldValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

export const via = z.object({
  channel: z.string(),
  source: z.object({
    from: z.record(z.string(), z.unknown()),
    to: z.record(z.string(), z.unknown()),
    rel: z.string().nullable(),
  }),
});

export const attachment = z.object({
  id: z.number().int(),
  url: z.string(),
  file_name: z.string(),
  content_url: z.string(),
  mapped_content_url: z.string(),
  content_type: z.string(),
  size: z.number().int(),
  inline: z.boolean(),
  deleted: z.boolean(),
});
export type AttachmentJson = z.infer<typeof attachment>;

export const ticket = z.object({
  id: z.number().int(),
  url: z.string(),
  external_id: z.string().nullable(),
  type: ticketType.nullable(),
  subject: z.string(),
  raw_subject: z.string(),
  description: z.string(),
  priority: ticketPriority.nullable(),
  status: ticketStatus,
  recipient: z.string().nullable(),
  requester_id: z.number().int(),
  submitter_id: z.number().int(),
  assignee_id: z.number().int().nullable(),
  organization_id: z.number().int().nullable(),
  group_id: z.number().int().nullable(),
  collaborator_ids: z.array(z.number().int()),
  follower_ids: z.array(z.number().int()),
  email_cc_ids: z.array(z.number().int()),
  problem_id: z.number().int().nullable(),
  has_incidents: z.boolean(),
  is_public: z.boolean(),
  due_at: timestamp.nullable(),
  tags: z.array(z.string()),
  custom_fields: z.array(z.object({ id: z.number().int(), value: customFieldValue })),
  fields: z.array(z.object({ id: z.number().int(), value: customFieldValue })),
  satisfaction_rating: z.record(z.string(), z.unknown()).nullable(),
  sharing_agreement_ids: z.array(z.number().int()),
  followup_ids: z.array(z.number().int()),
  via_followup_source_id: z.number().int().nullable(),
  via,
  allow_channelback: z.boolean(),
  allow_attachments: z.boolean(),
  generated_timestamp: z.number().int(),
  created_at: timestamp,
  updated_at: timestamp,
  /** With `?include=slas`, for agents: the SLA policy's targets, as Zendesk shows them. */
  slas: z
    .object({
      policy_metrics: z.array(
        z.object({
          breach_at: timestamp.nullable(),
          stage: z.enum(['active', 'paused', 'achieved']),
          metric: z.string(),
          days: z.number().int().optional(),
          hours: z.number().int().optional(),
          minutes: z.number().int().optional(),
        }),
      ),
    })
    .optional(),
});
export type TicketJson = z.infer<typeof ticket>;

export const commentInput = z.object({
  body: z.string().max(65_536).optional(),
  html_body: z.string().max(262_144).optional(),
  public: z.boolean().optional(),
  author_id: id.optional(),
  uploads: z.array(z.string().max(100)).max(50).optional(),
});

const emailCc = z.object({
  user_id: id.optional(),
  user_email: z.email().optional(),
  user_name: z.string().max(255).optional(),
  action: z.enum(['put', 'delete']).optional(),
});

const ticketFields = {
  subject: z.string().max(500).optional(),
  comment: commentInput.optional(),
  requester_id: id.optional(),
  requester: z
    .object({
      name: z.string().max(255).optional(),
      email: z.email().max(254),
      locale: z.string().max(10).optional(),
    })
    .optional(),
  submitter_id: id.optional(),
  assignee_id: id.nullable().optional(),
  assignee_email: z.email().optional(),
  group_id: id.nullable().optional(),
  organization_id: id.nullable().optional(),
  status: ticketStatus.optional(),
  priority: ticketPriority.nullable().optional(),
  type: ticketType.nullable().optional(),
  tags: tags.optional(),
  additional_tags: tags.optional(),
  remove_tags: tags.optional(),
  custom_fields: z
    .array(z.object({ id, value: customFieldValue }))
    .max(500)
    .optional(),
  fields: z
    .array(z.object({ id, value: customFieldValue }))
    .max(500)
    .optional(),
  external_id: z.string().max(255).nullable().optional(),
  due_at: z.iso.datetime({ offset: true }).nullable().optional(),
  problem_id: id.nullable().optional(),
  collaborator_ids: z.array(id).max(100).optional(),
  email_ccs: z.array(emailCc).max(100).optional(),
  followers: z
    .array(
      z.object({
        user_id: id.optional(),
        user_email: z.email().optional(),
        action: z.enum(['put', 'delete']).optional(),
      }),
    )
    .max(100)
    .optional(),
  via_followup_source_id: id.optional(),
  via: z.object({ channel }).optional(),
  created_at: z.iso.datetime({ offset: true }).optional(),
};

export const ticketCreate = z.object({ ...ticketFields });
export type TicketCreateInput = z.infer<typeof ticketCreate>;

export const ticketUpdate = z.object({
  ...ticketFields,
  safe_update: z.boolean().optional(),
  updated_stamp: z.iso.datetime({ offset: true }).optional(),
});
export type TicketUpdateInput = z.infer<typeof ticketUpdate>;

export const comment = z.object({
  id: z.number().int(),
  type: z.literal('Comment'),
  author_id: z.number().int(),
  body: z.string(),
  html_body: z.string(),
  plain_body: z.string(),
  public: z.boolean(),
  audit_id: z.number().int(),
  attachments: z.array(attachment),
  via,
  metadata: z.record(z.string(), z.unknown()),
  created_at: timestamp,
});
export type CommentJson = z.infer<typeof comment>;

export const auditEvent = z.object({
  id: z.number().int(),
  type: z.string(),
  field_name: z.string().nullable().optional(),
  value: z.unknown().optional(),
  previous_value: z.unknown().optional(),
  body: z.string().optional(),
  html_body: z.string().optional(),
  plain_body: z.string().optional(),
  public: z.boolean().optional(),
  author_id: z.number().int().optional(),
  attachments: z.array(attachment).optional(),
  audit_id: z.number().int().optional(),
});

export const audit = z.object({
  id: z.number().int(),
  ticket_id: z.number().int(),
  author_id: z.number().int(),
  created_at: timestamp,
  via,
  metadata: z.record(z.string(), z.unknown()),
  events: z.array(auditEvent),
});
export type AuditJson = z.infer<typeof audit>;
