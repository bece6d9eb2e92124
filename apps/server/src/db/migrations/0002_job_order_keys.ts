export default /* sql */ `
-- Jobs that share an order key run one after another, in the order they were enqueued,
-- across every node; jobs without one (or with different keys) run side by side.
alter table jobs add column order_key text;
create index jobs_order_key_idx on jobs (order_key, id) where done_at is null and failed_at is null and order_key is not null;
`;
