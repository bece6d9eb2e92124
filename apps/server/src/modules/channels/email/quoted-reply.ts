/**
 * A reply carries the whole conversation below it. Agents need the new part; the
 * rest (quoted history, signature) is collapsed: kept aside for "show more" and in
 * the original message. Pure, pattern-based, for the clients customers use (Gmail,
 * Outlook, Apple Mail, Thunderbird, Yahoo; English, Chinese, Arabic, German, French).
 */

const TEXT_MARKERS: RegExp[] = [
  // Gmail/Apple/Thunderbird attribution, possibly wrapped onto a second line.
  /^[ \t]*On\b[^\n]{0,300}(\n[^\n]{0,300})?\bwrote:[ \t]*$/m,
  /^[ \t]*Am\b[^\n]{0,300}(\n[^\n]{0,300})?\bschrieb[^\n]{0,100}:[ \t]*$/m,
  /^[ \t]*Le\b[^\n]{0,300}(\n[^\n]{0,300})?\ba écrit[ \t]*:[ \t]*$/m,
  /^[^\n]{0,300}写道[:：][ \t]*$/m,
  /^[^\n]{0,300}كتب[^\n]{0,50}:[ \t]*$/m,
  /^[ \t]*-{2,}[ \t]*(Original Message|Forwarded message|原始邮件|الرسالة الأصلية)[ \t]*-{2,}[ \t]*$/im,
  // Outlook: a From: header block (optionally under a line of underscores).
  /^(_{10,}\n)?[ \t]*\*?(From|发件人|寄件者|من)\*?[:：][^\n]+\n\*?(Sent|Date|发送时间|日期|تاريخ الإرسال|أرسلت)\*?[:：]/im,
];

/** Where a block of `>` lines that runs to the end of the text starts, or -1. */
function trailingQuote(text: string) {
  const lines = text.split('\n');
  let start = -1;
  let offset = text.length;
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i]!;
    offset -= line.length + (i < lines.length - 1 ? 1 : 0);
    if (line.startsWith('>')) start = offset;
    else if (line.trim() !== '') break;
  }
  return start;
}

const SIGNATURE_MARKERS: RegExp[] = [
  /^-- ?$/m,
  /^(Sent from my (iPhone|iPad|Android|mobile device|Galaxy)|Get Outlook for (iOS|Android)|从我的iPhone发送|发自我的iPhone|أرسلت من الـ?iPhone)[^\n]*$/im,
];

function earliest(text: string, patterns: RegExp[]) {
  let index = -1;
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match && (index < 0 || match.index < index)) index = match.index;
  }
  return index;
}

export type SplitReply = { reply: string; collapsed: string };

/** Splits a plain-text reply into the new part and the quoted history/signature. */
export function splitReply(text: string): SplitReply {
  const normalized = text.replace(/\r\n?/g, '\n');
  const marked = earliest(normalized, TEXT_MARKERS);
  const trailing = trailingQuote(normalized);
  const quote = marked < 0 ? trailing : trailing < 0 ? marked : Math.min(marked, trailing);
  let cut = quote;
  const head = quote >= 0 ? normalized.slice(0, quote) : normalized;
  const signature = earliest(head, SIGNATURE_MARKERS);
  if (signature >= 0) cut = signature;
  if (cut < 0) return { reply: normalized.trim(), collapsed: '' };
  const reply = normalized.slice(0, cut).trim();
  // Nothing new above the quote (an inline reply, or a bare forward): keep it all.
  if (!reply) return { reply: normalized.trim(), collapsed: '' };
  return { reply, collapsed: normalized.slice(cut).trim() };
}

const HTML_MARKERS: RegExp[] = [
  /<div[^>]*class="[^"]*\bgmail_quote\b/i,
  /<blockquote[^>]*class="[^"]*\bgmail_quote\b/i,
  /<div[^>]*\bid="(divRplyFwdMsg|appendonsend)"/i,
  /<div[^>]*class="[^"]*\b(moz-cite-prefix|yahoo_quoted|OutlookMessageHeader)\b/i,
  /<blockquote[^>]*\btype="cite"/i,
  /<div[^>]*style="[^"]*border-top:\s*solid\s*#E1E1E1[^"]*"[^>]*>\s*<p[^>]*>\s*<b>\s*(From|发件人|من)/i,
];

/** Cuts an HTML reply at the quoted history its client marked; `trimmed` says whether it did. */
export function trimHtmlReply(html: string): { html: string; trimmed: boolean } {
  let index = earliest(html, HTML_MARKERS);
  if (index < 0) return { html, trimmed: false };
  // Outlook puts an <hr> right above its header block.
  const before = html.slice(Math.max(0, index - 300), index);
  const hr = before.search(/<hr[^>]*>\s*$/i);
  if (hr >= 0) index = index - before.length + hr;
  const kept = html.slice(0, index);
  if (!kept.replace(/<[^>]*>|&nbsp;|\s/g, '')) return { html, trimmed: false };
  return { html: kept, trimmed: true };
}
