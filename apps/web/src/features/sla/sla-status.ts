/**
 * What the SLA badge says about a ticket: its most urgent running target, how long until
 * it breaches (or since it breached), or that the clocks are paused. Pure: the caller
 * passes the time, so the badge and its tests agree on "now".
 */
export type SlaTargetLike = {
  metric: string;
  stage: 'active' | 'paused' | 'achieved' | 'cancelled';
  breach_at: string | null;
  breached_at: string | null;
  warned_at: string | null;
};

export type SlaStatus =
  | { kind: 'breached'; metric: string; minutes: number }
  | { kind: 'warning' | 'running'; metric: string; minutes: number }
  | { kind: 'paused'; metric: string }
  | null;

const MINUTE = 60_000;

export function slaStatus(targets: SlaTargetLike[], now: Date): SlaStatus {
  const running = targets
    .filter((t) => t.stage === 'active' && t.breach_at)
    .map((t) => ({ t, at: new Date(t.breach_at!).getTime() }))
    .sort((a, b) => a.at - b.at);
  const first = running[0];
  if (first) {
    const left = first.at - now.getTime();
    if (left <= 0 || first.t.breached_at)
      return { kind: 'breached', metric: first.t.metric, minutes: Math.max(0, Math.floor(-left / MINUTE)) };
    return {
      kind: first.t.warned_at ? 'warning' : 'running',
      metric: first.t.metric,
      minutes: Math.ceil(left / MINUTE),
    };
  }
  const paused = targets.find((t) => t.stage === 'paused');
  return paused ? { kind: 'paused', metric: paused.metric } : null;
}

/** A duration in the largest unit that keeps it readable: 45 min, 3 h, 2 d. */
export function durationUnit(minutes: number): { value: number; unit: 'minute' | 'hour' | 'day' } {
  const m = Math.abs(minutes);
  if (m < 90) return { value: m, unit: 'minute' };
  if (m < 48 * 60) return { value: Math.round(m / 60), unit: 'hour' };
  return { value: Math.round(m / (24 * 60)), unit: 'day' };
}
