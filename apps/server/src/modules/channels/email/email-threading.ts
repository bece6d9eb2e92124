import type { ForeignReplyAction, UnverifiedAgentAction } from '../../../db/tables/email.js';
import { ticketOfAddress, ticketsOfSubject } from './ticket-tokens.js';

/**
 * Does an inbound mail belong to an existing ticket? Two pure steps:
 *
 * 1. `threadCandidates` lists the tickets the mail points to, strongest evidence
 *    first: its In-Reply-To, then References (Message-IDs we stored or sent), then a
 *    signed reply address, then a signed subject token.
 * 2. `decideThread` picks the first of those tickets the sender takes part in (the
 *    requester, a CC, or an agent). Mail that points at tickets but comes from anyone
 *    else never lands on them: it becomes a new ticket, or is suspended when the
 *    mailbox says so. A closed ticket gets a follow-up. When the mailbox requires
 *    SPF/DKIM/DMARC, an unauthenticated reply is suspended rather than applied.
 *    Mail in an agent's name becomes that agent's public reply only when it proves it
 *    came from them: sent to the ticket's signed reply address, or passing
 *    SPF/DKIM/DMARC at the mailbox's trusted server. Anyone who knows an agent's address and a Message-ID can write
 *    the rest; such mail becomes an internal note marked unverified (`unverified`),
 *    or is suspended when the mailbox says so.
 */
/** How a mail was tied to its ticket; `reviewed` when an admin accepted a held mail. */
export type ThreadEvidence = 'in-reply-to' | 'references' | 'reply-address' | 'subject' | 'reviewed';
export type ThreadCandidate = { ticketId: number; evidence: ThreadEvidence };

export type ThreadSignals = {
  inReplyTo: string[];
  references: string[];
  /** Every address the mail was delivered to (envelope and To/Cc). */
  recipients: string[];
  subject: string;
};

export function threadCandidates(
  signals: ThreadSignals,
  /** Message-ID → ticket, for the IDs in the mail that we know. */
  knownMessageIds: ReadonlyMap<string, number>,
  secret: string,
): ThreadCandidate[] {
  const out: ThreadCandidate[] = [];
  const add = (ticketId: number | null | undefined, evidence: ThreadEvidence) => {
    if (ticketId && !out.some((c) => c.ticketId === ticketId)) out.push({ ticketId, evidence });
  };
  for (const id of signals.inReplyTo) add(knownMessageIds.get(id), 'in-reply-to');
  for (const id of [...signals.references].reverse()) add(knownMessageIds.get(id), 'references');
  for (const address of signals.recipients) add(ticketOfAddress(address, secret), 'reply-address');
  for (const id of ticketsOfSubject(signals.subject, secret)) add(id, 'subject');
  return out;
}

export type TicketFacts = {
  id: number;
  status: string;
  requesterId: number;
  ccIds: readonly number[];
  deleted: boolean;
  mergedIntoId: number | null;
};

export type SenderFacts = { userId: number | null; isAgent: boolean };

export type ThreadPolicy = {
  foreignReplyAction: ForeignReplyAction;
  unverifiedAgentAction: UnverifiedAgentAction;
  requireAuthentication: boolean;
  /** The receiving server's SPF/DKIM/DMARC verdict for the sender's domain. */
  authenticated: boolean;
  /**
   * The same verdict, stamped by the server the mailbox names as trusted. Only this
   * vouches for an agent: without a named server the topmost header is read, and
   * mail sent straight to our SMTP listener can carry one the sender wrote.
   */
  authenticatedByTrustedServer: boolean;
  /** Tickets whose signed reply address the mail was sent to (see `signedTickets`). */
  signedFor: readonly number[];
};

export type SuspendCause =
  | 'unknown_user_update'
  | 'other_user_update'
  | 'unauthenticated_update'
  | 'unverified_agent';

/**
 * `unverified`: an agent's mail without proof it came from them. On a ticket it is
 * applied as an internal note; a new ticket from it copies no one in.
 */
export type ThreadDecision =
  | { action: 'comment'; ticketId: number; evidence: ThreadEvidence; unverified?: true }
  | { action: 'follow_up'; ticketId: number; evidence: ThreadEvidence; unverified?: true }
  | { action: 'new_ticket'; foreignTicketId: number | null; unverified?: true }
  | { action: 'suspend'; cause: SuspendCause; ticketId: number };

/** Follows merges to the ticket that lives on (at most 10 hops, so a cycle cannot hang). */
function live(ticketId: number, tickets: ReadonlyMap<number, TicketFacts>): TicketFacts | null {
  let ticket = tickets.get(ticketId);
  for (let hops = 0; ticket?.mergedIntoId && hops < 10; hops += 1) ticket = tickets.get(ticket.mergedIntoId);
  return ticket && !ticket.deleted && !ticket.mergedIntoId ? ticket : null;
}

/** Tickets named by a correctly signed reply address among the recipients. */
export function signedTickets(recipients: readonly string[], secret: string): number[] {
  const ids = new Set<number>();
  for (const address of recipients) {
    const id = ticketOfAddress(address, secret);
    if (id !== null) ids.add(id);
  }
  return [...ids];
}

export function takesPart(sender: SenderFacts, ticket: TicketFacts) {
  if (sender.userId === null) return false;
  return sender.isAgent || ticket.requesterId === sender.userId || ticket.ccIds.includes(sender.userId);
}

export function decideThread(
  candidates: readonly ThreadCandidate[],
  tickets: ReadonlyMap<number, TicketFacts>,
  sender: SenderFacts,
  policy: ThreadPolicy,
): ThreadDecision {
  let foreign: TicketFacts | null = null;
  for (const candidate of candidates) {
    const ticket = live(candidate.ticketId, tickets);
    if (!ticket) continue;
    if (!takesPart(sender, ticket)) {
      foreign ??= ticket;
      continue;
    }
    if (policy.requireAuthentication && !policy.authenticated) {
      return { action: 'suspend', cause: 'unauthenticated_update', ticketId: ticket.id };
    }
    const verified =
      !sender.isAgent ||
      policy.authenticatedByTrustedServer ||
      policy.signedFor.includes(candidate.ticketId) ||
      policy.signedFor.includes(ticket.id);
    if (!verified && policy.unverifiedAgentAction === 'suspend') {
      return { action: 'suspend', cause: 'unverified_agent', ticketId: ticket.id };
    }
    const action = ticket.status === 'closed' ? 'follow_up' : 'comment';
    return {
      action,
      ticketId: ticket.id,
      evidence: candidate.evidence,
      ...(verified ? {} : { unverified: true as const }),
    };
  }
  if (foreign && policy.foreignReplyAction === 'suspend') {
    return {
      action: 'suspend',
      cause: sender.userId === null ? 'unknown_user_update' : 'other_user_update',
      ticketId: foreign.id,
    };
  }
  // An agent's new mail is their public comment, which is mailed to the ticket's CCs.
  const unverifiedAgent = sender.isAgent && !policy.authenticatedByTrustedServer;
  return {
    action: 'new_ticket',
    foreignTicketId: foreign?.id ?? null,
    ...(unverifiedAgent ? { unverified: true as const } : {}),
  };
}
