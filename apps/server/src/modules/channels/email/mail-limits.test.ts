import { describe, expect, it } from 'vitest';
import { messageIdsIn } from './mail-address.js';
import { boundHeaders, MAIL_LIMITS } from './mail-limits.js';
import { contentHash, parseMail } from './mail-parse.js';

const mail = (head: string, body = 'Hello') => Buffer.from(`${head}\r\n\r\n${body}`, 'latin1');
const BASE =
  'From: a@customer.test\r\nTo: support@example.com\r\nSubject: Hi\r\nMessage-ID: <m1@customer.test>';
const ids = (n: number) => Array.from({ length: n }, (_, i) => `<ref-${i}@customer.test>`);

describe('boundHeaders', () => {
  it('leaves ordinary mail byte for byte as it is', () => {
    const raw = mail(`${BASE}\r\nReferences: ${ids(20).join(' ')}\r\nReceived: from x\r\n\tby y`);
    const bounded = boundHeaders(raw);
    expect(bounded).toEqual({ raw, droppedFields: 0, trimmedFields: false });
  });

  it('keeps the newest 50 References of 50,000 (a 1.5 MB header)', async () => {
    const raw = mail(`${BASE}\r\nReferences: ${ids(50_000).join('\r\n ')}`);
    const bounded = boundHeaders(raw);
    expect(bounded.trimmedFields).toBe(true);
    const parsed = await parseMail(raw);
    expect(parsed.references).toHaveLength(MAIL_LIMITS.references);
    expect(parsed.references.at(-1)).toBe('ref-49999@customer.test');
    expect(parsed.limits).toEqual(['headers_trimmed']);
    expect(parsed.text.trim()).toBe('Hello');
  });

  it('drops fields past the count, keeping what threading and screening read wherever it is', async () => {
    const received = Array.from({ length: 20_000 }, (_, i) => `Received: from relay${i}.test`).join('\r\n');
    const raw = mail(`${received}\r\n${BASE}\r\nAuto-Submitted: auto-replied`);
    const bounded = boundHeaders(raw);
    expect(bounded.droppedFields).toBe(20_000 - (MAIL_LIMITS.headerFields - 5));
    const parsed = await parseMail(raw);
    expect(parsed.from?.address).toBe('a@customer.test');
    expect(parsed.subject).toBe('Hi');
    expect(parsed.headers.get('auto-submitted')).toEqual(['auto-replied']);
    expect(parsed.headers.get('received')).toHaveLength(MAIL_LIMITS.headerFields - 5);
  });

  it('cuts an overlong address list after a whole address', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => `person${i}@customer.test`).join(', ');
    const parsed = await parseMail(mail(`${BASE.replace('To: support@example.com', `To: ${many}`)}`));
    expect(parsed.to.length).toBeGreaterThan(100);
    expect(parsed.to.at(-1)!.address).toMatch(/^person\d+@customer\.test$/);
  });
});

describe('parseMail within limits', () => {
  const multipart = (parts: number) =>
    mail(
      `${BASE}\r\nContent-Type: multipart/mixed; boundary=b`,
      `${Array.from({ length: parts }, (_, i) => `--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=f${i}.bin\r\n\r\nx${i}\r\n`).join('')}--b--\r\n`,
    );

  it('keeps the first 100 files of a message with more', async () => {
    const parsed = await parseMail(multipart(150));
    expect(parsed.attachments).toHaveLength(MAIL_LIMITS.attachments);
    expect(parsed.limits).toEqual(['attachments_over_limit']);
  });

  it('files a message with more MIME parts than mailparser walks by its header, with a note', async () => {
    const parsed = await parseMail(multipart(MAIL_LIMITS.mimeParts + 500));
    expect(parsed.subject).toBe('Hi');
    expect(parsed.attachments).toEqual([]);
    expect(parsed.text).toMatch(/more than 1000 MIME parts/);
    expect(parsed.limits).toEqual(['parts_over_limit']);
  });

  it('removes NUL and lone surrogates from subject, names, filenames and bodies', async () => {
    const raw = Buffer.from(
      [
        'From: "Ana\u0000 B" <ana@customer.test>',
        'To: support@example.com',
        'Subject: Re\u0000fund =?utf-16be?B?2AA=?=now',
        'Message-ID: <nul-1@customer.test>',
        'Content-Type: multipart/mixed; boundary=b',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Bo\u0000dy',
        '--b',
        'Content-Type: application/pdf',
        'Content-Disposition: attachment; filename="in\u0000voice.pdf"',
        '',
        'PDF',
        '--b--',
        '',
      ].join('\r\n'),
      'latin1',
    );
    const parsed = await parseMail(raw);
    const texts = [parsed.subject, parsed.from!.name, parsed.text, parsed.attachments[0]!.fileName];
    expect(texts.join('|').includes(String.fromCharCode(0))).toBe(false);
    expect(texts.join('|')).not.toMatch(/[\uD800-\uDFFF]/);
    expect(parsed.subject).toBe('Refund now');
    expect(parsed.from).toEqual({ address: 'ana@customer.test', name: 'Ana B' });
    expect(parsed.text.trim()).toBe('Body');
    expect(parsed.attachments[0]!.fileName).toBe('invoice.pdf');
  });
});

describe('messageIdsIn and contentHash', () => {
  it('reads 50,000 IDs in linear time and keeps the last ones asked for', () => {
    const header = ids(50_000).join(' ');
    expect(messageIdsIn(header, 3)).toEqual([
      'ref-49997@customer.test',
      'ref-49998@customer.test',
      'ref-49999@customer.test',
    ]);
    expect(messageIdsIn(`<a\u0000b@x.test> <ok@x.test>`)).toEqual(['ok@x.test']);
  });

  it('hashes the body: relays’ extra headers and line endings do not change it, other content does', () => {
    const original = mail(BASE, 'Same text\r\n');
    const relayed = Buffer.from(`Received: from relay\n${BASE.replace(/\r\n/g, '\n')}\n\nSame text\n`);
    expect(contentHash(relayed)).toBe(contentHash(original));
    expect(contentHash(mail(BASE, 'Other text'))).not.toBe(contentHash(original));
  });
});
