// Article search and suggestions read the translations' word index once per token.
// With GIN's fast update, fresh entries wait in a pending list that every lookup
// scans in full (392 pages after seeding 10,000 articles: ~0.5 ms a token, and the
// planner, pricing that list, preferred reading every row's toasted token array at
// ~180 ms). Articles are written seldom and read on every keystroke, so entries go
// straight into the index. Titles get their own index: a title hit is one more
// lookup instead of re-reading every candidate row.
export default /* sql */ `
alter index kb_translations_search_idx set (fastupdate = off);
select gin_clean_pending_list('kb_translations_search_idx'::regclass);
create index kb_translations_title_idx on kb_translations using gin (title_tokens) with (fastupdate = off)
  where source_type = 'article' and draft = false;
`;
