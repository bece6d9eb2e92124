export default /* sql */ `
-- What a mailbox does with mail in an agent's name that does not prove it came from
-- that agent (not sent to the ticket's signed reply address, no passing
-- SPF/DKIM/DMARC): an internal note marked unverified, or held for review.
alter table mailboxes
  add column unverified_agent_action text not null default 'internal_note'
    check (unverified_agent_action in ('internal_note', 'suspend'));

-- Message-ID reuse: a second message with a known Message-ID but different content is
-- stored (dedupe key with its content hash) and points at the first one.
alter table inbound_messages
  add column content_sha256 text,
  add column reuses_message_of bigint references inbound_messages (id);
`;
