import type { ColumnType, Generated } from 'kysely';
import type { WorkflowRuleTables } from './workflow-rules.js';

/**
 * Table types owned by the workflow area (migrations 0500–0599).
 * `WorkflowTables` is merged into DB; `WorkflowTicketColumns` adds columns to tickets.
 */
type Id = Generated<number>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string | undefined, string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export type Level = 'junior' | 'mid' | 'senior';
export type Presence = 'online' | 'away' | 'offline';
export type AssignmentMode = 'round_robin' | 'least_loaded' | 'manual';
export type EngineeringState = 'awaiting_fix' | 'verify';

/** A Zendesk rule condition and the `{all, any}` set of them. */
export type RuleCondition = { field: string; operator?: string | undefined; value?: unknown };
export type RuleConditions = { all: RuleCondition[]; any: RuleCondition[] };
export type RuleAction = { field: string; value?: unknown };
export type ScheduleInterval = { start_time: number; end_time: number };
export type PolicyMetric = {
  priority: 'low' | 'normal' | 'high' | 'urgent';
  metric: string;
  target: number;
  business_hours: boolean;
};

export type WorkflowTicketColumns = {
  tier: number | null;
  tier_entered_at: NullableTimestamp;
  escalate_at: NullableTimestamp;
  required_level: Level | null;
  required_skills: TextArray;
  routing_retry_at: NullableTimestamp;
  engineering_state: EngineeringState | null;
  sla_policy_id: number | null;
  sla_first_reply_due_at: NullableTimestamp;
  sla_next_reply_due_at: NullableTimestamp;
  sla_periodic_update_due_at: NullableTimestamp;
  sla_resolution_due_at: NullableTimestamp;
  sla_next_breach_at: NullableTimestamp;
  automation_check_at: NullableTimestamp;
};

export type AgentProfilesTable = {
  user_id: number;
  presence: WithDefault<Presence>;
  presence_changed_at: NullableTimestamp;
  skills: TextArray;
  capacity: Json<Record<string, number>>;
  last_assigned_at: NullableTimestamp;
  updated_at: Timestamp;
};

export type GroupWorkflowSettingsTable = {
  group_id: number;
  use_tier_default_limit: WithDefault<boolean>;
  time_limit_minutes: number | null;
  swarm_mode: WithDefault<boolean>;
  assignment_mode: WithDefault<AssignmentMode>;
  escalation_group_id: number | null;
  updated_at: Timestamp;
};

export type RoutingRulesTable = {
  id: Id;
  title: string;
  active: WithDefault<boolean>;
  position: WithDefault<number>;
  conditions: Json<RuleConditions>;
  group_id: number | null;
  required_level: Level | null;
  required_skills: TextArray;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export type AssignmentDecisionsTable = {
  id: Id;
  ticket_id: number;
  group_id: number | null;
  agent_id: number | null;
  mode: string;
  reason: string;
  details: Json<Record<string, unknown>>;
  created_at: CreatedAt;
};

export type EscalationKind = 'automatic' | 'manual' | 'fix_shipped' | 'swarm';

export type EscalationsTable = {
  id: Id;
  ticket_id: number;
  kind: EscalationKind;
  from_group_id: number | null;
  to_group_id: number | null;
  from_tier: number | null;
  to_tier: number | null;
  reason: string;
  actor_id: number;
  due_at: NullableTimestamp;
  created_at: CreatedAt;
};

export type EngineeringLinksTable = {
  id: Id;
  ticket_id: number;
  url: string;
  status: 'open' | 'shipped' | 'verified';
  tier3_group_id: number | null;
  linked_by: number;
  created_at: CreatedAt;
  updated_at: Timestamp;
  shipped_at: NullableTimestamp;
  verified_at: NullableTimestamp;
};

export type SwarmsTable = {
  id: Id;
  ticket_id: number;
  group_id: number | null;
  started_by: number;
  reason: WithDefault<string>;
  automatic: WithDefault<boolean>;
  status: WithDefault<'active' | 'closed'>;
  created_at: CreatedAt;
  closed_at: NullableTimestamp;
};

export type SwarmMembersTable = {
  id: Id;
  swarm_id: number;
  user_id: number;
  invited_by: number;
  invited_via: 'name' | 'skill' | 'group' | 'starter';
  invited_at: Timestamp;
  joined_at: NullableTimestamp;
  active_since: NullableTimestamp;
  seconds_spent: WithDefault<number>;
};

export type SwarmMessagesTable = {
  id: Id;
  swarm_id: number;
  author_id: number;
  body: string;
  created_at: CreatedAt;
};

export type BusinessSchedulesTable = {
  id: Id;
  name: string;
  time_zone: string;
  intervals: Json<ScheduleInterval[]>;
  position: WithDefault<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export type BusinessHolidaysTable = {
  id: Id;
  schedule_id: number;
  name: string;
  /** `YYYY-MM-DD`, read as text (see the repository) so no time zone shifts it. */
  start_date: ColumnType<string, string, string>;
  end_date: ColumnType<string, string, string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export type SlaPoliciesTable = {
  id: Id;
  title: string;
  description: WithDefault<string>;
  position: WithDefault<number>;
  filter: Json<RuleConditions>;
  policy_metrics: Json<PolicyMetric[]>;
  schedule_id: number | null;
  warning_minutes: WithDefault<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export type SlaStage = 'active' | 'paused' | 'achieved' | 'cancelled';

export type SlaTargetsTable = {
  id: Id;
  ticket_id: number;
  policy_id: number | null;
  metric: string;
  instance: number;
  target_minutes: number;
  business_hours: boolean;
  stage: SlaStage;
  started_at: Timestamp;
  due_at: NullableTimestamp;
  warn_at: NullableTimestamp;
  fulfilled_at: NullableTimestamp;
  warned_at: NullableTimestamp;
  breached_at: NullableTimestamp;
  updated_at: Timestamp;
};

export type SlaEventsTable = {
  id: Id;
  target_id: number;
  ticket_id: number;
  metric: string;
  kind: 'warning' | 'breach';
  due_at: Timestamp;
  created_at: CreatedAt;
};

export type WorkflowTables = WorkflowRuleTables & {
  agent_profiles: AgentProfilesTable;
  group_workflow_settings: GroupWorkflowSettingsTable;
  routing_rules: RoutingRulesTable;
  assignment_decisions: AssignmentDecisionsTable;
  escalations: EscalationsTable;
  engineering_links: EngineeringLinksTable;
  swarms: SwarmsTable;
  swarm_members: SwarmMembersTable;
  swarm_messages: SwarmMessagesTable;
  business_schedules: BusinessSchedulesTable;
  business_holidays: BusinessHolidaysTable;
  sla_policies: SlaPoliciesTable;
  sla_targets: SlaTargetsTable;
  sla_events: SlaEventsTable;
};
