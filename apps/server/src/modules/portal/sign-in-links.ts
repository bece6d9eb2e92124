import type { User } from '../../db/schema.js';
import { hmac, randomToken, safeEqual } from '../../platform/auth/secrets.js';
import type { Clock } from '../../platform/clock.js';
import type { PortalRepository } from './portal.repository.js';
import type { PortalLocale } from './portal-strings.js';
import type { SubmissionGuard } from './submission-limits.js';

export const SIGN_IN_LINK_TTL_MS = 15 * 60 * 1000;

export type SignInLinksDeps = {
  portal: PortalRepository;
  users: {
    findByEmail(email: string): Promise<User | undefined>;
    findById(id: number): Promise<User | undefined>;
  };
  /** Queues the mail for a new link (a durable job, so a failed send is retried). */
  queueMail(linkId: number): Promise<unknown>;
  limit: SubmissionGuard;
  clock: Clock;
  secret: () => string;
};

type Link = NonNullable<Awaited<ReturnType<PortalRepository['findLink']>>>;

const mayUsePortal = (user: User | undefined): user is User =>
  !!user && user.active && !user.suspended && !user.deleted_at && !!user.email;

/**
 * Magic sign-in links: `{id}.{hmac(id, salt)}`, single use, 15 minutes. Asking for one
 * answers the same whether or not the address has an account (the caller shows one page
 * either way) and is limited per address and per network address.
 */
export function createSignInLinks(deps: SignInLinksDeps) {
  const { portal, clock } = deps;
  const signature = (link: Pick<Link, 'id' | 'salt'>) =>
    hmac(deps.secret(), `portal-link:${link.id}:${link.salt}`).slice(0, 32);

  /** The link row a token names, if the signature is right (used or not). */
  async function linkOf(token: string) {
    const match = /^(\d{1,15})\.([A-Za-z0-9_-]{32})$/.exec(token);
    if (!match) return null;
    const link = await portal.findLink(Number(match[1]));
    if (!link || !safeEqual(match[2]!, signature(link))) return null;
    return link;
  }

  return {
    tokenOf: (link: Pick<Link, 'id' | 'salt'>) => `${link.id}.${signature(link)}`,

    urlOf(link: Link) {
      return `${link.base_url}/hc/${link.locale}/signin/link/${link.id}.${signature(link)}`;
    },

    /** Sends a link when the address has an account that may sign in; silent either way. */
    async request(email: string, locale: PortalLocale, baseUrl: string, ip: string) {
      deps.limit.take(ip, email);
      const user = await deps.users.findByEmail(email.trim());
      if (!mayUsePortal(user)) return;
      const now = clock.now();
      const link = await portal.insertLink({
        user_id: user.id,
        salt: randomToken(12),
        base_url: baseUrl,
        locale,
        expires_at: new Date(now.getTime() + SIGN_IN_LINK_TTL_MS),
      });
      await deps.queueMail(link.id);
    },

    /** Who a still-usable link signs in (for the confirmation page), without using it. */
    async peek(token: string) {
      const link = await linkOf(token);
      if (!link || link.used_at || link.expires_at <= clock.now()) return null;
      const user = await deps.users.findById(link.user_id);
      return mayUsePortal(user) ? user : null;
    },

    /** Uses a link once; the user it signs in, or null (unknown, forged, used or expired). */
    async use(token: string) {
      const link = await linkOf(token);
      if (!link) return null;
      const used = await portal.useLink(link.id, clock.now());
      if (!used) return null;
      const user = await deps.users.findById(used.user_id);
      return mayUsePortal(user) ? user : null;
    },

    /** The link and its user for the mail job; null when it can no longer be used. */
    async forMail(linkId: number) {
      const link = await portal.findLink(linkId);
      if (!link || link.used_at || link.expires_at <= clock.now()) return null;
      const user = await deps.users.findById(link.user_id);
      return mayUsePortal(user) ? { link, user, url: this.urlOf(link) } : null;
    },
  };
}

export type SignInLinks = ReturnType<typeof createSignInLinks>;
