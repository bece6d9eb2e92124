/**
 * Table types owned by the exports area (its migrations live in db/migrations).
 * `ExportsTables` is merged into DB; `ExportsTicketColumns` adds columns to tickets.
 */
// biome-ignore lint/complexity/noBannedTypes: filled in as the area adds tables
export type ExportsTables = {};
// biome-ignore lint/complexity/noBannedTypes: filled in as the area adds ticket columns
export type ExportsTicketColumns = {};
