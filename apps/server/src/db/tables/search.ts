/**
 * Table types owned by the search area (its migrations live in db/migrations).
 * `SearchTables` is merged into DB; `SearchTicketColumns` adds columns to tickets.
 */
// biome-ignore lint/complexity/noBannedTypes: filled in as the area adds tables
export type SearchTables = {};
// biome-ignore lint/complexity/noBannedTypes: filled in as the area adds ticket columns
export type SearchTicketColumns = {};
