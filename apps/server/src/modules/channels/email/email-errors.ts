import { HttpError } from '../../../platform/http/errors.js';
import { uniqueViolation } from '../../people/index.js';

/** The database refused a second comment for the same inbound message (see migration 0400). */
export function isDuplicateComment(error: unknown) {
  return uniqueViolation(error) === 'ticket_comments_inbound_message_key';
}

/** An error that retrying will not fix: the tickets service refused the change. */
export function isPermanent(error: unknown) {
  if (!(error instanceof HttpError)) return false;
  const details = JSON.stringify(error.body);
  return !details.includes('ClosedTicket');
}

export function messageOf(error: unknown) {
  if (error instanceof HttpError) {
    const details = error.body.details as Record<string, { description: string }[]> | undefined;
    const first = details ? Object.values(details)[0]?.[0]?.description : undefined;
    return first ?? String(error.body.description ?? error.body.error);
  }
  return error instanceof Error ? error.message : String(error);
}
