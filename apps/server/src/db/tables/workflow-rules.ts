import type { ColumnType, Generated } from 'kysely';
import type { Level, RuleAction, RuleConditions } from './workflow.js';

/**
 * Table types of the workflow's rules (migrations 0502–0503): triggers, automations,
 * macros, webhooks, notification mail and empowered actions. Merged into DB through
 * `WorkflowTables` in workflow.ts.
 */
type Id = Generated<number>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string | undefined, string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type IdArray = ColumnType<number[], number[] | undefined, number[]>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export type TriggersTable = {
  id: Id;
  title: string;
  description: WithDefault<string>;
  active: WithDefault<boolean>;
  position: WithDefault<number>;
  category_id: string | null;
  conditions: Json<RuleConditions>;
  actions: Json<RuleAction[]>;
  loop_detected_at: NullableTimestamp;
  loop_details: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export type AutomationsTable = {
  id: Id;
  title: string;
  active: WithDefault<boolean>;
  position: WithDefault<number>;
  conditions: Json<RuleConditions>;
  actions: Json<RuleAction[]>;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export type AutomationRunsTable = {
  automation_id: number;
  ticket_id: number;
  anchor: string;
  created_at: CreatedAt;
};

export type MacrosTable = {
  id: Id;
  title: string;
  description: WithDefault<string>;
  active: WithDefault<boolean>;
  position: WithDefault<number>;
  actions: Json<RuleAction[]>;
  restriction_type: 'User' | 'Group' | null;
  restriction_ids: IdArray;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export type MacroUsagesTable = {
  id: Id;
  macro_id: number;
  user_id: number;
  ticket_id: number | null;
  created_at: CreatedAt;
};

export type WebhookAuthentication =
  | { type: 'bearer_token'; data: { token: string } }
  | { type: 'basic_auth'; data: { username: string; password: string } }
  | { type: 'api_key'; data: { name: string; value: string } };

export type WebhooksTable = {
  id: Id;
  name: string;
  description: WithDefault<string>;
  endpoint: string;
  http_method: WithDefault<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'>;
  request_format: WithDefault<'json' | 'xml' | 'form_encoded'>;
  status: WithDefault<'active' | 'inactive'>;
  subscriptions: TextArray;
  authentication: Json<WebhookAuthentication | null>;
  custom_headers: Json<Record<string, string>>;
  allow_private_network: WithDefault<boolean>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export type InvocationStatus = 'pending' | 'retrying' | 'succeeded' | 'failed';

export type WebhookInvocationsTable = {
  id: Id;
  webhook_id: number;
  ticket_id: number | null;
  source: string;
  body: string;
  status: WithDefault<InvocationStatus>;
  attempts: WithDefault<number>;
  last_status_code: number | null;
  last_error: string | null;
  dedupe_key: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
  completed_at: NullableTimestamp;
};

export type NotificationEmailsTable = {
  id: Id;
  ticket_id: number | null;
  recipient_id: number | null;
  recipient_email: string;
  subject: string;
  body: string;
  source: string;
  status: WithDefault<NotificationStatus>;
  /** Why it failed or was suppressed (null while queued or once sent). */
  status_reason: string | null;
  /** The email channel's outbox row that carries it, once written. */
  outbox_id: number | null;
  dedupe_key: string;
  created_at: CreatedAt;
  updated_at: NullableTimestamp;
  sent_at: NullableTimestamp;
};

export type NotificationStatus = 'queued' | 'sent' | 'failed' | 'suppressed';

export type EmpoweredActionsTable = {
  id: Id;
  name: string;
  description: WithDefault<string>;
  unit: WithDefault<string>;
  limits: Json<Partial<Record<Level, number>>>;
  webhook_id: number | null;
  active: WithDefault<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export type ActionRequestStatus = 'executed' | 'pending_approval' | 'approved' | 'rejected';

export type EmpoweredActionRequestsTable = {
  id: Id;
  action_id: number;
  ticket_id: number;
  agent_id: number;
  amount: number;
  note: WithDefault<string>;
  status: ActionRequestStatus;
  approver_id: number | null;
  decision_note: WithDefault<string>;
  decided_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export type WorkflowRuleTables = {
  triggers: TriggersTable;
  automations: AutomationsTable;
  automation_runs: AutomationRunsTable;
  macros: MacrosTable;
  macro_usages: MacroUsagesTable;
  webhooks: WebhooksTable;
  webhook_invocations: WebhookInvocationsTable;
  notification_emails: NotificationEmailsTable;
  empowered_actions: EmpoweredActionsTable;
  empowered_action_requests: EmpoweredActionRequestsTable;
};
