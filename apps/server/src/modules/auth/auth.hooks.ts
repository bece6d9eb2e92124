import type { FastifyRequest } from 'fastify';
import { type Actor, isAdmin, isAgent } from '../../platform/auth/actor.js';
import { safeEqual } from '../../platform/auth/secrets.js';
import { ForbiddenError, UnauthorizedError } from '../../platform/http/errors.js';
import type { HttpApp } from '../../platform/http/server.js';
import { type AuthService, parseAuthorization } from './auth.service.js';
import type { SignInGuard } from './failed-logins.js';

/** Who may call a route. Every route under /api says one; the default there is 'user'. */
export type Access = 'public' | 'user' | 'agent' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** false: the route reads its own session (the customer portal's forms), not the agent app's cookie. */
    sessionCookie?: boolean;
  }
}

export const SESSION_COOKIE = 'fl_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves every request's actor. Failed sign-ins through the Authorization header go
 * through `signIns` (pass the one the login route uses, so both count together).
 */
export function registerAuthHooks(app: HttpApp, auth: AuthService, signIns?: SignInGuard) {
  app.decorateRequest('actor', null);
  const failed = signIns ?? null;

  app.addHook('onRequest', async (request) => {
    request.actor = await resolveActor(request, auth, failed);
    const access =
      request.routeOptions.config?.access ?? (request.url.startsWith('/api/') ? 'user' : 'public');
    checkAccess(request.actor, access);
  });
}

async function resolveActor(
  request: FastifyRequest,
  auth: AuthService,
  failed: SignInGuard | null,
): Promise<Actor | null> {
  const credentials = parseAuthorization(request.headers.authorization);
  if (credentials) {
    const onBehalfOf = request.headers['x-on-behalf-of'];
    // A password or token tried for an email counts as a sign-in; bearer tokens are not guessable.
    const email = credentials.kind === 'bearer' ? null : credentials.email;
    if (email !== null) failed?.check(request.ip, email);
    try {
      return await auth.authenticate(credentials, typeof onBehalfOf === 'string' ? onBehalfOf : undefined);
    } catch (error) {
      if (email !== null && error instanceof UnauthorizedError) failed?.fail(request.ip, email);
      throw error;
    }
  }
  if (request.routeOptions.config?.sessionCookie === false) return null;
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const unsigned = request.unsignCookie(cookie);
  if (!unsigned.valid || !unsigned.value) return null;
  const actor = await auth.sessionActor(unsigned.value);
  if (actor && !SAFE_METHODS.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !actor.csrfToken || !safeEqual(sent, actor.csrfToken)) {
      throw new ForbiddenError('Missing or wrong X-CSRF-Token header for a cookie session');
    }
  }
  return actor;
}

export function checkAccess(actor: Actor | null, access: Access) {
  if (access === 'public') return;
  if (!actor) throw new UnauthorizedError();
  if (access === 'agent' && !isAgent(actor)) throw new ForbiddenError();
  if (access === 'admin' && !isAdmin(actor)) throw new ForbiddenError();
}

/** The authenticated actor of a route that is not public. */
