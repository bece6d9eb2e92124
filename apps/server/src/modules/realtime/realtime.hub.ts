import {
  type RealtimeClientMessage,
  type RealtimeServerMessage,
  realtimeClientMessage,
} from '@frontline/contracts';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import { type Actor, isAgent } from '../../platform/auth/actor.js';
import { randomToken } from '../../platform/auth/secrets.js';
import type { Clock } from '../../platform/clock.js';
import { TICKET_CHANNEL, type TicketScope, ticketScope } from '../tickets/index.js';
import { createPresenceRoster, type PresenceSignal } from './presence.js';
import { PRESENCE_CHANNEL, type RealtimeRepository } from './realtime.repository.js';
import { inScope } from './ticket-audience.js';

/** How often a node repeats its connections' presence, and when silence means gone. */
export const PRESENCE_REPEAT_MS = 10_000;
export const PRESENCE_TTL_MS = 35_000;
/** How often a socket's session is checked again (a logout or a suspension closes it). */
const SESSION_CHECK_EVERY = 6;
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** The part of a WebSocket the hub uses (the `ws` package's socket fits). */
export type RealtimeSocket = {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  on(event: 'message', listener: (data: Buffer | string) => void): void;
  on(event: 'close', listener: () => void): void;
  readonly bufferedAmount: number;
};

type Connection = {
  id: string;
  socket: RealtimeSocket;
  actor: Actor;
  scope: TicketScope;
  /** Re-resolves the actor (cookie sessions); null means the session ended. */
  refresh: (() => Promise<Actor | null>) | null;
  viewing: number | null;
  typing: boolean;
};

export type RealtimeHubDeps = {
  database: Database;
  repository: RealtimeRepository;
  clock: Clock;
  logger: Logger;
};

/**
 * The agent app's live line. Ticket changes (NOTIFY from whichever node made them) go
 * to the sockets allowed to see that ticket; presence (who views or types on a ticket)
 * crosses nodes the same way, so collision warnings work behind a load balancer.
 */
export function createRealtimeHub({ database, repository, clock, logger }: RealtimeHubDeps) {
  const node = randomToken(6);
  const connections = new Map<string, Connection>();
  const roster = createPresenceRoster(PRESENCE_TTL_MS);
  let unlisten: (() => Promise<void>)[] = [];
  let starting: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let ticks = 0;
  let stopping = false;

  function send(conn: Connection, message: RealtimeServerMessage) {
    if (conn.socket.bufferedAmount > MAX_BUFFERED_BYTES) return;
    try {
      conn.socket.send(JSON.stringify(message));
    } catch (error) {
      logger.debug({ err: error }, 'realtime send failed');
    }
  }

  async function onTicketNote(payload: string) {
    const note = JSON.parse(payload) as {
      kind: 'created' | 'updated' | 'deleted';
      ticket_id: number;
      audit_id: number;
      actor_id: number;
    };
    if (connections.size === 0) return; // nobody on this node to tell
    const row = await repository.audienceOf(note.ticket_id);
    if (!row) return;
    for (const conn of connections.values()) {
      if (!inScope(conn.scope, row)) continue;
      send(conn, {
        type: 'ticket',
        kind: note.kind,
        ticket_id: note.ticket_id,
        audit_id: note.audit_id,
        actor_id: note.actor_id,
      });
    }
  }

  function pushPresence(ticketIds: number[]) {
    if (ticketIds.length === 0) return;
    for (const conn of connections.values()) {
      if (conn.viewing === null || !ticketIds.includes(conn.viewing)) continue;
      send(conn, {
        type: 'presence',
        ticket_id: conn.viewing,
        viewers: roster.viewers(conn.viewing, conn.actor.user.id),
      });
    }
  }

  function onPresenceNote(payload: string) {
    pushPresence(roster.apply(JSON.parse(payload) as PresenceSignal, clock.now()));
  }

  async function publish(conn: Connection) {
    const signal: PresenceSignal = {
      node,
      conn: conn.id,
      user_id: conn.actor.user.id,
      name: conn.actor.user.alias || conn.actor.user.name,
      ticket_id: conn.viewing,
      typing: conn.typing,
    };
    await repository.notifyPresence(JSON.stringify(signal));
  }

  async function tick() {
    ticks += 1;
    for (const conn of connections.values()) {
      if (conn.viewing !== null) await publish(conn);
      if (conn.refresh && ticks % SESSION_CHECK_EVERY === 0) {
        const actor = await conn.refresh();
        if (!actor) conn.socket.close(4401, 'session ended');
        else Object.assign(conn, { actor, scope: ticketScope(actor) });
      }
    }
    pushPresence(roster.expire(clock.now()));
  }

  function guard(what: string, fn: () => Promise<void> | void) {
    try {
      const result = fn();
      if (result) result.catch((error) => logger.warn({ err: error }, `realtime ${what} failed`));
    } catch (error) {
      logger.warn({ err: error }, `realtime ${what} failed`);
    }
  }

  async function handle(conn: Connection, message: RealtimeClientMessage) {
    if (message.type === 'ping') return send(conn, { type: 'pong' });
    if (!isAgent(conn.actor))
      return send(conn, { type: 'error', description: 'Presence is for agents only' });
    if (message.type === 'viewing') {
      let ticketId = message.ticket_id;
      if (ticketId !== null) {
        const row = await repository.audienceOf(ticketId);
        if (!row || !inScope(conn.scope, row)) {
          send(conn, { type: 'error', description: `Ticket ${ticketId} not found` });
          ticketId = null;
        }
      }
      if (ticketId === conn.viewing) return;
      conn.viewing = ticketId;
      conn.typing = false;
      await publish(conn);
      if (ticketId !== null)
        send(conn, {
          type: 'presence',
          ticket_id: ticketId,
          viewers: roster.viewers(ticketId, conn.actor.user.id),
        });
      return;
    }
    if (message.ticket_id !== conn.viewing || message.typing === conn.typing) return;
    conn.typing = message.typing;
    await publish(conn);
  }

  return {
    node,

    /** Starts hearing ticket changes and presence; safe to call more than once. */
    start() {
      starting ??= (async () => {
        unlisten = [
          await database.listen(TICKET_CHANNEL, (p) => guard('ticket push', () => onTicketNote(p))),
          await database.listen(PRESENCE_CHANNEL, (p) => guard('presence', () => onPresenceNote(p))),
        ];
        timer = setInterval(() => guard('heartbeat', tick), PRESENCE_REPEAT_MS);
        timer.unref();
      })();
      return starting;
    },

    /** Takes a new socket for an authenticated actor. */
    async attach(socket: RealtimeSocket, actor: Actor, refresh: Connection['refresh']) {
      await this.start();
      const conn: Connection = {
        id: randomToken(8),
        socket,
        actor,
        scope: ticketScope(actor),
        refresh,
        viewing: null,
        typing: false,
      };
      connections.set(conn.id, conn);
      socket.on('message', (data) =>
        guard('message', async () => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(String(data));
          } catch {
            return send(conn, { type: 'error', description: 'Messages must be JSON' });
          }
          const message = realtimeClientMessage.safeParse(parsed);
          if (!message.success)
            return send(conn, {
              type: 'error',
              description: `Unknown message: ${message.error.issues.map((i) => `${i.path.join('.') || 'type'} ${i.message}`).join('; ')}`,
            });
          await handle(conn, message.data);
        }),
      );
      socket.on('close', () =>
        guard('close', async () => {
          connections.delete(conn.id);
          if (conn.viewing !== null && !stopping) {
            conn.viewing = null;
            await publish(conn);
          }
        }),
      );
      send(conn, { type: 'hello', user_id: actor.user.id });
    },

    connectionCount: () => connections.size,

    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = null;
      for (const conn of connections.values()) conn.socket.close(1001, 'server shutting down');
      connections.clear();
      for (const off of unlisten) await off().catch(() => {});
      unlisten = [];
      starting = null;
      stopping = false;
    },
  };
}

export type RealtimeHub = ReturnType<typeof createRealtimeHub>;
