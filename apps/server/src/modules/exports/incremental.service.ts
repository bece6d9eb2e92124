import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import {
  decodeExportCursor,
  type ExportPosition,
  encodeExportCursor,
  exportCutoff,
  startPosition,
  timePage,
} from './export-window.js';
import { authorizeExport } from './exports.policy.js';
import type { ExportScan } from './incremental.repository.js';

type Positioned = { id: number; updated_at: Date; position_us: string };
type Scan<T extends Positioned> = (scan: ExportScan) => Promise<T[]>;
type ExportOptions = {
  start_time?: number | undefined;
  per_page?: number | undefined;
  exclude_deleted?: 'true' | 'false' | undefined;
};

const DEFAULT_PER_PAGE = 1000;
/** A safety bound on the rows sharing one second that complete a time-based page. */
const MAX_SAME_SECOND = 100_000;

const positionOf = (row: Positioned): ExportPosition => ({ at: BigInt(row.position_us), id: row.id });
/** Reading forward from a `before` position must include the row it names. */
const resumeFrom = (direction: 'after' | 'before', p: ExportPosition) =>
  direction === 'after' ? p : { at: p.at, id: p.id - 1 };

/**
 * Incremental exports in Zendesk's two styles. Time-based pages end on a whole second
 * (`end_time` is the next `start_time`); cursor-based pages carry the exact position
 * of their last row, so following `after_cursor` returns every change once. Both stop
 * a minute before now.
 */
export function createIncrementalService({ clock }: { clock: Clock }) {
  return {
    async timeBased<T extends Positioned>(actor: Actor, scan: Scan<T>, options: ExportOptions) {
      authorizeExport(actor);
      const now = clock.now();
      const from = startPosition(options.start_time, now);
      const cutoff = exportCutoff(now);
      const perPage = options.per_page ?? DEFAULT_PER_PAGE;
      const excludeDeleted = options.exclude_deleted === 'true';
      const rows = await scan({ from, direction: 'after', upTo: cutoff, limit: perPage + 1, excludeDeleted });
      const result = timePage(rows, perPage, options.start_time ?? 0, cutoff);
      const last = result.page.at(-1);
      if (result.endOfStream || !last) return result;
      const rest = await scan({
        from: positionOf(last),
        direction: 'after',
        upTo: new Date(result.endTime * 1000),
        limit: MAX_SAME_SECOND,
        excludeDeleted,
      });
      return { ...result, page: [...result.page, ...rest] };
    },

    async cursorBased<T extends Positioned>(
      actor: Actor,
      scan: Scan<T>,
      options: ExportOptions & { cursor?: string | undefined },
    ) {
      authorizeExport(actor);
      const now = clock.now();
      const { direction, position } = options.cursor
        ? decodeExportCursor(options.cursor)
        : { direction: 'after' as const, position: startPosition(options.start_time, now) };
      const perPage = options.per_page ?? DEFAULT_PER_PAGE;
      const rows = await scan({
        from: position,
        direction,
        upTo: direction === 'after' ? exportCutoff(now) : null,
        limit: perPage + 1,
        excludeDeleted: options.exclude_deleted === 'true',
      });
      const page = rows.slice(0, perPage);
      if (direction === 'before') page.reverse();
      const first = page[0];
      const last = page.at(-1);
      return {
        page,
        // An empty page keeps the caller where it was, so polling later picks up new changes.
        afterCursor: encodeExportCursor('after', last ? positionOf(last) : resumeFrom(direction, position)),
        beforeCursor: first ? encodeExportCursor('before', positionOf(first)) : null,
        endOfStream: direction === 'after' && rows.length <= perPage,
      };
    },
  };
}

export type IncrementalService = ReturnType<typeof createIncrementalService>;
