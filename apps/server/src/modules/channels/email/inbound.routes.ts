import { idParams, inboundReceipt } from '@frontline/contracts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { safeEqual, sha256 } from '../../../platform/auth/secrets.js';
import { InvalidError, UnauthorizedError } from '../../../platform/http/errors.js';
import type { HttpApp } from '../../../platform/http/server.js';
import type { Intake } from './inbound-intake.js';
import type { MailboxesRepository } from './mailboxes.repository.js';

export const INBOUND_SECRET_HEADER = 'x-frontline-inbound-secret';

/**
 * Raw MIME by HTTP, for mail providers that forward by webhook:
 * `POST /api/v2/frontline/mailboxes/{id}/inbound` with `Content-Type: message/rfc822`
 * and the mailbox's secret in `X-Frontline-Inbound-Secret`. An unknown mailbox and a
 * wrong secret answer the same 401. 202 means stored; the same message again is
 * recognised and changes nothing.
 */
export async function registerInboundRoutes(
  app: HttpApp,
  deps: { intake: Intake; mailboxes: MailboxesRepository; maxBytes: number },
) {
  await app.register(async (scoped) => {
    const http = scoped.withTypeProvider<ZodTypeProvider>();
    http.addContentTypeParser(
      ['message/rfc822', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: deps.maxBytes },
      (_request, body, done) => done(null, body),
    );
    http.post(
      '/api/v2/frontline/mailboxes/:id/inbound',
      { config: { access: 'public' }, schema: { params: idParams, response: { 202: inboundReceipt } } },
      async (request, reply) => {
        const mailbox = await deps.mailboxes.findById(request.params.id);
        const given = request.headers[INBOUND_SECRET_HEADER];
        const ok =
          mailbox?.active &&
          mailbox.inbound_secret_hash !== null &&
          typeof given === 'string' &&
          safeEqual(sha256(given), mailbox.inbound_secret_hash);
        if (!ok || !mailbox) throw new UnauthorizedError();
        const raw = request.body;
        if (!Buffer.isBuffer(raw) || raw.length === 0) {
          throw InvalidError.field(
            'body',
            'send the raw message (Content-Type: message/rfc822)',
            'BlankValue',
          );
        }
        const accepted = await deps.intake.accept(raw, { mailboxId: mailbox.id, source: 'webhook' });
        return reply.code(202).send({
          inbound_message: {
            id: accepted.id,
            status: accepted.duplicate ? 'duplicate' : 'received',
            duplicate: accepted.duplicate,
          },
        });
      },
    );
  });
}
