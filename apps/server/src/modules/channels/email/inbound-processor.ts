import type { InboundMessageSummary, InboundStatus } from '../../../db/tables/email.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Clock } from '../../../platform/clock.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import type { Storage } from '../../../platform/storage/storage.js';
import { findOrCreateRequester } from '../../people/index.js';
import type { TicketStore, TicketsService } from '../../tickets/index.js';
import { recordBounce } from './bounces.js';
import { isDuplicateComment, messageOf } from './email-errors.js';
import type { InboundRepository, SenderSummary } from './inbound.repository.js';
import { applyMail, type UnverifiedMailNotice } from './inbound-apply.js';
import { createInboundChecks } from './inbound-checks.js';
import { classifyNoise } from './mail-noise.js';
import { type InboundMail, parseMail } from './mail-parse.js';
import type { MailboxDirectory } from './mailbox-directory.js';
import { OUR_MESSAGE_ID_PREFIX } from './outbound-message.js';
import type { OutboxRepository } from './outbox.repository.js';
import { loadRaw } from './raw-store.js';
import type { RecentMail } from './recent-mail.js';

export type ProcessorDeps = {
  inbound: InboundRepository;
  mailboxes: MailboxDirectory;
  outbox: OutboxRepository;
  /** Repositories of the tickets module on the pool (users, tickets, attachments). */
  store: TicketStore;
  tickets: TicketsService;
  storage: Storage;
  clock: Clock;
  secret: string;
  systemActor: () => Promise<Actor>;
  /** Messages this node just stored, so their bytes need not be read back. */
  recent?: RecentMail;
  /** Tells an agent that mail in their name was not trusted (a notification mail). */
  tellAgent?: (notice: UnverifiedMailNotice) => Promise<void>;
};

export type ProcessResult = {
  id: number;
  status: InboundStatus;
  cause: string | null;
  reason: string | null;
  ticketId: number | null;
  commentId: number | null;
};

type Outcome = Omit<ProcessResult, 'id' | 'cause' | 'reason' | 'ticketId' | 'commentId'> &
  Partial<Pick<ProcessResult, 'cause' | 'reason' | 'ticketId' | 'commentId'>>;

/**
 * Turns a stored message into a ticket change, once. The order of checks:
 * unreadable → failed; already applied (a crash after applying) → processed; our own
 * mail reflected back → ignored; a delivery report → bounce recorded; no sender, our
 * own address as sender, an auto-reply, a suspended user, a burst → suspended; then
 * threading decides between a comment, a follow-up, a new ticket or suspension.
 * `trusted` (an admin recovering a suspended message) skips the noise checks and
 * applies mail that names a ticket to that ticket.
 */
export function createInboundProcessor(deps: ProcessorDeps) {
  const { inbound, mailboxes, outbox, store, clock } = deps;
  const { screen, decide } = createInboundChecks(deps);

  async function finish(
    message: InboundMessageSummary,
    outcome: Outcome,
    summary?: SenderSummary,
  ): Promise<ProcessResult> {
    const result: ProcessResult = {
      id: message.id,
      status: outcome.status,
      cause: outcome.cause ?? null,
      reason: outcome.reason ?? null,
      ticketId: outcome.ticketId ?? null,
      commentId: outcome.commentId ?? null,
    };
    await inbound.finish(
      message.id,
      {
        ...summary,
        status: result.status,
        cause: result.cause,
        reason: result.reason,
        ticket_id: result.ticketId,
        comment_id: result.commentId,
      },
      clock.now(),
    );
    return result;
  }

  /** The stored message and a way to its bytes: this node's copy if it has one, else the row (or storage). */
  async function load(id: number) {
    const kept = deps.recent?.take(id);
    if (kept) {
      const message = await inbound.summary(id);
      return message && { message, raw: async () => kept };
    }
    const message = await inbound.findById(id);
    return message && { message, raw: () => loadRaw(deps.storage, message) };
  }

  async function process(id: number, options: { trusted?: boolean } = {}): Promise<ProcessResult | null> {
    const trusted = options.trusted ?? false;
    const stored = await load(id);
    if (!stored) return null;
    const { message } = stored;
    if (message.status !== 'received') {
      const { status, cause, reason, ticket_id, comment_id } = message;
      return { id, status, cause, reason, ticketId: ticket_id, commentId: comment_id };
    }
    const raw = await stored.raw();
    if (!raw) {
      return finish(message, {
        status: 'failed',
        cause: 'unprocessable',
        reason: `The stored message (${message.storage_key}) is missing`,
      });
    }
    let mail: InboundMail;
    try {
      mail = await parseMail(raw);
    } catch (error) {
      return finish(message, {
        status: 'failed',
        cause: 'unprocessable',
        reason: `Unreadable message: ${messageOf(error)}`,
      });
    }
    // What the message is, for the review list and the burst count; saved with the outcome.
    const summary: SenderSummary = {
      from_address: mail.from?.address ?? null,
      from_name: mail.from?.name || null,
      subject: mail.subject.slice(0, 500),
      preview: mail.text.slice(0, 4000).replace(/\s+/g, ' ').trim().slice(0, 1000),
    };
    const end = (outcome: Outcome) => finish(message, outcome, summary);

    const mailbox = message.mailbox_id
      ? await mailboxes.byId(message.mailbox_id)
      : await mailboxes.fallback();
    if (!mailbox)
      return end({ status: 'failed', cause: 'unprocessable', reason: 'The mailbox no longer exists' });
    if (mail.messageId?.startsWith(OUR_MESSAGE_ID_PREFIX) && (await outbox.findByMessageId(mail.messageId))) {
      return end({ status: 'processed', reason: 'Our own outgoing message came back; ignored' });
    }
    const noise = classifyNoise({
      headers: mail.headers,
      envelopeFrom: message.envelope_from,
      fromAddress: mail.from?.address ?? null,
      contentType: mail.contentType,
      subject: mail.subject,
    });
    if (noise.handling === 'bounce') {
      const bounce = await recordBounce(mail, id, {
        outbox,
        tickets: deps.tickets,
        systemActor: deps.systemActor,
      });
      return end({ status: 'processed', ...bounce });
    }
    if (!mail.from) {
      return end({
        status: 'suspended',
        cause: 'unknown_author',
        reason: 'The message has no usable From address',
      });
    }
    const existing = await store.users.findByEmail(mail.from.address);
    const held = await screen(message, mail, mailbox, noise, existing, trusted);
    if (held) return end(held);

    const senderIsAgent = existing ? existing.role !== 'end-user' : false;
    const { decision, auth, trustedOverride, facts } = await decide(
      message,
      mail,
      mailbox,
      existing?.id ?? null,
      senderIsAgent,
      trusted,
    );
    const unverifiedAgent =
      existing &&
      senderIsAgent &&
      (decision.action === 'suspend'
        ? decision.cause === 'unverified_agent'
        : 'unverified' in decision && decision.unverified === true);
    const tellAgent = async (ticketId: number | null) => {
      if (!unverifiedAgent || !ticketId || !deps.tellAgent) return;
      await deps.tellAgent({
        ticketId,
        agent: existing,
        inboundId: id,
        subject: mail.subject,
        held: decision.action === 'suspend',
      });
    };
    if (decision.action === 'suspend' && !trustedOverride) {
      const reasons = {
        unknown_user_update: `${mail.from.address} is not known and replied to ticket #${decision.ticketId}`,
        other_user_update: `${mail.from.address} does not take part in ticket #${decision.ticketId}`,
        unauthenticated_update: `The mailbox requires SPF/DKIM/DMARC to update ticket #${decision.ticketId}; the message did not pass`,
        unverified_agent: `Mail in the name of agent ${mail.from.address} for ticket #${decision.ticketId} was not sent to the ticket's reply address and did not pass SPF/DKIM/DMARC`,
      };
      await tellAgent(decision.ticketId);
      return end({
        status: 'suspended',
        cause: decision.cause,
        reason: reasons[decision.cause],
        ticketId: decision.ticketId,
      });
    }
    const requester =
      existing ??
      (await findOrCreateRequester(store, clock, { email: mail.from.address, name: mail.from.name })).user;
    try {
      const written = await applyMail(
        { message, mail, mailbox, noise, auth, requester, senderIsAgent, decision, trustedOverride, facts },
        deps,
      );
      if ('blank' in written) {
        return end({
          status: 'suspended',
          cause: 'blank',
          reason: 'The message has no text and no attachments',
        });
      }
      if (!trustedOverride) await tellAgent(written.ticketId);
      return end({ status: 'processed', ticketId: written.ticketId, commentId: written.commentId });
    } catch (error) {
      if (isDuplicateComment(error)) {
        const again = await inbound.commentOfInbound(id);
        return end({ status: 'processed', ticketId: again?.ticket_id ?? null, commentId: again?.id ?? null });
      }
      if (error instanceof NotFoundError && decision.action === 'comment') {
        // The ticket went away (deleted, or an agent's restrictions hide it): start a new one.
        const written = await applyMail(
          {
            message,
            mail,
            mailbox,
            noise,
            auth,
            requester,
            senderIsAgent,
            decision: {
              action: 'new_ticket',
              foreignTicketId: null,
              ...('unverified' in decision && decision.unverified ? { unverified: true as const } : {}),
            },
            trustedOverride: false,
            facts,
          },
          deps,
        );
        if ('blank' in written)
          return end({ status: 'suspended', cause: 'blank', reason: 'The message has no text' });
        return end({ status: 'processed', ticketId: written.ticketId, commentId: written.commentId });
      }
      throw error;
    }
  }

  return {
    process,
    /** Marks a message failed with the reason (the job's last attempt, or an error no retry fixes). */
    async fail(id: number, error: unknown) {
      const message = await inbound.summary(id);
      if (message?.status !== 'received') return;
      await inbound.finish(
        id,
        { status: 'failed', cause: 'unprocessable', reason: messageOf(error) },
        clock.now(),
      );
    },
  };
}

export type InboundProcessor = ReturnType<typeof createInboundProcessor>;
