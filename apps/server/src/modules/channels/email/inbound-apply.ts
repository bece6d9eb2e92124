import type { JsonObject, User } from '../../../db/schema.js';
import type { InboundMessageSummary, Mailbox } from '../../../db/tables/email.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { escapeHtml, htmlToText, sanitize } from '../../../platform/text/html.js';
import type { CommentDraft, TicketWrite, Via } from '../../tickets/index.js';
import type { ThreadDecision, TicketFacts } from './email-threading.js';
import { commentContent, storeAttachments } from './inbound-content.js';
import type { ProcessorDeps } from './inbound-processor.js';
import { baseAddress } from './mail-address.js';
import type { Noise } from './mail-noise.js';
import type { InboundMail } from './mail-parse.js';
import { type AuthenticationResults, isAuthenticated, replyToMismatch } from './sender-trust.js';
import { cleanSubject } from './ticket-tokens.js';

export type ApplyInput = {
  message: InboundMessageSummary;
  mail: InboundMail;
  mailbox: Mailbox;
  noise: Noise;
  auth: AuthenticationResults | null;
  requester: User;
  senderIsAgent: boolean;
  decision: ThreadDecision;
  /** An admin accepted a held message: apply it to the ticket it names. */
  trustedOverride: boolean;
  facts: ReadonlyMap<number, TicketFacts>;
};

const MAX_CCS = 20;

/** Tag on a ticket that received mail in an agent's name without proof it came from them. */
export const UNVERIFIED_TAG = 'unverified_mail';

function unverifiedNotice(address: string) {
  return `Unverified mail: this came in the name of ${address}, but it was not sent to this ticket's reply address and did not pass SPF/DKIM/DMARC. It is kept as an internal note and was not sent to anyone.`;
}

/** Mail in an agent's name without proof (see decideThread). */
const unverifiedSender = (decision: ThreadDecision) =>
  'unverified' in decision && decision.unverified === true;
/** On an existing ticket, such mail is an internal note. */
export type UnverifiedMailNotice = {
  ticketId: number;
  agent: User;
  inboundId: number;
  subject: string;
  held: boolean;
};

/**
 * The mail that tells an agent that mail in their name was not trusted: if they did
 * not send it, someone is impersonating them. Shaped as a workflow notification draft
 * (one per inbound message).
 */
export function unverifiedMailNotification(notice: UnverifiedMailNotice, baseUrl: string) {
  const where = notice.held
    ? 'It is held for review in suspended mail.'
    : 'It was kept on the ticket as an internal note marked unverified and was not sent to anyone.';
  return {
    ticketId: notice.ticketId,
    recipientId: notice.agent.id,
    recipientEmail: notice.agent.email ?? '',
    subject: `Unverified mail in your name on ticket #${notice.ticketId}`,
    body: [
      `Mail from your address (${notice.agent.email}), subject "${notice.subject}", came in for ticket #${notice.ticketId}.`,
      "It was not sent to the ticket's reply address and did not pass SPF/DKIM/DMARC, so it may not be from you.",
      where,
      'If you did not send it, someone is writing in your name: tell your administrator.',
      '',
      `${baseUrl.replace(/\/$/, '')}/agent/tickets/${notice.ticketId}`,
    ].join('\n'),
    source: 'email:unverified',
    dedupeKey: `email-unverified:${notice.inboundId}`,
  };
}

const isUnverified = (decision: ThreadDecision) =>
  (decision.action === 'comment' || decision.action === 'follow_up') && unverifiedSender(decision);

/** The headers agents need to judge a mail, kept on its comment. */
function emailMetadata(
  input: ApplyInput,
  collapsed: string,
  truncated: boolean,
  evidence: string | null,
): JsonObject {
  const { mail, auth, noise, decision, message } = input;
  const flags: string[] = [];
  if (replyToMismatch(mail.from?.address ?? null, mail.replyTo)) flags.push('reply_to_mismatch');
  if (auth && !isAuthenticated(auth)) flags.push('unauthenticated');
  if (decision.action === 'new_ticket' && decision.foreignTicketId) flags.push('foreign_reply');
  if (noise.kind !== 'normal') flags.push(noise.kind);
  if (input.trustedOverride) flags.push('accepted_by_admin');
  if (unverifiedSender(decision)) flags.push('unverified_sender');
  if (message.reuses_message_of !== null) flags.push('message_id_reused');
  flags.push(...mail.limits);
  return {
    inbound_message_id: message.id,
    message_id: mail.messageId,
    in_reply_to: mail.inReplyTo[0] ?? null,
    references: mail.references.slice(-10),
    from: mail.from,
    reply_to: mail.replyTo,
    to: mail.to.slice(0, MAX_CCS),
    cc: mail.cc.slice(0, MAX_CCS),
    subject: mail.subject,
    date: mail.date?.toISOString() ?? null,
    authentication: auth
      ? {
          authserv_id: auth.authservId,
          spf: auth.spf,
          dkim: auth.dkim,
          dmarc: auth.dmarc,
          passed: isAuthenticated(auth),
        }
      : null,
    suppress_auto_reply: noise.suppressAutoReply,
    automated: noise.kind === 'normal' ? null : { kind: noise.kind, reasons: noise.reasons },
    flags,
    threaded_by: evidence,
    foreign_ticket_id: decision.action === 'new_ticket' ? decision.foreignTicketId : null,
    reuses_inbound_message_id: message.reuses_message_of,
    collapsed_text: collapsed || null,
    truncated,
    original_url: `/api/v2/frontline/inbound_messages/${message.id}/raw`,
  };
}

/** CCs of a new ticket: everyone the mail was addressed to except us and the sender. */
function ccsOf(mail: InboundMail, requester: User, ours: string[]) {
  const skip = new Set([...ours, requester.email?.toLowerCase() ?? '']);
  return [...mail.to, ...mail.cc]
    .filter((a) => !skip.has(baseAddress(a.address).base) && !skip.has(a.address))
    .slice(0, MAX_CCS)
    .map((a) => ({ user_email: a.address, ...(a.name ? { user_name: a.name.slice(0, 255) } : {}) }));
}

/**
 * Applies a screened mail through the tickets service, acting as the sender (their
 * own user, so a customer's reply reopens a solved ticket and an agent's reply is
 * theirs), or as the system on the sender's behalf when an admin accepted mail from
 * someone outside the ticket. Unverified mail in an agent's name is written by the
 * system as an internal note under that agent's name, with a notice above it and the
 * ticket tagged `unverified_mail`: it is never a public reply, so it is never mailed.
 */
export async function applyMail(
  input: ApplyInput,
  deps: ProcessorDeps,
): Promise<{ ticketId: number; commentId: number | null } | { blank: true }> {
  const { mail, mailbox, requester } = input;
  let decision = input.decision;
  let onBehalf = false;
  if (decision.action === 'suspend') {
    const ticket = input.facts.get(decision.ticketId);
    onBehalf = decision.cause === 'unknown_user_update' || decision.cause === 'other_user_update';
    decision = {
      action: ticket?.status === 'closed' ? 'follow_up' : 'comment',
      ticketId: decision.ticketId,
      evidence: 'reviewed',
    };
  }
  const unverified = isUnverified(decision);
  if (unverified) onBehalf = true;
  const actor: Actor = onBehalf
    ? await deps.systemActor()
    : {
        user: requester,
        groupIds: input.senderIsAgent ? await deps.store.users.groupIdsOf(requester.id) : [],
        method: 'system',
      };
  const isReply = decision.action === 'comment';
  const { tokens, cids } = await storeAttachments(mail, actor.user.id, {
    store: deps.store,
    storage: deps.storage,
    clock: deps.clock,
    secret: deps.secret,
  });
  const content = commentContent(mail, isReply, cids);
  const empty = content.html === undefined ? !content.text.trim() : !htmlToText(sanitize(content.html));
  if (tokens.length === 0 && empty) return { blank: true };
  if (unverified) {
    const notice = unverifiedNotice(mail.from?.address ?? requester.email ?? '');
    if (content.html === undefined) content.text = `${notice}\n\n${content.text}`;
    else content.html = `<p><strong>${escapeHtml(notice)}</strong></p>${content.html}`;
  }

  const evidence =
    decision.action === 'comment' || decision.action === 'follow_up' ? decision.evidence : null;
  const comment: CommentDraft = {
    ...(content.html === undefined ? { body: content.text } : { html_body: content.html }),
    public: !unverified,
    uploads: tokens,
    metadata: {
      email: emailMetadata({ ...input, decision }, content.collapsed, content.truncated, evidence),
    },
    ...(onBehalf ? { author_id: requester.id } : {}),
  };
  const via: Via = {
    channel: 'email',
    source: {
      from: { address: mail.from?.address ?? null, name: mail.from?.name ?? '' },
      to: { address: mailbox.address, name: mailbox.name },
      rel: null,
    },
  };
  let written: TicketWrite;
  if (decision.action === 'comment') {
    written = await deps.tickets.update(
      actor,
      decision.ticketId,
      { comment, ...(unverified ? { additional_tags: [UNVERIFIED_TAG] } : {}) },
      via,
    );
  } else {
    written = await deps.tickets.create(
      actor,
      {
        subject: cleanSubject(mail.subject).slice(0, 500) || '(no subject)',
        comment,
        ...(onBehalf ? { requester_id: requester.id } : {}),
        ...(decision.action === 'follow_up' ? { via_followup_source_id: decision.ticketId } : {}),
        // Unverified mail in an agent's name copies no one in: the CCs would get it by mail.
        email_ccs: unverifiedSender(decision) ? [] : ccsOf(mail, requester, await deps.mailboxes.addresses()),
      },
      via,
      { group_id: mailbox.group_id },
    );
  }
  return { ticketId: written.ticket.id, commentId: written.comment?.id ?? null };
}
