// The translations' unique key led with source_type (three values), so the planner
// could answer `source_type = 'article' and search_tokens @> …` by reading every
// article's token array through it instead of the GIN index. Leading with source_id,
// the key still serves every lookup by item and no longer competes with the search.
export default /* sql */ `
alter table kb_translations drop constraint kb_translations_source_type_source_id_locale_key;
create unique index kb_translations_key on kb_translations (source_id, source_type, locale);
`;
