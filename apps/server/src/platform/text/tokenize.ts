/**
 * Search tokens for text in any of our languages, computed the same way when a ticket
 * is indexed and when a query is parsed, so both engines give the same results without
 * depending on the database's locale or text-search parser.
 *
 * - Latin, Cyrillic and other spaced scripts: words, lower-cased, accents kept.
 * - Arabic: diacritics and tatweel removed, alef/yeh/teh marbuta forms folded,
 *   Arabic-Indic digits read as 0-9 (٢٠٢٦ finds 2026).
 * - Chinese, Japanese, Korean (no spaces): overlapping two-character grams, so 退款
 *   matches 申请退款 and a one-character query matches as a one-gram. A CJK run is its
 *   own segment even when glued to Latin letters: iPhone无法登录 is `iphone` + 无法登录.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const SEGMENT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{N}\p{M}_])+/gu;
const MAX_TOKEN_LENGTH = 60;

export function normalizeText(text: string) {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
    .replace(/\u0649/g, '\u064A')
    .replace(/\u0629/g, '\u0647')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/** The normalized runs of a text that tokens come from: words, and CJK runs. */
export function segments(text: string): string[] {
  return normalizeText(text).match(SEGMENT) ?? [];
}

/** Whether a segment is a CJK run (indexed as grams) rather than a word. */
export function isCjkSegment(segment: string) {
  return CJK.test(segment);
}

/** Tokens of a text, in order, with repeats (a query keeps order; an index dedupes). */
export function tokenize(text: string): string[] {
  return runs(text).flat();
}

/**
 * A phrase's tokens plus a pair token for each two neighbouring words ("card declined"),
 * so a phrase is found through the index with its words next to each other. Pairs
 * join a word to a neighbouring CJK run too (`iphone 无法`); inside a CJK run the
 * overlapping grams already say which characters are neighbours.
 */
export function phraseTokens(text: string): string[] {
  return [...new Set([...tokenize(text), ...pairs(runs(text))])];
}

/** Tokens to index: each once, with neighbour pairs (see phraseTokens). A single CJK character is indexed too. */
export function indexTokens(text: string, limit = 5000): string[] {
  const set = new Set<string>();
  const tokenRuns = runs(text, true);
  for (const token of [...tokenRuns.flat(), ...pairs(tokenRuns)]) {
    set.add(token);
    if (set.size >= limit) break;
  }
  return [...set];
}

/** The tokens of each segment; a word too long to index is an empty run that breaks pairs. */
function runs(text: string, withChars = false): string[][] {
  return segments(text).map((segment) => {
    if (!CJK.test(segment)) return segment.length <= MAX_TOKEN_LENGTH ? [segment] : [];
    const chars = [...segment];
    if (chars.length === 1) return [segment];
    const grams: string[] = [];
    for (let i = 0; i + 1 < chars.length; i++) {
      if (withChars) grams.push(chars[i]!);
      grams.push(chars[i]! + chars[i + 1]!);
    }
    if (withChars) grams.push(chars.at(-1)!);
    return grams;
  });
}

function pairs(tokenRuns: string[][]): string[] {
  const out: string[] = [];
  for (let i = 1; i < tokenRuns.length; i++) {
    const before = tokenRuns[i - 1]!;
    const after = tokenRuns[i]!;
    if (before.length > 0 && after.length > 0) out.push(`${lastGram(before)} ${firstGram(after)}`);
  }
  return out;
}

/** The run's last two-character gram (or its only token), skipping the single characters an index adds. */
const lastGram = (run: string[]) =>
  [...run].reverse().find((t) => [...t].length > 1 || run.length === 1) ?? run.at(-1)!;
const firstGram = (run: string[]) => run.find((t) => [...t].length > 1 || run.length === 1) ?? run[0]!;
