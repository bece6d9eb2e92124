import type { TicketCreateInput, TicketUpdateInput } from '@frontline/contracts';
import type { Ticket } from '../../db/schema.js';
import { type Actor, isAdmin, isAgent, isEndUser } from '../../platform/auth/actor.js';
import { ForbiddenError } from '../../platform/http/errors.js';
import type { TicketScope } from './tickets.repository.js';

/**
 * Who sees and changes which tickets. An end-user sees the tickets they requested or
 * are copied on (and their organization's when an admin allowed it); an agent sees
 * all, or only their groups' or their own when restricted; an admin sees all.
 */
export function ticketScope(actor: Actor): TicketScope {
  const { user } = actor;
  if (isEndUser(actor)) {
    const orgWide = user.ticket_restriction === 'organization' && user.organization_id !== null;
    return { kind: 'requester', userId: user.id, organizationId: orgWide ? user.organization_id : null };
  }
  if (isAdmin(actor)) return { kind: 'all' };
  if (user.ticket_restriction === 'groups')
    return { kind: 'groups', userId: user.id, groupIds: actor.groupIds };
  if (user.ticket_restriction === 'assigned') return { kind: 'assigned', userId: user.id };
  return { kind: 'all' };
}

/** Fields an end-user may set on their own request; everything else is the agents'. */
const END_USER_FIELDS = new Set([
  'subject',
  'comment',
  'priority',
  'type',
  'custom_fields',
  'fields',
  'collaborator_ids',
  'email_ccs',
  'status',
  'via',
  'via_followup_source_id',
]);
const IGNORED = new Set(['safe_update', 'updated_stamp']);

export function authorizeTicketWrite(
  actor: Actor,
  input: TicketCreateInput | TicketUpdateInput,
  existing: Ticket | null,
) {
  const given = Object.keys(input).filter(
    (k) => (input as Record<string, unknown>)[k] !== undefined && !IGNORED.has(k),
  );
  if (isEndUser(actor)) {
    const denied = given.filter((k) => !END_USER_FIELDS.has(k));
    if (denied.length > 0) throw new ForbiddenError(`End users cannot set ${denied.join(', ')}`);
    if (input.comment?.author_id !== undefined && input.comment.author_id !== actor.user.id) {
      throw new ForbiddenError('End users cannot comment as someone else');
    }
    if (existing && input.status !== undefined && input.status !== 'solved') {
      throw new ForbiddenError('End users can only mark their request as solved');
    }
    return;
  }
  if (!isAgent(actor)) throw new ForbiddenError();
  if (actor.user.light_agent) {
    const denied = given.filter((k) => k !== 'comment');
    if (denied.length > 0 || !existing) throw new ForbiddenError('Light agents can only add internal notes');
    if (input.comment?.public === true) throw new ForbiddenError('Light agents can only add internal notes');
  }
}

export function authorizeTicketDelete(actor: Actor) {
  if (!isAgent(actor) || actor.user.light_agent) throw new ForbiddenError('Only agents can delete tickets');
}

/** End-users read public comments only; agents read all. */
export function seesPrivateComments(actor: Actor) {
  return isAgent(actor);
}

/** Ticket fields whose changes an end-user sees in their request's audits (as on the request page). */
const PUBLIC_AUDIT_FIELDS = new Set([
  'subject',
  'status',
  'priority',
  'type',
  'requester_id',
  'collaborator_ids',
  'email_cc_ids',
  'due_at',
]);

/**
 * What of an audit trail an end-user may see: public comments, changes of the fields
 * on their request page and of custom fields shown in the portal; never internal notes,
 * tags, groups, assignees, agent-only fields or who-did-what metadata. Audits left with
 * no event are dropped entirely.
 */
export function publicAuditTrail<
  A extends { id: number; metadata: unknown },
  E extends { audit_id: number; type: string; field_name: string | null; value: unknown },
>(
  audits: A[],
  events: E[],
  visible: { publicCommentIds: Set<number>; portalFieldIds: Set<string> },
): { audits: A[]; events: E[] } {
  const shown = events.filter((e) => {
    if (e.type === 'Comment')
      return visible.publicCommentIds.has(Number((e.value as { comment_id?: unknown } | null)?.comment_id));
    if (e.type !== 'Create' && e.type !== 'Change') return false;
    const field = e.field_name ?? '';
    return PUBLIC_AUDIT_FIELDS.has(field) || visible.portalFieldIds.has(field);
  });
  const withEvents = new Set(shown.map((e) => e.audit_id));
  return {
    audits: audits.filter((a) => withEvents.has(a.id)).map((a) => ({ ...a, metadata: {} })),
    events: shown,
  };
}
