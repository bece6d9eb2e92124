// Notifications leave: each notification row shows what became of it (queued, sent,
// failed or suppressed, with the reason) and the outbox row that carries it. Outbox rows
// of automatic mail record their Auto-Submitted value (RFC 3834), which also lets the
// per-recipient hourly cap count them.
export default /* sql */ `
alter table notification_emails drop constraint notification_emails_status_check;
alter table notification_emails add constraint notification_emails_status_check
  check (status in ('queued', 'sent', 'failed', 'suppressed'));
alter table notification_emails add column status_reason text;
alter table notification_emails add column outbox_id bigint;
alter table notification_emails add column updated_at timestamptz;
create index notification_emails_outbox_idx on notification_emails (outbox_id) where outbox_id is not null;

alter table email_outbox add column auto_submitted text
  check (auto_submitted in ('auto-generated', 'auto-replied'));
create index email_outbox_automatic_idx on email_outbox (created_at) where auto_submitted is not null;
`;
