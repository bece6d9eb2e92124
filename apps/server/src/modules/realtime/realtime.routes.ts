import websocket from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import { type Actor, actorOf } from '../../platform/auth/actor.js';
import type { HttpApp } from '../../platform/http/server.js';
import { type AuthService, SESSION_COOKIE } from '../auth/index.js';
import type { RealtimeHub } from './realtime.hub.js';

export type RealtimeRoutesDeps = { hub: RealtimeHub; auth: AuthService; publicUrl?: string | undefined };

/** A browser socket must come from our own pages: the Origin's host is ours (or PUBLIC_URL's). */
export function sameOrigin(origin: string | undefined, host: string | undefined, publicUrl?: string) {
  if (!origin) return true; // not a browser: API clients authenticate with a token
  try {
    const from = new URL(origin);
    if (publicUrl && from.origin === new URL(publicUrl).origin) return true;
    return from.host === host;
  } catch {
    return false;
  }
}

/** The session behind a cookie-authenticated socket, to check it again while the socket lives. */
function sessionRefresh(request: FastifyRequest, auth: AuthService): (() => Promise<Actor | null>) | null {
  if (request.actor?.method !== 'session') return null;
  const cookie = request.cookies[SESSION_COOKIE];
  const unsigned = cookie ? request.unsignCookie(cookie) : null;
  if (!unsigned?.valid || !unsigned.value) return null;
  const sessionId = unsigned.value;
  return () => auth.sessionActor(sessionId);
}

export async function registerRealtimeRoutes(app: HttpApp, { hub, auth, publicUrl }: RealtimeRoutesDeps) {
  // An upgrade refused before the WebSocket plugin saw it (401 from the auth hook) leaves a
  // socket nobody reads; close it, or it lingers half-open and blocks shutdown.
  app.addHook('onResponse', async (request, reply) => {
    if (request.headers.upgrade && reply.statusCode !== 101) request.raw.socket?.destroy();
  });
  if (!app.hasDecorator('websocketServer'))
    await app.register(websocket, { options: { maxPayload: 16 * 1024 } });

  app.get(
    '/api/v2/realtime',
    { websocket: true, config: { access: 'user' }, schema: { hide: true } },
    async (socket, request) => {
      if (!sameOrigin(request.headers.origin, request.headers.host, publicUrl)) {
        socket.close(4403, 'origin not allowed');
        return;
      }
      await hub.attach(socket, actorOf(request), sessionRefresh(request, auth));
    },
  );
}
