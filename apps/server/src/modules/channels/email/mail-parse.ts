import { type AddressObject, type Attachment, type ParsedMail, simpleParser } from 'mailparser';
import { sha256 } from '../../../platform/auth/secrets.js';
import { storableText } from '../../../platform/text/storable.js';
import { messageIdsIn, normalizeAddress, normalizeMessageId } from './mail-address.js';
import { bodyOf, boundHeaders, headerBlock, headerOnly, MAIL_LIMITS } from './mail-limits.js';
import { isControlHeader, type RawHeaders } from './mail-noise.js';

/**
 * A received message in the shape the processor needs: decoded addresses, text and
 * HTML (charsets and RFC 2047 words decoded by mailparser), attachments, the raw
 * header values, and the parts of a delivery report. Our own control headers from
 * outside are dropped here, so nothing later can trust them. Every text is storable
 * (no NUL, no lone surrogates), and the message is read within MAIL_LIMITS: `limits`
 * names what was left out (`headers_trimmed`, `parts_over_limit`, `attachments_over_limit`).
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
  limits: MailLimitFlag[];
};

export type MailLimitFlag = 'headers_trimmed' | 'parts_over_limit' | 'attachments_over_limit';

const PARTS_NOTE = `[This message has more than ${MAIL_LIMITS.mimeParts} MIME parts, more than Frontline reads. Download the original to read it.]`;

/** Parts of a report we read ourselves rather than keep as files. */
const REPORT_PARTS = new Set(['message/delivery-status', 'text/rfc822-headers', 'message/rfc822-headers']);

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const out: MailAddress[] = [];
  const walk = (list: { address?: string; name: string; group?: unknown[] }[]) => {
    for (const entry of list) {
      if (entry.group) walk(entry.group as typeof list);
      const address = normalizeAddress(entry.address && storableText(entry.address));
      if (address && !out.some((a) => a.address === address))
        out.push({ address, name: storableText(entry.name?.trim() ?? '') });
    }
  };
  for (const object of Array.isArray(value) ? value : value ? [value] : []) walk(object.value);
  return out;
}

function rawHeaders(lines: ReadonlyArray<{ key: string; line: string }>): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const { key, line } of lines) {
    if (isControlHeader(key)) continue;
    const value = storableText(
      line
        .slice(line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    );
    const values = headers.get(key);
    if (values) values.push(value);
    else headers.set(key, [value]);
  }
  return headers;
}

function headersOf(part: Attachment) {
  const text = part.content.toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  return end >= 0 ? text.slice(0, end) : text.slice(0, 64 * 1024);
}

const parse = (raw: Buffer) =>
  simpleParser(raw, {
    keepCidLinks: true,
    skipImageLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    keepDeliveryStatus: true,
    maxHtmlLengthToParse: 2 * 1024 * 1024,
    maxChildNodes: MAIL_LIMITS.mimeParts,
  } as Parameters<typeof simpleParser>[1]);

/** mailparser's refusal of a structure over its limits (too many parts, a part's header over 1 MB). */
const overLimit = (error: unknown) => (error as { code?: unknown } | null)?.code === 'EMAXLEN';

export async function parseMail(original: Buffer): Promise<InboundMail> {
  const bounded = boundHeaders(original);
  const limits: MailLimitFlag[] =
    bounded.droppedFields > 0 || bounded.trimmedFields ? ['headers_trimmed'] : [];
  let parsed: ParsedMail;
  try {
    parsed = await parse(bounded.raw);
  } catch (error) {
    if (!overLimit(error)) throw error;
    // Too many parts to walk: file the message by its header, with a note, rather than lose it.
    parsed = await parse(headerOnly(bounded.raw));
    parsed.text = PARTS_NOTE;
    parsed.html = false;
    limits.push('parts_over_limit');
  }
  const headers = rawHeaders(parsed.headerLines);
  let deliveryStatus: string | null = null;
  let returnedHeaders: string | null = null;
  const attachments: MailAttachment[] = [];
  for (const part of parsed.attachments) {
    const type = part.contentType.toLowerCase();
    if (type === 'message/delivery-status') deliveryStatus = storableText(part.content.toString('utf8'));
    else if (REPORT_PARTS.has(type)) returnedHeaders = storableText(part.content.toString('utf8'));
    else if (type === 'message/rfc822' && deliveryStatus !== null && returnedHeaders === null)
      returnedHeaders = storableText(headersOf(part));
    if (REPORT_PARTS.has(type)) continue;
    if (attachments.length >= MAIL_LIMITS.attachments) {
      if (!limits.includes('attachments_over_limit')) limits.push('attachments_over_limit');
      continue;
    }
    attachments.push({
      fileName: storableText((part.filename ?? '').trim()) || defaultName(type, attachments.length + 1),
      contentType: storableText(type),
      content: part.content,
      cid: part.cid ? storableText(part.cid) : null,
      inline: Boolean(part.cid && (part.related || part.contentDisposition === 'inline')),
    });
  }
  const from = addresses(parsed.from)[0] ?? null;
  return {
    messageId: normalizeMessageId(parsed.messageId && storableText(parsed.messageId)),
    inReplyTo: messageIdsIn(parsed.inReplyTo, MAIL_LIMITS.inReplyTo).map(storableText),
    references: messageIdsIn(parsed.references, MAIL_LIMITS.references).map(storableText),
    from,
    replyTo: addresses(parsed.replyTo).map((a) => a.address),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject: storableText(parsed.subject ?? '')
      .replace(/\s+/g, ' ')
      .trim(),
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null,
    text: storableText(parsed.text ?? ''),
    html: typeof parsed.html === 'string' && parsed.html.trim() ? storableText(parsed.html) : null,
    attachments,
    headers,
    contentType: (headers.get('content-type')?.[0] ?? 'text/plain').toLowerCase(),
    deliveryStatus,
    returnedHeaders,
    limits,
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
  // The whole header block: a huge References before the Message-ID must not hide it.
  const block = headerBlock(raw).toString('latin1');
  const match = /^message-id:[ \t]*([^\r\n]*(?:\r?\n[ \t]+[^\r\n]*)*)/im.exec(block);
  if (!match) return null;
  return messageIdsIn(match[1]!.replace(/\s+/g, ' '))[0] ?? null;
}

/**
 * What a message says, for telling a redelivery from a Message-ID reused for other
 * content: a SHA-256 of its body with line endings and trailing space normalized
 * (relays and IMAP servers differ in those, and add headers of their own).
 */
export function contentHash(raw: Buffer): string {
  return sha256(bodyOf(raw).toString('latin1').replace(/\r\n/g, '\n').trimEnd());
}
