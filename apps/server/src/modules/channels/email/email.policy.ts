import { type Actor, isAdmin, isFullAgent } from '../../../platform/auth/actor.js';
import { ForbiddenError } from '../../../platform/http/errors.js';

/**
 * Who manages mail. Mailboxes (addresses, IMAP passwords, inbound secrets) are the
 * admins'. Held and failed mail is reviewed by admins and by full agents who see
 * every ticket, as in Zendesk ("unrestricted agents"): held mail can come from
 * anyone about anything. The original of a received message is readable by agents
 * who can see the ticket it landed on (checked by the tickets service).
 */
export function authorizeMailboxAdmin(actor: Actor) {
  if (!isAdmin(actor)) throw new ForbiddenError('Only admins manage mailboxes');
}

export function canReviewMail(actor: Actor) {
  return isAdmin(actor) || (isFullAgent(actor) && actor.user.ticket_restriction === null);
}

export function authorizeMailReview(actor: Actor) {
  if (!canReviewMail(actor))
    throw new ForbiddenError('Only admins and unrestricted agents review suspended mail');
}
