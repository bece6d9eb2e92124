// Schemas for the email area: requests, responses and the OpenAPI document share them.
import { z } from 'zod';
import { id, timestamp } from './common.js';

const hostName = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9.-]+$/i, 'must be a host name such as imap.gmail.com');
const folderName = z.string().trim().min(1).max(200);

export const foreignReplyAction = z.enum(['new_ticket', 'suspend']);
/** Mail in an agent's name without proof it came from them: an internal note marked unverified, or held. */
export const unverifiedAgentAction = z.enum(['internal_note', 'suspend']);

/** An IMAP account a mailbox reads; its password or token is write-only. */
export const imapSource = z.object({
  id: z.number().int(),
  url: z.string(),
  mailbox_id: z.number().int(),
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
  username: z.string(),
  auth_method: z.enum(['password', 'oauth2']),
  secret_set: z.boolean(),
  folder: z.string(),
  move_to: z.string().nullable(),
  poll_seconds: z.number().int(),
  active: z.boolean(),
  allow_private_network: z.boolean(),
  last_polled_at: timestamp.nullable(),
  last_error: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type ImapSourceJson = z.infer<typeof imapSource>;

const imapSourceFields = {
  host: hostName,
  port: z.number().int().min(1).max(65535).optional(),
  secure: z.boolean().optional(),
  username: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000).optional(),
  access_token: z.string().min(1).max(8000).optional(),
  folder: folderName.optional(),
  move_to: folderName.nullable().optional(),
  poll_seconds: z.number().int().min(1).max(3600).optional(),
  active: z.boolean().optional(),
  allow_private_network: z
    .boolean()
    .optional()
    .describe('Allow a loopback or private host (a mail server on your own network); link-local never'),
};

export const imapSourceCreate = z
  .object(imapSourceFields)
  .refine((s) => (s.password === undefined) !== (s.access_token === undefined), {
    message: 'give either password or access_token',
    path: ['password'],
  });
export const imapSourceUpdate = z
  .object(imapSourceFields)
  .partial()
  .refine((s) => s.password === undefined || s.access_token === undefined, {
    message: 'give either password or access_token, not both',
    path: ['password'],
  });
export type ImapSourceCreate = z.infer<typeof imapSourceCreate>;
export type ImapSourceUpdate = z.infer<typeof imapSourceUpdate>;

export const mailbox = z.object({
  id: z.number().int(),
  url: z.string(),
  address: z.string(),
  name: z.string(),
  group_id: z.number().int().nullable(),
  default: z.boolean(),
  active: z.boolean(),
  foreign_reply_action: foreignReplyAction,
  unverified_agent_action: unverifiedAgentAction,
  require_authentication: z.boolean(),
  trusted_authserv_id: z.string().nullable(),
  sender_burst_limit: z.number().int(),
  inbound_secret_set: z.boolean(),
  inbound_url: z.string(),
  imap_sources: z.array(imapSource),
  created_at: timestamp,
  updated_at: timestamp,
});
export type MailboxJson = z.infer<typeof mailbox>;

const mailboxFields = {
  address: z.email().max(254),
  name: z.string().trim().max(255).optional(),
  group_id: id.nullable().optional(),
  default: z.boolean().optional(),
  active: z.boolean().optional(),
  foreign_reply_action: foreignReplyAction.optional(),
  unverified_agent_action: unverifiedAgentAction.optional(),
  require_authentication: z.boolean().optional(),
  trusted_authserv_id: z.string().trim().min(1).max(253).nullable().optional(),
  sender_burst_limit: z.number().int().min(0).max(10_000).optional(),
  /** The secret a mail provider sends in X-Frontline-Inbound-Secret; null removes it. */
  inbound_secret: z.string().min(24, 'must be at least 24 characters').max(200).nullable().optional(),
};
export const mailboxCreate = z.object(mailboxFields);
export const mailboxUpdate = z.object(mailboxFields).partial();
export type MailboxCreate = z.infer<typeof mailboxCreate>;
export type MailboxUpdate = z.infer<typeof mailboxUpdate>;

/** Failed and suspended mail, in Zendesk's suspended_tickets shape (plus `status`). */
export const suspendedTicket = z.object({
  id: z.number().int(),
  url: z.string(),
  author: z.object({ id: z.number().int().nullable(), name: z.string(), email: z.string().nullable() }),
  subject: z.string(),
  content: z.string(),
  cause: z.string(),
  cause_id: z.number().int(),
  message_id: z.string().nullable(),
  ticket_id: z.number().int().nullable(),
  recipient: z.string().nullable(),
  brand_id: z.null(),
  attachments: z.array(z.unknown()),
  error_messages: z.array(z.string()).nullable(),
  via: z.object({
    channel: z.string(),
    source: z.object({
      from: z.record(z.string(), z.unknown()),
      to: z.record(z.string(), z.unknown()),
      rel: z.string().nullable(),
    }),
  }),
  status: z.enum(['failed', 'suspended']),
  original_url: z.string(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type SuspendedTicketJson = z.infer<typeof suspendedTicket>;

export const inboundReceipt = z.object({
  inbound_message: z.object({ id: z.number().int(), status: z.string(), duplicate: z.boolean() }),
});
