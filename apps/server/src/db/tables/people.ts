/**
 * Table types owned by the people area (its migrations live in db/migrations).
 * `PeopleTables` is merged into DB; `PeopleTicketColumns` adds columns to tickets.
 */
// biome-ignore lint/complexity/noBannedTypes: filled in as the area adds tables
export type PeopleTables = {};
// biome-ignore lint/complexity/noBannedTypes: filled in as the area adds ticket columns
export type PeopleTicketColumns = {};
