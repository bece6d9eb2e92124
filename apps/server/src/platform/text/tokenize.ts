/**
 * Search tokens for text in any of our languages, computed the same way when a ticket
 * is indexed and when a query is parsed, so both engines give the same results without
 * depending on the database's locale or text-search parser.
 *
 * - Latin, Cyrillic and other spaced scripts: words, lower-cased, accents kept.
 * - Arabic: diacritics and tatweel removed, alef/yeh/teh marbuta forms folded.
 * - Chinese, Japanese, Korean (no spaces): overlapping two-character grams, so 退款
 *   matches 申请退款 and a one-character query matches as a one-gram.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const SEGMENT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[\p{L}\p{N}\p{M}_]+/gu;
const MAX_TOKEN_LENGTH = 60;

export function normalizeText(text: string) {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
    .replace(/\u0649/g, '\u064A')
    .replace(/\u0629/g, '\u0647');
}

/** Tokens of a text, in order, with repeats (a query keeps order; an index dedupes). */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const segment of normalizeText(text).match(SEGMENT) ?? []) {
    if (CJK.test(segment)) {
      const chars = [...segment];
      if (chars.length === 1) tokens.push(segment);
      for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
    } else if (segment.length <= MAX_TOKEN_LENGTH) {
      tokens.push(segment);
    }
  }
  return tokens;
}

/** Tokens to index: each once. A single CJK character is indexed too, for one-character queries. */
export function indexTokens(text: string, limit = 5000): string[] {
  const set = new Set<string>();
  for (const segment of normalizeText(text).match(SEGMENT) ?? []) {
    if (CJK.test(segment)) {
      const chars = [...segment];
      for (let i = 0; i < chars.length; i++) {
        set.add(chars[i]!);
        if (i + 1 < chars.length) set.add(chars[i]! + chars[i + 1]!);
      }
    } else if (segment.length <= MAX_TOKEN_LENGTH) {
      set.add(segment);
    }
    if (set.size >= limit) break;
  }
  return [...set];
}
