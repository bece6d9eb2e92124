import type {
  CustomFieldValue,
  JsonValue,
  TicketPriority,
  TicketStatus,
  TicketType,
} from '../../db/schema.js';
import { type ErrorDetails, InvalidError } from '../../platform/http/errors.js';
import { normalizeTags } from '../../platform/text/tags.js';

/** The fields of a ticket that a change can touch, in the form events record them. */
export type TicketState = {
  subject: string;
  status: TicketStatus;
  priority: TicketPriority | null;
  type: TicketType | null;
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  group_id: number | null;
  organization_id: number | null;
  tags: string[];
  custom_fields: Record<string, CustomFieldValue>;
  external_id: string | null;
  due_at: string | null;
  problem_id: number | null;
  collaborator_ids: number[];
  follower_ids: number[];
  email_cc_ids: number[];
};

export type TicketPatch = Partial<TicketState> & {
  additional_tags?: string[];
  remove_tags?: string[];
};

export type FieldChange = { field: string; from: JsonValue; to: JsonValue };

export type ChangeContext = {
  actorId: number;
  actorIsAgent: boolean;
  /** The update carries a comment, and whether it is public. */
  comment: { public: boolean } | null;
};

const TRACKED: (keyof TicketState)[] = [
  'subject',
  'status',
  'priority',
  'type',
  'requester_id',
  'submitter_id',
  'assignee_id',
  'group_id',
  'organization_id',
  'tags',
  'external_id',
  'due_at',
  'problem_id',
  'collaborator_ids',
  'follower_ids',
  'email_cc_ids',
];

/**
 * Decides what a create (before = null) or an update does to a ticket, following
 * Zendesk's rules, and lists every field that changed. Pure: the service loads the
 * ticket and resolves references; this only decides.
 *
 * Status precedence: an explicit status wins; otherwise a reply from the requester's
 * side reopens a pending, on-hold or solved ticket, and an agent's public reply or
 * assignment opens a new one. Closed is final.
 */
export function planTicketChange(
  before: TicketState | null,
  patch: TicketPatch,
  context: ChangeContext,
): { after: TicketState; changes: FieldChange[] } {
  const errors: ErrorDetails = {};
  const fail = (field: string, description: string) => {
    errors[field] = [{ description, error: 'InvalidValue' }];
  };

  if (before?.status === 'closed') {
    throw InvalidError.field('status', 'closed prevents ticket update', 'ClosedTicket');
  }

  const base: TicketState = before ?? {
    subject: '',
    status: 'new',
    priority: null,
    type: null,
    requester_id: patch.requester_id ?? context.actorId,
    submitter_id: patch.submitter_id ?? context.actorId,
    assignee_id: null,
    group_id: null,
    organization_id: null,
    tags: [],
    custom_fields: {},
    external_id: null,
    due_at: null,
    problem_id: null,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
  };
  const after: TicketState = { ...base, custom_fields: { ...base.custom_fields } };
  for (const key of TRACKED) {
    if (patch[key] !== undefined) (after as Record<string, unknown>)[key] = patch[key];
  }
  if (patch.custom_fields) Object.assign(after.custom_fields, patch.custom_fields);

  let tags = patch.tags ? normalizeTags(patch.tags) : [...base.tags];
  if (patch.additional_tags) tags = normalizeTags([...tags, ...patch.additional_tags]);
  if (patch.remove_tags) {
    const remove = new Set(normalizeTags(patch.remove_tags));
    tags = tags.filter((t) => !remove.has(t));
  }
  after.tags = tags;

  if (patch.status === undefined) after.status = implicitStatus(base, after, before === null, context);
  else if (patch.status === 'new' && before && before.status !== 'new') {
    fail('status', 'Status: a ticket cannot go back to new');
  }

  if (after.status === 'solved' || after.status === 'closed') {
    if (after.assignee_id === null) {
      if (context.actorIsAgent) after.assignee_id = context.actorId;
      else fail('assignee', 'Assignee: is required when solving a ticket');
    }
  }
  if (after.problem_id !== null) {
    if (patch.type === undefined && after.type === null) after.type = 'incident';
    else if (after.type !== 'incident')
      fail('problem_id', 'Problem: only an incident can be linked to a problem');
  }
  if (after.due_at !== null && after.type !== 'task') {
    if (patch.due_at !== undefined) fail('due_at', 'Due at: only a task can have a due date');
    else after.due_at = null;
  }
  if (Object.keys(errors).length > 0) throw new InvalidError(errors);

  const changes: FieldChange[] = [];
  for (const key of TRACKED) {
    const from = before ? (base[key] as JsonValue) : null;
    const to = after[key] as JsonValue;
    if (before === null ? !isEmpty(to) : !sameValue(from, to)) changes.push({ field: key, from, to });
  }
  const fieldIds = new Set([...Object.keys(base.custom_fields), ...Object.keys(after.custom_fields)]);
  for (const fieldId of fieldIds) {
    const from = before ? (base.custom_fields[fieldId] ?? null) : null;
    const to = after.custom_fields[fieldId] ?? null;
    if (!sameValue(from, to)) changes.push({ field: fieldId, from, to });
  }
  return { after, changes };
}

function implicitStatus(
  base: TicketState,
  after: TicketState,
  isCreate: boolean,
  context: ChangeContext,
): TicketStatus {
  const requesterSide = !context.actorIsAgent;
  if (isCreate) return after.assignee_id !== null ? 'open' : 'new';
  if (requesterSide && context.comment && ['pending', 'hold', 'solved'].includes(base.status)) return 'open';
  if (base.status === 'new' && context.actorIsAgent) {
    if ((context.comment?.public ?? false) || after.assignee_id !== null) return 'open';
  }
  return base.status;
}

function isEmpty(value: JsonValue) {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function sameValue(a: JsonValue, b: JsonValue) {
  return JSON.stringify(a) === JSON.stringify(b);
}
