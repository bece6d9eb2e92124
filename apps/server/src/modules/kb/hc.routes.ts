import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../platform/http/errors.js';
import { baseUrl } from '../../platform/http/pagination.js';
import type { HttpApp } from '../../platform/http/server.js';
import { HC_CSP, hcContext } from './hc-layout.js';
import {
  articlePage,
  categoryPage,
  homePage,
  notFoundPage,
  searchPage,
  sectionPage,
  sitemapXml,
} from './hc-pages.js';
import type { ThemeStore } from './hc-theme.js';
import type { KbRepository } from './kb.repository.js';
import type { KbService } from './kb.service.js';
import { viewerOf } from './kb.service.js';
import type { KbAnalyticsService } from './kb-analytics.service.js';
import type { KbArticlesService } from './kb-articles.service.js';
import { kbSessionKey, voterOf } from './kb-http.js';
import {
  DEFAULT_LOCALE,
  type HcLocale,
  isHcLocale,
  localeFromAcceptLanguage,
  normalizeLocale,
} from './kb-locale.js';
import { MAX_QUERY_LENGTH } from './kb-search-plan.js';
import { canReadArticle } from './kb-visibility.js';

export type HelpCenterDeps = {
  content: KbService;
  articles: KbArticlesService;
  analytics: KbAnalyticsService;
  kb: KbRepository;
  themes: ThemeStore;
  publicUrl?: string | undefined;
  perMinute: number;
};

const open = { access: 'public' as const };
/** `123` or Zendesk's `123-how-to-reset` slugs. */
const slugId = z
  .string()
  .regex(/^\d{1,15}(-[^/]*)?$/, 'must be an article id')
  .transform((s) => Number.parseInt(s, 10));
const pageParams = z.object({ locale: z.string().max(20), id: slugId });
const searchQuery = z.object({ query: z.string().trim().max(MAX_QUERY_LENGTH).optional() });

/**
 * The public help center at /hc/{locale}: server-rendered, no client script, themed from
 * settings. Every read goes through the same visibility rule as the API. Limited per
 * visitor address, like /api.
 */
export async function registerHelpCenterRoutes(app: HttpApp, deps: HelpCenterDeps) {
  const { content, articles, analytics, kb } = deps;
  await app.register(async (plugin) => {
    const hc = plugin.withTypeProvider<ZodTypeProvider>();
    await hc.register(rateLimit, {
      max: deps.perMinute,
      timeWindow: 60_000,
      keyGenerator: (r) => `hc:${r.ip}`,
    });
    hc.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_r, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    const ctxOf = async (request: FastifyRequest, locale: HcLocale) =>
      hcContext(locale, baseUrl(request, deps.publicUrl), await deps.themes.get());
    const send = (reply: FastifyReply, html: string, status = 200) =>
      reply
        .code(status)
        .type('text/html; charset=utf-8')
        .headers({
          'content-security-policy': HC_CSP,
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'same-origin',
          'cache-control': 'no-cache',
        })
        .send(html);

    /** The page's locale, or a redirect to the right spelling / the visitor's language. */
    const localeOr = (request: FastifyRequest, reply: FastifyReply, raw: string): HcLocale | null => {
      if (isHcLocale(raw)) return raw;
      const normalized = normalizeLocale(raw);
      const target =
        normalized && isHcLocale(normalized)
          ? normalized
          : localeFromAcceptLanguage(request.headers['accept-language']);
      const rest = request.url.slice(`/hc/${encodeURI(raw)}`.length);
      void reply.redirect(`/hc/${target}${rest.startsWith('/') || rest.startsWith('?') ? rest : ''}`, 302);
      return null;
    };
    /** Runs a page; a missing or unreadable item is the same HTML 404. */
    const render = async (
      request: FastifyRequest,
      reply: FastifyReply,
      raw: string,
      build: (locale: HcLocale) => Promise<string>,
    ) => {
      const locale = localeOr(request, reply, raw);
      if (!locale) return reply;
      try {
        return send(reply, await build(locale));
      } catch (error) {
        if (error instanceof NotFoundError)
          return send(reply, notFoundPage(await ctxOf(request, locale)), 404);
        throw error;
      }
    };

    hc.get('/hc', { config: open, schema: { hide: true } }, async (request, reply) =>
      reply.redirect(`/hc/${localeFromAcceptLanguage(request.headers['accept-language'])}`, 302),
    );

    hc.get('/hc/sitemap.xml', { config: open, schema: { hide: true } }, async (request, reply) =>
      reply
        .type('application/xml; charset=utf-8')
        .send(sitemapXml(baseUrl(request, deps.publicUrl), await kb.sitemap())),
    );

    hc.get(
      '/hc/:locale',
      { config: open, schema: { hide: true, params: z.object({ locale: z.string().max(20) }) } },
      async (request, reply) =>
        render(request, reply, request.params.locale, async (locale) => {
          const [categories, sections] = await Promise.all([
            content.containers('category', locale),
            content.containers('section', locale),
          ]);
          return homePage(await ctxOf(request, locale), categories, sections);
        }),
    );

    hc.get(
      '/hc/:locale/categories/:id',
      { config: open, schema: { hide: true, params: pageParams } },
      async (request, reply) =>
        render(request, reply, request.params.locale, async (locale) => {
          const category = await content.container('category', request.params.id, locale);
          const sections = await content.containers('section', locale, category.id);
          const list = await articles.list(
            viewerOf(request.actor),
            locale,
            { categoryId: category.id },
            { page: 1, perPage: 100 },
          );
          return categoryPage(await ctxOf(request, locale), category, sections, list.rows);
        }),
    );

    hc.get(
      '/hc/:locale/sections/:id',
      { config: open, schema: { hide: true, params: pageParams } },
      async (request, reply) =>
        render(request, reply, request.params.locale, async (locale) => {
          const section = await content.container('section', request.params.id, locale);
          const [category] = await content
            .containers('category', locale)
            .then((all) => all.filter((c) => c.id === section.parent_id));
          const list = await articles.list(
            viewerOf(request.actor),
            locale,
            { sectionId: section.id },
            { page: 1, perPage: 100 },
          );
          return sectionPage(await ctxOf(request, locale), section, category, list.rows);
        }),
    );

    hc.get(
      '/hc/:locale/articles/:id',
      {
        config: open,
        schema: {
          hide: true,
          params: pageParams,
          querystring: z.object({ voted: z.enum(['up', 'down']).optional() }),
        },
      },
      async (request, reply) =>
        render(request, reply, request.params.locale, async (locale) => {
          const row = await kb.articlePage(request.params.id, locale);
          if (!row || !canReadArticle({ draft: row.draft, segment: row.segment }, viewerOf(request.actor)))
            throw new NotFoundError();
          await kb.countView(row.id);
          return articlePage(await ctxOf(request, locale), row, request.query.voted ?? null);
        }),
    );

    hc.post(
      '/hc/:locale/articles/:id/vote',
      {
        config: open,
        schema: { hide: true, params: pageParams, body: z.object({ value: z.enum(['up', 'down']) }) },
      },
      async (request, reply) => {
        const locale = localeOr(request, reply, request.params.locale);
        if (!locale) return reply;
        const { voter, userId } = voterOf(request, reply);
        try {
          await articles.vote(
            request.params.id,
            request.body.value === 'up' ? 1 : -1,
            viewerOf(request.actor),
            voter,
            userId,
          );
        } catch (error) {
          if (error instanceof NotFoundError)
            return send(reply, notFoundPage(await ctxOf(request, locale)), 404);
          throw error;
        }
        return reply.redirect(`/hc/${locale}/articles/${request.params.id}?voted=${request.body.value}`, 303);
      },
    );

    hc.get(
      '/hc/:locale/search',
      {
        config: open,
        schema: { hide: true, params: z.object({ locale: z.string().max(20) }), querystring: searchQuery },
      },
      async (request, reply) =>
        render(request, reply, request.params.locale, async (locale) => {
          const query = request.query.query ?? '';
          const ctx = await ctxOf(request, locale);
          if (!query) return searchPage(ctx, '', [], 0, null);
          const found = await articles.search(
            query,
            viewerOf(request.actor),
            locale,
            { page: 1, perPage: 25 },
            {
              source: 'help_center',
              sessionKey: kbSessionKey(request, reply),
              userId: request.actor?.user.id ?? null,
            },
          );
          return searchPage(ctx, query, found.rows, found.count, found.searchId);
        }),
    );

    hc.get(
      '/hc/:locale/search/click',
      {
        config: open,
        schema: {
          hide: true,
          params: z.object({ locale: z.string().max(20) }),
          querystring: z.object({ search_id: slugId, article_id: slugId }),
        },
      },
      async (request, reply) => {
        await analytics.recordClick(request.query.search_id, request.query.article_id);
        const locale = isHcLocale(request.params.locale) ? request.params.locale : DEFAULT_LOCALE;
        return reply.redirect(`/hc/${locale}/articles/${request.query.article_id}`, 302);
      },
    );
  });
}
