import { type Actor, isAgent } from '../../platform/auth/actor.js';
import { ForbiddenError } from '../../platform/http/errors.js';
import { ticketScope } from '../tickets/index.js';
import type { SearchContext } from './search-conditions.js';
import type { ResultType } from './search-query.js';

/**
 * Who finds what. Agents search users, organizations and the tickets their ticket
 * restriction lets them see (all, their groups', or those assigned to them). End-users
 * search only tickets they can see (their own, those they are copied on, and their
 * organization's when allowed), and their words match only the subject and public
 * comments, never an internal note.
 */
export function searchContext(actor: Actor): SearchContext {
  return { actorId: actor.user.id, scope: ticketScope(actor), publicOnly: !isAgent(actor) };
}

/** The types the actor may search among those a query asks for. */
export function searchableTypes(actor: Actor, types: ResultType[]): ResultType[] {
  if (isAgent(actor)) return types;
  if (!types.includes('ticket')) throw new ForbiddenError('End users can search only their own tickets');
  return ['ticket'];
}
