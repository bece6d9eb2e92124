// The built-in "SLA due soon" view: unsolved tickets whose next SLA target breaches
// within two hours or has breached (condition `sla_next_breach_at`, views module).
// Views cannot sort by breach time yet, so the longest-waiting come first.
export default /* sql */ `
insert into views (title, position, builtin, conditions, execution) values
  ('SLA due soon', 2, 'sla_due_soon',
   '{"all": [{"field": "status", "operator": "less_than", "value": "solved"}, {"field": "sla_next_breach_at", "operator": "less_than", "value": "2"}], "any": []}',
   '{"sort_by": "updated_at", "sort_order": "asc"}')
on conflict (builtin) do nothing;
`;
