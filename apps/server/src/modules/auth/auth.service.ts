import type { User } from '../../db/schema.js';
import type { Actor, AuthMethod } from '../../platform/auth/actor.js';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import { randomToken, sha256 } from '../../platform/auth/secrets.js';
import type { Clock } from '../../platform/clock.js';
import { ForbiddenError, UnauthorizedError } from '../../platform/http/errors.js';
import type { UsersRepository } from '../people/index.js';
import type { AuthRepository } from './auth.repository.js';

const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
const SESSION_TOUCH_MS = 5 * 60 * 1000;
const TOKEN_TOUCH_MS = 60 * 1000;

export type Credentials =
  | { kind: 'token'; email: string; token: string }
  | { kind: 'password'; email: string; password: string }
  | { kind: 'bearer'; token: string };

/** Reads an Authorization header. Returns null when there is none; throws 401 when it is malformed. */
export function parseAuthorization(header: string | undefined): Credentials | null {
  if (!header) return null;
  const [scheme, value = ''] = header.trim().split(/\s+/, 2);
  if (/^bearer$/i.test(scheme ?? '') && value) return { kind: 'bearer', token: value };
  if (/^basic$/i.test(scheme ?? '')) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      const user = decoded.slice(0, colon);
      const secret = decoded.slice(colon + 1);
      if (user.endsWith('/token'))
        return { kind: 'token', email: user.slice(0, -'/token'.length), token: secret };
      return { kind: 'password', email: user, password: secret };
    }
  }
  throw new UnauthorizedError();
}

export type AuthServiceDeps = {
  auth: AuthRepository;
  users: UsersRepository;
  clock: Clock;
  apiPasswordAuth: boolean;
};

export function createAuthService({ auth, users, clock, apiPasswordAuth }: AuthServiceDeps) {
  // last_used_at is for admins' eyes: record it once a minute per token, not per request.
  const tokenTouchedAt = new Map<number, number>();

  /** The actor for a user who may sign in; `groupIds` when the caller read them with the user. */
  async function actorFor(
    user: User | undefined,
    method: AuthMethod,
    session?: { id: string; csrfToken: string },
    groupIds?: number[],
  ): Promise<Actor | null> {
    if (!user?.active || user.suspended || user.deleted_at) return null;
    const groups = user.role === 'end-user' ? [] : (groupIds ?? (await users.groupIdsOf(user.id)));
    return {
      user,
      groupIds: groups,
      method,
      ...(session ? { csrfToken: session.csrfToken, sessionId: session.id } : {}),
    };
  }

  async function tokenActor(token: string, email: string | null): Promise<Actor | null> {
    const found = await auth.findTokenOwner(sha256(token));
    if (!found) return null;
    const {
      token_id: tokenId,
      token_acts_as_any_user: actsAsAnyUser,
      group_ids: ownerGroups,
      ...owner
    } = found;
    const method = email === null ? 'bearer' : 'api_token';
    let actor: Promise<Actor | null>;
    if (email !== null && email.toLowerCase() !== owner.email?.toLowerCase()) {
      // An account-wide token acts as any user, as in Zendesk; a personal one only as its owner.
      if (!actsAsAnyUser || owner.role !== 'admin' || !owner.active || owner.suspended || owner.deleted_at)
        return null;
      actor = users.findByEmail(email).then((user) => actorFor(user, method));
    } else {
      actor = actorFor(owner, method, undefined, ownerGroups);
    }
    const now = clock.now();
    if (now.getTime() - (tokenTouchedAt.get(tokenId) ?? 0) > TOKEN_TOUCH_MS) {
      tokenTouchedAt.set(tokenId, now.getTime());
      await auth.touchToken(tokenId, now);
    }
    return actor;
  }

  return {
    /** Resolves Authorization header credentials to an actor; 401 if they are wrong. */
    async authenticate(credentials: Credentials, onBehalfOf?: string): Promise<Actor> {
      let actor: Actor | null;
      if (credentials.kind === 'bearer') actor = await tokenActor(credentials.token, null);
      else if (credentials.kind === 'token') actor = await tokenActor(credentials.token, credentials.email);
      else {
        if (!apiPasswordAuth) throw new UnauthorizedError();
        const user = await users.findByEmail(credentials.email);
        const ok = await verifyPassword(user?.password_hash ?? null, credentials.password);
        actor = ok ? await actorFor(user, 'password') : null;
      }
      if (!actor) throw new UnauthorizedError();
      if (onBehalfOf) {
        if (actor.user.role !== 'admin' || actor.method === 'password') {
          throw new ForbiddenError('X-On-Behalf-Of needs an admin API token');
        }
        const other = await actorFor(await users.findByEmail(onBehalfOf), actor.method);
        if (!other) throw new UnauthorizedError();
        return other;
      }
      return actor;
    },

    async sessionActor(sessionId: string): Promise<Actor | null> {
      const now = clock.now();
      const found = await auth.findSessionUser(sessionId, now);
      if (!found) return null;
      const {
        session_id: id,
        session_csrf_token: csrfToken,
        session_last_seen_at: lastSeenAt,
        group_ids: groupIds,
        ...user
      } = found;
      if (now.getTime() - lastSeenAt.getTime() > SESSION_TOUCH_MS) {
        await auth.touchSession(id, now, new Date(now.getTime() + SESSION_IDLE_MS));
      }
      return actorFor(user, 'session', { id, csrfToken }, groupIds);
    },

    /** Password login for the web app. Returns null for a wrong email or password. */
    async login(email: string, password: string, meta: { userAgent: string; ip: string }) {
      const user = await users.findByEmail(email);
      const ok = await verifyPassword(user?.password_hash ?? null, password);
      const actor = ok ? await actorFor(user, 'session') : null;
      if (!actor) return null;
      const now = clock.now();
      const session = {
        id: randomToken(32),
        user_id: actor.user.id,
        csrf_token: randomToken(24),
        expires_at: new Date(now.getTime() + SESSION_IDLE_MS),
        user_agent: meta.userAgent.slice(0, 300),
        ip: meta.ip,
      };
      await auth.insertSession(session);
      await users.update(actor.user.id, { last_login_at: now });
      return { sessionId: session.id, csrfToken: session.csrf_token, user: actor.user };
    },

    /** The system user (-1) as an actor: what rules, channels and jobs change is authored by it. */
    async systemActor(): Promise<Actor> {
      const user = await users.findById(-1);
      if (!user) throw new Error('the system user (-1) is missing: migrations did not run');
      return { user, groupIds: [], method: 'system' };
    },

    logout(sessionId: string) {
      return auth.deleteSession(sessionId);
    },

    /** Stores a new password and ends the user's sessions, except `keepSessionId` (the one changing it). */
    async setPassword(userId: number, password: string, keepSessionId?: string) {
      await users.update(userId, { password_hash: await hashPassword(password), updated_at: clock.now() });
      await auth.deleteSessionsOf(userId, keepSessionId);
    },

    /** Ends a user's sessions (their password changed some other way), except `keepSessionId`. */
    async endSessions(userId: number, keepSessionId?: string) {
      await auth.deleteSessionsOf(userId, keepSessionId);
    },

    /** Creates an API token; the plain token is returned this once and never stored. */
    async createToken(input: { ownerId: number; description: string; actsAsAnyUser: boolean }) {
      const token = randomToken(30);
      const record = await auth.insertToken({
        token_hash: sha256(token),
        token_hint: token.slice(-4),
        description: input.description,
        owner_id: input.ownerId,
        acts_as_any_user: input.actsAsAnyUser,
      });
      return { token, record };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
