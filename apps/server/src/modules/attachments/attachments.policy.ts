import type { Attachment, Ticket, TicketComment } from '../../db/schema.js';
import { type Actor, isAgent } from '../../platform/auth/actor.js';

/**
 * Who sees an attachment. One on a comment is seen by whoever sees the ticket and that
 * comment (an end-user never sees an internal note's files). One not yet attached is
 * seen by its uploader only. The ticket's visibility is checked by the tickets service.
 */
export function seesAttachment(
  actor: Actor,
  attachment: Attachment,
  attached: { ticket: Ticket; comment: TicketComment } | null,
) {
  if (!attached) return attachment.comment_id === null && attachment.uploader_id === actor.user.id;
  return attached.comment.public || isAgent(actor);
}

/** Only the uploader may add files to, or delete, an upload. */
export function ownsUpload(actor: Actor, upload: { uploader_id: number }) {
  return upload.uploader_id === actor.user.id;
}
