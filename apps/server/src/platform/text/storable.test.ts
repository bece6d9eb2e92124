import { describe, expect, it } from 'vitest';
import { storableText } from './storable.js';

describe('storableText', () => {
  it.each([
    ['plain text stays', 'Refund please', 'Refund please'],
    ['NUL goes', 'Ref\u0000und', 'Refund'],
    ['a lone high surrogate goes', 'a\uD800b', 'ab'],
    ['a lone low surrogate goes', 'a\uDC00b', 'ab'],
    ['a reversed pair goes', '\uDC00\uD800', ''],
    ['a well-formed pair (emoji) stays', 'ok 😀', 'ok 😀'],
    ['Chinese and Arabic stay', '退款 استرداد', '退款 استرداد'],
    ['other control characters stay', 'tab\there\nline', 'tab\there\nline'],
  ])('%s', (_name, input, expected) => {
    expect(storableText(input)).toBe(expected);
  });
});
