import type { Clock } from '../../platform/clock.js';
import { HttpError } from '../../platform/http/errors.js';

const WINDOW_MS = 60 * 60 * 1000;
const PRUNE_AT = 10_000;

/**
 * Attempts per key in fixed one-hour windows (per node, as the API budget's count is).
 * `take` counts an attempt and throws 429 with Retry-After once the key used its budget.
 */
export function createAttemptLimit(max: number, clock: Clock, what: string) {
  const windows = new Map<string, { count: number; endsAt: number }>();
  return {
    take(key: string) {
      const now = clock.now().getTime();
      let window = windows.get(key);
      if (!window || window.endsAt <= now) {
        if (windows.size >= PRUNE_AT) for (const [k, w] of windows) if (w.endsAt <= now) windows.delete(k);
        window = { count: 0, endsAt: now + WINDOW_MS };
        windows.set(key, window);
      }
      if (window.count >= max) {
        const wait = Math.ceil((window.endsAt - now) / 1000);
        throw new HttpError(
          429,
          { error: 'TooManyRequests', description: `Too many ${what}; retry in ${wait} s` },
          { 'retry-after': String(wait) },
        );
      }
      window.count += 1;
    },
  };
}

export type AttemptLimit = ReturnType<typeof createAttemptLimit>;

/** Budgets an hour: per email address (from any network address), and per network address. */
export type SubmissionLimits = { perEmail: number; perAddress: number };

/** Two windows every submission passes: one email address, and one network address for all emails. */
export function createSubmissionGuard(limits: SubmissionLimits, clock: Clock, what: string) {
  const byEmail = createAttemptLimit(limits.perEmail, clock, what);
  const byAddress = createAttemptLimit(limits.perAddress, clock, what);
  return {
    take(ip: string, email: string) {
      byAddress.take(ip);
      byEmail.take(email.trim().toLowerCase());
    },
  };
}

export type SubmissionGuard = ReturnType<typeof createSubmissionGuard>;
