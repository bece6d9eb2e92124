import rateLimit from '@fastify/rate-limit';
import { id, idParams } from '@frontline/contracts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Executor } from '../../db/executor.js';
import type { User } from '../../db/schema.js';
import { actorOf } from '../../platform/auth/actor.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { iso, isoOrNull } from '../../platform/http/iso-time.js';
import { baseUrl } from '../../platform/http/pagination.js';
import type { HttpApp } from '../../platform/http/server.js';
import { selfUserJson, userJson } from '../people/index.js';
import { SESSION_COOKIE } from './auth.hooks.js';
import { createAuthRepository } from './auth.repository.js';
import type { AuthService } from './auth.service.js';
import type { SignInGuard } from './failed-logins.js';

export type AuthRoutesDeps = {
  auth: AuthService;
  db: Executor;
  secureCookies: boolean;
  loginRateLimitPerMinute: number;
  /** Failed sign-ins per address and per address and email, shared with the API's Basic auth. */
  signIns?: SignInGuard | undefined;
  publicUrl?: string | undefined;
};

const tokenJson = (
  t: {
    id: number;
    token_hint: string;
    description: string;
    owner_id: number;
    acts_as_any_user: boolean;
    active: boolean;
    created_at: Date;
    last_used_at: Date | null;
  },
  base: string,
) => ({
  id: t.id,
  url: `${base}/api/v2/api_tokens/${t.id}.json`,
  token: `…${t.token_hint}`,
  description: t.description,
  owner_id: t.owner_id,
  acts_as_any_user: t.acts_as_any_user,
  active: t.active,
  created_at: iso(t.created_at),
  last_used_at: isoOrNull(t.last_used_at),
});

/** The signed-in user as they see themselves: an end-user never sees the agents' notes about them. */
const sessionUserJson = (user: User, base: string) =>
  user.role === 'end-user' ? selfUserJson(user, base) : userJson(user, base);

export async function registerAuthRoutes(app: HttpApp, deps: AuthRoutesDeps) {
  const { auth } = deps;
  const tokens = createAuthRepository(deps.db);

  await app.register(async (plugin) => {
    const scoped = plugin.withTypeProvider<ZodTypeProvider>();
    await scoped.register(rateLimit, {
      max: deps.loginRateLimitPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) =>
        `${request.ip}:${String((request.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
      hook: 'preHandler',
    });
    scoped.post(
      '/auth/login',
      {
        config: { access: 'public' },
        schema: {
          body: z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(200) }),
        },
      },
      async (request, reply) => {
        const { email, password } = request.body;
        deps.signIns?.check(request.ip, email);
        const result = await auth.login(email, password, {
          userAgent: request.headers['user-agent'] ?? '',
          ip: request.ip,
        });
        if (!result) {
          deps.signIns?.fail(request.ip, email);
          return reply
            .code(401)
            .send({ error: "Couldn't authenticate you", description: 'Wrong email or password' });
        }
        reply.setCookie(SESSION_COOKIE, result.sessionId, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.secureCookies,
          signed: true,
          maxAge: 12 * 60 * 60,
        });
        return {
          user: sessionUserJson(result.user, baseUrl(request, deps.publicUrl)),
          csrf_token: result.csrfToken,
        };
      },
    );
  });

  app.post('/auth/logout', { config: { access: 'public' } }, async (request, reply) => {
    const cookie = request.cookies[SESSION_COOKIE];
    const unsigned = cookie ? request.unsignCookie(cookie) : null;
    if (unsigned?.valid && unsigned.value) await auth.logout(unsigned.value);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/auth/session', { config: { access: 'user' } }, async (request) => {
    const actor = actorOf(request);
    return {
      user: sessionUserJson(actor.user, baseUrl(request, deps.publicUrl)),
      csrf_token: actor.csrfToken ?? null,
      group_ids: actor.groupIds,
    };
  });

  // API tokens, in Zendesk's shape. The token itself is shown once, on create.
  app.get('/api/v2/api_tokens', { config: { access: 'admin' } }, async (request) => ({
    api_tokens: (await tokens.listTokens()).map((t) => tokenJson(t, baseUrl(request, deps.publicUrl))),
  }));

  app.get(
    '/api/v2/api_tokens/:id',
    { config: { access: 'admin' }, schema: { params: idParams } },
    async (request) => {
      const token = await tokens.findTokenById(request.params.id);
      if (!token) throw new NotFoundError();
      return { api_token: tokenJson(token, baseUrl(request, deps.publicUrl)) };
    },
  );

  app.post(
    '/api/v2/api_tokens',
    {
      config: { access: 'admin' },
      schema: {
        body: z.object({
          api_token: z.object({
            description: z.string().trim().max(255).default(''),
            user_id: id.optional().describe('Frontline: a personal token that acts only as this user'),
          }),
        }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { description, user_id } = request.body.api_token;
      const { token, record } = await auth.createToken({
        ownerId: user_id ?? actor.user.id,
        description,
        actsAsAnyUser: user_id === undefined,
      });
      return reply
        .code(201)
        .send({ api_token: { ...tokenJson(record, baseUrl(request, deps.publicUrl)), token } });
    },
  );

  app.put(
    '/api/v2/api_tokens/:id',
    {
      config: { access: 'admin' },
      schema: {
        params: idParams,
        body: z.object({
          api_token: z.object({
            description: z.string().max(255).optional(),
            active: z.boolean().optional(),
          }),
        }),
      },
    },
    async (request) => {
      const token = await tokens.updateToken(request.params.id, request.body.api_token);
      if (!token) throw new NotFoundError();
      return { api_token: tokenJson(token, baseUrl(request, deps.publicUrl)) };
    },
  );

  app.delete(
    '/api/v2/api_tokens/:id',
    { config: { access: 'admin' }, schema: { params: idParams } },
    async (request, reply) => {
      const result = await tokens.deleteToken(request.params.id);
      if (!result.numDeletedRows) throw new NotFoundError();
      return reply.code(204).send();
    },
  );
}
