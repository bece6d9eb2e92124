import { hmac, safeEqual } from '../../../platform/auth/secrets.js';
import { baseAddress, withTag } from './mail-address.js';

/**
 * Signed ticket references we put in mail so replies find their ticket even when a
 * client drops In-Reply-To: the reply address `support+t123.8f2a9c01@example.com`
 * and the subject token `[#123-8f2a9c01]`. Each carries an HMAC of the ticket ID, so
 * a bare `#123` typed by anyone points nowhere. Lower-case hex survives mail systems
 * that fold the case of local parts.
 */
export function ticketSignature(secret: string, ticketId: number) {
  return Buffer.from(hmac(secret, `email-ticket:${ticketId}`), 'base64url')
    .toString('hex')
    .slice(0, 8);
}

function verified(secret: string, id: string, signature: string) {
  const ticketId = Number(id);
  if (!Number.isSafeInteger(ticketId) || ticketId <= 0) return null;
  return safeEqual(signature.toLowerCase(), ticketSignature(secret, ticketId)) ? ticketId : null;
}

export function replyAddress(mailboxAddress: string, ticketId: number, secret: string) {
  return withTag(mailboxAddress, `t${ticketId}.${ticketSignature(secret, ticketId)}`);
}

export function subjectToken(ticketId: number, secret: string) {
  return `[#${ticketId}-${ticketSignature(secret, ticketId)}]`;
}

/** The ticket a reply address points to, when its signature is right. */
export function ticketOfAddress(address: string, secret: string): number | null {
  const { tag } = baseAddress(address);
  const match = tag ? /^t(\d{1,15})\.([0-9a-f]{8})$/i.exec(tag) : null;
  return match ? verified(secret, match[1]!, match[2]!) : null;
}

/** Tickets named by correctly signed subject tokens, in order of appearance. */
export function ticketsOfSubject(subject: string, secret: string): number[] {
  const ids: number[] = [];
  for (const match of subject.matchAll(/\[#(\d{1,15})-([0-9a-f]{8})\]/gi)) {
    const id = verified(secret, match[1]!, match[2]!);
    if (id !== null && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The subject without our tokens and reply/forward prefixes, for a new ticket's subject. */
export function cleanSubject(subject: string) {
  return subject
    .replace(/\s*\[#\d{1,15}-[0-9a-f]{8}\]/gi, '')
    .replace(/^(\s*(re|fw|fwd|aw|sv|vs|antw|回复|答复|转发|رد|إعادة توجيه)\s*(\[\d+\])?\s*[:：]\s*)+/i, '')
    .trim();
}
