import { id } from '@frontline/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { HttpError } from '../../platform/http/errors.js';
import { baseUrl } from '../../platform/http/pagination.js';
import type { HttpApp } from '../../platform/http/server.js';
import type { AuthService } from '../auth/index.js';
import type { TicketsModule } from '../tickets/index.js';
import { FORM_BODY_LIMIT } from './form.routes.js';
import { acceptForms, type FormBody } from './form-body.js';
import { confirmLinkPage, requestListPage, requestPage, signInPage } from './portal.pages.js';
import { type PortalContext, portalContext, sendPage } from './portal-layout.js';
import type { PortalSessions } from './portal-session.js';
import { fill, type PortalLocale, portalLocale } from './portal-strings.js';
import type { RequestsService } from './requests.service.js';
import type { SignInLinks } from './sign-in-links.js';
import type { SubmissionGuard } from './submission-limits.js';

export type PortalRoutesDeps = {
  requests: RequestsService;
  tickets: TicketsModule;
  links: SignInLinks;
  sessions: PortalSessions;
  auth: AuthService;
  passwordLimit: SubmissionGuard;
  publicUrl?: string | undefined;
};

const page = { access: 'public' as const, sessionCookie: false };
const localeParams = z.object({ locale: z.string().max(20) });
const requestParams = localeParams.extend({ id });
const tokenParams = localeParams.extend({ token: z.string().max(80) });
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Customer portal pages: magic-link and password sign-in, my requests, one request with replies. */
export async function registerPortalRoutes(app: HttpApp, deps: PortalRoutesDeps) {
  const { sessions, requests, tickets } = deps;

  /** Where a mailed link points: PUBLIC_URL, or this request's origin only when it is loopback (dev). */
  function linkBase(request: FastifyRequest) {
    if (deps.publicUrl) return deps.publicUrl.replace(/\/$/, '');
    const base = baseUrl(request);
    return LOOPBACK.has(new URL(base).hostname) ? base : null;
  }

  const localeOf = (request: FastifyRequest): PortalLocale =>
    portalLocale((request.params as { locale: string }).locale) ?? 'en-us';

  async function signedIn(request: FastifyRequest, reply: FastifyReply, csrf?: string) {
    const actor =
      csrf === undefined ? await sessions.actor(request) : await sessions.formActor(request, csrf);
    if (!actor) void reply.redirect(`/hc/${localeOf(request)}/signin`, 303);
    return actor;
  }

  async function showRequest(
    reply: FastifyReply,
    request: FastifyRequest,
    ctx: PortalContext,
    actor: Actor,
    ticketId: number,
    extra: { status?: number; errors?: string[]; values?: Record<string, string> } = {},
  ) {
    const base = baseUrl(request, deps.publicUrl);
    const row = await requests.show(actor, ticketId);
    const comments = await tickets.view.comments(await requests.comments(actor, ticketId), base);
    const [ticket] = await tickets.view.tickets([row], base);
    const users = await tickets.store.users.findManyByIds([...new Set(comments.map((c) => c.author_id))]);
    const authors = new Map(users.map((u) => [u.id, u.name]));
    return sendPage(
      reply,
      extra.status ?? 200,
      requestPage(ctx, { ticket: ticket!, comments, authors, ...extra }),
    );
  }

  await app.register(async (plugin) => {
    const hc = plugin as unknown as HttpApp;
    acceptForms(hc);
    const fieldsOf = (request: FastifyRequest) =>
      ((request.body as FormBody | undefined)?.fields ?? {}) as Record<string, string>;

    hc.get(
      '/hc/:locale/signin',
      { config: page, schema: { hide: true, params: localeParams } },
      async (request, reply) =>
        sendPage(reply, 200, signInPage(portalContext(localeOf(request), await sessions.actor(request)))),
    );

    hc.post(
      '/hc/:locale/signin/link',
      { config: page, schema: { hide: true, params: localeParams } },
      async (request, reply) => {
        const locale = localeOf(request);
        const ctx = portalContext(locale, null);
        const email = (fieldsOf(request).email ?? '').trim().slice(0, 254);
        if (!z.email().safeParse(email).success)
          return sendPage(reply, 422, signInPage(ctx, { email, errors: [ctx.t.invalidEmail] }));
        const base = linkBase(request);
        try {
          if (base) await deps.links.request(email, locale, base, request.ip);
          else request.log.warn('PUBLIC_URL is not set: sign-in links are mailed only for loopback hosts');
        } catch (error) {
          if (error instanceof HttpError && error.statusCode === 429)
            return sendPage(reply, 429, signInPage(ctx, { email, errors: [ctx.t.tooMany] }));
          throw error;
        }
        return sendPage(reply, 200, signInPage(ctx, { email, notice: fill(ctx.t.linkSent, { email }) }));
      },
    );

    hc.get(
      '/hc/:locale/signin/link/:token',
      { config: page, schema: { hide: true, params: tokenParams } },
      async (request, reply) => {
        const ctx = portalContext(localeOf(request), null);
        const user = await deps.links.peek(request.params.token);
        if (!user) return sendPage(reply, 410, signInPage(ctx, { errors: [ctx.t.linkInvalid] }));
        return sendPage(reply, 200, confirmLinkPage(ctx, request.params.token, user.email!));
      },
    );

    hc.post(
      '/hc/:locale/signin/link/:token',
      { config: page, schema: { hide: true, params: tokenParams } },
      async (request, reply) => {
        const locale = localeOf(request);
        const user = await deps.links.use(request.params.token);
        if (!user) {
          const ctx = portalContext(locale, null);
          return sendPage(reply, 410, signInPage(ctx, { errors: [ctx.t.linkInvalid] }));
        }
        await sessions.startFor(reply, user, {
          userAgent: request.headers['user-agent'] ?? '',
          ip: request.ip,
        });
        return reply.redirect(`/hc/${locale}/requests`, 303);
      },
    );

    hc.post(
      '/hc/:locale/signin/password',
      { config: page, schema: { hide: true, params: localeParams } },
      async (request, reply) => {
        const locale = localeOf(request);
        const ctx = portalContext(locale, null);
        const { email = '', password = '' } = fieldsOf(request);
        try {
          deps.passwordLimit.take(request.ip, email);
        } catch {
          return sendPage(reply, 429, signInPage(ctx, { email, errors: [ctx.t.tooMany] }));
        }
        const result =
          email && password
            ? await deps.auth.login(email.slice(0, 254), password.slice(0, 200), {
                userAgent: request.headers['user-agent'] ?? '',
                ip: request.ip,
              })
            : null;
        if (!result) return sendPage(reply, 401, signInPage(ctx, { email, errors: [ctx.t.wrongPassword] }));
        sessions.start(reply, result.sessionId);
        return reply.redirect(`/hc/${locale}/requests`, 303);
      },
    );

    hc.post(
      '/hc/:locale/signout',
      { config: page, schema: { hide: true, params: localeParams } },
      async (request, reply) => {
        await sessions.formActor(request, fieldsOf(request)._csrf);
        await sessions.end(request, reply);
        return reply.redirect(`/hc/${localeOf(request)}`, 303);
      },
    );

    hc.get(
      '/hc/:locale/requests',
      {
        config: page,
        schema: {
          hide: true,
          params: localeParams,
          querystring: z.object({ organization: z.enum(['0', '1']).optional() }),
        },
      },
      async (request, reply) => {
        const actor = await signedIn(request, reply);
        if (!actor) return reply;
        const organizationShared =
          actor.user.ticket_restriction === 'organization' && actor.user.organization_id !== null;
        const organization = organizationShared && request.query.organization === '1';
        const result = await requests.list(
          actor,
          { organization },
          { mode: 'offset', page: 1, perPage: 100 },
        );
        const rows = await tickets.view.tickets(result.rows, baseUrl(request, deps.publicUrl));
        const ctx = portalContext(localeOf(request), actor);
        return sendPage(reply, 200, requestListPage(ctx, { rows, organization, organizationShared }));
      },
    );

    hc.get(
      '/hc/:locale/requests/:id',
      { config: page, schema: { hide: true, params: requestParams } },
      async (request, reply) => {
        const actor = await signedIn(request, reply);
        if (!actor) return reply;
        return showRequest(reply, request, portalContext(localeOf(request), actor), actor, request.params.id);
      },
    );

    hc.post(
      '/hc/:locale/requests/:id',
      { config: page, schema: { hide: true, params: requestParams }, bodyLimit: FORM_BODY_LIMIT },
      async (request, reply) => {
        const form = (request.body ?? { fields: {}, files: [] }) as FormBody;
        const actor = await signedIn(request, reply, form.fields?._csrf ?? '');
        if (!actor) return reply;
        const locale = localeOf(request);
        const ctx = portalContext(locale, actor);
        try {
          await requests.update(
            actor,
            request.params.id,
            { body: form.fields.body, solved: form.fields.solved === 'true' },
            form.files.slice(0, 5),
          );
        } catch (error) {
          if (!(error instanceof HttpError) || error.statusCode !== 422) throw error;
          const details = error.body.details as Record<string, { description: string }[]> | undefined;
          const blank = details?.comment?.[0]?.description.includes('cannot be blank');
          const errors =
            blank || !details
              ? [ctx.t.replyBlank]
              : Object.values(details).flatMap((l) => l.map((d) => d.description));
          return showRequest(reply, request, ctx, actor, request.params.id, {
            status: 422,
            errors,
            values: form.fields,
          });
        }
        return reply.redirect(`/hc/${locale}/requests/${request.params.id}`, 303);
      },
    );
  });
}
