import { describe, expect, it } from 'vitest';
import {
  decideThread,
  type SenderFacts,
  signedTickets,
  type ThreadCandidate,
  type ThreadPolicy,
  type TicketFacts,
  threadCandidates,
} from './email-threading.js';
import {
  cleanSubject,
  replyAddress,
  subjectToken,
  ticketOfAddress,
  ticketsOfSubject,
} from './ticket-tokens.js';

const secret = 'test-secret-key-that-is-long-enough-123';

describe('signed ticket tokens', () => {
  it.each([
    ['a reply address we made', replyAddress('support@example.com', 123, secret), 123],
    [
      'the same address upper-cased by a mail system',
      replyAddress('support@example.com', 123, secret).toUpperCase(),
      123,
    ],
    ['a bare ticket number', 'support+t123@example.com', null],
    ['a forged signature', 'support+t123.00000000@example.com', null],
    [
      "another ticket's signature",
      replyAddress('support@example.com', 124, secret).replace('t124', 't123'),
      null,
    ],
    ['no tag at all', 'support@example.com', null],
    [
      'a signature made with another key',
      replyAddress('support@example.com', 123, 'another-secret-key-xxxxxxxxxxxxxxx'),
      null,
    ],
  ])('%s → %s', (_name, address, expected) => {
    expect(ticketOfAddress(address, secret)).toBe(expected);
  });

  it.each([
    [`Re: Refund ${subjectToken(77, secret)}`, [77]],
    ['Re: Refund [#77]', []],
    ['Re: Refund [#77-deadbeef]', []],
    [`${subjectToken(5, secret)} and ${subjectToken(6, secret)}`, [5, 6]],
  ])('subject %s names tickets %j', (subject, expected) => {
    expect(ticketsOfSubject(subject, secret)).toEqual(expected);
  });

  it.each([
    [`Re: RE: Fwd: Refund ${subjectToken(77, secret)}`, 'Refund'],
    ['回复：退款', '退款'],
    ['AW: Rechnung', 'Rechnung'],
    ['Plain subject', 'Plain subject'],
  ])('cleans %s to %s', (subject, expected) => {
    expect(cleanSubject(subject)).toBe(expected);
  });
});

describe('threadCandidates', () => {
  const known = new Map([
    ['first@customer.test', 10],
    ['our-reply@frontline.test', 11],
  ]);
  const none = { inReplyTo: [], references: [], recipients: [], subject: '' };

  it.each<[string, Partial<typeof none>, ThreadCandidate[]]>([
    ['nothing points anywhere', {}, []],
    [
      'In-Reply-To of a message we sent',
      { inReplyTo: ['our-reply@frontline.test'] },
      [{ ticketId: 11, evidence: 'in-reply-to' }],
    ],
    [
      'References, newest first, after In-Reply-To',
      { inReplyTo: ['unknown@x'], references: ['first@customer.test', 'our-reply@frontline.test'] },
      [
        { ticketId: 11, evidence: 'references' },
        { ticketId: 10, evidence: 'references' },
      ],
    ],
    [
      'signed reply address',
      { recipients: [replyAddress('support@example.com', 42, secret)] },
      [{ ticketId: 42, evidence: 'reply-address' }],
    ],
    [
      'signed subject token',
      { subject: `Re: hi ${subjectToken(43, secret)}` },
      [{ ticketId: 43, evidence: 'subject' }],
    ],
    ['unsigned subject token', { subject: 'Re: hi [#43]' }, []],
    [
      'the same ticket by two routes is listed once, by the stronger',
      { inReplyTo: ['our-reply@frontline.test'], subject: `Re: ${subjectToken(11, secret)}` },
      [{ ticketId: 11, evidence: 'in-reply-to' }],
    ],
  ])('%s', (_name, signals, expected) => {
    expect(threadCandidates({ ...none, ...signals }, known, secret)).toEqual(expected);
  });
});

describe('decideThread', () => {
  const ticket = (id: number, over: Partial<TicketFacts> = {}): TicketFacts => ({
    id,
    status: 'open',
    requesterId: 100,
    ccIds: [101],
    deleted: false,
    mergedIntoId: null,
    ...over,
  });
  const tickets = new Map<number, TicketFacts>([
    [1, ticket(1)],
    [2, ticket(2, { status: 'closed' })],
    [3, ticket(3, { mergedIntoId: 1 })],
    [4, ticket(4, { deleted: true })],
    [5, ticket(5, { requesterId: 200, ccIds: [] })],
    [6, ticket(6, { status: 'solved' })],
  ]);
  const requester: SenderFacts = { userId: 100, isAgent: false };
  const cc: SenderFacts = { userId: 101, isAgent: false };
  const agent: SenderFacts = { userId: 900, isAgent: true };
  const stranger: SenderFacts = { userId: 555, isAgent: false };
  const unknown: SenderFacts = { userId: null, isAgent: false };
  const open: ThreadPolicy = {
    foreignReplyAction: 'new_ticket',
    unverifiedAgentAction: 'internal_note',
    requireAuthentication: false,
    authenticated: false,
    authenticatedByTrustedServer: false,
    signedFor: [],
  };
  const holdUnverified: ThreadPolicy = { ...open, unverifiedAgentAction: 'suspend' };
  const suspendForeign: ThreadPolicy = { ...open, foreignReplyAction: 'suspend' };
  const strict: ThreadPolicy = { ...open, requireAuthentication: true };
  const on = (...ids: number[]): ThreadCandidate[] =>
    ids.map((ticketId) => ({ ticketId, evidence: 'in-reply-to' }));

  it.each<[string, ThreadCandidate[], SenderFacts, ThreadPolicy, ReturnType<typeof decideThread>]>([
    ['no candidates: a new ticket', [], requester, open, { action: 'new_ticket', foreignTicketId: null }],
    [
      'the requester replies',
      on(1),
      requester,
      open,
      { action: 'comment', ticketId: 1, evidence: 'in-reply-to' },
    ],
    ['a CC replies', on(1), cc, open, { action: 'comment', ticketId: 1, evidence: 'in-reply-to' }],
    [
      'an agent replies to the signed reply address: a reply',
      on(5),
      agent,
      { ...open, signedFor: [5] },
      { action: 'comment', ticketId: 5, evidence: 'in-reply-to' },
    ],
    [
      'an agent whose mail passes SPF/DKIM/DMARC at the trusted server: a reply',
      on(5),
      agent,
      { ...open, authenticated: true, authenticatedByTrustedServer: true },
      { action: 'comment', ticketId: 5, evidence: 'in-reply-to' },
    ],
    [
      'an agent whose pass comes from an untrusted (topmost, sender-written) header: an unverified note',
      on(5),
      agent,
      { ...open, authenticated: true },
      { action: 'comment', ticketId: 5, evidence: 'in-reply-to', unverified: true },
    ],
    [
      'an agent passing authentication when the mailbox requires it: a reply',
      on(5),
      agent,
      { ...strict, authenticated: true, authenticatedByTrustedServer: true },
      { action: 'comment', ticketId: 5, evidence: 'in-reply-to' },
    ],
    [
      'an agent’s address with only an In-Reply-To: an unverified note',
      on(5),
      agent,
      open,
      { action: 'comment', ticketId: 5, evidence: 'in-reply-to', unverified: true },
    ],
    [
      'an agent’s address with another ticket’s signed address: an unverified note',
      on(5),
      agent,
      { ...open, signedFor: [1] },
      { action: 'comment', ticketId: 5, evidence: 'in-reply-to', unverified: true },
    ],
    [
      'an agent’s address, signed address of a ticket merged away: a reply on the target',
      on(3),
      agent,
      { ...open, signedFor: [3] },
      { action: 'comment', ticketId: 1, evidence: 'in-reply-to' },
    ],
    [
      'an unverified agent on a closed ticket: an unverified note on the follow-up',
      on(2),
      agent,
      open,
      { action: 'follow_up', ticketId: 2, evidence: 'in-reply-to', unverified: true },
    ],
    [
      'an unverified agent is held when the mailbox says so',
      on(5),
      agent,
      holdUnverified,
      { action: 'suspend', cause: 'unverified_agent', ticketId: 5 },
    ],
    [
      'a verified agent is not held by that setting',
      on(5),
      agent,
      { ...holdUnverified, signedFor: [5] },
      { action: 'comment', ticketId: 5, evidence: 'in-reply-to' },
    ],
    [
      'new mail from an agent’s address without authentication: a new ticket marked unverified',
      [],
      agent,
      open,
      { action: 'new_ticket', foreignTicketId: null, unverified: true },
    ],
    [
      'new mail from an agent passing authentication at the trusted server: a plain new ticket',
      [],
      agent,
      { ...open, authenticated: true, authenticatedByTrustedServer: true },
      { action: 'new_ticket', foreignTicketId: null },
    ],
    [
      'the requester needs no signed address (the setting is about agents)',
      on(1),
      requester,
      holdUnverified,
      { action: 'comment', ticketId: 1, evidence: 'in-reply-to' },
    ],
    [
      'a solved ticket still takes the reply (it reopens)',
      on(6),
      requester,
      open,
      { action: 'comment', ticketId: 6, evidence: 'in-reply-to' },
    ],
    [
      'a closed ticket gets a follow-up',
      on(2),
      requester,
      open,
      { action: 'follow_up', ticketId: 2, evidence: 'in-reply-to' },
    ],
    [
      'a merged ticket sends the reply to its target',
      on(3),
      requester,
      open,
      { action: 'comment', ticketId: 1, evidence: 'in-reply-to' },
    ],
    ['a deleted ticket is ignored', on(4), requester, open, { action: 'new_ticket', foreignTicketId: null }],
    [
      'an unknown ticket is ignored',
      on(99),
      requester,
      open,
      { action: 'new_ticket', foreignTicketId: null },
    ],
    [
      'a stranger spoofing a reply starts a new ticket',
      on(1),
      stranger,
      open,
      { action: 'new_ticket', foreignTicketId: 1 },
    ],
    [
      'an unknown sender spoofing a reply starts a new ticket',
      on(1),
      unknown,
      open,
      { action: 'new_ticket', foreignTicketId: 1 },
    ],
    [
      'a stranger is suspended when the mailbox says so',
      on(1),
      stranger,
      suspendForeign,
      { action: 'suspend', cause: 'other_user_update', ticketId: 1 },
    ],
    [
      'an unknown sender is suspended when the mailbox says so',
      on(1),
      unknown,
      suspendForeign,
      { action: 'suspend', cause: 'unknown_user_update', ticketId: 1 },
    ],
    [
      'the first ticket the sender takes part in wins',
      on(5, 1),
      requester,
      open,
      { action: 'comment', ticketId: 1, evidence: 'in-reply-to' },
    ],
    [
      'unauthenticated reply when authentication is required',
      on(1),
      requester,
      strict,
      { action: 'suspend', cause: 'unauthenticated_update', ticketId: 1 },
    ],
    [
      'authenticated reply when authentication is required',
      on(1),
      requester,
      { ...strict, authenticated: true },
      { action: 'comment', ticketId: 1, evidence: 'in-reply-to' },
    ],
    [
      'new mail needs no authentication even when required',
      [],
      requester,
      strict,
      { action: 'new_ticket', foreignTicketId: null },
    ],
  ])('%s', (_name, candidates, sender, policy, expected) => {
    expect(decideThread(candidates, tickets, sender, policy)).toEqual(expected);
  });

  it('signedTickets reads correctly signed reply addresses only, each once', () => {
    const a = replyAddress('support@example.com', 7, secret);
    expect(
      signedTickets([a, a.toUpperCase(), 'support+t8.00000000@example.com', 'other@x.test'], secret),
    ).toEqual([7]);
  });

  it('stops following a merge cycle', () => {
    const cyclic = new Map<number, TicketFacts>([
      [1, ticket(1, { mergedIntoId: 2 })],
      [2, ticket(2, { mergedIntoId: 1 })],
    ]);
    expect(decideThread(on(1), cyclic, requester, open)).toEqual({
      action: 'new_ticket',
      foreignTicketId: null,
    });
  });
});
