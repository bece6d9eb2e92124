import type { PresenceViewer } from '@frontline/contracts';

/**
 * Who is on which ticket, across every node. Each browser connection sends a signal
 * (viewing ticket N, typing or not, or nothing); nodes pass signals to each other over
 * PostgreSQL NOTIFY and repeat them while the connection lives, so an entry whose
 * signals stop (a node died) fades after the time-to-live.
 */
export type PresenceSignal = {
  node: string;
  conn: string;
  user_id: number;
  name: string;
  ticket_id: number | null;
  typing: boolean;
};

type Entry = { ticketId: number; userId: number; name: string; typing: boolean; seenAt: number };

export function createPresenceRoster(ttlMs: number) {
  const entries = new Map<string, Entry>();

  return {
    /** Records a signal; returns the tickets whose viewers or typing changed. */
    apply(signal: PresenceSignal, now: Date): number[] {
      const key = `${signal.node}:${signal.conn}`;
      const before = entries.get(key);
      if (signal.ticket_id === null) {
        entries.delete(key);
        return before ? [before.ticketId] : [];
      }
      entries.set(key, {
        ticketId: signal.ticket_id,
        userId: signal.user_id,
        name: signal.name,
        typing: signal.typing,
        seenAt: now.getTime(),
      });
      if (!before) return [signal.ticket_id];
      if (before.ticketId !== signal.ticket_id) return [before.ticketId, signal.ticket_id];
      return before.typing !== signal.typing ? [signal.ticket_id] : [];
    },

    /** Drops entries not refreshed within the time-to-live; returns the tickets that changed. */
    expire(now: Date): number[] {
      const changed = new Set<number>();
      for (const [key, entry] of entries) {
        if (now.getTime() - entry.seenAt > ttlMs) {
          entries.delete(key);
          changed.add(entry.ticketId);
        }
      }
      return [...changed];
    },

    /** Everyone else on a ticket, once per person, typing if any of their tabs is. */
    viewers(ticketId: number, exceptUserId: number): PresenceViewer[] {
      const byUser = new Map<number, PresenceViewer>();
      for (const entry of entries.values()) {
        if (entry.ticketId !== ticketId || entry.userId === exceptUserId) continue;
        const seen = byUser.get(entry.userId);
        byUser.set(entry.userId, {
          user_id: entry.userId,
          name: entry.name,
          typing: entry.typing || (seen?.typing ?? false),
        });
      }
      return [...byUser.values()].sort((a, b) => a.user_id - b.user_id);
    },
  };
}

export type PresenceRoster = ReturnType<typeof createPresenceRoster>;
