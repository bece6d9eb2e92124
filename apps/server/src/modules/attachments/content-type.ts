/**
 * What a file really is, from its bytes: the declared type and the file name are
 * never trusted. `detected` is file-type's answer from binary signatures; text formats
 * (which it cannot see) are told apart here, following the HTML patterns of the WHATWG
 * MIME sniffing standard, because a browser would run them as pages.
 */
export const UNKNOWN_TYPE = 'application/octet-stream';

const HTML_TAGS = [
  '<!doctype html',
  '<html',
  '<head',
  '<script',
  '<iframe',
  '<h1',
  '<div',
  '<font',
  '<table',
  '<a',
  '<style',
  '<title',
  '<b',
  '<body',
  '<br',
  '<p',
  '<!--',
];
const SNIFF_BYTES = 1445;

export function sniffContentType(bytes: Uint8Array, detected: { mime: string } | undefined): string {
  const head = leadingText(bytes);
  if (detected) {
    if (detected.mime === 'application/xml' && head !== null && /<svg[\s>]/i.test(head))
      return 'image/svg+xml';
    return detected.mime;
  }
  if (head === null) return UNKNOWN_TYPE;
  const start = head
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (HTML_TAGS.some((tag) => start.startsWith(tag) && /^[\s>]/.test(start.slice(tag.length) || ' ')))
    return 'text/html';
  if (start.startsWith('<svg')) return 'image/svg+xml';
  if (start.startsWith('<?xml')) return 'text/xml';
  if (start.startsWith('%pdf-')) return 'application/pdf';
  return 'text/plain';
}

/** The start of the file as text, or null when it is binary (a NUL byte, or not UTF-8). */
function leadingText(bytes: Uint8Array): string | null {
  const slice = bytes.subarray(0, SNIFF_BYTES);
  if (slice.length === 0 || slice.includes(0)) return null;
  try {
    // A multi-byte character cut at the slice end is not an error: decode in streaming mode.
    return new TextDecoder('utf-8', { fatal: true }).decode(slice, { stream: true });
  } catch {
    return null;
  }
}
