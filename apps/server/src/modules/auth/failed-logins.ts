import type { Clock } from '../../platform/clock.js';

const WINDOW_MS = 60_000;
/** Past this many tracked keys, windows that have ended are dropped. */
const PRUNE_AT = 10_000;

/**
 * Failed sign-ins per key (an address and the email it tried) in fixed one-minute
 * windows. Once a key has failed `max` times its window is closed: every attempt
 * answers 429 until the window ends, even with the right secret, so guessing cannot
 * continue by trying faster. The count is per node, as the API budget's is.
 */
export function createFailedLogins(max: number, clock: Clock) {
  const windows = new Map<string, { failures: number; endsAt: number }>();
  return {
    /** Seconds until `key` may try again; 0 when it may try now. */
    retryAfter(key: string): number {
      const window = windows.get(key);
      const now = clock.now().getTime();
      if (!window || window.endsAt <= now || window.failures < max) return 0;
      return Math.ceil((window.endsAt - now) / 1000);
    },
    fail(key: string) {
      const now = clock.now().getTime();
      let window = windows.get(key);
      if (!window || window.endsAt <= now) {
        if (windows.size >= PRUNE_AT) {
          for (const [k, w] of windows) if (w.endsAt <= now) windows.delete(k);
        }
        window = { failures: 0, endsAt: now + WINDOW_MS };
        windows.set(key, window);
      }
      window.failures += 1;
    },
  };
}

export type FailedLogins = ReturnType<typeof createFailedLogins>;
