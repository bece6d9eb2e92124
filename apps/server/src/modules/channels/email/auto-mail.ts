import { baseAddress, isSystemSender, normalizeAddress } from './mail-address.js';

/**
 * Whether one automatic mail (an acknowledgement, a rule's notification, a swarm or
 * approval invitation) may go to one recipient, and how it is marked (RFC 3834).
 *
 * In order: never to our own mailboxes, to mail systems (mailer-daemon, postmaster) or
 * to an address whose mail bounced; never to a customer when the ticket's newest mail
 * was itself automatic or bulk (Auto-Submitted other than `no`, Precedence, List-*,
 * X-Autoreply, a null sender: mail-noise.ts decides and stores the flag); never more
 * than `cap` automatic mails an hour to one customer. Agents' notifications are not
 * answers to the automatic mail and are not capped: they are how agents learn about
 * work. What goes out is `auto-replied` when it answers the recipient's own newest
 * mail (an acknowledgement), `auto-generated` otherwise.
 */
export type AutoMailInput = {
  recipient: string;
  recipientIsAgent: boolean;
  /** Our mailbox addresses, lower-cased. */
  ours: readonly string[];
  bounced: boolean;
  /** The ticket's newest inbound mail, or null when it has none. */
  newestMail: { from: string | null; automatic: boolean; reasons: string[] } | null;
  /** Automatic mails written to this recipient in the last hour. */
  sentLastHour: number;
  capPerHour: number;
};

export type AutoMailDecision =
  | { send: true; autoSubmitted: 'auto-replied' | 'auto-generated' }
  | { send: false; reason: string };

export function decideAutoMail(input: AutoMailInput): AutoMailDecision {
  const address = normalizeAddress(input.recipient);
  if (!address) return { send: false, reason: `${input.recipient} is not a mail address` };
  if (input.ours.includes(baseAddress(address).base))
    return { send: false, reason: `${address} is one of our own mailboxes` };
  if (isSystemSender(address)) return { send: false, reason: `${address} is a mail system` };
  if (input.bounced) return { send: false, reason: `mail to ${address} bounced` };
  if (!input.recipientIsAgent) {
    const mail = input.newestMail;
    if (mail?.automatic) {
      const why = mail.reasons.length > 0 ? ` (${mail.reasons.join(', ')})` : '';
      return {
        send: false,
        reason: `the newest mail on this ticket was automatic or bulk${why}: no automatic reply (RFC 3834)`,
      };
    }
    if (input.sentLastHour >= input.capPerHour) {
      return {
        send: false,
        reason: `hourly cap reached: ${input.sentLastHour} automatic mails to ${address} in the last hour (AUTO_MAIL_PER_HOUR=${input.capPerHour})`,
      };
    }
  }
  const answersThem =
    input.newestMail !== null &&
    normalizeAddress(input.newestMail.from) === address &&
    !input.recipientIsAgent;
  return { send: true, autoSubmitted: answersThem ? 'auto-replied' : 'auto-generated' };
}
