import type { Attachment } from '../../db/schema.js';
import { hmac, safeEqual } from '../../platform/auth/secrets.js';

/**
 * Attachment content is served from a signed path, as Zendesk's token URLs are: the
 * link works for whoever was given it (a mail client, a browser tag) and cannot be
 * guessed from an attachment ID.
 */
export function attachmentSignature(id: number, secret: string) {
  return hmac(secret, `attachment:${id}`).slice(0, 32);
}

export function attachmentContentPath(a: Pick<Attachment, 'id' | 'file_name'>, secret: string) {
  return `/attachments/${a.id}/${attachmentSignature(a.id, secret)}/${encodeURIComponent(a.file_name)}`;
}

export function validAttachmentSignature(id: number, signature: string, secret: string) {
  return safeEqual(signature, attachmentSignature(id, secret));
}
