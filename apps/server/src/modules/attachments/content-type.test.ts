import { describe, expect, it } from 'vitest';
import { sniffContentType } from './content-type.js';

const text = (s: string) => new TextEncoder().encode(s);

describe('sniffContentType', () => {
  it.each([
    ['<!DOCTYPE html><html><body>hi</body></html>', 'text/html'],
    ['  \n<html>', 'text/html'],
    ['\uFEFF<script>alert(1)</script>', 'text/html'],
    ['<SCRIPT>alert(1)</SCRIPT>', 'text/html'],
    ['<p>hello', 'text/html'],
    ['<!-- comment -->', 'text/html'],
    ['<svg xmlns="http://www.w3.org/2000/svg"></svg>', 'image/svg+xml'],
    ['<?xml version="1.0"?><root/>', 'text/xml'],
    ['<abc>not a tag we know', 'text/plain'],
    ['hello world', 'text/plain'],
    ['你好，世界 مرحبا', 'text/plain'],
  ])('sees %j as %s', (content, type) => {
    expect(sniffContentType(text(content), undefined)).toBe(type);
  });

  it('trusts a binary signature file-type found', () => {
    expect(sniffContentType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0]), { mime: 'image/png' })).toBe(
      'image/png',
    );
  });

  it('calls XML that holds an SVG an SVG', () => {
    expect(
      sniffContentType(text('<?xml version="1.0"?><svg onload="x()">'), { mime: 'application/xml' }),
    ).toBe('image/svg+xml');
  });

  it.each([
    [new Uint8Array([0x00, 0x01, 0x02])],
    [new Uint8Array([0xff, 0xfe, 0xfd, 0x41])],
    [new Uint8Array([])],
  ])('calls unknown bytes application/octet-stream', (bytes) => {
    expect(sniffContentType(bytes, undefined)).toBe('application/octet-stream');
  });
});
