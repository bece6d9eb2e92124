import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition, contentHeaders } from './content-headers.js';

describe('contentDisposition', () => {
  it.each([
    ['report.pdf', `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`],
    [
      'résumé (1).pdf',
      `attachment; filename="resume (1).pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%281%29.pdf`,
    ],
    ['报告.txt', `attachment; filename="__.txt"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.txt`],
    ['a"b\\c.txt', `attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`],
  ])('names %j safely', (name, header) => {
    expect(contentDisposition(name)).toBe(header);
  });
});

describe('cleanFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\photo.png', 'photo.png'],
    ['bad\u0000name\n.txt', 'badname.txt'],
    ['..', 'file'],
    ['   ', 'file'],
    ['x'.repeat(300), 'x'.repeat(255)],
  ])('stores %j as %j', (name, clean) => {
    expect(cleanFileName(name)).toBe(clean);
  });
});

describe('contentHeaders', () => {
  it('always downloads, never sniffs, and sandboxes', () => {
    expect(contentHeaders({ file_name: 'x.png', content_type: 'text/html', size: 12 })).toMatchObject({
      'content-type': 'text/html',
      'content-length': '12',
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
    });
  });
});
