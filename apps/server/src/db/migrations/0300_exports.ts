/** Indexes for job status lists, attachment look-ups and upload expiry. */
export default `
create index job_statuses_created_by_idx on job_statuses (created_by, created_at desc);
create index attachments_ticket_idx on attachments (ticket_id) where ticket_id is not null;
create index attachments_storage_key_idx on attachments (storage_key);
create index uploads_expires_idx on uploads (expires_at);
`;
