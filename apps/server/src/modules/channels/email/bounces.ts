import type { Actor } from '../../../platform/auth/actor.js';
import { HttpError } from '../../../platform/http/errors.js';
import type { TicketsService } from '../../tickets/index.js';
import { parseDeliveryStatus, returnedMessageId } from './delivery-status.js';
import { isDuplicateComment } from './email-errors.js';
import type { InboundMail } from './mail-parse.js';
import type { OutboxRepository } from './outbox.repository.js';

export type BounceOutcome = { ticketId: number | null; commentId: number | null; reason: string };

/**
 * A delivery report: each failed address is recorded (outbound mail skips it until
 * the person writes again), the outbound message it answers is marked, and the
 * ticket gets an internal note so the agent knows the customer did not get the reply.
 */
export async function recordBounce(
  mail: InboundMail,
  inboundId: number,
  deps: { outbox: OutboxRepository; tickets: TicketsService; systemActor: () => Promise<Actor> },
): Promise<BounceOutcome> {
  const reports = parseDeliveryStatus(mail.deliveryStatus ?? '');
  const returnedId = returnedMessageId(mail.returnedHeaders ?? '') ?? mail.inReplyTo[0] ?? null;
  const sent = returnedId ? await deps.outbox.findByMessageId(returnedId) : undefined;
  for (const report of reports) {
    await deps.outbox.insertBounce({
      address: report.address,
      action: report.action,
      status_code: report.status,
      diagnostic: report.diagnostic,
      permanent: report.permanent,
      inbound_message_id: inboundId,
      outbox_id: sent?.id ?? null,
    });
  }
  const failed = reports.filter((r) => r.action === 'failed');
  const summary =
    reports.length === 0
      ? 'delivery report without recipients'
      : reports.map((r) => `${r.address}: ${r.action}${r.status ? ` (${r.status})` : ''}`).join(', ');
  if (!sent || failed.length === 0) {
    return { ticketId: sent?.ticket_id ?? null, commentId: null, reason: `bounce recorded: ${summary}` };
  }
  const lines = failed.map(
    (r) => `- ${r.address}: ${r.status ?? 'failed'}${r.diagnostic ? ` — ${r.diagnostic}` : ''}`,
  );
  try {
    const written = await deps.tickets.update(
      await deps.systemActor(),
      sent.ticket_id,
      {
        comment: {
          body: `The email reply could not be delivered:\n${lines.join('\n')}`,
          public: false,
          metadata: { email: { inbound_message_id: inboundId, bounce: true, outbox_id: sent.id } },
        },
      },
      { channel: 'email', source: { from: { address: failed[0]!.address }, to: {}, rel: 'bounce' } },
    );
    return {
      ticketId: sent.ticket_id,
      commentId: written.comment?.id ?? null,
      reason: `bounce recorded: ${summary}`,
    };
  } catch (error) {
    // A closed or deleted ticket takes no note (and a re-run finds its note there); the bounce is recorded.
    if (!(error instanceof HttpError) && !isDuplicateComment(error)) throw error;
    return { ticketId: sent.ticket_id, commentId: null, reason: `bounce recorded: ${summary}` };
  }
}
