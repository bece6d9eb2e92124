import { isCjkSegment, normalizeText } from '../../platform/text/tokenize.js';

/**
 * Checking text itself. Index tokens (words, CJK grams and neighbour pairs) find
 * tickets through the GIN index, but do not say where a word came from. Where that
 * matters the database also checks the text: `subject:`, `description:` and
 * `comment:` look in one place, and an end-user's words must appear in the subject or
 * a public comment, never only in an internal note. The text is folded the way
 * tokenize.ts folds it: NFKC, lower case, Arabic diacritics and letter forms, every
 * run of non-word characters to one space, and a space around each CJK run. The
 * folding rules are derived here from tokenize.ts, so the two cannot drift apart, and
 * passed to SQL as parameters (`foldedSql` in search-conditions.ts); `foldText` is
 * the same fold in JavaScript, which tests compare with the database's on both engines.
 */
export type TextFold = {
  /** `translate()` arguments: characters in `from` past the length of `to` are removed. */
  from: string;
  to: string;
  /** A regular expression matching one CJK run (in PostgreSQL syntax). */
  cjkRun: string;
  /** A regular expression matching one run of non-word characters (PostgreSQL syntax). */
  separatorRun: string;
};

type Range = [number, number];

const WORD = /[\p{L}\p{N}\p{M}_]/u;
/** Emoji and pictographs: outside the BMP scan below, and never part of a word. */
const ASTRAL_SEPARATORS: Range[] = [[0x1f000, 0x1faff]];
/** CJK beyond the BMP (extension B onwards, kana supplements). */
const ASTRAL_CJK: Range[] = [
  [0x1b000, 0x1b16f],
  [0x20000, 0x323af],
];

let fold: (TextFold & { js: { map: Map<string, string>; cjk: RegExp; separators: RegExp } }) | null = null;

export function textFold(): TextFold {
  return folding();
}

function folding() {
  if (fold) return fold;
  const separators: Range[] = [];
  const cjk: Range[] = [];
  for (let cp = 1; cp <= 0xffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCharCode(cp);
    if (!WORD.test(ch)) add(separators, cp);
    else if (isCjkSegment(ch)) add(cjk, cp);
  }
  separators.push(...ASTRAL_SEPARATORS);
  cjk.push(...ASTRAL_CJK);

  // Arabic letters tokenize.ts folds or drops (NFKC and lower() come first in both).
  const map = new Map<string, string>();
  let from = '';
  let to = '';
  let removed = '';
  for (let cp = 0x0600; cp <= 0x06ff; cp++) {
    const ch = String.fromCharCode(cp);
    if (ch.normalize('NFKC') !== ch) continue;
    const folded = normalizeText(ch);
    if (folded === ch || [...folded].length > 1) continue;
    map.set(ch, folded);
    if (folded === '') removed += ch;
    else {
      from += ch;
      to += folded;
    }
  }
  fold = {
    from: from + removed,
    to,
    cjkRun: `(${pgClass(cjk)}+)`,
    separatorRun: `${pgClass(separators)}+`,
    js: {
      map,
      cjk: new RegExp(`(${jsClass(cjk)}+)`, 'gu'),
      separators: new RegExp(`${jsClass(separators)}+`, 'gu'),
    },
  };
  return fold;
}

function add(ranges: Range[], cp: number) {
  const last = ranges.at(-1);
  if (last && last[1] === cp - 1) last[1] = cp;
  else ranges.push([cp, cp]);
}

const pgChar = (cp: number) =>
  cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
const jsChar = (cp: number) => `\\u{${cp.toString(16)}}`;

function pgClass(ranges: Range[]) {
  return `[${ranges.map(([a, b]) => (a === b ? pgChar(a) : `${pgChar(a)}-${pgChar(b)}`)).join('')}]`;
}

function jsClass(ranges: Range[]) {
  return `[${ranges.map(([a, b]) => (a === b ? jsChar(a) : `${jsChar(a)}-${jsChar(b)}`)).join('')}]`;
}

/** The fold `foldedSql` computes in the database, in JavaScript: ` word word 退款 `. */
export function foldText(text: string): string {
  const { js } = folding();
  const translated = [...text.normalize('NFKC').toLowerCase()].map((ch) => js.map.get(ch) ?? ch).join('');
  return ` ${translated.replace(js.cjk, ' $1 ')} `.replace(js.separators, ' ');
}

/**
 * The LIKE pattern (backslash escapes) folded text must match to contain a phrase given
 * as its segments: words need a separator on each side, CJK runs need none (退款 is
 * inside 申请退款), and the segments follow one another in order: next to each other,
 * except that two CJK runs the query spaced apart may be apart or joined in the text.
 */
export function phrasePattern(segments: string[]): string {
  if (segments.length === 0) return '%';
  let body = isCjkSegment(segments[0]!) ? '' : ' ';
  segments.forEach((segment, i) => {
    if (i > 0) body += isCjkSegment(segments[i - 1]!) && isCjkSegment(segment) ? '%' : ' ';
    body += escapeLike(segment);
  });
  if (!isCjkSegment(segments.at(-1)!)) body += ' ';
  return `%${body}%`;
}

export function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
