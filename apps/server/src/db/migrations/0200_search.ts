/**
 * Search: trigram indexes for substring matches on people. Ticket words use the GIN
 * index on tickets.search_tokens (0001); users match name, email and phone through
 * one expression (the search repository uses the same one), organizations their name.
 */
export default /* sql */ `
create index users_search_trgm_idx on users
  using gin ((lower(name || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))) gin_trgm_ops);
create index organizations_name_trgm_idx on organizations using gin (lower(name) gin_trgm_ops);
`;
