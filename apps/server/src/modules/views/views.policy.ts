import type { StoredRestriction } from '../../db/tables/realtime.js';
import { type Actor, isAdmin, isFullAgent } from '../../platform/auth/actor.js';
import { ForbiddenError } from '../../platform/http/errors.js';
import type { View } from './views.repository.js';

/**
 * Who uses and edits which views. Admins see and edit every view. An agent sees the
 * shared ones, those restricted to one of their groups and their own personal views;
 * they create and edit only personal views (restricted to themselves).
 */
export function canUseView(actor: Actor, view: Pick<View, 'restriction'>) {
  if (isAdmin(actor)) return true;
  const r = view.restriction;
  if (!r) return true;
  if (r.type === 'User') return r.id === actor.user.id;
  return (r.ids ?? (r.id !== undefined ? [r.id] : [])).some((id) => actor.groupIds.includes(id));
}

export function canEditView(actor: Actor, view: Pick<View, 'restriction' | 'builtin'>) {
  if (isAdmin(actor)) return true;
  return isFullAgent(actor) && view.restriction?.type === 'User' && view.restriction.id === actor.user.id;
}

/** The restriction a new or edited view gets: agents may only keep views to themselves. */
export function restrictionFor(actor: Actor, wanted: StoredRestriction | undefined): StoredRestriction {
  if (isAdmin(actor)) return wanted ?? null;
  if (!isFullAgent(actor)) throw new ForbiddenError('Only agents can create views');
  if (wanted === undefined || (wanted?.type === 'User' && wanted.id === actor.user.id))
    return { type: 'User', id: actor.user.id };
  throw new ForbiddenError('Agents can only create personal views; ask an admin for a shared one');
}
