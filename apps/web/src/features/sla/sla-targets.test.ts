import { describe, expect, it } from 'vitest';
import { emptyGrid, gridOf, metricsOf, type PolicyMetric } from './sla-targets';

describe('SLA target grid', () => {
  it('an empty grid has no targets', () => {
    expect(metricsOf(emptyGrid())).toEqual([]);
  });

  it.each<[string, PolicyMetric[]]>([
    ['one target', [{ priority: 'urgent', metric: 'first_reply_time', target: 15, business_hours: false }]],
    [
      'business and calendar targets side by side',
      [
        { priority: 'urgent', metric: 'first_reply_time', target: 15, business_hours: false },
        { priority: 'normal', metric: 'first_reply_time', target: 240, business_hours: true },
        { priority: 'low', metric: 'agent_work_time', target: 2880, business_hours: true },
      ],
    ],
  ])('%s survives the round trip', (_name, metrics) => {
    expect(metricsOf(gridOf(metrics))).toEqual(metrics);
  });

  it('lists targets metric by metric, most urgent first', () => {
    const grid = emptyGrid();
    grid.agent_work_time.low = { minutes: '600', business: true };
    grid.first_reply_time.low = { minutes: '60', business: false };
    grid.first_reply_time.urgent = { minutes: '10', business: false };
    expect(metricsOf(grid).map((m) => `${m.metric}/${m.priority}`)).toEqual([
      'first_reply_time/urgent',
      'first_reply_time/low',
      'agent_work_time/low',
    ]);
  });

  it('blank cells are no target; other text goes to the server to refuse', () => {
    const grid = emptyGrid();
    grid.next_reply_time.high = { minutes: '  ', business: false };
    grid.next_reply_time.normal = { minutes: 'abc', business: false };
    expect(metricsOf(grid)).toEqual([
      { priority: 'normal', metric: 'next_reply_time', target: Number.NaN, business_hours: false },
    ]);
  });

  it('ignores metrics it does not know', () => {
    const odd = [{ priority: 'normal', metric: 'pausable_update_time', target: 5, business_hours: false }];
    expect(metricsOf(gridOf(odd as PolicyMetric[]))).toEqual([]);
  });
});
