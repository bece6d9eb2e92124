import { describe, expect, it } from 'vitest';
import { segments } from '../../platform/text/tokenize.js';
import { foldText, phrasePattern, textFold } from './search-text.js';

/** LIKE with backslash escapes, as PostgreSQL evaluates it. */
function like(text: string, pattern: string) {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') re += escapeRegex(pattern[++i]!);
    else if (c === '%') re += '[\\s\\S]*';
    else if (c === '_') re += '[\\s\\S]';
    else re += escapeRegex(c);
  }
  return new RegExp(`^${re}$`, 'u').test(text);
}
const escapeRegex = (c: string) => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

describe('foldText', () => {
  const cases: [string, string][] = [
    ['Card   DECLINED!', ' card declined '],
    ['can’t log-in', ' can t log in '],
    ['申请退款，谢谢', ' 申请退款 谢谢 '],
    ['iPhone无法登录', ' iphone 无法登录 '],
    ['أُرِيدُ اسْتِرْدَادَ المبلغ', ' اريد استرداد المبلغ '],
    ['فاتورة رقم ٤٥', ' فاتوره رقم 45 '],
    ['refund 🙂 please', ' refund please '],
    ['ＦＵＬＬ　ｗｉｄｔｈ', ' full width '],
  ];
  it.each(cases)('%s → %j', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it('removes what tokenize.ts removes and maps what it maps, nothing else', () => {
    const { from, to } = textFold();
    expect(to.length).toBeLessThan(from.length);
    expect(from).toContain('\u0623'); // alef with hamza above
    expect(from).toContain('\u064E'); // fatha
    expect(from).not.toContain('\u0627'); // bare alef stays
  });
});

describe('phrasePattern', () => {
  const cases: [string, string, string, boolean][] = [
    [
      'a phrase matches the same words in order',
      'card declined',
      'Your card was declined. Card declined!',
      true,
    ],
    ['words must be next to each other', 'card declined', 'the card was declined', false],
    ['order matters', 'declined card', 'card declined', false],
    ['a word must be whole', 'refund', 'refunds are late', false],
    ['punctuation between words is a separator', 'log in', 'please log-in again', true],
    ['case does not matter', 'Card Declined', 'CARD DECLINED', true],
    ['a Chinese phrase matches inside a longer run', '无法登录', '我的账号无法登录了', true],
    ['a Chinese phrase does not match when split by other characters', '无法登录', '无法再登录', false],
    ['spaced Chinese runs match joined text', '申请 退款', '我要申请退款', true],
    ['English next to Chinese', 'iPhone 无法登录', '我的iPhone无法登录', true],
    ['Arabic without diacritics matches text with them', 'استرداد المبلغ', 'أُرِيدُ اسْتِرْدَادَ المَبْلَغِ', true],
    ['Arabic alef variants match', 'إسترداد', 'طلب استرداد', true],
    ['percent and underscore are literal', '100%_off', 'get 100%_off now', true],
    ['percent does not act as a wildcard', '100%', 'get 1000 off', false],
  ];
  it.each(cases)('%s', (_name, phrase, text, expected) => {
    expect(like(foldText(text), phrasePattern(segments(phrase)))).toBe(expected);
  });
});
