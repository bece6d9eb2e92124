import type { Ticket, User } from '../../../db/schema.js';
import type { Schedule } from '../business-hours/business-time.js';
import { type RuleFacts, type RuleUpdate, statusTimeField, type TimeField } from '../rules/rule-facts.js';
import { computeTicketMetrics } from '../sla/ticket-metrics.js';
import { currentStatusSince, type TicketHistory } from './ticket-history.js';

/** The rule facts of a ticket: its fields, counts and the times automations measure. Pure. */
export function buildFacts(input: {
  ticket: Ticket;
  history: TicketHistory;
  requester: User | undefined;
  update: RuleUpdate | null;
  schedule: Schedule | null;
  now: Date;
}): RuleFacts {
  const { ticket: t, history, requester, schedule, now } = input;
  const metrics = computeTicketMetrics(
    history,
    { requesterId: t.requester_id, assigneeId: t.assignee_id },
    schedule,
    now,
  );
  const times: Partial<Record<TimeField, Date | null>> = {
    [statusTimeField(t.status)]: currentStatusSince(history),
    assigned_at: t.assignee_id !== null ? metrics.assigned_at : null,
    updated_at: t.updated_at,
    requester_updated_at: metrics.requester_updated_at,
    assignee_updated_at: metrics.assignee_updated_at,
    created_at: t.created_at,
    due_date: t.due_at,
  };
  return {
    ticket: {
      id: t.id,
      subject: t.subject,
      description: t.description,
      status: t.status,
      priority: t.priority,
      type: t.type,
      group_id: t.group_id,
      assignee_id: t.assignee_id,
      requester_id: t.requester_id,
      organization_id: t.organization_id,
      tags: [...t.tags],
      custom_fields: { ...t.custom_fields },
      follower_ids: [...t.follower_ids],
      collaborator_ids: [...t.collaborator_ids],
      via_channel: t.via_channel,
      is_public: t.is_public,
      due_at: t.due_at,
      created_at: t.created_at,
    },
    update: input.update,
    requester: requester ? { role: requester.role, locale: requester.locale, email: requester.email } : null,
    counts: {
      reopens: metrics.reopens,
      replies: metrics.replies,
      agent_stations: metrics.assignee_stations,
      group_stations: metrics.group_stations,
    },
    times,
    schedule,
    now,
  };
}
