import type { Attachment } from '../../db/schema.js';
import { hmac, safeEqual } from '../../platform/auth/secrets.js';

/**
 * Attachment content is served from a signed path, as Zendesk's token URLs are: the
 * link works for whoever was given it (a mail client, a browser tag) and cannot be
 * guessed from an attachment ID. A link carries its expiry (`<expiry>.<signature>`,
 * the expiry in base-36 Unix seconds) and is refused after it; every API answer and
 * every comment shown hands out fresh links, so only a link copied elsewhere ages out.
 */
export const ATTACHMENT_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/** Links expire on the hour boundary after the TTL, so one attachment's link is the same for an hour (caches). */
const ROUND_MS = 60 * 60 * 1000;

function expiryOf(now: Date) {
  return Math.ceil((now.getTime() + ATTACHMENT_LINK_TTL_MS) / ROUND_MS) * (ROUND_MS / 1000);
}

export function attachmentSignature(id: number, expiresAt: number, secret: string) {
  return `${expiresAt.toString(36)}.${hmac(secret, `attachment:${id}:${expiresAt}`).slice(0, 32)}`;
}

export function attachmentContentPath(a: Pick<Attachment, 'id' | 'file_name'>, secret: string, now: Date) {
  return `/attachments/${a.id}/${attachmentSignature(a.id, expiryOf(now), secret)}/${encodeURIComponent(a.file_name)}`;
}

export type AttachmentLinkCheck = 'valid' | 'expired' | 'invalid';

/** Whether a link's signature is ours and still in date. A forged or malformed one is `invalid`. */
export function checkAttachmentSignature(
  id: number,
  signature: string,
  secret: string,
  now: Date,
): AttachmentLinkCheck {
  const match = /^([0-9a-z]{1,10})\.([A-Za-z0-9_-]{32})$/.exec(signature);
  if (!match) return 'invalid';
  const expiresAt = Number.parseInt(match[1]!, 36);
  if (!safeEqual(signature, attachmentSignature(id, expiresAt, secret))) return 'invalid';
  return expiresAt * 1000 > now.getTime() ? 'valid' : 'expired';
}

const LINK_IN_HTML = /(["'(\s]|^)((?:https?:\/\/[^\s"'()<>/]+)?)\/attachments\/(\d{1,15})\/[^/\s"'<>]+\//g;

/**
 * Re-signs the attachment links inside stored HTML (inline images of a mail), so a
 * comment shown today carries links that work today, however old the comment.
 */
export function freshAttachmentLinks(html: string, secret: string, now: Date) {
  if (!html.includes('/attachments/')) return html;
  const expiresAt = expiryOf(now);
  return html.replace(
    LINK_IN_HTML,
    (_m, before: string, origin: string, id: string) =>
      `${before}${origin}/attachments/${id}/${attachmentSignature(Number(id), expiresAt, secret)}/`,
  );
}
