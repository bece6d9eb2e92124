import { useEffect, useState } from 'react';

/** The current time, refreshed every `everyMs`, for countdowns such as "breaches in 12 min". */
export function useNow(everyMs = 30_000) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
