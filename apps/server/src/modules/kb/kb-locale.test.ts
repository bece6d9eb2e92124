import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, normalizeLocale } from './kb-locale.js';

describe('localeFromAcceptLanguage', () => {
  it.each([
    [undefined, 'en-us'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-cn'],
    ['ar-EG,ar;q=0.9', 'ar'],
    ['fr-FR,en;q=0.5', 'en-us'],
    ['en;q=0.4,zh;q=0.8', 'zh-cn'],
    ['de, *;q=0.1', 'en-us'],
    ['zh-TW', 'zh-cn'],
  ])('%s → %s', (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });
});

describe('normalizeLocale', () => {
  it.each([
    ['en-US', 'en-us'],
    ['zh_CN', 'zh-cn'],
    ['ar', 'ar'],
    ['../etc', null],
    ['', null],
  ])('%s → %s', (value, expected) => {
    expect(normalizeLocale(value)).toBe(expected);
  });
});
