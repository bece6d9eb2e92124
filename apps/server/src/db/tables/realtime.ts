import type { ColumnType, Generated } from 'kysely';

/**
 * Table types owned by the realtime area (views and the agent app); its migrations
 * live in db/migrations (0600–0699). `RealtimeTables` is merged into DB.
 */
type Json<T> = ColumnType<T, string | T | undefined, string | T>;

export type StoredCondition = { field: string; operator: string; value?: unknown };
export type StoredConditions = { all: StoredCondition[]; any: StoredCondition[] };
export type StoredExecution = {
  sort_by?: string;
  sort_order?: 'asc' | 'desc';
  group_by?: string | null;
  group_order?: 'asc' | 'desc';
  columns?: string[];
};
export type StoredRestriction = { type: 'User' | 'Group'; id?: number; ids?: number[] } | null;

export type ViewsTable = {
  id: Generated<number>;
  title: string;
  description: string | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  position: ColumnType<number, number | undefined, number>;
  builtin: string | null;
  conditions: Json<StoredConditions>;
  execution: Json<StoredExecution>;
  restriction: Json<StoredRestriction>;
  created_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
};

export type RealtimeTables = { views: ViewsTable };
// biome-ignore lint/complexity/noBannedTypes: filled in as the area adds ticket columns
export type RealtimeTicketColumns = {};
