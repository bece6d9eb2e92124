import type { FastifyRequest } from 'fastify';
import type { User } from '../../db/schema.js';
import { UnauthorizedError } from '../http/errors.js';

export type AuthMethod = 'session' | 'api_token' | 'bearer' | 'password' | 'system';

/** Who is making a request, resolved once per request by the auth hook. */
export type Actor = {
  user: User;
  groupIds: number[];
  method: AuthMethod;
  /** Set when the request came with a session cookie; unsafe methods must echo it. */
  csrfToken?: string;
  /** The session of a cookie request: a password change keeps it and ends the user's others. */
  sessionId?: string;
};

export const isAgent = (actor: Actor) => actor.user.role === 'agent' || actor.user.role === 'admin';
export const isAdmin = (actor: Actor) => actor.user.role === 'admin';
/** A full agent: an agent or admin who is not a light agent. */
export const isFullAgent = (actor: Actor) => isAgent(actor) && !actor.user.light_agent;
export const isEndUser = (actor: Actor) => actor.user.role === 'end-user';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The signed-in caller of a route that requires one (the auth hook has already refused anonymous calls). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthorizedError();
  return request.actor;
}
