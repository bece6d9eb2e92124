import { describe, expect, it } from 'vitest';
import { planSearch } from './kb-search-plan.js';

describe('planSearch', () => {
  it.each([
    ['English words, all required', 'Reset password', 'search', ['reset', 'password'], 'all'],
    ['Chinese as two-character grams', '申请退款', 'search', ['申请', '请退', '退款'], 'all'],
    ['Arabic folded', 'إعادة تعيين كلمة المرور', 'search', ['اعاده', 'تعيين', 'كلمه', 'المرور'], 'all'],
    ['repeats once', 'refund refund', 'search', ['refund'], 'all'],
    ['punctuation only', '?!…', 'search', [], 'all'],
    ['suggestions drop common words', 'How do I reset my password?', 'suggest', ['reset', 'password'], 'any'],
  ] as const)('%s', (_name, query, mode, tokens, match) => {
    const plan = planSearch(query, mode);
    expect(plan.tokens).toEqual(tokens);
    expect(plan.match).toBe(match);
  });

  it('bounds a long query to a fixed number of tokens', () => {
    const words = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    expect(planSearch(words, 'search').tokens).toHaveLength(12);
    expect(planSearch(words, 'suggest').tokens).toHaveLength(24);
  });

  it('asks suggestions for two points when there are several words', () => {
    expect(planSearch('invoice refund', 'suggest').minimumScore).toBe(2);
    expect(planSearch('invoice', 'suggest').minimumScore).toBe(1);
  });
});
