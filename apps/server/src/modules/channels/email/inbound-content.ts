import { randomToken, sha256 } from '../../../platform/auth/secrets.js';
import type { Clock } from '../../../platform/clock.js';
import type { Storage } from '../../../platform/storage/storage.js';
import { escapeHtml } from '../../../platform/text/html.js';
import { attachmentContentPath } from '../../attachments/index.js';
import type { TicketStore } from '../../tickets/index.js';
import type { InboundMail } from './mail-parse.js';
import { splitReply, trimHtmlReply } from './quoted-reply.js';

/** Largest comment body we keep inline; the rest stays in the original message. */
const MAX_BODY = 256 * 1024;
const MAX_COLLAPSED = 20_000;
const TRUNCATED = '[Message truncated: download the original to read it all.]';

/** A comment's content: HTML for mail that has an HTML part, plain text otherwise. */
export type CommentContent =
  | { html: string; text?: undefined; collapsed: string; truncated: boolean }
  | { text: string; html?: undefined; collapsed: string; truncated: boolean };

function cidPath(cids: ReadonlyMap<string, string>, cid: string) {
  try {
    return cids.get(decodeURIComponent(cid).toLowerCase());
  } catch {
    return cids.get(cid.toLowerCase());
  }
}

/**
 * The comment an inbound mail becomes. A reply to a ticket shows only its new part
 * (quoted history and signature go to `collapsed`); a new ticket keeps everything,
 * since a forwarded conversation is the point of it. `cid:` images point at their
 * stored attachments. The HTML is sanitized by the tickets service on the way in.
 */
export function commentContent(
  mail: InboundMail,
  isReply: boolean,
  cids: ReadonlyMap<string, string>,
): CommentContent {
  const split = isReply ? splitReply(mail.text) : { reply: mail.text.trim(), collapsed: '' };
  const collapsed = split.collapsed.slice(0, MAX_COLLAPSED);
  const trimmed = mail.html && isReply ? trimHtmlReply(mail.html) : { html: mail.html, trimmed: false };
  // Plain text, or HTML whose quote we could not find while the text's we could: use the text.
  if (!trimmed.html || (!trimmed.trimmed && split.collapsed)) {
    const long = split.reply.length > MAX_BODY;
    return {
      text: long ? `${split.reply.slice(0, MAX_BODY)}\n\n${TRUNCATED}` : split.reply,
      collapsed,
      truncated: long,
    };
  }
  let html = trimmed.html.replace(
    /(<img\b[^>]*?\bsrc\s*=\s*["']?)cid:([^"'\s>]+)/gi,
    (whole, prefix: string, cid: string) => {
      const path = cidPath(cids, cid);
      return path ? `${prefix}${path}` : whole;
    },
  );
  const long = html.length > MAX_BODY;
  if (long) html = `${html.slice(0, MAX_BODY)}<p>${escapeHtml(TRUNCATED)}</p>`;
  return { html, collapsed, truncated: long };
}

/**
 * Stores a mail's files and registers them as one upload of `uploaderId`, so the
 * tickets service attaches them to the comment in its own transaction. Returns the
 * upload token and where each inline image (by Content-ID) can be fetched.
 */
export async function storeAttachments(
  mail: InboundMail,
  uploaderId: number,
  deps: { store: TicketStore; storage: Storage; clock: Clock; secret: string },
): Promise<{ tokens: string[]; cids: Map<string, string> }> {
  const cids = new Map<string, string>();
  if (mail.attachments.length === 0) return { tokens: [], cids };
  const now = deps.clock.now();
  const upload = await deps.store.attachments.insertUpload({
    token: randomToken(24),
    uploader_id: uploaderId,
    created_at: now,
    expires_at: new Date(now.getTime() + 24 * 3600 * 1000),
  });
  for (const file of mail.attachments) {
    const hash = sha256(file.content);
    const key = `email/${hash.slice(0, 2)}/${hash}`;
    await deps.storage.put(key, file.content);
    const row = await deps.store.attachments.insert({
      upload_id: upload.id,
      uploader_id: uploaderId,
      file_name: file.fileName.slice(0, 255),
      content_type: file.contentType.slice(0, 255),
      size: file.content.length,
      sha256: hash,
      storage_key: key,
      inline: file.inline,
      created_at: now,
    });
    if (file.cid) cids.set(file.cid.toLowerCase(), attachmentContentPath(row, deps.secret, now));
  }
  return { tokens: [upload.token], cids };
}
