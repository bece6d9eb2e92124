import { useEffect, useState } from 'react';

/**
 * False until the browser has painted once after `ready` turned true, then true for good.
 * A screen draws what the person came for first (a ticket's conversation) and mounts its
 * heavier parts (composer, side panel) right after, so they never delay that first paint.
 */
export function useAfterPaint(ready: boolean) {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    const show = () => setPainted(true);
    // A frame callback runs before the paint; the task it queues runs after it. The
    // timer covers a hidden tab, where frames do not run.
    let afterFrame: number | undefined;
    const frame = window.requestAnimationFrame(() => {
      afterFrame = window.setTimeout(show, 0);
    });
    const fallback = window.setTimeout(show, 100);
    return () => {
      window.cancelAnimationFrame(frame);
      window.clearTimeout(afterFrame);
      window.clearTimeout(fallback);
    };
  }, [ready, painted]);
  return painted;
}
