import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_LINK_TTL_MS,
  attachmentContentPath,
  checkAttachmentSignature,
  freshAttachmentLinks,
} from './attachment-links.js';

const SECRET = 's'.repeat(40);
const NOW = new Date('2026-03-01T10:15:00Z');
const signatureOf = (path: string) => path.split('/')[3]!;

describe('attachment links', () => {
  const path = attachmentContentPath({ id: 7, file_name: 'a b.png' }, SECRET, NOW);

  it('carry their expiry and are valid until it', () => {
    expect(path).toMatch(/^\/attachments\/7\/[0-9a-z]+\.[A-Za-z0-9_-]{32}\/a%20b\.png$/);
    const signature = signatureOf(path);
    expect(checkAttachmentSignature(7, signature, SECRET, NOW)).toBe('valid');
    const justBefore = new Date(NOW.getTime() + ATTACHMENT_LINK_TTL_MS);
    expect(checkAttachmentSignature(7, signature, SECRET, justBefore)).toBe('valid');
    const after = new Date(NOW.getTime() + ATTACHMENT_LINK_TTL_MS + 60 * 60 * 1000);
    expect(checkAttachmentSignature(7, signature, SECRET, after)).toBe('expired');
  });

  it.each([
    ['another attachment', 8, (s: string) => s],
    ['another secret', 7, (s: string) => s, 'x'.repeat(40)],
    ['a later expiry', 7, (s: string) => `zzzzz${s.slice(s.indexOf('.'))}`],
    ['no expiry (the old form)', 7, (s: string) => s.slice(s.indexOf('.') + 1)],
    ['garbage', 7, () => '../../etc'],
  ])('are invalid for %s', (_what, id, change, secret = SECRET) => {
    expect(checkAttachmentSignature(id, change(signatureOf(path)), secret, NOW)).toBe('invalid');
  });

  it('in stored HTML are re-signed for now, with or without an origin', () => {
    const html =
      '<p><img src="/attachments/12/old.sig/x.png"> <img src=\'https://help.example.com/attachments/13/abc/y.png\'></p>' +
      '<a href="https://other.example/attachments/x">not ours</a>';
    const out = freshAttachmentLinks(html, SECRET, NOW);
    const links = [...out.matchAll(/\/attachments\/(\d+)\/([^/]+)\//g)].map((m) => [m[1], m[2]]);
    expect(links).toHaveLength(2);
    for (const [id, signature] of links) {
      expect(checkAttachmentSignature(Number(id), signature!, SECRET, NOW)).toBe('valid');
    }
    expect(out).toContain('https://help.example.com/attachments/13/');
    expect(out).toContain('<a href="https://other.example/attachments/x">not ours</a>');
  });
});
