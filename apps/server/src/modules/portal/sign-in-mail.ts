import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { defineQueue } from '../../platform/jobs/queues.js';
import { fill, type PortalLocale, portalLocale, portalStrings } from './portal-strings.js';
import type { SignInLinks } from './sign-in-links.js';

export const SIGN_IN_MAIL_QUEUE = defineQueue('portal-sign-in-mail');

export type SignInMailDeps = {
  links: SignInLinks;
  smtpUrl: string | undefined;
  from: string;
  logger: Logger;
};

/**
 * Sends a sign-in link by SMTP_URL from its job (retried by the job runner with back-off
 * when the relay fails). The email channel's outbox carries mail about tickets; a
 * sign-in link belongs to no ticket, so it is sent here, once, in the link's language.
 */
export function createSignInMail(deps: SignInMailDeps) {
  let transport: Transporter | undefined;
  return {
    async send(linkId: number) {
      const found = await deps.links.forMail(linkId);
      if (!found) return;
      if (!deps.smtpUrl) {
        deps.logger.warn({ linkId }, 'SMTP_URL is not set: a portal sign-in link could not be mailed');
        return;
      }
      transport ??= nodemailer.createTransport({ url: deps.smtpUrl, pool: true, maxConnections: 2 });
      const locale: PortalLocale = portalLocale(found.link.locale) ?? 'en-us';
      const t = portalStrings(locale);
      await transport.sendMail({
        from: deps.from,
        to: { name: found.user.name, address: found.user.email! },
        subject: t.mailSubject,
        text: fill(t.mailBody, { name: found.user.name, link: found.url }),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
      });
    },
    close() {
      transport?.close();
    },
  };
}
