import type { User } from '../../../db/schema.js';
import type { InboundMessageSummary, Mailbox } from '../../../db/tables/email.js';
import {
  decideThread,
  signedTickets,
  type ThreadDecision,
  type TicketFacts,
  threadCandidates,
} from './email-threading.js';
import type { ProcessorDeps } from './inbound-processor.js';
import { baseAddress } from './mail-address.js';
import type { Noise } from './mail-noise.js';
import type { InboundMail } from './mail-parse.js';
import { isAuthenticated, trustedResults } from './sender-trust.js';

/** A sender's burst is counted over this window (see the mailbox's sender_burst_limit). */
const BURST_WINDOW_MS = 10 * 60 * 1000;

/**
 * The checks between a parsed message and its ticket: `screen` holds mail that must
 * not be applied (our own address as sender, automated replies, suspended users,
 * bursts); `decide` loads what threading needs and asks the pure decision.
 */
export function createInboundChecks(
  deps: Pick<ProcessorDeps, 'inbound' | 'mailboxes' | 'store' | 'clock' | 'secret'>,
) {
  const { inbound, mailboxes, store, clock } = deps;

  async function ticketFacts(ids: number[]) {
    const facts = new Map<number, TicketFacts>();
    const queue = [...ids];
    while (queue.length > 0 && facts.size < 50) {
      const id = queue.shift()!;
      if (facts.has(id)) continue;
      const t = await store.tickets.findById(id);
      if (!t) continue;
      facts.set(id, {
        id,
        status: t.status,
        requesterId: t.requester_id,
        ccIds: [...new Set([...t.collaborator_ids, ...t.email_cc_ids])],
        deleted: t.deleted_at !== null,
        mergedIntoId: t.merged_into_id,
      });
      if (t.merged_into_id) queue.push(t.merged_into_id);
    }
    return facts;
  }

  async function screen(
    message: InboundMessageSummary,
    mail: InboundMail,
    mailbox: Mailbox,
    noise: Noise,
    sender: User | undefined,
    trusted: boolean,
  ) {
    const from = mail.from!;
    const ours = await mailboxes.addresses();
    if (ours.includes(baseAddress(from.address).base)) {
      return {
        status: 'suspended',
        cause: 'loop',
        reason: `Sent from our own address ${from.address}`,
      } as const;
    }
    if (trusted) return null;
    if (noise.handling === 'suspend') {
      return {
        status: 'suspended',
        cause: noise.cause,
        reason: `Automated mail: ${noise.reasons.join('; ')}`,
      } as const;
    }
    if (sender?.suspended) {
      return {
        status: 'suspended',
        cause: 'blocklisted',
        reason: `${from.address} is a suspended user`,
      } as const;
    }
    if ((!sender || sender.role === 'end-user') && mailbox.sender_burst_limit > 0) {
      const since = new Date(clock.now().getTime() - BURST_WINDOW_MS);
      const recent = await inbound.countFromSince(from.address, since, message.id);
      if (recent >= mailbox.sender_burst_limit) {
        return {
          status: 'suspended',
          cause: 'throttled',
          reason: `${recent + 1} messages from ${from.address} within 10 minutes (limit ${mailbox.sender_burst_limit})`,
        } as const;
      }
    }
    return null;
  }

  async function decide(
    message: InboundMessageSummary,
    mail: InboundMail,
    mailbox: Mailbox,
    senderId: number | null,
    senderIsAgent: boolean,
    trusted: boolean,
  ) {
    const auth = trustedResults(
      mail.headers.get('authentication-results') ?? [],
      mail.from?.address ?? null,
      mailbox.trusted_authserv_id,
    );
    // Both lists are bounded when the mail is parsed (MAIL_LIMITS); one look-up for all.
    const known = await inbound.ticketsOfMessageIds([...new Set([...mail.inReplyTo, ...mail.references])]);
    const recipients = [
      ...message.envelope_to,
      ...mail.to.map((a) => a.address),
      ...mail.cc.map((a) => a.address),
    ];
    const candidates = threadCandidates(
      { inReplyTo: mail.inReplyTo, references: mail.references, recipients, subject: mail.subject },
      known,
      deps.secret,
    );
    const facts = await ticketFacts(candidates.map((c) => c.ticketId));
    const decision: ThreadDecision = decideThread(
      candidates,
      facts,
      { userId: senderId, isAgent: senderIsAgent },
      {
        foreignReplyAction: mailbox.foreign_reply_action,
        unverifiedAgentAction: mailbox.unverified_agent_action,
        requireAuthentication: mailbox.require_authentication,
        authenticated: isAuthenticated(auth),
        authenticatedByTrustedServer: mailbox.trusted_authserv_id !== null && isAuthenticated(auth),
        signedFor: signedTickets(recipients, deps.secret),
      },
    );
    return { decision, auth, trustedOverride: trusted && decision.action === 'suspend', facts };
  }

  return { screen, decide };
}
