import { describe, expect, it } from 'vitest';
import { createManyMatches } from './many-matches.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

describe('many matches', () => {
  it('remembers a query for the time given, then forgets it', () => {
    const many = createManyMatches({ ttlMs: 60_000 });
    expect(many.has('refund', at(0))).toBe(false);
    many.remember('refund', at(0));
    expect(many.has('refund', at(59))).toBe(true);
    expect(many.has('refund', at(60))).toBe(false);
    expect(many.has('refund', at(1))).toBe(false);
  });

  it('keeps at most the given number of queries, forgetting the oldest first', () => {
    const many = createManyMatches({ maxEntries: 2 });
    many.remember('a', at(0));
    many.remember('b', at(0));
    many.remember('a', at(1)); // refreshed: now the newest
    many.remember('c', at(2));
    expect(['a', 'b', 'c'].map((q) => many.has(q, at(3)))).toEqual([true, false, true]);
  });
});
