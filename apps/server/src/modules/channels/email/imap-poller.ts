import { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import type { ImapSource } from '../../../db/tables/email.js';
import type { Clock } from '../../../platform/clock.js';
import { resolvedHostProblem } from '../../../platform/net/ssrf.js';
import type { Intake } from './inbound-intake.js';
import type { MailboxesRepository } from './mailboxes.repository.js';
import { unseal } from './secret-box.js';

export type ImapPollerDeps = {
  mailboxes: MailboxesRepository;
  intake: Intake;
  clock: Clock;
  secret: string;
  maxBytes: number;
  logger: Logger;
};

const BATCH = 25;
const SYNC_MS = 30_000;

type Poller = { stop(): Promise<void>; version: string };

/**
 * One loop per IMAP source: connect, take every unseen message in the folder, store
 * it (intake), and only then mark it \Seen or move it; then wait for the server to
 * announce new mail (IDLE, which imapflow keeps while we wait) or for the poll
 * interval. Errors are recorded on the source for admins and the loop reconnects
 * with back-off. A crash between storing and marking refetches the message next time,
 * and the dedupe key makes that harmless.
 */
function startPoller(source: ImapSource, deps: ImapPollerDeps): Poller {
  const log = deps.logger.child({ imapSource: source.id });
  let stopped = false;
  let client: ImapFlow | undefined;
  let wake: (() => void) | undefined;
  let pending = false;
  let failures = 0;

  /** Waits `ms`, or less when the server announces new mail (also if it did while we were busy). */
  const pause = (ms: number) => {
    if (pending) {
      pending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake = undefined;
        pending = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      wake = done;
    });
  };
  const announce = () => {
    pending = true;
    wake?.();
  };

  async function drain(imap: ImapFlow) {
    for (;;) {
      const unseen = (await imap.search({ seen: false }, { uid: true })) || [];
      if (unseen.length === 0 || stopped) return;
      const batch = [...unseen].sort((a, b) => a - b).slice(0, BATCH);
      const messages = await imap.fetchAll(
        batch.join(','),
        { uid: true, size: true, source: true },
        { uid: true },
      );
      for (const message of messages) {
        if (stopped) return;
        const raw = message.source ?? Buffer.alloc(0);
        const arrival = {
          mailboxId: source.mailbox_id,
          source: 'imap' as const,
          sourceRef: `${source.id}:${imap.mailbox ? imap.mailbox.uidValidity : 0}:${message.uid}`,
        };
        if ((message.size ?? raw.length) > deps.maxBytes) {
          await deps.intake.refuse(
            raw.subarray(0, 64 * 1024),
            arrival,
            `The message is ${message.size} bytes, over the ${deps.maxBytes}-byte limit`,
          );
        } else {
          await deps.intake.accept(raw, arrival);
        }
        if (source.move_to) await imap.messageMove(String(message.uid), source.move_to, { uid: true });
        else await imap.messageFlagsAdd(String(message.uid), ['\\Seen'], { uid: true });
      }
    }
  }

  async function session() {
    // Checked again on every connect: the name may point somewhere else since it was saved.
    const refused = await resolvedHostProblem(source.host, source.allow_private_network);
    if (refused) throw new Error(`The IMAP host ${refused}`);
    const secret = unseal(deps.secret, source.secret_box);
    const imap = new ImapFlow({
      host: source.host,
      port: source.port,
      secure: source.secure,
      auth:
        source.auth_method === 'oauth2'
          ? { user: source.username, accessToken: secret }
          : { user: source.username, pass: secret },
      logger: false,
    });
    client = imap;
    imap.on('error', (error: Error) => log.warn({ err: error.message }, 'IMAP connection error'));
    imap.on('exists', announce);
    await imap.connect();
    if (source.move_to) await imap.mailboxCreate(source.move_to).catch(() => undefined); // exists already: fine
    await imap.mailboxOpen(source.folder);
    while (!stopped && imap.usable) {
      await drain(imap);
      await deps.mailboxes.recordPoll(source.id, deps.clock.now(), null);
      failures = 0;
      await pause(source.poll_seconds * 1000);
    }
  }

  const done = (async () => {
    while (!stopped) {
      try {
        await session();
      } catch (error) {
        if (stopped) break;
        failures += 1;
        const message = error instanceof Error ? error.message : String(error);
        log.warn({ err: message }, 'IMAP polling failed');
        await deps.mailboxes.recordPoll(source.id, deps.clock.now(), message).catch(() => {});
      } finally {
        await client?.logout().catch(() => client?.close());
        client = undefined;
      }
      if (!stopped) await pause(Math.min(300_000, 1000 * 2 ** Math.min(failures, 8)));
    }
  })();

  return {
    version: `${source.id}:${source.updated_at.toISOString()}`,
    async stop() {
      stopped = true;
      wake?.();
      client?.close();
      await done;
    },
  };
}

/** Keeps one poller per active IMAP source, following admins' changes. */
export function startImapPollers(deps: ImapPollerDeps) {
  const pollers = new Map<number, Poller>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  async function sync() {
    if (stopped) return;
    const sources = await deps.mailboxes.activeSources();
    const wanted = new Map(sources.map((s) => [s.id, s]));
    for (const [id, poller] of pollers) {
      const source = wanted.get(id);
      if (!source || poller.version !== `${id}:${source.updated_at.toISOString()}`) {
        pollers.delete(id);
        await poller.stop();
      }
    }
    for (const source of sources)
      if (!pollers.has(source.id)) pollers.set(source.id, startPoller(source, deps));
  }

  const loop = () => {
    timer = setTimeout(() => {
      void sync()
        .catch((error) => deps.logger.warn({ err: error }, 'IMAP source sync failed'))
        .finally(() => !stopped && loop());
    }, SYNC_MS);
    timer.unref();
  };
  const ready = sync().catch((error) => deps.logger.warn({ err: error }, 'IMAP source sync failed'));
  loop();

  return {
    ready,
    sync,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await ready;
      await Promise.all([...pollers.values()].map((p) => p.stop()));
      pollers.clear();
    },
  };
}

export type ImapPollers = ReturnType<typeof startImapPollers>;
