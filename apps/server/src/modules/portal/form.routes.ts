import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { HttpError } from '../../platform/http/errors.js';
import type { HttpApp } from '../../platform/http/server.js';
import { closedFormPage, type FormValues, requestFormPage, thanksPage } from './form.pages.js';
import { acceptForms, type FormBody, MAX_FORM_FILES } from './form-body.js';
import { FORM_SCRIPT } from './form-script.js';
import type { PortalRepository } from './portal.repository.js';
import { type PortalContext, portalContext, sendPage } from './portal-layout.js';
import type { PortalSessions } from './portal-session.js';
import { fill, type PortalLocale, portalLocale, USER_LOCALE } from './portal-strings.js';
import { checkProofOfWork, createSpentChallenges, issueChallenge } from './proof-of-work.js';
import type { RequestsService } from './requests.service.js';

export type FormRoutesDeps = {
  requests: RequestsService;
  portal: PortalRepository;
  sessions: PortalSessions;
  clock: Clock;
  secret: () => string;
  /** Called as the form is shown (the help center gives the visitor its session cookie). */
  onFormShown?: (request: FastifyRequest, reply: FastifyReply) => void;
  /** Told of each request the form created (the help center marks the visitor's searches). */
  onSubmitted?: (request: FastifyRequest, ticketId: number) => Promise<unknown>;
};

export const FORM_BODY_LIMIT = 25 * 1024 * 1024;
const localeParams = z.object({ locale: z.string().max(20) });
const EMAIL = z.email().max(254);

/** Ticket-service errors as lines for the form: each field's description, else the error's. */
function messagesOf(error: HttpError): string[] {
  const details = error.body.details as Record<string, { description: string }[]> | undefined;
  if (details) return Object.values(details).flatMap((list) => list.map((d) => d.description));
  return [String(error.body.description ?? error.body.error)];
}

/** The web form at /hc/{locale}/requests/new: server-rendered, with a script for the spam check. */
export async function registerFormRoutes(app: HttpApp, deps: FormRoutesDeps) {
  const { portal, sessions, clock } = deps;
  const spent = createSpentChallenges();

  async function render(
    reply: FastifyReply,
    ctx: PortalContext,
    status: number,
    values: FormValues = {},
    errors: string[] = [],
  ) {
    const settings = await portal.settings();
    if (!settings.anyone_can_submit && !ctx.user) return sendPage(reply, status, closedFormPage(ctx));
    const challenge = issueChallenge(deps.secret(), settings.proof_of_work_bits, clock.now());
    const fields = await portal.customerFields();
    const view = { fields, values, errors, challenge, powBits: settings.proof_of_work_bits };
    return sendPage(reply, status, requestFormPage(ctx, view));
  }

  function localeOr404(request: FastifyRequest, reply: FastifyReply): PortalLocale | null {
    const locale = portalLocale((request.params as { locale: string }).locale);
    if (!locale) void reply.redirect('/hc/en-us/requests/new', 302);
    return locale;
  }

  app.get(
    '/hc/assets/portal-form.js',
    { config: { access: 'public' }, schema: { hide: true } },
    async (_request, reply) =>
      reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(FORM_SCRIPT),
  );

  await app.register(async (plugin) => {
    const forms = plugin as unknown as HttpApp;
    acceptForms(forms);
    forms.get(
      '/hc/:locale/requests/new',
      { config: { access: 'public', sessionCookie: false }, schema: { hide: true, params: localeParams } },
      async (request, reply) => {
        const locale = localeOr404(request, reply);
        if (!locale) return reply;
        deps.onFormShown?.(request, reply);
        return render(reply, portalContext(locale, await sessions.actor(request)), 200);
      },
    );

    forms.post(
      '/hc/:locale/requests/new',
      {
        config: { access: 'public', sessionCookie: false },
        schema: { hide: true, params: localeParams },
        bodyLimit: FORM_BODY_LIMIT,
      },
      async (request, reply) => {
        const locale = localeOr404(request, reply);
        if (!locale) return reply;
        const form = (request.body ?? { fields: {}, files: [] }) as FormBody;
        const values = form.fields ?? {};
        const actor = await sessions.formActor(request, values._csrf);
        const ctx = portalContext(locale, actor);
        const problems = await check(ctx, actor, form);
        if (problems) return render(reply, ctx, problems.status, values, problems.errors);
        const fields = await portal.customerFields();
        const customFields = fields
          .filter((f) => (values[`cf_${f.id}`] ?? '') !== '')
          .map((f) => {
            const raw = values[`cf_${f.id}`]!;
            const value = f.type === 'checkbox' ? raw === 'true' : f.type === 'integer' ? Number(raw) : raw;
            return { id: f.id, value };
          });
        try {
          const email = actor?.user.email ?? values.email!.trim();
          const written = await deps.requests.create(
            actor,
            {
              subject: values.subject!.trim(),
              body: values.description!,
              files: form.files,
              customFields,
              requester: actor
                ? undefined
                : { name: values.name!.trim(), email, locale: USER_LOCALE[locale] },
              channel: 'web',
            },
            request.ip,
          );
          await deps.onSubmitted?.(request, written.ticket.id);
          return sendPage(reply, 201, thanksPage(ctx, written.ticket.id, email));
        } catch (error) {
          if (!(error instanceof HttpError)) throw error;
          if (error.statusCode === 429) return render(reply, ctx, 429, values, [ctx.t.tooMany]);
          if (error.statusCode === 401) return sendPage(reply, 403, closedFormPage(ctx));
          return render(reply, ctx, error.statusCode, values, messagesOf(error));
        }
      },
    );
  });

  /** Spam checks, then what a person can fix; null when the form may go to the service. */
  async function check(ctx: PortalContext, actor: Actor | null, form: FormBody) {
    const { t } = ctx;
    const values = form.fields ?? {};
    if ((values.fl_website ?? '') !== '') return { status: 422, errors: [t.spamTrap] };
    const settings = await portal.settings();
    if (settings.proof_of_work_bits > 0) {
      const now = clock.now();
      const pow = checkProofOfWork(
        deps.secret(),
        { challenge: values.pow_challenge, nonce: values.pow_nonce },
        now,
      );
      if (pow.verdict === 'too_soon') return { status: 422, errors: [t.powTooSoon] };
      if (pow.verdict !== 'ok' || (pow.challenge && pow.challenge.bits < settings.proof_of_work_bits))
        return { status: 422, errors: [t.powMissing] };
      if (!spent.spend(pow.challenge!, now)) return { status: 422, errors: [t.powMissing] };
    }
    const errors: string[] = [];
    const need = (key: string, label: string, max: number) => {
      const value = (values[key] ?? '').trim();
      if (!value) errors.push(fill(t.required, { field: label }));
      else if (value.length > max) errors.push(fill(t.tooLong, { field: label }));
    };
    if (!actor) {
      need('name', t.yourName, 255);
      const email = (values.email ?? '').trim();
      if (!email) errors.push(fill(t.required, { field: t.yourEmail }));
      else if (!EMAIL.safeParse(email).success) errors.push(t.invalidEmail);
    }
    need('subject', t.subject, 500);
    need('description', t.description, 65_536);
    for (const field of await portal.customerFields())
      if (field.required && (values[`cf_${field.id}`] ?? '').trim() === '')
        errors.push(fill(t.required, { field: field.title }));
    if (form.files.length > MAX_FORM_FILES) errors.push(fill(t.tooManyFiles, { n: MAX_FORM_FILES }));
    return errors.length ? { status: 422, errors } : null;
  }
}
