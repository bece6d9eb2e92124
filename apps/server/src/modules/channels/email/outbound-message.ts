import { baseAddress } from './mail-address.js';
import { subjectToken } from './ticket-tokens.js';

/**
 * What a reply by mail looks like, decided before anything is sent: who gets it, its
 * Message-ID on our domain, and the threading headers that keep it in the customer's
 * conversation. Pure; the outbox stores the result and the send job only sends it.
 */

/** Channels whose tickets are answered by mail. Live channels (chat, social, voice) answer in place. */
const MAILED_CHANNELS = new Set(['email', 'api', 'web', 'web_form', 'mobile', 'closed_ticket', 'merge']);

export function answersByMail(channel: string) {
  return MAILED_CHANNELS.has(channel);
}

export type Recipients = { to: string[]; cc: string[]; dropped: { address: string; why: string }[] };

/** The requester in To, CCs in Cc; never the author, our own mailboxes, or an address that bounced. */
export function replyRecipients(input: {
  requester: string | null;
  ccs: readonly string[];
  author: string | null;
  ours: readonly string[];
  bounced: ReadonlySet<string>;
}): Recipients {
  const seen = new Set<string>();
  const dropped: Recipients['dropped'] = [];
  const keep = (address: string | null) => {
    if (!address) return false;
    const a = address.toLowerCase();
    if (seen.has(a)) return false;
    seen.add(a);
    if (a === input.author?.toLowerCase()) return false;
    if (input.ours.includes(baseAddress(a).base)) {
      dropped.push({ address: a, why: 'one of our own mailboxes' });
      return false;
    }
    if (input.bounced.has(a)) {
      dropped.push({ address: a, why: 'mail to it bounced' });
      return false;
    }
    return true;
  };
  const to = keep(input.requester) ? [input.requester!.toLowerCase()] : [];
  const cc = input.ccs.filter(keep).map((a) => a.toLowerCase());
  if (to.length === 0 && cc.length > 0) to.push(cc.shift()!);
  return { to, cc, dropped };
}

const MAX_REFERENCES = 10;

/**
 * In-Reply-To: the customer's latest mail (so their client threads our reply under
 * it), else our latest mail. References: the first message of the conversation and
 * the most recent ones, oldest first, capped so headers stay small.
 */
export function threadHeaders(received: readonly string[], sent: readonly string[]) {
  const inReplyTo = received.at(-1) ?? sent.at(-1) ?? null;
  const all = [...received, ...sent.filter((id) => !received.includes(id))];
  const chain = all.length > MAX_REFERENCES ? [all[0]!, ...all.slice(-(MAX_REFERENCES - 1))] : all;
  const references = inReplyTo && !chain.includes(inReplyTo) ? [...chain, inReplyTo] : chain;
  return { inReplyTo, references };
}

/** `Re: Refund [#12-8f2a9c01]`: the signed token lets a reply find its ticket if headers are lost. */
export function replySubject(ticketSubject: string, ticketId: number, secret: string, isReply: boolean) {
  const subject = ticketSubject.trim() || `Request #${ticketId}`;
  const prefixed = isReply && !/^re\s*:/i.test(subject) ? `Re: ${subject}` : subject;
  return `${prefixed} ${subjectToken(ticketId, secret)}`;
}

/** Every Message-ID we make starts so: mail that carries one may be ours coming back. */
export const OUR_MESSAGE_ID_PREFIX = 'fl.';

export function outboundMessageId(ticketId: number, commentId: number, unique: string, domain: string) {
  return `${OUR_MESSAGE_ID_PREFIX}${ticketId}.${commentId}.${unique}@${domain}`;
}
