export default /* sql */ `
-- A user has at most one default group (the one new tickets they take land in).
update group_memberships m set is_default = false
where is_default and exists (
  select 1 from group_memberships o where o.user_id = m.user_id and o.is_default and o.id < m.id
);
create unique index group_memberships_default_key on group_memberships (user_id) where is_default;

-- Users by mail domain: an organization that gains a domain takes its end-users in.
create index users_email_domain_idx on users (lower(split_part(email, '@', 2))) where deleted_at is null;
-- Substring search on addresses (names already have a trigram index; 0200_search indexes organizations).
create index users_email_trgm_idx on users using gin (lower(email) gin_trgm_ops);

-- IDs of dropdown options, unique across fields as in Zendesk.
create sequence custom_field_option_ids;
`;
