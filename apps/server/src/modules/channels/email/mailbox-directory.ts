import type { Mailbox } from '../../../db/tables/email.js';
import { baseAddress } from './mail-address.js';
import type { MailboxesRepository } from './mailboxes.repository.js';

/**
 * The mailboxes, read once every few seconds rather than for every message: they are
 * few and change rarely, and every RCPT, message and reply needs them. A change made
 * on this node is seen at once (`forget`); one made on another node within `ttlMs`.
 */
export function createMailboxDirectory(repository: MailboxesRepository, ttlMs = 5000) {
  let cached: { at: number; list: Promise<Mailbox[]> } | undefined;

  function all() {
    if (!cached || performance.now() - cached.at > ttlMs) {
      const list = repository.list();
      cached = { at: performance.now(), list };
      list.catch(() => {
        if (cached?.list === list) cached = undefined;
      });
    }
    return cached.list;
  }

  return {
    async byId(id: number) {
      return (await all()).find((m) => m.id === id);
    },
    /** The mailbox an address (or its `+tag` form) belongs to. */
    async byAddress(address: string) {
      const base = baseAddress(address).base;
      return (await all()).find((m) => m.address.toLowerCase() === base);
    },
    /** Every mailbox address, lower-cased (inactive ones too: mail from them is still ours). */
    async addresses() {
      return (await all()).map((m) => m.address.toLowerCase());
    },
    /** The default mailbox, else the first active one. */
    async fallback() {
      const active = (await all()).filter((m) => m.active);
      return active.find((m) => m.is_default) ?? active[0];
    },
    forget() {
      cached = undefined;
    },
  };
}

export type MailboxDirectory = ReturnType<typeof createMailboxDirectory>;
