/**
 * Messages this node has just stored, kept in memory (up to `maxBytes` in all) so the
 * job that processes one here does not read its bytes back from the database. A
 * stored message never changes, so the copy is as good as the row. A job that runs
 * on another node, after a restart, on a retry, or for a message pushed out by newer
 * ones reads the row as before.
 */
export function createRecentMail(maxBytes = 32 * 1024 * 1024) {
  const kept = new Map<number, Buffer>();
  let bytes = 0;
  return {
    keep(id: number, raw: Buffer) {
      if (raw.length > maxBytes / 8 || kept.has(id)) return;
      kept.set(id, raw);
      bytes += raw.length;
      for (const [oldest, old] of kept) {
        if (bytes <= maxBytes) break;
        kept.delete(oldest);
        bytes -= old.length;
      }
    },
    /** The bytes of message `id` if this node still holds them; each copy is handed out once. */
    take(id: number) {
      const raw = kept.get(id);
      if (raw) {
        kept.delete(id);
        bytes -= raw.length;
      }
      return raw;
    },
  };
}

export type RecentMail = ReturnType<typeof createRecentMail>;
