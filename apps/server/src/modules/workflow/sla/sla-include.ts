import type { SlaStage } from '../../../db/tables/workflow.js';

type Target = {
  ticket_id: number;
  metric: string;
  instance: number;
  target_minutes: number;
  stage: SlaStage;
  due_at: Date | null;
};

export type PolicyMetricJson = {
  breach_at: string | null;
  stage: 'active' | 'paused' | 'achieved';
  metric: string;
  days?: number;
  hours?: number;
  minutes?: number;
};

/** A target's length as Zendesk states it: in whole days, else whole hours, else minutes. */
function length(minutes: number): { days: number } | { hours: number } | { minutes: number } {
  if (minutes % 1440 === 0) return { days: minutes / 1440 };
  if (minutes % 60 === 0) return { hours: minutes / 60 };
  return { minutes };
}

/**
 * `?include=slas` for tickets, in Zendesk's shape: `{ policy_metrics: [...] }` with each
 * metric's latest target (a periodic update's current one); cancelled targets are not
 * shown. A ticket without targets gets `{ policy_metrics: [] }`.
 */
export function slasJson(ticketIds: number[], targets: Target[]) {
  const latest = new Map<string, Target>();
  for (const t of targets) {
    if (t.stage === 'cancelled') continue;
    const key = `${t.ticket_id}:${t.metric}`;
    const seen = latest.get(key);
    if (!seen || t.instance > seen.instance) latest.set(key, t);
  }
  const out = new Map<number, { slas: { policy_metrics: PolicyMetricJson[] } }>(
    ticketIds.map((id) => [id, { slas: { policy_metrics: [] } }]),
  );
  for (const t of [...latest.values()].sort((a, b) => a.metric.localeCompare(b.metric))) {
    out.get(t.ticket_id)?.slas.policy_metrics.push({
      breach_at: t.due_at ? t.due_at.toISOString().replace(/\.\d{3}Z$/, 'Z') : null,
      stage: t.stage as PolicyMetricJson['stage'],
      metric: t.metric,
      ...length(t.target_minutes),
    });
  }
  return out;
}
