import { messageIdsIn } from './mail-address.js';

/**
 * Bounds that keep one hostile message from stalling the mail pipeline or losing
 * itself. Each is far above what real mail carries; past it, the message is still
 * filed, with what is over the bound left out (the original stays downloadable) and
 * a flag on its comment saying so.
 */
export const MAIL_LIMITS = {
  /** References IDs threading reads: the newest 50. Clients keep the first and the latest ones; a real thread rarely passes a few dozen. */
  references: 50,
  /** In-Reply-To IDs threading reads (one is the norm). */
  inReplyTo: 5,
  /** Header fields kept from the top of the message (real mail has 20–80; each relay adds a Received). */
  headerFields: 500,
  /** Bytes of one header field kept (a To with several hundred addresses fits). */
  headerFieldBytes: 16 * 1024,
  /** Bytes of the whole header kept; mailparser refuses a header block over 1 MB and would fail the message. */
  headerBytes: 640 * 1024,
  /** MIME parts mailparser walks (its own limit); past it, the message is filed with its headers and a note. */
  mimeParts: 1000,
  /** Files stored from one message. */
  attachments: 100,
} as const;

/** Header fields kept whatever their position: what threading, screening and trust read. */
const ESSENTIAL = new Set([
  'from',
  'sender',
  'reply-to',
  'to',
  'cc',
  'subject',
  'date',
  'message-id',
  'in-reply-to',
  'references',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'content-disposition',
  'return-path',
  'auto-submitted',
  'precedence',
  'list-id',
  'list-unsubscribe',
  'x-autoreply',
  'x-autorespond',
  'x-auto-response-suppress',
]);
/** Authentication-Results kept (the receiving server's is the topmost). */
const AUTH_RESULTS_KEPT = 5;
/** What mailparser counts a header line as, at least (mailsplit's HEADER_LINE_MIN_COST). */
const LINE_MIN_COST = 64;

/** Where the header block ends: the index of its last line break and where the body starts. */
function headerEnd(raw: Buffer): { end: number; body: number } {
  for (let i = raw.indexOf(10); i >= 0; i = raw.indexOf(10, i + 1)) {
    const next = raw[i + 1] === 13 ? i + 2 : i + 1;
    if (raw[next] === 10) return { end: i, body: next + 1 };
  }
  return { end: raw.length, body: raw.length };
}

/** What mailparser charges a field against its 1 MB header limit. */
function costOf(field: string) {
  let cost = 0;
  for (const line of field.split('\n')) cost += Math.max(line.length + 1, LINE_MIN_COST);
  return cost;
}

function idsField(name: string, field: string, keep: number) {
  const ids = messageIdsIn(field.slice(field.indexOf(':') + 1), keep);
  return `${name}: ${ids.map((id) => `<${id}>`).join('\r\n ')}`;
}

/** One field within `headerFieldBytes`: unfolded, and an address list cut after a whole address. */
function capField(name: string, field: string) {
  const line = field.replace(/\r?\n[ \t]+/g, ' ');
  if (line.length <= MAIL_LIMITS.headerFieldBytes) return line;
  let cut = line.slice(0, MAIL_LIMITS.headerFieldBytes);
  if (['to', 'cc', 'bcc', 'reply-to', 'from'].includes(name) && cut.lastIndexOf(',') > 0)
    cut = cut.slice(0, cut.lastIndexOf(','));
  return cut.trimEnd();
}

export type BoundedMail = {
  raw: Buffer;
  /** Header fields left out (over the count or size bounds). */
  droppedFields: number;
  /** Whether any field was shortened (References/In-Reply-To IDs, an overlong value). */
  trimmedFields: boolean;
};

/**
 * The message with its top-level header within the bounds above, for parsing; the
 * bytes are returned unchanged when it already is (nearly all mail). References keep
 * their newest IDs, In-Reply-To its first; an overlong field is cut; fields past the
 * count or byte budget are dropped, except the ones threading and screening read.
 * Linear in the size of the header.
 */
export function boundHeaders(raw: Buffer): BoundedMail {
  const { end } = headerEnd(raw);
  const head = raw.subarray(0, end).toString('latin1');
  const fields = head.split(/\r?\n(?=[^ \t])/);
  const names = fields.map((f) =>
    f
      .slice(0, Math.max(0, f.indexOf(':')))
      .trim()
      .toLowerCase(),
  );
  let trimmedFields = false;
  // Shorten first, so what is charged below is what is kept.
  const shaped = fields.map((field, i) => {
    const name = names[i]!;
    let out = field;
    if (name === 'references' && (field.length > 4096 || messageIdsIn(field).length > MAIL_LIMITS.references))
      out = idsField('References', field, MAIL_LIMITS.references);
    else if (name === 'in-reply-to' && field.length > 1024)
      out = idsField('In-Reply-To', field, MAIL_LIMITS.inReplyTo);
    if (costOf(out) > MAIL_LIMITS.headerFieldBytes) out = capField(name, out);
    if (out !== field) trimmedFields = true;
    return out;
  });

  // Essential fields (their first occurrence) are kept whatever comes before them.
  const essential = new Set<number>();
  const seen = new Set<string>();
  let authResults = 0;
  let budget = MAIL_LIMITS.headerBytes;
  let count = MAIL_LIMITS.headerFields;
  names.forEach((name, i) => {
    const first = ESSENTIAL.has(name) && !seen.has(name);
    const auth = name === 'authentication-results' && authResults < AUTH_RESULTS_KEPT;
    if (!first && !auth) return;
    seen.add(name);
    if (auth) authResults += 1;
    essential.add(i);
    budget -= costOf(shaped[i]!);
    count -= 1;
  });
  const kept: string[] = [];
  let droppedFields = 0;
  for (const [i, field] of shaped.entries()) {
    if (essential.has(i)) {
      kept.push(field);
      continue;
    }
    const cost = costOf(field);
    if (count > 0 && cost <= budget) {
      count -= 1;
      budget -= cost;
      kept.push(field);
    } else droppedFields += 1;
  }
  if (!trimmedFields && droppedFields === 0) return { raw, droppedFields: 0, trimmedFields: false };
  return {
    raw: Buffer.concat([Buffer.from(kept.join('\r\n'), 'latin1'), raw.subarray(end)]),
    droppedFields,
    trimmedFields,
  };
}

/** The header block of a message (without the blank line that ends it). */
export function headerBlock(raw: Buffer): Buffer {
  return raw.subarray(0, headerEnd(raw).end);
}

/** The body of a message: the bytes after its header block. */
export function bodyOf(raw: Buffer): Buffer {
  return raw.subarray(headerEnd(raw).body);
}

/** Only the (bounded) header of a message: what is parsed when its body is over the bounds. */
export function headerOnly(raw: Buffer): Buffer {
  return Buffer.concat([raw.subarray(0, headerEnd(raw).end), Buffer.from('\r\n\r\n')]);
}
