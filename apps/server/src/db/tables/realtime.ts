/**
 * Table types owned by the realtime area (its migrations live in db/migrations).
 * `RealtimeTables` is merged into DB; `RealtimeTicketColumns` adds columns to tickets.
 */
// biome-ignore lint/complexity/noBannedTypes: filled in as the area adds tables
export type RealtimeTables = {};
// biome-ignore lint/complexity/noBannedTypes: filled in as the area adds ticket columns
export type RealtimeTicketColumns = {};
