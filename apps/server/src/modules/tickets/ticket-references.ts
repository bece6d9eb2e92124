import type { TicketCreateInput, TicketUpdateInput } from '@frontline/contracts';
import type { Ticket, User } from '../../db/schema.js';
import { type Actor, isAgent } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { type ErrorDetails, InvalidError } from '../../platform/http/errors.js';
import { findOrCreateRequester } from '../people/index.js';
import { validateCustomFields } from './custom-fields.js';
import type { TicketPatch, TicketState } from './ticket-rules.js';
import type { TicketStore } from './tickets.store.js';

/**
 * Turns a validated request into a patch of IDs: looks up or creates the requester,
 * checks that every referenced user, group, organization, problem and custom field
 * exists and fits. Collects every problem before failing, so one 422 names them all.
 * Runs outside the write transaction (it may create users) to keep that short.
 */
export async function resolveTicketInput(
  store: TicketStore,
  clock: Clock,
  actor: Actor,
  input: TicketCreateInput | TicketUpdateInput,
  existing: Ticket | null,
): Promise<TicketPatch> {
  const errors: ErrorDetails = {};
  const fail = (field: string, description: string) => {
    errors[field] = [...(errors[field] ?? []), { description, error: 'InvalidValue' }];
  };
  const patch: TicketPatch = {};
  const agent = isAgent(actor);

  if (input.subject !== undefined) patch.subject = input.subject.trim();
  if (input.status !== undefined) patch.status = input.status;
  if (input.priority !== undefined) patch.priority = input.priority;
  if (input.type !== undefined) patch.type = input.type;
  if (input.tags !== undefined) patch.tags = input.tags;
  if (input.additional_tags !== undefined) patch.additional_tags = input.additional_tags;
  if (input.remove_tags !== undefined) patch.remove_tags = input.remove_tags;
  if (input.external_id !== undefined) patch.external_id = input.external_id;
  if (input.due_at !== undefined)
    patch.due_at = input.due_at === null ? null : new Date(input.due_at).toISOString();

  // Requester: agents name anyone (by ID or address); end-users are their own requester.
  let requester: User | undefined;
  if (!agent) {
    if (!existing) requester = actor.user;
  } else if (input.requester_id !== undefined) {
    requester = await store.users.findById(input.requester_id);
    if (!requester) fail('requester', `Requester: user ${input.requester_id} does not exist`);
  } else if (input.requester) {
    requester = (await findOrCreateRequester(store, clock, input.requester)).user;
  } else if (!existing) {
    requester = actor.user;
  }
  if (requester) {
    patch.requester_id = requester.id;
    if (input.organization_id === undefined) patch.organization_id = requester.organization_id;
  }
  if (!existing)
    patch.submitter_id = agent && input.submitter_id !== undefined ? input.submitter_id : actor.user.id;
  if (agent && input.submitter_id !== undefined && !(await store.users.findById(input.submitter_id))) {
    fail('submitter', `Submitter: user ${input.submitter_id} does not exist`);
  }

  if (input.organization_id !== undefined) {
    if (input.organization_id !== null && !(await store.organizations.findById(input.organization_id))) {
      fail('organization_id', `Organization: ${input.organization_id} does not exist`);
    }
    patch.organization_id = input.organization_id;
  }

  let assigneeId: number | null | undefined = input.assignee_id;
  if (input.assignee_email !== undefined) {
    const byEmail = await store.users.findByEmail(input.assignee_email);
    if (!byEmail) fail('assignee', `Assignee: no user with address ${input.assignee_email}`);
    assigneeId = byEmail?.id;
  }
  if (assigneeId !== undefined && assigneeId !== null) {
    const assignee = await store.users.findById(assigneeId);
    if (!assignee || assignee.role === 'end-user' || assignee.light_agent) {
      fail('assignee', `Assignee: user ${assigneeId} is not an agent who can be assigned tickets`);
    }
  }
  if (assigneeId !== undefined) patch.assignee_id = assigneeId;

  if (input.group_id !== undefined) {
    if (input.group_id !== null && !(await store.groups.findById(input.group_id))) {
      fail('group', `Group: ${input.group_id} does not exist`);
    }
    patch.group_id = input.group_id;
  }
  const groupId = patch.group_id !== undefined ? patch.group_id : (existing?.group_id ?? null);
  if (patch.assignee_id) {
    if (groupId === null) patch.group_id = await store.groups.defaultGroupOf(patch.assignee_id);
    else if (!(await store.groups.isMember(patch.assignee_id, groupId))) {
      fail('assignee', `Assignee: user ${patch.assignee_id} is not a member of group ${groupId}`);
    }
  }

  if (input.problem_id !== undefined && input.problem_id !== null) {
    const problem = await store.tickets.findById(input.problem_id);
    if (problem?.type !== 'problem')
      fail('problem_id', `Problem: ticket ${input.problem_id} is not a problem`);
    if (existing && input.problem_id === existing.id)
      fail('problem_id', 'Problem: a ticket cannot be its own problem');
  }
  if (input.problem_id !== undefined) patch.problem_id = input.problem_id;

  const custom = input.custom_fields ?? input.fields;
  if (custom) {
    const definitions = await store.tickets.activeFields();
    const visible = agent ? definitions : definitions.filter((d) => d.editable_in_portal);
    const result = validateCustomFields(visible, custom);
    Object.assign(errors, result.errors);
    patch.custom_fields = result.values;
  }

  const ccIds = await resolveCollaborators(store, clock, input, existing, fail);
  if (ccIds) {
    patch.collaborator_ids = ccIds;
    patch.email_cc_ids = ccIds;
  }
  if (agent && input.followers !== undefined) {
    patch.follower_ids = await resolveFollowers(store, input.followers, existing, fail);
  }

  if (Object.keys(errors).length > 0) throw new InvalidError(errors);
  return patch;
}

async function resolveCollaborators(
  store: TicketStore,
  clock: Clock,
  input: TicketCreateInput | TicketUpdateInput,
  existing: Ticket | null,
  fail: (field: string, description: string) => void,
): Promise<number[] | undefined> {
  if (input.collaborator_ids === undefined && input.email_ccs === undefined) return undefined;
  const ids = new Set(input.collaborator_ids ?? existing?.collaborator_ids ?? []);
  for (const id of input.collaborator_ids ?? []) {
    if (!(await store.users.findById(id))) fail('collaborator_ids', `CCs: user ${id} does not exist`);
  }
  for (const cc of input.email_ccs ?? []) {
    let user: User | undefined;
    if (cc.user_id !== undefined) user = await store.users.findById(cc.user_id);
    else if (cc.user_email)
      user = (await findOrCreateRequester(store, clock, { email: cc.user_email, name: cc.user_name })).user;
    if (!user) {
      fail('email_ccs', `CCs: ${cc.user_id ?? cc.user_email ?? 'entry'} is not a user`);
      continue;
    }
    if (cc.action === 'delete') ids.delete(user.id);
    else ids.add(user.id);
  }
  return [...ids];
}

/** Zendesk's `followers: [{user_id | user_email, action: put | delete}]`: agents who follow the ticket. */
async function resolveFollowers(
  store: TicketStore,
  followers: NonNullable<TicketUpdateInput['followers']>,
  existing: Ticket | null,
  fail: (field: string, description: string) => void,
): Promise<number[]> {
  const ids = new Set(existing?.follower_ids ?? []);
  for (const f of followers) {
    const user =
      f.user_id !== undefined
        ? await store.users.findById(f.user_id)
        : f.user_email
          ? await store.users.findByEmail(f.user_email)
          : undefined;
    if (!user || user.role === 'end-user') {
      fail('followers', `Followers: ${f.user_id ?? f.user_email ?? 'entry'} is not an agent`);
      continue;
    }
    if (f.action === 'delete') ids.delete(user.id);
    else ids.add(user.id);
  }
  return [...ids];
}

/** The ticket's fields in the shape planTicketChange compares. */
export function stateOf(t: Ticket): TicketState {
  return {
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    type: t.type,
    requester_id: t.requester_id,
    submitter_id: t.submitter_id,
    assignee_id: t.assignee_id,
    group_id: t.group_id,
    organization_id: t.organization_id,
    tags: t.tags,
    custom_fields: t.custom_fields,
    external_id: t.external_id,
    due_at: t.due_at ? t.due_at.toISOString() : null,
    problem_id: t.problem_id,
    collaborator_ids: t.collaborator_ids,
    follower_ids: t.follower_ids,
    email_cc_ids: t.email_cc_ids,
  };
}
