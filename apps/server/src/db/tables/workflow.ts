/**
 * Table types owned by the workflow area (its migrations live in db/migrations).
 * `WorkflowTables` is merged into DB; `WorkflowTicketColumns` adds columns to tickets.
 */
// biome-ignore lint/complexity/noBannedTypes: filled in as the area adds tables
export type WorkflowTables = {};
// biome-ignore lint/complexity/noBannedTypes: filled in as the area adds ticket columns
export type WorkflowTicketColumns = {};
