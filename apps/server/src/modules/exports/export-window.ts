import { InvalidError } from '../../platform/http/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';

/**
 * What an incremental export may return, decided without I/O. Rows are ordered by
 * (updated_at, id); a position in that order is the microseconds of updated_at (the
 * database's precision, so a cursor never repeats or skips a row) and the row's ID.
 * Changes of the last minute are left out, as Zendesk does, so that a transaction
 * still committing cannot slip in behind a reader; the cut-off is a whole second so
 * that `end_time` is exact.
 */
export type ExportPosition = { at: bigint; id: number };
export type ExportDirection = 'after' | 'before';

export const RECENT_EXCLUDED_MS = 60_000;
/** Below every row ID (the system user is -1): a start time includes rows at exactly that time. */
const BEFORE_ANY_ID = Number.MIN_SAFE_INTEGER;
/** The last microsecond of the year 9999: no timestamp a cursor names can be later. */
const LATEST_US = 253_402_300_799_999_999n;

/** The first instant not exported now: a minute ago, rounded down to the second. */
export function exportCutoff(now: Date): Date {
  return new Date(Math.floor((now.getTime() - RECENT_EXCLUDED_MS) / 1000) * 1000);
}

/** Checks `start_time` (seconds) and turns it into the position just before it. */
export function startPosition(startTime: number | undefined, now: Date): ExportPosition {
  if (startTime === undefined)
    throw InvalidError.field('start_time', 'is required (a Unix epoch time in seconds)');
  if (startTime * 1000 > now.getTime()) throw InvalidError.field('start_time', 'cannot be in the future');
  return { at: BigInt(startTime) * 1_000_000n, id: BEFORE_ANY_ID };
}

export function secondsOf(date: Date) {
  return Math.floor(date.getTime() / 1000);
}

export function encodeExportCursor(direction: ExportDirection, position: ExportPosition) {
  return encodeCursor({ v: `${direction === 'after' ? 'a' : 'b'}${position.at}`, id: position.id });
}

export function decodeExportCursor(text: string): { direction: ExportDirection; position: ExportPosition } {
  const bad = () => InvalidError.field('cursor', 'is not a cursor this server issued');
  let cursor: ReturnType<typeof decodeCursor>;
  try {
    cursor = decodeCursor(text);
  } catch {
    throw bad();
  }
  const match = typeof cursor.v === 'string' ? /^([ab])(\d{1,18})$/.exec(cursor.v) : null;
  if (!match || !Number.isSafeInteger(cursor.id) || BigInt(match[2]!) > LATEST_US) throw bad();
  return {
    direction: match[1] === 'a' ? 'after' : 'before',
    position: { at: BigInt(match[2]!), id: cursor.id },
  };
}

/**
 * A time-based page: the first `perPage` rows, and whether more follow. When more
 * follow, the caller completes the page with the rest of its last second, so
 * `end_time` (the next `start_time`) is that second + 1 and nothing comes twice. At
 * the end of the stream `end_time` is the cut-off (or the start, if that is later).
 */
export function timePage<T extends { updated_at: Date }>(
  rows: T[],
  perPage: number,
  startTime: number,
  cutoff: Date,
) {
  const page = rows.slice(0, perPage);
  const last = page.at(-1);
  if (rows.length > perPage && last) {
    return { page, endOfStream: false, endTime: secondsOf(last.updated_at) + 1 };
  }
  return { page, endOfStream: true, endTime: Math.max(startTime, secondsOf(cutoff)) };
}
