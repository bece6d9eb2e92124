import { type Actor, isAdmin, isAgent } from '../../platform/auth/actor.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.js';

/**
 * Who may use the exports area. Incremental exports hand out every ticket, user and
 * organization, so only admins may run them. Bulk ticket calls are for agents (each
 * ticket is still checked by the tickets policy when the job runs). A job status is
 * seen by whoever started the job, and by admins.
 */
export function authorizeExport(actor: Actor) {
  if (!isAdmin(actor)) throw new ForbiddenError('Only admins can run incremental exports');
}

export function authorizeBulkTickets(actor: Actor) {
  if (!isAgent(actor)) throw new ForbiddenError('Only agents can change tickets in bulk');
}

export function seesJobStatus(actor: Actor, status: { created_by: number | null }) {
  return isAdmin(actor) || status.created_by === actor.user.id;
}

export function authorizeJobStatus<T extends { created_by: number | null }>(
  actor: Actor,
  status: T | undefined,
): T {
  if (!status || !seesJobStatus(actor, status)) throw new NotFoundError();
  return status;
}

/** Tag lists show what agents file tickets under; end-users do not see them. */
export function authorizeTags(actor: Actor) {
  if (!isAgent(actor)) throw new ForbiddenError('Only agents can list tags');
}
