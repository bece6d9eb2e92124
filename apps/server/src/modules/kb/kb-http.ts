import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../platform/http/errors.js';
import { HC_LOCALES, isHcLocale, normalizeLocale } from './kb-locale.js';

/** A help-center visitor's cookie: groups a visitor's searches, clicks, votes and a later request. */
export const HC_SESSION_COOKIE = 'fl_hc';

/** The locale a Guide path names (`/api/v2/help_center/zh-cn/…`), else `?locale=`, else none. */
export function localeOf(request: FastifyRequest): string | null {
  const params = request.params as { locale?: string };
  const query = request.query as { locale?: string } | undefined;
  const raw = params.locale ?? query?.locale;
  if (raw === undefined) return null;
  // Like Guide, content and translations exist only in the locales the help center has enabled.
  const locale = normalizeLocale(raw);
  if (!locale || !isHcLocale(locale))
    throw new NotFoundError(`No help center locale ${raw.slice(0, 20)} (enabled: ${HC_LOCALES.join(', ')})`);
  return locale;
}

/**
 * The analytics session of a request: the help-center cookie (set here when missing,
 * if a reply is given), else the signed-in user. E2's web form passes the same value
 * to markSearchFollowedByRequest.
 */
export function kbSessionKey(request: FastifyRequest, reply?: FastifyReply): string | null {
  const cookie = request.cookies[HC_SESSION_COOKIE];
  if (cookie && /^[A-Za-z0-9_-]{16,64}$/.test(cookie)) return `hc:${cookie}`;
  if (reply) {
    const value = randomBytes(18).toString('base64url');
    reply.setCookie(HC_SESSION_COOKIE, value, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      maxAge: 30 * 24 * 3600,
    });
    request.cookies[HC_SESSION_COOKIE] = value;
    return `hc:${value}`;
  }
  return request.actor ? `user:${request.actor.user.id}` : null;
}

/** Who a vote counts for: the signed-in user, else the visitor cookie. */
export function voterOf(request: FastifyRequest, reply: FastifyReply) {
  if (request.actor) return { voter: `user:${request.actor.user.id}`, userId: request.actor.user.id };
  return { voter: kbSessionKey(request, reply)!, userId: null };
}
