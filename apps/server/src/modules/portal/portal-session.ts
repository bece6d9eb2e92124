import type { FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { randomToken, safeEqual } from '../../platform/auth/secrets.js';
import type { Clock } from '../../platform/clock.js';
import { ForbiddenError } from '../../platform/http/errors.js';
import type { AuthService, createAuthRepository } from '../auth/index.js';

/**
 * The customer portal's sign-in: a row in the same sessions table as the agent app's
 * (so ending a user's sessions ends these too), under its own cookie, so a customer
 * signed in to the help center is not signed in to /agent and the portal's plain HTML
 * forms carry their CSRF token as a hidden field instead of a header.
 */
export const PORTAL_COOKIE = 'fl_portal';
export const PORTAL_SESSION_SECONDS = 12 * 60 * 60;

export type PortalSessionsDeps = {
  auth: AuthService;
  /** The auth module's session rows, for a sign-in that proved itself by a mailed link. */
  sessionRows: Pick<ReturnType<typeof createAuthRepository>, 'insertSession'>;
  clock: Clock;
  secureCookies: boolean;
};

export function createPortalSessions({ auth, sessionRows, clock, secureCookies }: PortalSessionsDeps) {
  return {
    /** The signed-in customer, or null. */
    async actor(request: FastifyRequest): Promise<Actor | null> {
      const cookie = request.cookies[PORTAL_COOKIE];
      if (!cookie) return null;
      const unsigned = request.unsignCookie(cookie);
      if (!unsigned.valid || !unsigned.value) return null;
      return auth.sessionActor(unsigned.value);
    },

    /** The signed-in customer of a form post, whose hidden `_csrf` must match their session. */
    async formActor(request: FastifyRequest, sent: string | undefined): Promise<Actor | null> {
      const actor = await this.actor(request);
      if (actor && (!sent || !actor.csrfToken || !safeEqual(sent, actor.csrfToken)))
        throw new ForbiddenError('The form is out of date; reload the page and send it again');
      return actor;
    },

    /** Starts a session for a user a magic link signed in, with the same lifetime as a password sign-in's. */
    async startFor(reply: FastifyReply, user: User, meta: { userAgent: string; ip: string }) {
      const id = randomToken(32);
      await sessionRows.insertSession({
        id,
        user_id: user.id,
        csrf_token: randomToken(24),
        expires_at: new Date(clock.now().getTime() + PORTAL_SESSION_SECONDS * 1000),
        user_agent: meta.userAgent.slice(0, 300),
        ip: meta.ip,
      });
      this.start(reply, id);
    },

    start(reply: FastifyReply, sessionId: string) {
      reply.setCookie(PORTAL_COOKIE, sessionId, {
        path: '/hc',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies,
        signed: true,
        maxAge: PORTAL_SESSION_SECONDS,
      });
    },

    async end(request: FastifyRequest, reply: FastifyReply) {
      const cookie = request.cookies[PORTAL_COOKIE];
      const unsigned = cookie ? request.unsignCookie(cookie) : null;
      if (unsigned?.valid && unsigned.value) await auth.logout(unsigned.value);
      reply.clearCookie(PORTAL_COOKIE, { path: '/hc' });
    },
  };
}

export type PortalSessions = ReturnType<typeof createPortalSessions>;
