import type { ErrorDetails } from '../../../platform/http/errors.js';
import { IGNORED_ACTIONS, type RuleAction } from './actions.js';
import { templateProblem } from './placeholders.js';

/**
 * Which actions triggers, automations and macros take, and the validation that turns a
 * bad one into a 422 naming it (`actions.2: …`). References (groups, users, webhooks)
 * are checked against the database by the services; this checks shape and templates.
 */
export type ActionKind = 'trigger' | 'automation' | 'macro';

const STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
const PRIORITIES = ['', 'low', 'normal', 'high', 'urgent'];
const TYPES = ['', 'question', 'incident', 'problem', 'task'];
const RECIPIENTS = /^(requester_id|assignee_id|current_user|all_agents|requester_and_ccs|\d+)$/;

function text(value: unknown) {
  return value === null || value === undefined ? '' : String(value).trim();
}

function oneOf(value: unknown, allowed: string[], field: string) {
  return allowed.includes(text(value))
    ? null
    : `${field} must be one of ${allowed.filter(Boolean).join(', ')}`;
}

function templates(...sources: unknown[]) {
  for (const source of sources) {
    const problem = templateProblem(text(source));
    if (problem) return `has a placeholder error: ${problem}`;
  }
  return null;
}

function checkAction(kind: ActionKind, action: RuleAction): string | null {
  const { field, value } = action;
  const list = Array.isArray(value) ? value : null;
  if (IGNORED_ACTIONS.has(field)) return null;
  if (/^custom_fields_\d+$/.test(field)) return null;
  switch (field) {
    case 'status':
      if (kind === 'macro' && text(value) === 'closed') return 'a macro cannot close a ticket';
      return oneOf(value, STATUSES, 'status');
    case 'priority':
      return oneOf(value, PRIORITIES, 'priority');
    case 'type':
      return oneOf(value, TYPES, 'type');
    case 'subject':
      return templates(value);
    case 'group_id':
      return /^(\d+|)$/.test(text(value)) ? null : 'group_id must be a group ID or empty';
    case 'assignee_id':
      return /^(\d+|current_user|requester_id|)$/.test(text(value))
        ? null
        : 'assignee_id must be a user ID, current_user or empty';
    case 'set_tags':
    case 'current_tags':
    case 'remove_tags':
      return text(value) ? null : `${field} needs at least one tag`;
    case 'follower':
    case 'cc':
      return /^(\d+|current_user)$/.test(text(value)) ? null : `${field} must be a user ID or current_user`;
    case 'comment_value':
    case 'comment_value_html':
      return templates(list ? list.at(-1) : value);
    case 'comment_mode_is_public':
      return ['true', 'false'].includes(text(value)) ? null : 'comment_mode_is_public must be true or false';
    case 'notification_user':
      if (kind === 'macro') return 'macros cannot send notifications';
      if (list === null || list.length !== 3) return 'notification_user needs [recipient, subject, body]';
      if (!RECIPIENTS.test(text(list[0])))
        return 'notification_user recipient must be requester_id, assignee_id, current_user, all_agents or a user ID';
      return templates(list[1], list[2]);
    case 'notification_group':
      if (kind === 'macro') return 'macros cannot send notifications';
      if (list === null || list.length !== 3) return 'notification_group needs [group, subject, body]';
      if (!/^(\d+|group_id)$/.test(text(list[0])))
        return 'notification_group group must be a group ID or group_id';
      return templates(list[1], list[2]);
    case 'notification_webhook':
      if (kind === 'macro') return 'macros cannot call webhooks';
      if (list === null || list.length !== 2) return 'notification_webhook needs [webhook_id, body]';
      if (!/^\d+$/.test(text(list[0]))) return 'notification_webhook needs a webhook ID';
      return templates(list[1]);
    default:
      return `unknown action "${field}"`;
  }
}

export function validateActions(kind: ActionKind, actions: RuleAction[]): ErrorDetails {
  const errors: ErrorDetails = {};
  actions.forEach((action, index) => {
    const problem = checkAction(kind, action);
    if (problem) errors[`actions.${index}`] = [{ description: `Action: ${problem}`, error: 'InvalidValue' }];
  });
  return errors;
}

/** IDs an action list refers to, for the services to check exist. */
export function actionReferences(actions: RuleAction[]) {
  const groups = new Set<number>();
  const users = new Set<number>();
  const webhooks = new Set<number>();
  actions.forEach(({ field, value }) => {
    const list = Array.isArray(value) ? value.map(text) : [];
    if (field === 'group_id' && /^\d+$/.test(text(value))) groups.add(Number(value));
    if (['assignee_id', 'follower', 'cc'].includes(field) && /^\d+$/.test(text(value)))
      users.add(Number(value));
    if (field === 'notification_user' && /^\d+$/.test(list[0] ?? '')) users.add(Number(list[0]));
    if (field === 'notification_group' && /^\d+$/.test(list[0] ?? '')) groups.add(Number(list[0]));
    if (field === 'notification_webhook' && /^\d+$/.test(list[0] ?? '')) webhooks.add(Number(list[0]));
  });
  return { groups: [...groups], users: [...users], webhooks: [...webhooks] };
}
