export default /* sql */ `
-- Every ticket shown lists its follow-ups (followup_ids); without this index that
-- look-up read the whole tickets table.
create index tickets_followup_source_idx on tickets (followup_source_id) where followup_source_id is not null;

-- Unsolved tickets by last update: the inbox's default order, and its counts read the
-- index alone instead of the wide ticket rows.
create index tickets_unsolved_updated_idx on tickets (updated_at desc, id desc)
  where deleted_at is null and status in ('new', 'open', 'pending', 'hold');
`;
