import { type RawBuilder, type Selectable, sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { DB } from '../../db/schema.js';
import type { ExportDirection, ExportPosition } from './export-window.js';

/**
 * Rows changed around a position in (updated_at, id) order, deleted ones included.
 * `position_us` is updated_at in microseconds, the exact key a cursor carries.
 * The (updated_at, id) indexes of tickets, users and organizations serve these scans.
 */
export type ExportScan = {
  from: ExportPosition;
  direction: ExportDirection;
  /** Rows updated at or after this instant are left out. */
  upTo: Date | null;
  limit: number;
  excludeDeleted?: boolean;
};

const positionUs = sql<string>`(extract(epoch from updated_at) * 1000000)::bigint::text`;
const instant = (at: bigint): RawBuilder<Date> =>
  sql<Date>`(timestamptz 'epoch' + ${at.toString()}::bigint * interval '1 microsecond')`;
const beyond = ({ from, direction }: ExportScan) =>
  direction === 'after'
    ? sql<boolean>`(updated_at, id) > (${instant(from.at)}, ${from.id}::bigint)`
    : sql<boolean>`(updated_at, id) < (${instant(from.at)}, ${from.id}::bigint)`;
const order = (scan: ExportScan) => (scan.direction === 'after' ? 'asc' : 'desc');

type ExportTable = 'tickets' | 'users' | 'organizations';
type ExportRow<T extends ExportTable> = Selectable<DB[T]> & { position_us: string };

export function createIncrementalRepository(db: Executor) {
  /** One scan for the three exported tables: they share updated_at, id and deleted_at. */
  function scanOf<T extends ExportTable>(table: T) {
    return (scan: ExportScan): Promise<ExportRow<T>[]> =>
      db
        // The three tables differ in their other columns only; the shared ones are named below.
        .selectFrom(table as ExportTable as 'tickets')
        .selectAll()
        .select(positionUs.as('position_us'))
        .where(beyond(scan))
        .$if(scan.upTo !== null, (q) => q.where('updated_at', '<', scan.upTo!))
        .$if(scan.excludeDeleted === true, (q) => q.where('deleted_at', 'is', null))
        .orderBy('updated_at', order(scan))
        .orderBy('id', order(scan))
        .limit(scan.limit)
        .execute() as Promise<ExportRow<T>[]>;
  }
  return { tickets: scanOf('tickets'), users: scanOf('users'), organizations: scanOf('organizations') };
}

export type IncrementalRepository = ReturnType<typeof createIncrementalRepository>;
export type ExportKind = keyof IncrementalRepository;
