import type { CustomFieldValue, TicketPriority, TicketStatus, TicketType } from '../../../db/schema.js';
import type { Schedule } from '../business-hours/business-time.js';

/**
 * What a rule (trigger, automation, SLA policy, routing rule, macro) sees of a ticket:
 * its fields, the update being made (triggers only), a few counts and the times that
 * time-based conditions measure from. Built by the services; read by pure functions.
 */
export type RuleTicket = {
  id: number;
  subject: string;
  description: string;
  status: TicketStatus;
  priority: TicketPriority | null;
  type: TicketType | null;
  group_id: number | null;
  assignee_id: number | null;
  requester_id: number;
  organization_id: number | null;
  tags: string[];
  custom_fields: Record<string, CustomFieldValue>;
  follower_ids: number[];
  collaborator_ids: number[];
  via_channel: string;
  is_public: boolean;
  due_at: Date | null;
  created_at: Date;
};

export type RuleChange = { field: string; from: unknown; to: unknown };

export type RuleUpdate = {
  type: 'Create' | 'Change';
  changes: RuleChange[];
  comment: { body: string; public: boolean } | null;
  actorId: number;
  actorRole: 'end-user' | 'agent' | 'admin';
  /** The channel of the update (`current_via_id`). */
  via: string;
};

/** Times that automation conditions count hours from; null when they do not apply. */
export type TimeField =
  | 'NEW'
  | 'OPEN'
  | 'PENDING'
  | 'HOLD'
  | 'SOLVED'
  | 'CLOSED'
  | 'assigned_at'
  | 'updated_at'
  | 'requester_updated_at'
  | 'assignee_updated_at'
  | 'created_at'
  | 'due_date'
  | 'until_due_date';

export type RuleFacts = {
  ticket: RuleTicket;
  update: RuleUpdate | null;
  requester: { role: string; locale: string; email: string | null } | null;
  counts: { reopens: number; replies: number; agent_stations: number; group_stations: number };
  times: Partial<Record<TimeField, Date | null>>;
  /** The business-hours schedule that `*_business_hours` operators and `in_business_hours` use. */
  schedule: Schedule | null;
  now: Date;
};

const STATUS_SINCE: Record<TicketStatus, TimeField> = {
  new: 'NEW',
  open: 'OPEN',
  pending: 'PENDING',
  hold: 'HOLD',
  solved: 'SOLVED',
  closed: 'CLOSED',
};

/** The time field that measures hours in a status ("hours since pending" is PENDING). */
export function statusTimeField(status: TicketStatus): TimeField {
  return STATUS_SINCE[status];
}

export function emptyCounts() {
  return { reopens: 0, replies: 0, agent_stations: 0, group_stations: 0 };
}
