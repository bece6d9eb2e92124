import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { EmailTables, EmailTicketColumns } from './tables/email.js';
import type { ExportsTables, ExportsTicketColumns } from './tables/exports.js';
import type { KbTables } from './tables/kb.js';
import type { PeopleTables, PeopleTicketColumns } from './tables/people.js';
import type { RealtimeTables, RealtimeTicketColumns } from './tables/realtime.js';
import type { SearchTables, SearchTicketColumns } from './tables/search.js';
import type { WorkflowTables, WorkflowTicketColumns } from './tables/workflow.js';

/** Table types for Kysely, kept in step with migrations/ by hand (one file, reviewed with them). */

type Id = Generated<number>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string | T | undefined, string | T>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type IdArray = ColumnType<number[], number[] | undefined, number[]>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export type JsonObject = Record<string, unknown>;
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type SettingsTable = { key: string; value: Json<unknown>; updated_at: Timestamp };

export type OrganizationsTable = {
  id: Id;
  name: string;
  external_id: string | null;
  domain_names: TextArray;
  details: WithDefault<string>;
  notes: WithDefault<string>;
  group_id: number | null;
  shared_tickets: WithDefault<boolean>;
  shared_comments: WithDefault<boolean>;
  tags: TextArray;
  organization_fields: Json<JsonObject>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
};

export type UserRole = 'end-user' | 'agent' | 'admin';
export type AgentLevel = 'junior' | 'mid' | 'senior';
export type TicketRestriction = 'organization' | 'groups' | 'assigned' | 'requested';

export type UsersTable = {
  id: Id;
  name: string;
  email: string | null;
  role: WithDefault<UserRole>;
  light_agent: WithDefault<boolean>;
  agent_level: AgentLevel | null;
  organization_id: number | null;
  phone: string | null;
  locale: WithDefault<string>;
  time_zone: WithDefault<string>;
  external_id: string | null;
  alias: WithDefault<string>;
  signature: WithDefault<string>;
  details: WithDefault<string>;
  notes: WithDefault<string>;
  tags: TextArray;
  user_fields: Json<JsonObject>;
  ticket_restriction: TicketRestriction | null;
  verified: WithDefault<boolean>;
  active: WithDefault<boolean>;
  suspended: WithDefault<boolean>;
  password_hash: string | null;
  last_login_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
};

export type GroupsTable = {
  id: Id;
  name: string;
  description: WithDefault<string>;
  tier: number | null;
  is_public: WithDefault<boolean>;
  is_default: WithDefault<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
};

export type GroupMembershipsTable = {
  id: Id;
  user_id: number;
  group_id: number;
  is_default: WithDefault<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export type ApiTokensTable = {
  id: Id;
  token_hash: string;
  token_hint: string;
  description: WithDefault<string>;
  owner_id: number;
  acts_as_any_user: WithDefault<boolean>;
  active: WithDefault<boolean>;
  created_at: CreatedAt;
  last_used_at: NullableTimestamp;
};

export type SessionsTable = {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  user_agent: WithDefault<string>;
  ip: WithDefault<string>;
};

export type TicketFieldType =
  | 'text'
  | 'textarea'
  | 'integer'
  | 'decimal'
  | 'tagger'
  | 'checkbox'
  | 'date'
  | 'regexp';
export type CustomFieldOption = { id: number; name: string; value: string; default?: boolean };

export type TicketFieldsTable = {
  id: Id;
  type: TicketFieldType;
  title: string;
  description: WithDefault<string>;
  active: WithDefault<boolean>;
  required: WithDefault<boolean>;
  visible_in_portal: WithDefault<boolean>;
  editable_in_portal: WithDefault<boolean>;
  position: WithDefault<number>;
  regexp_for_validation: string | null;
  tag: string | null;
  custom_field_options: Json<CustomFieldOption[]>;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export type TicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';
export type TicketType = 'question' | 'incident' | 'problem' | 'task';
export type CustomFieldValue = string | number | boolean | null;

export type CoreTicketColumns = {
  id: Id;
  external_id: string | null;
  subject: WithDefault<string>;
  description: WithDefault<string>;
  status: WithDefault<TicketStatus>;
  priority: TicketPriority | null;
  type: TicketType | null;
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  group_id: number | null;
  organization_id: number | null;
  via_channel: WithDefault<string>;
  via_source: Json<JsonObject>;
  tags: TextArray;
  custom_fields: Json<Record<string, CustomFieldValue>>;
  collaborator_ids: IdArray;
  follower_ids: IdArray;
  email_cc_ids: IdArray;
  due_at: NullableTimestamp;
  problem_id: number | null;
  followup_source_id: number | null;
  merged_into_id: number | null;
  is_public: WithDefault<boolean>;
  search_tokens: TextArray;
  created_at: CreatedAt;
  updated_at: Timestamp;
  solved_at: NullableTimestamp;
  deleted_at: NullableTimestamp;
};

/** Tickets: the core columns plus those each area adds in its own migrations. */
export type TicketsTable = CoreTicketColumns &
  PeopleTicketColumns &
  SearchTicketColumns &
  ExportsTicketColumns &
  EmailTicketColumns &
  WorkflowTicketColumns &
  RealtimeTicketColumns;

export type TicketAuditsTable = {
  id: Id;
  ticket_id: number;
  author_id: number;
  via_channel: string;
  via_source: Json<JsonObject>;
  metadata: Json<JsonObject>;
  created_at: CreatedAt;
};

export type TicketEventsTable = {
  id: Id;
  audit_id: number;
  ticket_id: number;
  type: string;
  field_name: string | null;
  value: Json<JsonValue> | null;
  previous_value: Json<JsonValue> | null;
  created_at: CreatedAt;
};

export type TicketCommentsTable = {
  id: Id;
  ticket_id: number;
  audit_id: number;
  author_id: number;
  public: WithDefault<boolean>;
  body: string;
  html_body: string;
  via_channel: string;
  via_source: Json<JsonObject>;
  metadata: Json<JsonObject>;
  created_at: CreatedAt;
};

export type UploadsTable = {
  id: Id;
  token: string;
  uploader_id: number;
  created_at: CreatedAt;
  expires_at: Timestamp;
};

export type AttachmentsTable = {
  id: Id;
  upload_id: number | null;
  comment_id: number | null;
  ticket_id: number | null;
  uploader_id: number;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  inline: WithDefault<boolean>;
  created_at: CreatedAt;
};

export type JobStatusState = 'queued' | 'working' | 'failed' | 'completed' | 'killed';

export type JobStatusesTable = {
  id: string;
  job_type: string;
  status: WithDefault<JobStatusState>;
  total: WithDefault<number>;
  progress: WithDefault<number>;
  message: string | null;
  results: Json<JsonObject[]>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export type JobsTable = {
  id: Id;
  queue: string;
  payload: Json<JsonObject>;
  dedupe_key: string | null;
  order_key: ColumnType<string | null, string | null | undefined, string | null>;
  run_at: Timestamp;
  attempts: WithDefault<number>;
  max_attempts: WithDefault<number>;
  locked_by: string | null;
  locked_until: NullableTimestamp;
  last_error: string | null;
  done_at: NullableTimestamp;
  failed_at: NullableTimestamp;
  created_at: CreatedAt;
};

export type SchemaMigrationsTable = { name: string; applied_at: CreatedAt };

export type CoreTables = {
  settings: SettingsTable;
  organizations: OrganizationsTable;
  users: UsersTable;
  groups: GroupsTable;
  group_memberships: GroupMembershipsTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  ticket_fields: TicketFieldsTable;
  tickets: TicketsTable;
  ticket_audits: TicketAuditsTable;
  ticket_events: TicketEventsTable;
  ticket_comments: TicketCommentsTable;
  uploads: UploadsTable;
  attachments: AttachmentsTable;
  job_statuses: JobStatusesTable;
  jobs: JobsTable;
  schema_migrations: SchemaMigrationsTable;
};

export type DB = CoreTables &
  PeopleTables &
  SearchTables &
  ExportsTables &
  EmailTables &
  WorkflowTables &
  RealtimeTables &
  KbTables;

export type Ticket = Selectable<TicketsTable>;
export type NewTicket = Insertable<TicketsTable>;
export type TicketUpdate = Updateable<TicketsTable>;
export type User = Selectable<UsersTable>;
export type Organization = Selectable<OrganizationsTable>;
export type Group = Selectable<GroupsTable>;
export type TicketComment = Selectable<TicketCommentsTable>;
export type TicketAudit = Selectable<TicketAuditsTable>;
export type TicketEvent = Selectable<TicketEventsTable>;
export type Attachment = Selectable<AttachmentsTable>;
export type TicketField = Selectable<TicketFieldsTable>;
