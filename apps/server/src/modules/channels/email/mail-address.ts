/**
 * Address handling shared by intake, threading and outbound mail. Addresses are
 * compared case-insensitively; `support+anything@example.com` is a form of
 * `support@example.com` (sub-addressing, RFC 5233).
 */

const ADDRESS =
  /^[^\s@<>()[\]\\,;:"]+@[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)+$/i;

/** A plain `local@domain` address, lower-cased, or null when it is not one. */
export function normalizeAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim().replace(/^<|>$/g, '');
  if (trimmed.length > 254 || !ADDRESS.test(trimmed)) return null;
  return trimmed.toLowerCase();
}

export function splitAddress(address: string) {
  const at = address.lastIndexOf('@');
  return { local: address.slice(0, at), domain: address.slice(at + 1) };
}

export function domainOf(address: string) {
  return splitAddress(address).domain.toLowerCase();
}

/** `support+t12.ab@x.com` → `{ base: 'support@x.com', tag: 't12.ab' }`. */
export function baseAddress(address: string): { base: string; tag: string | null } {
  const { local, domain } = splitAddress(address.toLowerCase());
  const plus = local.indexOf('+');
  if (plus < 0) return { base: `${local}@${domain}`, tag: null };
  return { base: `${local.slice(0, plus)}@${domain}`, tag: local.slice(plus + 1) || null };
}

/** The address with a sub-address tag: `support@x.com` + `t12.ab` → `support+t12.ab@x.com`. */
export function withTag(address: string, tag: string) {
  const { local, domain } = splitAddress(address);
  return `${local}+${tag}@${domain}`;
}

/** Mail from these local parts is machine-generated: never answer it. */
const SYSTEM_SENDERS = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)$/i;

export function isSystemSender(address: string | null) {
  return address !== null && SYSTEM_SENDERS.test(splitAddress(address).local);
}

/** Control characters (NUL above all, which PostgreSQL cannot store) make no Message-ID. */
function hasControlCharacter(value: string) {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 32 || code === 127) return true;
  }
  return false;
}

/** A Message-ID without angle brackets or surrounding space, or null when empty or not storable. */
export function normalizeMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value
    .trim()
    .replace(/^<+|>+$/g, '')
    .trim();
  if (!trimmed || trimmed.length > 998 || /\s/.test(trimmed) || hasControlCharacter(trimmed)) return null;
  return trimmed;
}

/**
 * Every `<id>` in a References / In-Reply-To value, in order, each once; with `last`,
 * only the last that many (threading reads the newest). Linear in the length of the
 * value, so a header with 50,000 IDs costs what reading it costs.
 */
export function messageIdsIn(value: string | string[] | null | undefined, last?: number): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const ids = new Set<string>();
  for (const match of text.matchAll(/<([^<>\s]{1,998})>/g))
    if (!hasControlCharacter(match[1]!)) ids.add(match[1]!);
  if (ids.size === 0) {
    // Some mailers omit the brackets around a lone ID.
    const bare = normalizeMessageId(text);
    if (bare?.includes('@')) ids.add(bare);
  }
  const all = [...ids];
  return last !== undefined && all.length > last ? all.slice(-last) : all;
}
