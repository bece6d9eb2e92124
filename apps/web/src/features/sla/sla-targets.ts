/**
 * The SLA policy editor's grid (a target per metric and priority, in calendar or business
 * hours) and Zendesk's `policy_metrics` list, converted both ways. Pure.
 */
export const SLA_METRICS = [
  'first_reply_time',
  'next_reply_time',
  'periodic_update_time',
  'requester_wait_time',
  'agent_work_time',
] as const;
export const SLA_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;

export type SlaMetric = (typeof SLA_METRICS)[number];
export type SlaPriority = (typeof SLA_PRIORITIES)[number];
export type PolicyMetric = {
  priority: SlaPriority;
  metric: SlaMetric;
  target: number;
  business_hours: boolean;
};
/** A cell: minutes as typed ("" for no target) and whether they count business hours. */
export type TargetCell = { minutes: string; business: boolean };
export type TargetGrid = Record<SlaMetric, Record<SlaPriority, TargetCell>>;

export function emptyGrid(business = false): TargetGrid {
  return Object.fromEntries(
    SLA_METRICS.map((m) => [
      m,
      Object.fromEntries(SLA_PRIORITIES.map((p) => [p, { minutes: '', business }])),
    ]),
  ) as TargetGrid;
}

export function gridOf(metrics: PolicyMetric[]): TargetGrid {
  const grid = emptyGrid();
  for (const m of metrics) {
    if (grid[m.metric]?.[m.priority])
      grid[m.metric][m.priority] = { minutes: String(m.target), business: m.business_hours };
  }
  return grid;
}

/** Cells with a number become targets; empty cells are left out. Non-numbers are kept for the server to refuse. */
export function metricsOf(grid: TargetGrid): PolicyMetric[] {
  const out: PolicyMetric[] = [];
  for (const metric of SLA_METRICS)
    for (const priority of SLA_PRIORITIES) {
      const cell = grid[metric][priority];
      if (cell.minutes.trim() === '') continue;
      out.push({ priority, metric, target: Number(cell.minutes), business_hours: cell.business });
    }
  return out;
}
