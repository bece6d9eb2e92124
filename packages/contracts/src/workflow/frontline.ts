import { z } from 'zod';
import { id, timestamp } from '../common.js';
import { agentLevel } from '../people.js';
import { ruleConditions } from './rules.js';
import { slaEvent, slaTarget } from './sla.js';

/** Frontline's additions under /api/v2/frontline: tiers, routing, escalation, swarms, empowered actions. */
export const agentPresence = z.enum(['online', 'away', 'offline']);
export const assignmentMode = z.enum(['round_robin', 'least_loaded', 'manual']);

const skill = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{N}_:.-]{1,60}$/u, 'must be one word: letters, digits, _ : . -');
/** Maximum open tickets per channel (`chat`, `email`, …; `default` for the rest). */
const capacity = z.record(
  z.string().regex(/^[a-z_]{1,30}$/, 'must be a channel name'),
  z.number().int().min(0).max(1000),
);

export const agentProfile = z.object({
  user_id: z.number().int(),
  name: z.string(),
  level: agentLevel.nullable(),
  presence: agentPresence,
  presence_changed_at: timestamp.nullable(),
  skills: z.array(z.string()),
  capacity: z.record(z.string(), z.number().int()),
  /** Open (new or open) tickets assigned, per channel. */
  load: z.record(z.string(), z.number().int()),
  group_ids: z.array(z.number().int()),
  last_assigned_at: timestamp.nullable(),
});
export type AgentProfileJson = z.infer<typeof agentProfile>;

export const agentProfileUpdate = z.object({
  level: agentLevel.optional(),
  presence: agentPresence.optional(),
  skills: z.array(skill).max(50).optional(),
  capacity: capacity.optional(),
});
export const presenceUpdate = z.object({ presence: agentPresence });

export const groupSettings = z.object({
  group_id: z.number().int(),
  name: z.string(),
  tier: z.number().int().nullable(),
  /** Minutes of open handling before the ticket moves up a tier; null is no limit. */
  time_limit_minutes: z.number().int().nullable(),
  time_limit_source: z.enum(['tier_default', 'group']),
  swarm_mode: z.boolean(),
  assignment_mode: assignmentMode,
  escalation_group_id: z.number().int().nullable(),
  queued_tickets: z.number().int(),
});
export type GroupSettingsJson = z.infer<typeof groupSettings>;

export const groupSettingsUpdate = z.object({
  tier: z.number().int().min(1).max(3).nullable().optional(),
  /** A number of minutes, null for no limit; leave out (or send `use_tier_default: true`) for the tier's default. */
  time_limit_minutes: z.number().int().min(1).max(100_000).nullable().optional(),
  use_tier_default: z.boolean().optional(),
  swarm_mode: z.boolean().optional(),
  assignment_mode: assignmentMode.optional(),
  escalation_group_id: id.nullable().optional(),
});

export const routingRuleInput = z.object({
  title: z.string().trim().min(1, 'cannot be blank').max(255),
  active: z.boolean().optional(),
  position: z.number().int().min(0).max(100_000).optional(),
  conditions: ruleConditions,
  group_id: id.nullable().optional(),
  required_level: agentLevel.nullable().optional(),
  required_skills: z.array(skill).max(20).optional(),
});
export const routingRuleUpdate = routingRuleInput.partial();

export const routingRule = z.object({
  id: z.number().int(),
  url: z.string(),
  title: z.string(),
  active: z.boolean(),
  position: z.number().int(),
  conditions: ruleConditions,
  group_id: z.number().int().nullable(),
  required_level: agentLevel.nullable(),
  required_skills: z.array(z.string()),
  created_at: timestamp,
  updated_at: timestamp,
});
export type RoutingRuleJson = z.infer<typeof routingRule>;

export const assignmentDecision = z.object({
  id: z.number().int(),
  group_id: z.number().int().nullable(),
  agent_id: z.number().int().nullable(),
  mode: z.string(),
  reason: z.string(),
  created_at: timestamp,
});

export const escalationRecord = z.object({
  id: z.number().int(),
  kind: z.enum(['automatic', 'manual', 'fix_shipped', 'swarm']),
  from_group_id: z.number().int().nullable(),
  to_group_id: z.number().int().nullable(),
  from_tier: z.number().int().nullable(),
  to_tier: z.number().int().nullable(),
  reason: z.string(),
  actor_id: z.number().int(),
  created_at: timestamp,
});

export const engineeringLink = z.object({
  url: z.string(),
  status: z.enum(['open', 'shipped', 'verified']),
  linked_by: z.number().int(),
  created_at: timestamp,
  shipped_at: timestamp.nullable(),
  verified_at: timestamp.nullable(),
});

export const ticketWorkflow = z.object({
  ticket_id: z.number().int(),
  tier: z.number().int().nullable(),
  tier_entered_at: timestamp.nullable(),
  escalate_at: timestamp.nullable(),
  required_level: agentLevel.nullable(),
  required_skills: z.array(z.string()),
  queued: z.boolean(),
  engineering_state: z.enum(['awaiting_fix', 'verify']).nullable(),
  engineering_issue: engineeringLink.nullable(),
  sla_policy_id: z.number().int().nullable(),
  sla_next_breach_at: timestamp.nullable(),
  sla_targets: z.array(slaTarget),
  sla_events: z.array(slaEvent),
  assignments: z.array(assignmentDecision),
  escalations: z.array(escalationRecord),
});
export type TicketWorkflowJson = z.infer<typeof ticketWorkflow>;

export const escalateInput = z.object({
  reason: z.string().trim().min(1, 'cannot be blank: say why').max(2000),
  group_id: id.optional(),
});

export const engineeringIssueInput = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
});
export const engineeringIssueUpdate = z.object({
  status: z.enum(['shipped', 'verified', 'open']),
  note: z.string().max(10_000).optional(),
});

export const swarmStart = z
  .object({
    reason: z.string().trim().min(1, 'cannot be blank: say what you need help with').max(2000),
    user_ids: z.array(id).max(20).optional(),
    skills: z.array(skill).max(10).optional(),
    group_ids: z.array(id).max(10).optional(),
  })
  .refine((s) => (s.user_ids?.length ?? 0) + (s.skills?.length ?? 0) + (s.group_ids?.length ?? 0) > 0, {
    message: 'name at least one colleague, skill or group to call in',
    path: ['user_ids'],
  });
export const swarmInvite = z.object({
  user_ids: z.array(id).max(20).optional(),
  skills: z.array(skill).max(10).optional(),
  group_ids: z.array(id).max(10).optional(),
});
export const swarmMessageInput = z.object({ body: z.string().trim().min(1, 'cannot be blank').max(20_000) });

export const swarm = z.object({
  id: z.number().int(),
  ticket_id: z.number().int(),
  group_id: z.number().int().nullable(),
  status: z.enum(['active', 'closed']),
  reason: z.string(),
  automatic: z.boolean(),
  started_by: z.number().int(),
  members: z.array(
    z.object({
      user_id: z.number().int(),
      invited_via: z.string(),
      invited_at: timestamp,
      joined_at: timestamp.nullable(),
      active: z.boolean(),
      minutes_spent: z.number().int(),
    }),
  ),
  messages: z.array(
    z.object({ id: z.number().int(), author_id: z.number().int(), body: z.string(), created_at: timestamp }),
  ),
  created_at: timestamp,
  closed_at: timestamp.nullable(),
});
export type SwarmJson = z.infer<typeof swarm>;

const limits = z.object({
  junior: z.number().min(0).optional(),
  mid: z.number().min(0).optional(),
  senior: z.number().min(0).optional(),
});

export const empoweredActionInput = z.object({
  name: z.string().trim().min(1, 'cannot be blank').max(255),
  description: z.string().max(10_000).optional(),
  unit: z.string().max(20).optional(),
  limits,
  webhook_id: id.nullable().optional(),
  active: z.boolean().optional(),
});
export const empoweredActionUpdate = empoweredActionInput.partial();

export const empoweredAction = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  unit: z.string(),
  limits,
  webhook_id: z.number().int().nullable(),
  active: z.boolean(),
  created_at: timestamp,
  updated_at: timestamp,
});

export const empoweredActionRun = z.object({
  amount: z.number().positive().max(1_000_000_000),
  note: z.string().max(10_000).optional(),
});
export const approvalDecision = z.object({ note: z.string().max(10_000).optional() });

export const actionRequest = z.object({
  id: z.number().int(),
  action_id: z.number().int(),
  action_name: z.string(),
  ticket_id: z.number().int(),
  agent_id: z.number().int(),
  amount: z.number(),
  unit: z.string(),
  note: z.string(),
  status: z.enum(['executed', 'pending_approval', 'approved', 'rejected']),
  approver_id: z.number().int().nullable(),
  decision_note: z.string(),
  decided_at: timestamp.nullable(),
  created_at: timestamp,
});
export type ActionRequestJson = z.infer<typeof actionRequest>;

export const notificationEmail = z.object({
  id: z.number().int(),
  ticket_id: z.number().int().nullable(),
  recipient_id: z.number().int().nullable(),
  recipient_email: z.string(),
  subject: z.string(),
  body: z.string(),
  source: z.string(),
  /** queued (waiting or being retried), sent, failed (for good) or suppressed (RFC 3834, hourly cap). */
  status: z.enum(['queued', 'sent', 'failed', 'suppressed']),
  /** Why it failed, was suppressed, or is being retried; null otherwise. */
  status_reason: z.string().nullable(),
  created_at: timestamp,
  sent_at: timestamp.nullable(),
});
export type NotificationEmailJson = z.infer<typeof notificationEmail>;
