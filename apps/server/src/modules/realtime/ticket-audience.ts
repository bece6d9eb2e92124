import type { TicketScope } from '../tickets/index.js';

/** The columns that decide who may see a ticket. */
export type TicketAudienceRow = {
  id: number;
  requester_id: number;
  collaborator_ids: number[];
  organization_id: number | null;
  assignee_id: number | null;
  group_id: number | null;
};

/**
 * Whether a ticket is inside a scope: the in-memory twin of the tickets module's
 * `scopeCondition`, used to decide which open sockets hear of a change.
 */
export function inScope(scope: TicketScope, ticket: TicketAudienceRow): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'requester':
      return (
        ticket.requester_id === scope.userId ||
        ticket.collaborator_ids.includes(scope.userId) ||
        (scope.organizationId !== null && ticket.organization_id === scope.organizationId)
      );
    case 'groups':
      return (
        ticket.assignee_id === scope.userId ||
        (ticket.group_id !== null && scope.groupIds.includes(ticket.group_id))
      );
    case 'assigned':
      return ticket.assignee_id === scope.userId;
  }
}
