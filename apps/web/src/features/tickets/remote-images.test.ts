import { describe, expect, it } from 'vitest';
import { blockRemoteImages, emailFramePolicy } from './remote-images';

const ORIGIN = 'https://help.example.com';

describe('blockRemoteImages', () => {
  const cases: [string, string, string, number][] = [
    [
      'a tracking pixel',
      '<p>Hi</p><img src="https://track.example.net/o.gif?id=42" width="1" height="1">',
      '<p>Hi</p><img data-remote-src="https://track.example.net/o.gif?id=42" width="1" height="1">',
      1,
    ],
    [
      'a protocol-relative one',
      "<img src='//cdn.example.net/x.png'>",
      "<img data-remote-src='//cdn.example.net/x.png'>",
      1,
    ],
    [
      'an unquoted one',
      '<IMG SRC=http://x.example/a.png alt=a>',
      '<IMG data-remote-src=http://x.example/a.png alt=a>',
      1,
    ],
    [
      'a srcset',
      '<img srcset="https://x.example/a.png 1x, https://x.example/b.png 2x">',
      '<img data-remote-srcset="https://x.example/a.png 1x, https://x.example/b.png 2x">',
      1,
    ],
    [
      'a table background and a style url',
      '<table background="http://x.example/bg.png"><tr><td style="background:url(\'https://x.example/p.png\')">x</td></tr></table>',
      '<table data-remote-background="http://x.example/bg.png"><tr><td style="background:none">x</td></tr></table>',
      2,
    ],
    [
      'our own attachment (an inline cid image)',
      '<img src="/attachments/7/abc.def/logo.png">',
      '<img src="/attachments/7/abc.def/logo.png">',
      0,
    ],
    [
      'our own absolute link',
      '<img src="https://help.example.com/attachments/7/s/x.png">',
      '<img src="https://help.example.com/attachments/7/s/x.png">',
      0,
    ],
    ['a data: URL', '<img src="data:image/png;base64,AAAA">', '<img src="data:image/png;base64,AAAA">', 0],
    [
      'a link, not an image',
      '<a href="https://example.net/">site</a>',
      '<a href="https://example.net/">site</a>',
      0,
    ],
    [
      'text that looks like a tag attribute',
      '<p>src="https://x.example/a.png"</p>',
      '<p>src="https://x.example/a.png"</p>',
      0,
    ],
  ];
  for (const [what, html, expected, blocked] of cases) {
    it(`${what}: ${blocked} blocked`, () => {
      expect(blockRemoteImages(html, ORIGIN)).toEqual({ html: expected, blocked });
    });
  }
});

describe('emailFramePolicy', () => {
  it('lets images come only from us and data: until the agent asks', () => {
    expect(emailFramePolicy(false)).toContain("img-src 'self' data: blob:");
    expect(emailFramePolicy(false)).toContain("default-src 'none'");
    expect(emailFramePolicy(true)).toContain('img-src * data: blob:');
  });
});
