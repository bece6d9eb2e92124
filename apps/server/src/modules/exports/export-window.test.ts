import { describe, expect, it } from 'vitest';
import { HttpError } from '../../platform/http/errors.js';
import {
  decodeExportCursor,
  encodeExportCursor,
  exportCutoff,
  startPosition,
  timePage,
} from './export-window.js';

const now = new Date('2026-03-02T10:00:30.750Z');
const at = (iso: string) => ({ updated_at: new Date(iso) });

describe('exportCutoff', () => {
  it.each([
    ['2026-03-02T10:00:30.750Z', '2026-03-02T09:59:30.000Z'],
    ['2026-03-02T10:00:00.000Z', '2026-03-02T09:59:00.000Z'],
    ['2026-03-02T10:00:59.999Z', '2026-03-02T09:59:59.000Z'],
  ])('leaves out the last minute of %s, to the whole second', (current, cutoff) => {
    expect(exportCutoff(new Date(current)).toISOString()).toBe(cutoff);
  });
});

describe('startPosition', () => {
  const invalid = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error instanceof HttpError ? { status: error.statusCode, body: error.body } : error;
    }
    return null;
  };
  it.each([
    [undefined, /required/],
    [Math.floor(now.getTime() / 1000) + 1, /future/],
  ])('rejects start_time %s with 422 on start_time', (start, message) => {
    const error = invalid(() => startPosition(start, now)) as {
      status: number;
      body: { details: Record<string, { description: string }[]> };
    };
    expect(error.status).toBe(422);
    expect(error.body.details.start_time![0]!.description).toMatch(message);
  });
  it.each([[0], [1_700_000_000], [Math.floor(now.getTime() / 1000)]])('accepts %s', (start) => {
    expect(startPosition(start, now).at).toBe(BigInt(start) * 1_000_000n);
  });
});

describe('export cursors', () => {
  it.each([
    ['after' as const, { at: 1_772_445_630_123_456n, id: 42 }],
    ['before' as const, { at: 0n, id: 1 }],
    ['after' as const, { at: 5n, id: Number.MIN_SAFE_INTEGER }],
  ])('round-trips a %s cursor exactly', (direction, position) => {
    expect(decodeExportCursor(encodeExportCursor(direction, position))).toEqual({ direction, position });
  });
  it.each([
    ['garbage'],
    [''],
    [Buffer.from('["x1",2]').toString('base64url')],
    [Buffer.from('[123,2]').toString('base64url')],
    [Buffer.from('["a999999999999999999",2]').toString('base64url')],
    [Buffer.from('["a1",1e300]').toString('base64url')],
  ])('answers 422 on cursor for %j', (text) => {
    let status = 0;
    try {
      decodeExportCursor(text);
    } catch (error) {
      status = (error as HttpError).statusCode;
    }
    expect(status).toBe(422);
  });
});

describe('timePage', () => {
  const cutoff = new Date('2026-03-02T09:59:30Z');
  it('ends the stream at the cut-off when everything fitted', () => {
    const page = timePage([at('2026-03-02T09:00:00Z')], 10, 1_000, cutoff);
    expect(page).toMatchObject({ endOfStream: true, endTime: cutoff.getTime() / 1000 });
  });
  it('keeps the start as end_time when the start is within the excluded minute', () => {
    const start = cutoff.getTime() / 1000 + 20;
    expect(timePage([], 10, start, cutoff)).toMatchObject({ endOfStream: true, endTime: start, page: [] });
  });
  it('ends a full page one second after its last row, so the next page starts after it', () => {
    const rows = [at('2026-03-02T09:00:00.100Z'), at('2026-03-02T09:00:05.900Z'), at('2026-03-02T09:00:06Z')];
    const page = timePage(rows, 2, 0, cutoff);
    expect(page.page).toHaveLength(2);
    expect(page).toMatchObject({ endOfStream: false, endTime: Date.parse('2026-03-02T09:00:06Z') / 1000 });
  });
});
