import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * Table types owned by the email area (its migrations live in db/migrations, 0400–0499).
 * `EmailTables` is merged into DB; `EmailTicketColumns` adds columns to tickets.
 */
type Id = Generated<number>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export type ForeignReplyAction = 'new_ticket' | 'suspend';
export type UnverifiedAgentAction = 'internal_note' | 'suspend';
export type InboundSource = 'smtp' | 'imap' | 'webhook';
export type InboundStatus = 'received' | 'processed' | 'failed' | 'suspended' | 'rejected';
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';
export type AutoSubmitted = 'auto-generated' | 'auto-replied';

export type MailboxesTable = {
  id: Id;
  address: string;
  name: WithDefault<string>;
  group_id: number | null;
  is_default: WithDefault<boolean>;
  active: WithDefault<boolean>;
  foreign_reply_action: WithDefault<ForeignReplyAction>;
  unverified_agent_action: WithDefault<UnverifiedAgentAction>;
  require_authentication: WithDefault<boolean>;
  trusted_authserv_id: string | null;
  sender_burst_limit: WithDefault<number>;
  inbound_secret_hash: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
};

export type MailboxImapSourcesTable = {
  id: Id;
  mailbox_id: number;
  host: string;
  port: number;
  secure: WithDefault<boolean>;
  username: string;
  auth_method: WithDefault<'password' | 'oauth2'>;
  /** The password or OAuth token, encrypted with the app's secret key (see secret-box.ts). */
  secret_box: string;
  folder: WithDefault<string>;
  move_to: string | null;
  poll_seconds: WithDefault<number>;
  active: WithDefault<boolean>;
  /** Loopback and private addresses allowed (an admin's choice); link-local never. */
  allow_private_network: WithDefault<boolean>;
  last_polled_at: NullableTimestamp;
  last_error: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
};

export type InboundMessagesTable = {
  id: Id;
  mailbox_id: number | null;
  source: InboundSource;
  source_ref: string | null;
  dedupe_key: string;
  message_id: string | null;
  envelope_from: string | null;
  envelope_to: TextArray;
  /** The message as received; empty when it is in storage under `storage_key` (large mail on PGlite). */
  raw: Buffer;
  storage_key: string | null;
  size: number;
  /** SHA-256 of the body (see contentHash); null on messages stored before it was kept. */
  content_sha256: string | null;
  /** The earlier message whose Message-ID this one reuses with different content. */
  reuses_message_of: number | null;
  status: WithDefault<InboundStatus>;
  cause: string | null;
  reason: string | null;
  from_address: string | null;
  from_name: string | null;
  subject: string | null;
  /** The start of the text, for the review list. */
  preview: string | null;
  ticket_id: number | null;
  comment_id: number | null;
  received_at: Timestamp;
  processed_at: NullableTimestamp;
  updated_at: Timestamp;
};

export type EmailOutboxTable = {
  id: Id;
  ticket_id: number;
  comment_id: number | null;
  mailbox_id: number | null;
  kind: WithDefault<'reply' | 'notification'>;
  message_id: string;
  from_address: string;
  from_name: WithDefault<string>;
  reply_to: string | null;
  to_addresses: string[];
  cc_addresses: TextArray;
  subject: string;
  in_reply_to: string | null;
  reference_ids: TextArray;
  /** A notification's own content (a reply's content is its comment). */
  body_text: string | null;
  body_html: string | null;
  /** RFC 3834 marking of automatic mail (null for a person's reply). */
  auto_submitted: AutoSubmitted | null;
  status: WithDefault<OutboxStatus>;
  attempts: WithDefault<number>;
  last_error: string | null;
  sent_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export type EmailBouncesTable = {
  id: Id;
  address: string;
  action: string;
  status_code: string | null;
  diagnostic: string | null;
  permanent: boolean;
  inbound_message_id: number | null;
  outbox_id: number | null;
  created_at: CreatedAt;
};

export type EmailTables = {
  mailboxes: MailboxesTable;
  mailbox_imap_sources: MailboxImapSourcesTable;
  inbound_messages: InboundMessagesTable;
  email_outbox: EmailOutboxTable;
  email_bounces: EmailBouncesTable;
};
// biome-ignore lint/complexity/noBannedTypes: the email area adds no ticket columns
export type EmailTicketColumns = {};

export type Mailbox = Selectable<MailboxesTable>;
export type ImapSource = Selectable<MailboxImapSourcesTable>;
export type InboundMessage = Selectable<InboundMessagesTable>;
/** A stored message without its bytes. */
export type InboundMessageSummary = Omit<InboundMessage, 'raw'>;
export type OutboxEmail = Selectable<EmailOutboxTable>;
