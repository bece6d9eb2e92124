/**
 * Which queries are known to match more than can be counted, for a while. Counting to
 * the limit means reading the word index's whole list for each word (58,000 entries for
 * a word in one ticket of 17 at a million tickets), while the page itself is read from
 * an index in order. Once a query reached the limit, its next pages and repeats within
 * `ttlMs` skip the count: a query that matched over 1,000 records a minute ago still
 * does, short of a mass deletion. Counts below the limit are never remembered, so they
 * stay exact and live. One per node, in memory; the oldest entry goes first.
 */
export function createManyMatches({ ttlMs = 60_000, maxEntries = 1000 } = {}) {
  const until = new Map<string, number>();
  return {
    has(key: string, now: Date) {
      const expires = until.get(key);
      if (expires === undefined) return false;
      if (expires > now.getTime()) return true;
      until.delete(key);
      return false;
    },
    remember(key: string, now: Date) {
      until.delete(key);
      if (until.size >= maxEntries) until.delete(until.keys().next().value as string);
      until.set(key, now.getTime() + ttlMs);
    },
  };
}

export type ManyMatches = ReturnType<typeof createManyMatches>;
