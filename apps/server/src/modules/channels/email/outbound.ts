import type { Insertable } from 'kysely';
import type { Database } from '../../../db/database.js';
import type { Ticket, User } from '../../../db/schema.js';
import type { EmailOutboxTable } from '../../../db/tables/email.js';
import { randomToken } from '../../../platform/auth/secrets.js';
import type { Clock } from '../../../platform/clock.js';
import { enqueue } from '../../../platform/jobs/jobs.js';
import { defineQueue } from '../../../platform/jobs/queues.js';
import { textToHtml } from '../../../platform/text/html.js';
import type { TicketChange, TicketStore } from '../../tickets/index.js';
import type { InboundRepository } from './inbound.repository.js';
import { domainOf } from './mail-address.js';
import type { MailboxDirectory } from './mailbox-directory.js';
import {
  answersByMail,
  outboundMessageId,
  replyRecipients,
  replySubject,
  threadHeaders,
} from './outbound-message.js';
import { createOutboxRepository, type OutboxRepository } from './outbox.repository.js';
import { replyAddress, subjectToken } from './ticket-tokens.js';

export const SEND_QUEUE = defineQueue('email-send');
export const SEND_MAX_ATTEMPTS = 8;

/** A permanent bounce keeps an address off our mail this long, unless its owner writes again. */
export const BOUNCE_MEMORY_MS = 30 * 24 * 3600 * 1000;

export type OutboundDeps = {
  database: Database;
  store: TicketStore;
  mailboxes: MailboxDirectory;
  inbound: InboundRepository;
  outbox: OutboxRepository;
  clock: Clock;
  secret: string;
  mailDomain: string | undefined;
};

/**
 * Ticket changes → outbox. A public comment by an agent on a ticket answered by mail
 * becomes one outbox row (unique per comment) with its Message-ID, recipients and
 * threading headers fixed, and one send job, in one transaction. The event bus runs
 * this once per change; a re-run finds the row and adds nothing.
 */
export function createOutbound(deps: OutboundDeps) {
  const { store, mailboxes, outbox } = deps;

  async function mailboxOf(ticket: Ticket) {
    const to = (ticket.via_source.to as { address?: unknown } | undefined)?.address;
    const named = typeof to === 'string' ? await mailboxes.byAddress(to) : undefined;
    return named?.active ? named : mailboxes.fallback();
  }

  /**
   * Sender, signed reply address and threading headers for mail about a ticket, the
   * same for replies and automatic mail; null when no mailbox is set up.
   */
  async function envelope(ticket: Ticket, author: User | null) {
    const mailbox = await mailboxOf(ticket);
    if (!mailbox) return null;
    const now = deps.clock.now();
    const received = (await deps.inbound.messageIdsOfTicket(ticket.id)).map((m) => m.messageId);
    const sent = (await outbox.ofTicket(ticket.id)).map((r) => r.message_id);
    const { inReplyTo, references } = threadHeaders(received, sent);
    return {
      now,
      domain: deps.mailDomain ?? domainOf(mailbox.address),
      isReply: received.length > 0,
      row: {
        ticket_id: ticket.id,
        mailbox_id: mailbox.id,
        from_address: mailbox.address,
        from_name:
          author && author.id > 0 && mailbox.name
            ? `${author.name} (${mailbox.name})`
            : mailbox.name || author?.name || '',
        reply_to: replyAddress(mailbox.address, ticket.id, deps.secret),
        in_reply_to: inReplyTo,
        reference_ids: references,
        created_at: now,
        updated_at: now,
      },
    };
  }

  /** Recipients, sender and threading for mail about a ticket; null when there is no one to send to. */
  async function plan(ticket: Ticket, author: User | null) {
    const planned = await envelope(ticket, author);
    if (!planned) return null;
    const requester = await store.users.findById(ticket.requester_id);
    const ccUsers = await store.users.findManyByIds([...ticket.email_cc_ids, ...ticket.collaborator_ids]);
    const ccs = ccUsers.map((u) => u.email).filter((a): a is string => Boolean(a));
    const now = planned.now;
    const recipients = replyRecipients({
      requester: requester?.email ?? null,
      ccs,
      author: author?.email ?? null,
      ours: await mailboxes.addresses(),
      bounced: await outbox.bouncedAddresses(
        [requester?.email ?? '', ...ccs].filter(Boolean),
        new Date(now.getTime() - BOUNCE_MEMORY_MS),
      ),
    });
    if (recipients.to.length === 0) return null;
    return { ...planned, row: { ...planned.row, to_addresses: recipients.to, cc_addresses: recipients.cc } };
  }

  /** Writes the row and its send job in one transaction; nothing when the row exists (a re-run). */
  async function write(row: Insertable<EmailOutboxTable>) {
    return deps.database.db.transaction().execute(async (trx) => {
      const inserted = await createOutboxRepository(trx).insertIfNew(row);
      if (inserted) {
        await enqueue(
          trx,
          SEND_QUEUE,
          { id: inserted.id },
          // Replies on one ticket leave in the order agents wrote them.
          {
            dedupeKey: String(inserted.id),
            maxAttempts: SEND_MAX_ATTEMPTS,
            orderKey: String(inserted.ticket_id),
          },
        );
      }
      return inserted;
    });
  }

  /** Automatic mail (a notification): the row once, with its send job; a re-run finds the row. */
  async function writeAutomatic(row: Insertable<EmailOutboxTable>) {
    return deps.database.db.transaction().execute(async (trx) => {
      const written = await createOutboxRepository(trx).insertAutomaticOnce(row);
      if (written.isNew) {
        await enqueue(
          trx,
          SEND_QUEUE,
          { id: written.row.id },
          { dedupeKey: String(written.row.id), maxAttempts: SEND_MAX_ATTEMPTS },
        );
      }
      return written;
    });
  }

  async function onTicketChange(change: TicketChange) {
    if (change.kind === 'deleted' || !change.comment?.public) return;
    const author = await store.users.findById(change.comment.author_id);
    if (!author || author.role === 'end-user') return;
    const ticket = await store.tickets.findById(change.ticket_id);
    if (!ticket || !answersByMail(ticket.via_channel)) return;
    const planned = await plan(ticket, author);
    if (!planned) return;
    await write({
      ...planned.row,
      comment_id: change.comment.id,
      kind: 'reply',
      message_id: outboundMessageId(ticket.id, change.comment.id, randomToken(6), planned.domain),
      subject: replySubject(ticket.subject, ticket.id, deps.secret, planned.isReply),
    });
  }

  /**
   * Automatic mail about a ticket (an acknowledgement, a rule's notification). It
   * carries `Auto-Submitted: auto-generated`, and is not sent at all when the ticket's
   * newest mail came from a machine (an out-of-office, a list, a bounce): two systems
   * answering each other is how mail loops start.
   */
  async function notify(input: { ticketId: number; subject?: string; text: string; html?: string }) {
    const ticket = await store.tickets.findById(input.ticketId);
    if (!ticket) return { queued: false as const, reason: 'no such ticket' };
    if (await deps.inbound.lastMailSuppressesAutoReply(ticket.id)) {
      return {
        queued: false as const,
        reason: 'the newest mail on this ticket is automated; no automatic reply',
      };
    }
    const planned = await plan(ticket, null);
    if (!planned) return { queued: false as const, reason: 'no one to send to' };
    const row = await write({
      ...planned.row,
      comment_id: null,
      kind: 'notification',
      auto_submitted: 'auto-generated',
      message_id: outboundMessageId(ticket.id, 0, randomToken(6), planned.domain),
      subject: input.subject
        ? `${input.subject} ${subjectToken(ticket.id, deps.secret)}`
        : replySubject(ticket.subject, ticket.id, deps.secret, planned.isReply),
      body_text: input.text,
      body_html: input.html ?? textToHtml(input.text),
    });
    return { queued: true as const, outboxId: row!.id };
  }

  return { onTicketChange, notify, envelope, writeAutomatic };
}

export type Outbound = ReturnType<typeof createOutbound>;
