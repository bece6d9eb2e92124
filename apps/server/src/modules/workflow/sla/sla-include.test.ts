import { describe, expect, it } from 'vitest';
import { slasJson } from './sla-include.js';

const target = (over: Partial<Parameters<typeof slasJson>[1][number]>) => ({
  ticket_id: 1,
  metric: 'first_reply_time',
  instance: 1,
  target_minutes: 60,
  stage: 'active' as const,
  due_at: new Date('2026-03-01T10:00:00.000Z'),
  ...over,
});

describe('slasJson', () => {
  it('states each metric once, in days, hours or minutes, with its breach time and stage', () => {
    const out = slasJson(
      [1, 2],
      [
        target({ metric: 'first_reply_time', target_minutes: 90 }),
        target({ metric: 'requester_wait_time', target_minutes: 2880, stage: 'paused', due_at: null }),
        target({ metric: 'periodic_update_time', instance: 1, target_minutes: 120, stage: 'achieved' }),
        target({ metric: 'periodic_update_time', instance: 2, target_minutes: 120 }),
        target({ metric: 'next_reply_time', stage: 'cancelled' }),
      ],
    );
    expect(out.get(1)).toEqual({
      slas: {
        policy_metrics: [
          { breach_at: '2026-03-01T10:00:00Z', stage: 'active', metric: 'first_reply_time', minutes: 90 },
          { breach_at: '2026-03-01T10:00:00Z', stage: 'active', metric: 'periodic_update_time', hours: 2 },
          { breach_at: null, stage: 'paused', metric: 'requester_wait_time', days: 2 },
        ],
      },
    });
    expect(out.get(2)).toEqual({ slas: { policy_metrics: [] } });
  });
});
