import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import { createFailedLogins } from './failed-logins.js';

describe('failed sign-ins per key', () => {
  const cases: { name: string; failures: number; afterMs: number; retryAfter: number }[] = [
    { name: 'no failures', failures: 0, afterMs: 0, retryAfter: 0 },
    { name: 'under the limit', failures: 2, afterMs: 0, retryAfter: 0 },
    { name: 'at the limit', failures: 3, afterMs: 0, retryAfter: 60 },
    { name: 'at the limit, 59.5 s later', failures: 3, afterMs: 59_500, retryAfter: 1 },
    { name: 'at the limit, once the window ended', failures: 3, afterMs: 60_000, retryAfter: 0 },
    { name: 'far over the limit', failures: 50, afterMs: 30_000, retryAfter: 30 },
  ];
  for (const c of cases) {
    it(`${c.name}: retry after ${c.retryAfter} s`, () => {
      const clock = new ManualClock(new Date('2026-01-01T00:00:00Z'));
      const failed = createFailedLogins(3, clock);
      for (let i = 0; i < c.failures; i++) failed.fail('1.2.3.4|a@b.test');
      clock.advance(c.afterMs);
      expect(failed.retryAfter('1.2.3.4|a@b.test')).toBe(c.retryAfter);
      expect(failed.retryAfter('1.2.3.4|other@b.test')).toBe(0);
    });
  }

  it('starts a new window after the old one ended', () => {
    const clock = new ManualClock(new Date('2026-01-01T00:00:00Z'));
    const failed = createFailedLogins(2, clock);
    failed.fail('k');
    failed.fail('k');
    clock.advance(60_000);
    failed.fail('k');
    expect(failed.retryAfter('k')).toBe(0);
  });
});
