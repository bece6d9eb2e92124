export default /* sql */ `
-- An IMAP source on a loopback or private address (a self-hosted mail server on the
-- same network) must be allowed by an admin, as a webhook's private target is.
-- Link-local and cloud metadata addresses are refused whatever this says.
alter table mailbox_imap_sources
  add column allow_private_network boolean not null default false;
`;
