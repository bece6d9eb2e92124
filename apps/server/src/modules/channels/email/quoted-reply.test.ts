import { describe, expect, it } from 'vitest';
import { splitReply, trimHtmlReply } from './quoted-reply.js';

describe('splitReply', () => {
  it.each<[string, string, string, boolean]>([
    ['no quote', 'Thanks, that fixed it.', 'Thanks, that fixed it.', false],
    [
      'Gmail attribution wrapped over two lines',
      'Still broken.\n\nOn Mon, Jan 5, 2026 at 9:00 AM Support <\nsupport@example.com> wrote:\n> Try again\n',
      'Still broken.',
      true,
    ],
    [
      'Apple Mail',
      'Works now!\n\n> On 5 Jan 2026, at 09:00, Support <support@example.com> wrote:\n> \n> Try again',
      'Works now!',
      true,
    ],
    [
      'Outlook header block',
      'See attached.\n\n________________________________\nFrom: Support <support@example.com>\nSent: Monday, January 5, 2026 9:00 AM\nTo: Jane\nSubject: RE: Refund',
      'See attached.',
      true,
    ],
    ['Outlook original message', 'Yes.\n\n-----Original Message-----\nFrom: Support', 'Yes.', true],
    [
      'Chinese client',
      '好的，谢谢。\n\n在 2026年1月5日 09:00，Support <support@example.com> 写道：\n> 请再试一次',
      '好的，谢谢。',
      true,
    ],
    [
      'Arabic client',
      'شكرا لك\n\nفي 5 يناير 2026، كتب الدعم <support@example.com>:\n> حاول مرة أخرى',
      'شكرا لك',
      true,
    ],
    ['signature delimiter', 'Please call me.\n-- \nJane Doe\nACME Corp', 'Please call me.', true],
    ['mobile signature', 'On my way.\n\nSent from my iPhone', 'On my way.', true],
    [
      'inline answers between quotes are kept',
      '> Which plan?\nPro.\n> Since when?\nMarch.',
      '> Which plan?\nPro.\n> Since when?\nMarch.',
      false,
    ],
    ['a trailing quote block', 'Fine by me.\n\n> earlier text\n> more\n', 'Fine by me.', true],
    ['only a quote: keep everything', '> quoted only\n> more', '> quoted only\n> more', false],
    [
      'a line that mentions wrote mid-text is not a quote',
      'I wrote: hello to them yesterday, no answer.',
      'I wrote: hello to them yesterday, no answer.',
      false,
    ],
  ])('%s', (_name, text, reply, collapsed) => {
    const result = splitReply(text);
    expect(result.reply).toBe(reply);
    expect(result.collapsed !== '').toBe(collapsed);
  });
});

describe('trimHtmlReply', () => {
  it.each<[string, string, string, boolean]>([
    [
      'Gmail',
      '<div>New text</div><div class="gmail_quote"><div>On … wrote:</div><blockquote>old</blockquote></div>',
      '<div>New text</div>',
      true,
    ],
    [
      'Apple Mail',
      '<div>New</div><blockquote type="cite"><div>old</div></blockquote>',
      '<div>New</div>',
      true,
    ],
    [
      'Outlook web with a rule above',
      '<p>New</p><hr style="display:inline-block"><div id="divRplyFwdMsg"><b>From:</b> x</div>',
      '<p>New</p>',
      true,
    ],
    [
      'Thunderbird',
      '<p>New</p><div class="moz-cite-prefix">On … wrote:</div><blockquote>old</blockquote>',
      '<p>New</p>',
      true,
    ],
    ['no marker', '<p>Only new</p>', '<p>Only new</p>', false],
    [
      'a marker at the very top keeps everything',
      '<div class="gmail_quote">old</div>',
      '<div class="gmail_quote">old</div>',
      false,
    ],
  ])('%s', (_name, html, expected, trimmed) => {
    expect(trimHtmlReply(html)).toEqual({ html: expected, trimmed });
  });
});
