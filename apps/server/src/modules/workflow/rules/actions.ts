import type { TicketPriority, TicketStatus, TicketType } from '../../../db/schema.js';
import { normalizeTags } from '../../../platform/text/tags.js';
import type { RuleChange, RuleFacts, RuleTicket } from './rule-facts.js';

/**
 * Zendesk actions (`[{field, value}]`) as a plan: the ticket fields to set, comments to
 * add, and notifications and webhooks to send. Planning is pure and also applies the
 * field changes to the facts, so the next trigger in a pass sees them, as in Zendesk.
 * Templates (subjects, bodies, comments) stay unrendered here; services render them.
 */
export type RuleAction = { field: string; value?: unknown };

export type Recipient = 'requester_id' | 'assignee_id' | 'current_user' | 'all_agents' | number;

export type ActionPlan = {
  fields: Partial<Pick<RuleTicket, 'status' | 'priority' | 'type' | 'group_id' | 'assignee_id' | 'subject'>>;
  tags: string[] | null;
  customFields: Record<string, string | number | boolean | null>;
  addFollowers: number[];
  addCollaborators: number[];
  comment: { body: string; html: boolean; public: boolean } | null;
  notifyUsers: { to: Recipient; subject: string; body: string }[];
  notifyGroups: { groupId: number | 'group_id'; subject: string; body: string }[];
  webhooks: { webhookId: number; body: string }[];
};

/** Zendesk actions Frontline accepts and deliberately does nothing with (so exports import). */
export const IGNORED_ACTIONS = new Set([
  'satisfaction_score',
  'ticket_form_id',
  'brand_id',
  'locale_id',
  'share_ticket',
  'deflection',
  'tweet_requester',
  'notification_target',
  'notification_sms_user',
  'notification_sms_group',
  'notification_messaging_csat',
]);

export function emptyPlan(): ActionPlan {
  return {
    fields: {},
    tags: null,
    customFields: {},
    addFollowers: [],
    addCollaborators: [],
    comment: null,
    notifyUsers: [],
    notifyGroups: [],
    webhooks: [],
  };
}

function text(value: unknown) {
  return value === null || value === undefined ? '' : String(value).trim();
}

function idOrNull(value: unknown, facts: RuleFacts): number | null {
  const v = text(value);
  if (v === '') return null;
  if (v === 'current_user') return facts.update && facts.update.actorId > 0 ? facts.update.actorId : null;
  if (v === 'requester_id') return facts.ticket.requester_id;
  return Number(v);
}

function recipient(value: unknown): Recipient {
  const v = text(value);
  return /^\d+$/.test(v) ? Number(v) : (v as Recipient);
}

/** Adds a rule's actions to a plan (later actions win) and applies field changes to the facts. */
export function planActions(actions: RuleAction[], facts: RuleFacts, plan = emptyPlan()): ActionPlan {
  let tags = plan.tags ?? [...facts.ticket.tags];
  for (const { field, value } of actions) {
    const list = Array.isArray(value) ? value.map(text) : [];
    switch (field) {
      case 'status':
        plan.fields.status = text(value) as TicketStatus;
        break;
      case 'priority':
        plan.fields.priority = (text(value) || null) as TicketPriority | null;
        break;
      case 'type':
        plan.fields.type = (text(value) || null) as TicketType | null;
        break;
      case 'subject':
        plan.fields.subject = text(value);
        break;
      case 'group_id':
        plan.fields.group_id = idOrNull(value, facts);
        break;
      case 'assignee_id':
        plan.fields.assignee_id = idOrNull(value, facts);
        break;
      case 'set_tags':
        tags = normalizeTags([text(value)]);
        break;
      case 'current_tags':
        tags = normalizeTags([...tags, text(value)]);
        break;
      case 'remove_tags': {
        const remove = new Set(normalizeTags([text(value)]));
        tags = tags.filter((t) => !remove.has(t));
        break;
      }
      case 'follower':
      case 'cc': {
        const id = idOrNull(value, facts);
        if (id !== null) (field === 'cc' ? plan.addCollaborators : plan.addFollowers).push(id);
        break;
      }
      case 'comment_value':
      case 'comment_value_html': {
        const body = Array.isArray(value) ? text(value.at(-1)) : text(value);
        plan.comment = { body, html: field === 'comment_value_html', public: plan.comment?.public ?? true };
        break;
      }
      case 'comment_mode_is_public':
        plan.comment = {
          body: plan.comment?.body ?? '',
          html: plan.comment?.html ?? false,
          public: text(value) !== 'false',
        };
        break;
      case 'notification_user':
        plan.notifyUsers.push({ to: recipient(list[0]), subject: list[1] ?? '', body: list[2] ?? '' });
        break;
      case 'notification_group':
        plan.notifyGroups.push({
          groupId: list[0] === 'group_id' ? 'group_id' : Number(list[0]),
          subject: list[1] ?? '',
          body: list[2] ?? '',
        });
        break;
      case 'notification_webhook':
        plan.webhooks.push({ webhookId: Number(list[0]), body: list[1] ?? '' });
        break;
      default: {
        const custom = /^custom_fields_(\d+)$/.exec(field);
        if (custom) plan.customFields[custom[1]!] = Array.isArray(value) ? text(value[0]) : (value as string);
      }
    }
  }
  if (tags.join(' ') !== facts.ticket.tags.join(' ') || plan.tags) plan.tags = tags;
  applyPlan(plan, facts);
  return plan;
}

/** Writes a plan's field changes into the facts and records them as changes of the update. */
function applyPlan(plan: ActionPlan, facts: RuleFacts) {
  const t = facts.ticket as Record<string, unknown>;
  const changes: RuleChange[] = [];
  for (const [field, to] of Object.entries(plan.fields)) {
    if (t[field] !== to) changes.push({ field, from: t[field], to });
    t[field] = to;
  }
  if (plan.tags && plan.tags.join(' ') !== facts.ticket.tags.join(' ')) {
    changes.push({ field: 'tags', from: facts.ticket.tags, to: plan.tags });
    facts.ticket.tags = [...plan.tags];
  }
  for (const [id, to] of Object.entries(plan.customFields)) {
    const from = facts.ticket.custom_fields[id] ?? null;
    if (from !== to) changes.push({ field: id, from, to });
    facts.ticket.custom_fields = { ...facts.ticket.custom_fields, [id]: to };
  }
  if (facts.update) {
    for (const change of changes) {
      const existing = facts.update.changes.find((c) => c.field === change.field);
      if (existing) existing.to = change.to;
      else facts.update.changes.push(change);
    }
  }
  return changes;
}

/** Whether a plan changes the ticket (fields, tags, people or a comment): what would cause another update. */
export function planChangesTicket(plan: ActionPlan, before: RuleTicket): boolean {
  const fieldChanged = Object.entries(plan.fields).some(
    ([field, to]) => (before as Record<string, unknown>)[field] !== to,
  );
  const tagsChanged = plan.tags !== null && plan.tags.join(' ') !== before.tags.join(' ');
  const customChanged = Object.entries(plan.customFields).some(
    ([id, to]) => (before.custom_fields[id] ?? null) !== to,
  );
  return (
    fieldChanged ||
    tagsChanged ||
    customChanged ||
    plan.comment !== null ||
    plan.addFollowers.some((id) => !before.follower_ids.includes(id)) ||
    plan.addCollaborators.some((id) => !before.collaborator_ids.includes(id))
  );
}

/** Whether a plan does anything at all, sending included. */
export function planHasEffect(plan: ActionPlan, before: RuleTicket): boolean {
  return (
    planChangesTicket(plan, before) ||
    plan.notifyUsers.length > 0 ||
    plan.notifyGroups.length > 0 ||
    plan.webhooks.length > 0
  );
}
