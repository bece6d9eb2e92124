/**
 * Table types owned by the email area (its migrations live in db/migrations).
 * `EmailTables` is merged into DB; `EmailTicketColumns` adds columns to tickets.
 */
// biome-ignore lint/complexity/noBannedTypes: filled in as the area adds tables
export type EmailTables = {};
// biome-ignore lint/complexity/noBannedTypes: filled in as the area adds ticket columns
export type EmailTicketColumns = {};
