import { type AddressObject, type Attachment, simpleParser } from 'mailparser';
import { messageIdsIn, normalizeAddress, normalizeMessageId } from './mail-address.js';
import { isControlHeader, type RawHeaders } from './mail-noise.js';

/**
 * A received message in the shape the processor needs: decoded addresses, text and
 * HTML (charsets and RFC 2047 words decoded by mailparser), attachments, the raw
 * header values, and the parts of a delivery report. Our own control headers from
 * outside are dropped here, so nothing later can trust them.
 */
export type MailAddress = { address: string; name: string };

export type MailAttachment = {
  fileName: string;
  contentType: string;
  content: Buffer;
  cid: string | null;
  inline: boolean;
};

export type InboundMail = {
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  from: MailAddress | null;
  replyTo: string[];
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  date: Date | null;
  text: string;
  html: string | null;
  attachments: MailAttachment[];
  headers: RawHeaders;
  contentType: string;
  deliveryStatus: string | null;
  returnedHeaders: string | null;
};

/** Parts of a report we read ourselves rather than keep as files. */
const REPORT_PARTS = new Set(['message/delivery-status', 'text/rfc822-headers', 'message/rfc822-headers']);

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const out: MailAddress[] = [];
  const walk = (list: { address?: string; name: string; group?: unknown[] }[]) => {
    for (const entry of list) {
      if (entry.group) walk(entry.group as typeof list);
      const address = normalizeAddress(entry.address);
      if (address && !out.some((a) => a.address === address))
        out.push({ address, name: entry.name?.trim() ?? '' });
    }
  };
  for (const object of Array.isArray(value) ? value : value ? [value] : []) walk(object.value);
  return out;
}

function rawHeaders(lines: ReadonlyArray<{ key: string; line: string }>): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const { key, line } of lines) {
    if (isControlHeader(key)) continue;
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    headers.set(key, [...(headers.get(key) ?? []), value]);
  }
  return headers;
}

function headersOf(part: Attachment) {
  const text = part.content.toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  return end >= 0 ? text.slice(0, end) : text.slice(0, 64 * 1024);
}

export async function parseMail(raw: Buffer): Promise<InboundMail> {
  const parsed = await simpleParser(raw, {
    keepCidLinks: true,
    skipImageLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    keepDeliveryStatus: true,
    maxHtmlLengthToParse: 2 * 1024 * 1024,
  });
  const headers = rawHeaders(parsed.headerLines);
  let deliveryStatus: string | null = null;
  let returnedHeaders: string | null = null;
  const attachments: MailAttachment[] = [];
  for (const part of parsed.attachments) {
    const type = part.contentType.toLowerCase();
    if (type === 'message/delivery-status') deliveryStatus = part.content.toString('utf8');
    else if (REPORT_PARTS.has(type)) returnedHeaders = part.content.toString('utf8');
    else if (type === 'message/rfc822' && deliveryStatus !== null && returnedHeaders === null)
      returnedHeaders = headersOf(part);
    if (REPORT_PARTS.has(type)) continue;
    attachments.push({
      fileName: (part.filename ?? '').trim() || defaultName(type, attachments.length + 1),
      contentType: type,
      content: part.content,
      cid: part.cid ?? null,
      inline: Boolean(part.cid && (part.related || part.contentDisposition === 'inline')),
    });
  }
  const from = addresses(parsed.from)[0] ?? null;
  return {
    messageId: normalizeMessageId(parsed.messageId),
    inReplyTo: messageIdsIn(parsed.inReplyTo),
    references: messageIdsIn(parsed.references),
    from,
    replyTo: addresses(parsed.replyTo).map((a) => a.address),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject: (parsed.subject ?? '').replace(/\s+/g, ' ').trim(),
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null,
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' && parsed.html.trim() ? parsed.html : null,
    attachments,
    headers,
    contentType: (headers.get('content-type')?.[0] ?? 'text/plain').toLowerCase(),
    deliveryStatus,
    returnedHeaders,
  };
}

function defaultName(type: string, n: number) {
  const ext = /^[a-z]+\/([a-z0-9.+-]+)$/.exec(type)?.[1]?.replace(/^.*[.+]/, '') ?? 'bin';
  return `attachment-${n}.${ext === 'rfc822' ? 'eml' : ext}`;
}

/**
 * The Message-ID from the header block of a raw message, without parsing the rest:
 * the dedupe key is needed before the message is stored.
 */
export function peekMessageId(raw: Buffer): string | null {
  const head = raw.subarray(0, Math.min(raw.length, 256 * 1024)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const block = end >= 0 ? head.slice(0, end) : head;
  const match = /^message-id:[ \t]*([^\r\n]*(?:\r?\n[ \t]+[^\r\n]*)*)/im.exec(block);
  if (!match) return null;
  return messageIdsIn(match[1]!.replace(/\s+/g, ' '))[0] ?? null;
}
