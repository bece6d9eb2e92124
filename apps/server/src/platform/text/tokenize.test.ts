import { describe, expect, it } from 'vitest';
import { indexTokens, normalizeText, phraseTokens, segments, tokenize } from './tokenize.js';

describe('tokenize', () => {
  const cases: [string, string, string[]][] = [
    ['words are lower-cased', 'Refund PLEASE', ['refund', 'please']],
    ['accents are kept', 'Crème brûlée', ['crème', 'brûlée']],
    ['punctuation splits words', "can't log-in (again)!", ['can', 't', 'log', 'in', 'again']],
    ['full-width Latin folds to ASCII', 'ＲＥＦＵＮＤ', ['refund']],
    ['Chinese becomes overlapping bigrams', '无法登录', ['无法', '法登', '登录']],
    ['a single Chinese character stays one token', '退', ['退']],
    ['Chinese punctuation splits runs', '退款，谢谢', ['退款', '谢谢']],
    ['Latin glued to Chinese is its own word', 'iPhone无法登录', ['iphone', '无法', '法登', '登录']],
    ['Chinese glued to Latin is its own run', '退款refund', ['退款', 'refund']],
    ['Japanese kana are grams too', 'ログイン', ['ログ', 'グイ', 'イン']],
    ['Arabic diacritics are removed', 'اِسْتِرْدَاد', ['استرداد']],
    ['Arabic alef forms fold to bare alef', 'أريد إلغاء آخر', ['اريد', 'الغاء', 'اخر']],
    ['Arabic teh marbuta folds to heh', 'فاتورة', ['فاتوره']],
    ['Arabic alef maksura folds to yeh', 'على', ['علي']],
    ['Arabic tatweel is removed', 'مـــرحبا', ['مرحبا']],
    ['Arabic-Indic digits read as ASCII digits', 'طلب ٢٠٢٦', ['طلب', '2026']],
    ['Persian digits read as ASCII digits', '۱۲۳', ['123']],
    ['Arabic mixed with English', 'refund استرداد', ['refund', 'استرداد']],
    ['underscores and digits stay in words', 'error_code 500', ['error_code', '500']],
    ['words longer than 60 characters are dropped', `${'x'.repeat(61)} ok`, ['ok']],
    ['nothing to search for', '?!… ——', []],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(tokenize(text)).toEqual(expected);
  });
});

describe('phraseTokens', () => {
  const cases: [string, string, string[]][] = [
    ['one word', 'Refund', ['refund']],
    ['neighbouring words also as a pair', 'card declined', ['card', 'declined', 'card declined']],
    ['three words, two pairs', 'a b c', ['a', 'b', 'c', 'a b', 'b c']],
    ['a word next to a CJK run', 'iPhone无法登录', ['iphone', '无法', '法登', '登录', 'iphone 无法']],
    ['a CJK run next to a word', '退款refund', ['退款', 'refund', '退款 refund']],
    ['inside a CJK run, the grams are enough', '无法登录', ['无法', '法登', '登录']],
    ['two CJK runs', '申请 退款', ['申请', '退款', '申请 退款']],
    ['Arabic words', 'استرداد المبلغ', ['استرداد', 'المبلغ', 'استرداد المبلغ']],
    ['a word too long to index breaks the pairs', `a ${'x'.repeat(61)} b`, ['a', 'b']],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(phraseTokens(text)).toEqual(expected);
  });
});

describe('indexTokens', () => {
  it('indexes each CJK character and each bigram once, then neighbour pairs', () => {
    expect(indexTokens('申请退款 退款')).toEqual([
      '申',
      '申请',
      '请',
      '请退',
      '退',
      '退款',
      '款',
      '退款 退款',
    ]);
  });

  it('dedupes words and pairs', () => {
    expect(indexTokens('refund refund REFUND')).toEqual(['refund', 'refund refund']);
  });

  it('pairs each word with the next, across punctuation', () => {
    expect(indexTokens('Card declined. Again')).toEqual([
      'card',
      'declined',
      'again',
      'card declined',
      'declined again',
    ]);
  });

  it('stops at the limit', () => {
    expect(indexTokens('a b c d e', 3)).toHaveLength(3);
  });

  const texts = [
    '我的iPhone无法登录，请帮我退款',
    'أُرِيدُ اسْتِرْدَادَ المَبْلَغِ، الفاتورة رقم ٤٥',
    'Refund for order #1234 — "double charged"',
    '日本語のテキストとEnglish mixed',
  ];
  it.each(texts)('finds every phrase token of the text it indexed: %s', (text) => {
    const indexed = new Set(indexTokens(text));
    for (const token of phraseTokens(text)) expect(indexed).toContain(token);
  });
});

describe('normalizeText and segments', () => {
  it('gives the same text for spellings a user types interchangeably', () => {
    expect(normalizeText('إسترداد')).toBe(normalizeText('استرداد'));
    expect(normalizeText('اسْتِرْدَاد')).toBe(normalizeText('استرداد'));
  });

  it('splits text into word and CJK runs', () => {
    expect(segments('Hello, 世界! مرحبا')).toEqual(['hello', '世界', 'مرحبا']);
  });
});
