import { tokenize } from '../../platform/text/tokenize.js';

/**
 * How a free-text query becomes an article search, the same in every language (the
 * ticket search's tokens: words, Arabic folded, CJK as two-character grams).
 *
 * - `search` (the help center box, `articles/search`): every token must appear.
 * - `suggest` (a ticket's subject or text): any token may appear; common English
 *   words are dropped and the longest tokens kept, so a paragraph still asks a
 *   bounded question.
 * Ranking (the repository's ORDER BY): a token in the title counts TITLE_WEIGHT, in
 * the body 1; ties go to the article with more helpful votes, then the older id.
 */
export type SearchPlan = { tokens: string[]; match: 'all' | 'any'; minimumScore: number };

export const MAX_QUERY_LENGTH = 500;
export const MAX_SUGGEST_TEXT = 5000;
export const TITLE_WEIGHT = 3;
const MAX_SEARCH_TOKENS = 12;
const MAX_SUGGEST_TOKENS = 24;

const STOP_WORDS = new Set(
  'a an and are as at be but by can could do does for from get got has have how i if in into is it its me my no not of on or our please so that the their them then there this to us was we what when where which who why will with would you your hi hello thanks thank regards cannot can t dont don'.split(
    ' ',
  ),
);

export function planSearch(query: string, mode: 'search' | 'suggest'): SearchPlan {
  const distinct = [...new Set(tokenize(query))];
  if (mode === 'search')
    return { tokens: distinct.slice(0, MAX_SEARCH_TOKENS), match: 'all', minimumScore: 0 };
  const meaningful = distinct.filter((t) => !STOP_WORDS.has(t) && !/^\d{1,2}$/.test(t));
  const kept = meaningful
    .map((token, index) => ({ token, index }))
    .sort((a, b) => [...b.token].length - [...a.token].length || a.index - b.index)
    .slice(0, MAX_SUGGEST_TOKENS)
    .sort((a, b) => a.index - b.index)
    .map((t) => t.token);
  // One matching word in the body alone is noise for a paragraph; ask for two points.
  return { tokens: kept, match: 'any', minimumScore: kept.length > 1 ? 2 : 1 };
}
