import { hmac } from '../../../platform/auth/secrets.js';
import type { Clock } from '../../../platform/clock.js';
import { textToHtml } from '../../../platform/text/html.js';
import type { TicketStore } from '../../tickets/index.js';
import type { Notifications } from '../../workflow/index.js';
import { decideAutoMail } from './auto-mail.js';
import type { MailboxDirectory } from './mailbox-directory.js';
import { BOUNCE_MEMORY_MS, type Outbound } from './outbound.js';
import { outboundMessageId } from './outbound-message.js';
import type { OutboxRepository } from './outbox.repository.js';
import { subjectToken } from './ticket-tokens.js';

const HOUR_MS = 3_600_000;

export type NotificationDeliveryDeps = {
  notifications: Notifications;
  outbound: Outbound;
  outbox: OutboxRepository;
  store: TicketStore;
  mailboxes: MailboxDirectory;
  clock: Clock;
  secret: string;
  capPerHour: number;
};

/**
 * The consumer of the workflow's `notification-email` queue. One notification goes to
 * its one recipient (an agent's address, or the customer's), through the outbox that
 * carries agent replies: same sender, signed reply address and threading headers, sent
 * by the send job with its retries. Or it is suppressed, with the reason on the row
 * (RFC 3834, the hourly cap: see auto-mail.ts). Its Message-ID is derived from its ID,
 * so a re-run after a crash finds the outbox row it wrote instead of mailing twice.
 */
export function createNotificationDelivery(deps: NotificationDeliveryDeps) {
  const { notifications, outbound, outbox, store, clock } = deps;

  async function deliver(notificationId: number) {
    const n = await notifications.find(notificationId);
    if (n?.status !== 'queued' || n.outbox_id !== null) return;
    const ticket = n.ticket_id === null ? undefined : await store.tickets.findById(n.ticket_id);
    if (!ticket) {
      await notifications.decide(n.id, { status: 'failed', reason: 'it is not about a ticket that exists' });
      return;
    }
    const planned = await outbound.envelope(ticket, null);
    if (!planned) {
      await notifications.decide(n.id, { status: 'failed', reason: 'no mailbox is set up to send from' });
      return;
    }
    const recipient = n.recipient_email.toLowerCase();
    const user = n.recipient_id === null ? undefined : await store.users.findById(n.recipient_id);
    const now = clock.now();
    const decision = decideAutoMail({
      recipient,
      recipientIsAgent: user !== undefined && user.role !== 'end-user',
      ours: await deps.mailboxes.addresses(),
      bounced: (await outbox.bouncedAddresses([recipient], new Date(now.getTime() - BOUNCE_MEMORY_MS))).has(
        recipient,
      ),
      newestMail: await outbox.newestInboundMail(ticket.id),
      sentLastHour: await outbox.automaticTo(recipient, new Date(now.getTime() - HOUR_MS)),
      capPerHour: deps.capPerHour,
    });
    if (!decision.send) {
      await notifications.decide(n.id, { status: 'suppressed', reason: decision.reason });
      return;
    }
    const token = subjectToken(ticket.id, deps.secret);
    const unique = `n${n.id}.${hmac(deps.secret, `notification:${n.id}`).slice(0, 8).toLowerCase()}`;
    const { row } = await outbound.writeAutomatic({
      ...planned.row,
      comment_id: null,
      kind: 'notification',
      auto_submitted: decision.autoSubmitted,
      to_addresses: [recipient],
      cc_addresses: [],
      message_id: outboundMessageId(ticket.id, 0, unique.replace(/[^a-z0-9.]/g, 'x'), planned.domain),
      subject: n.subject.includes(token) ? n.subject : `${n.subject} ${token}`,
      body_text: n.body,
      body_html: textToHtml(n.body),
    });
    await notifications.decide(n.id, { status: 'queued', outboxId: row.id });
    // The send job may have finished before the link above: read its outcome now.
    const sent = await outbox.findById(row.id);
    if (sent?.status === 'sent') await notifications.settle(row.id, { status: 'sent' });
    if (sent?.status === 'failed')
      await notifications.settle(row.id, { status: 'failed', reason: sent.last_error ?? 'sending failed' });
  }

  return { deliver };
}
