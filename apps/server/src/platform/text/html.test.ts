import { describe, expect, it } from 'vitest';
import { htmlToText, sanitize, textToHtml } from './html.js';

describe('sanitize', () => {
  it.each([
    ['<script>alert(1)</script><p>hi</p>', '<p>hi</p>'],
    ['<img src="x" onerror="alert(1)">', '<img src="x" />'],
    ['<a href="javascript:alert(1)">x</a>', '<a target="_blank" rel="noopener noreferrer nofollow">x</a>'],
    ['<iframe src="https://evil.test"></iframe>ok', 'ok'],
    ['<p style="position:fixed;top:0">x</p>', '<p>x</p>'],
    ['<form action="https://evil.test"><input name="password"></form>', ''],
    ['<svg><script>alert(1)</script></svg>', ''],
    [
      '<a href="https://ok.test">ok</a>',
      '<a href="https://ok.test" target="_blank" rel="noopener noreferrer nofollow">ok</a>',
    ],
    ['<p dir="rtl">مرحبا</p>', '<p dir="rtl">مرحبا</p>'],
  ])('%s', (input, expected) => {
    expect(sanitize(input)).toBe(expected);
  });
});

describe('plain text and HTML', () => {
  it('turns text into escaped paragraphs with links', () => {
    expect(textToHtml('Hi <b>you</b>\n\nSee https://example.com/a?b=1.')).toBe(
      '<p>Hi &lt;b&gt;you&lt;/b&gt;</p><p>See <a href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer nofollow">https://example.com/a?b=1</a>.</p>',
    );
  });
  it('reads text out of HTML', () => {
    expect(htmlToText('<p>Hello&nbsp;there</p><p>第二段</p>')).toBe('Hello there\n\n第二段');
  });
});
