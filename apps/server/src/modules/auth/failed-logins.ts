import type { Clock } from '../../platform/clock.js';
import { HttpError } from '../../platform/http/errors.js';

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

/** Failed sign-ins allowed a minute: per address and email (guessing one password), per address (spraying). */
export type SignInLimits = { perAccount: number; perAddress: number; clock: Clock };

/**
 * The two windows every sign-in goes through, for the web login and the API's Basic
 * auth alike: one address guessing one account's password, and one address trying a
 * common password on many accounts (password spraying). Either closed answers 429.
 */
export function createSignInGuard({ perAccount, perAddress, clock }: SignInLimits) {
  const accounts = createFailedLogins(perAccount, clock);
  const addresses = createFailedLogins(perAddress, clock);
  const accountKey = (ip: string, email: string) => `${ip}|${email.toLowerCase()}`;
  return {
    /** Throws 429 with Retry-After while this address, or this address for this email, must wait. */
    check(ip: string, email: string) {
      const wait = Math.max(addresses.retryAfter(ip), accounts.retryAfter(accountKey(ip, email)));
      if (wait > 0) {
        throw new HttpError(
          429,
          { error: 'TooManyRequests', description: `Too many failed sign-ins; retry in ${wait} s` },
          { 'retry-after': String(wait) },
        );
      }
    },
    fail(ip: string, email: string) {
      accounts.fail(accountKey(ip, email));
      addresses.fail(ip);
    },
  };
}

export type SignInGuard = ReturnType<typeof createSignInGuard>;
