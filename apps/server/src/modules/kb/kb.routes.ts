import { idParams } from '@frontline/contracts';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { actorOf } from '../../platform/auth/actor.js';
import { InvalidError, NotFoundError } from '../../platform/http/errors.js';
import { baseUrl, offsetEnvelope } from '../../platform/http/pagination.js';
import type { HttpApp } from '../../platform/http/server.js';
import { articleJson, containerJson, resultJson, translationJson } from './kb.presenter.js';
import type { KbRepository } from './kb.repository.js';
import {
  articleBody,
  containerBody,
  idLocaleParams,
  pageQuery,
  searchQuery,
  suggestionsQuery,
  translationBody,
} from './kb.schemas.js';
import { type KbService, viewerOf } from './kb.service.js';
import type { KbArticlesService } from './kb-articles.service.js';
import { kbSessionKey, localeOf } from './kb-http.js';
import { DEFAULT_LOCALE } from './kb-locale.js';

export type KbRoutesDeps = {
  content: KbService;
  articles: KbArticlesService;
  kb: KbRepository;
  publicUrl?: string | undefined;
};

const PREFIXES = ['/api/v2/help_center', '/api/v2/help_center/:locale'];
const publicRead = { access: 'public' as const };
const agent = { access: 'agent' as const };
const PLURAL = { category: 'categories', section: 'sections' } as const;

/** Zendesk Guide's content API: public reads through the visibility rule, agent writes. */
export function registerKbRoutes(app: HttpApp, { content, articles, kb, publicUrl }: KbRoutesDeps) {
  const base = (request: FastifyRequest) => baseUrl(request, publicUrl);
  const paging = (q: { page?: number | undefined; per_page?: number | undefined }) => ({
    page: q.page ?? 1,
    perPage: q.per_page ?? 30,
  });
  const list = async (
    request: FastifyRequest,
    filter: { sectionId?: number; categoryId?: number },
    q: z.infer<typeof pageQuery>,
  ) => {
    const p = paging(q);
    const label = q.label_names?.split(',')[0]?.trim();
    const result = await articles.list(
      viewerOf(request.actor),
      localeOf(request),
      { ...filter, ...(label ? { label } : {}) },
      p,
    );
    return {
      articles: result.rows.map((a) => articleJson(a, base(request))),
      page: p.page,
      per_page: p.perPage,
      page_count: Math.ceil(result.count / p.perPage),
      ...offsetEnvelope(request, base(request), p, result.count),
    };
  };

  for (const prefix of PREFIXES) {
    for (const type of ['category', 'section'] as const) {
      const plural = PLURAL[type];
      app.get(
        `${prefix}/${plural}`,
        { config: publicRead, schema: { querystring: pageQuery } },
        async (request) => ({
          [plural]: (await content.containers(type, localeOf(request))).map((c) =>
            containerJson(type, c, base(request)),
          ),
        }),
      );
      app.get(
        `${prefix}/${plural}/:id`,
        { config: publicRead, schema: { params: idLocaleParams } },
        async (request) => ({
          [type]: containerJson(
            type,
            await content.container(type, request.params.id, localeOf(request)),
            base(request),
          ),
        }),
      );
      app.put(
        `${prefix}/${plural}/:id`,
        { config: agent, schema: { params: idLocaleParams, body: containerBody(type) } },
        async (request) => ({
          [type]: containerJson(
            type,
            await content.updateContainer(
              type,
              request.params.id,
              request.body[type] ?? {},
              actorOf(request),
              localeOf(request),
            ),
            base(request),
          ),
        }),
      );
      app.delete(
        `${prefix}/${plural}/:id`,
        { config: agent, schema: { params: idLocaleParams } },
        async (request, reply) => {
          await content.deleteContainer(type, request.params.id);
          return reply.code(204).send();
        },
      );
    }
    app.post(
      `${prefix}/categories`,
      { config: agent, schema: { body: containerBody('category') } },
      async (request, reply) => {
        const made = await content.createContainer(
          'category',
          withLocale(request.body.category, request),
          actorOf(request),
        );
        return reply.code(201).send({ category: containerJson('category', made, base(request)) });
      },
    );
    app.get(
      `${prefix}/categories/:id/sections`,
      { config: publicRead, schema: { params: idLocaleParams } },
      async (request) => {
        await content.container('category', request.params.id, null);
        return {
          sections: (await content.containers('section', localeOf(request), request.params.id)).map((c) =>
            containerJson('section', c, base(request)),
          ),
        };
      },
    );
    app.post(
      `${prefix}/categories/:id/sections`,
      { config: agent, schema: { params: idLocaleParams, body: containerBody('section') } },
      async (request, reply) => {
        const made = await content.createContainer(
          'section',
          withLocale(request.body.section, request),
          actorOf(request),
          request.params.id,
        );
        return reply.code(201).send({ section: containerJson('section', made, base(request)) });
      },
    );
    app.get(
      `${prefix}/categories/:id/articles`,
      { config: publicRead, schema: { params: idLocaleParams, querystring: pageQuery } },
      async (request) => {
        await content.container('category', request.params.id, null);
        return list(request, { categoryId: request.params.id }, request.query);
      },
    );
    app.get(
      `${prefix}/sections/:id/articles`,
      { config: publicRead, schema: { params: idLocaleParams, querystring: pageQuery } },
      async (request) => {
        await content.container('section', request.params.id, null);
        return list(request, { sectionId: request.params.id }, request.query);
      },
    );
    app.post(
      `${prefix}/sections/:id/articles`,
      { config: agent, schema: { params: idLocaleParams, body: articleBody } },
      async (request, reply) => {
        const made = await articles.create(
          request.params.id,
          withLocale(request.body.article, request),
          actorOf(request),
        );
        return reply
          .code(201)
          .header('location', articleJson(made, base(request)).url)
          .send({ article: articleJson(made, base(request)) });
      },
    );
    app.get(
      `${prefix}/articles`,
      { config: publicRead, schema: { querystring: pageQuery } },
      async (request) => list(request, {}, request.query),
    );

    app.get(
      `${prefix}/articles/search`,
      { config: publicRead, schema: { querystring: searchQuery } },
      async (request) => {
        const p = paging(request.query);
        const locale = localeOf(request);
        const actor = request.actor;
        const found = await articles.search(request.query.query, viewerOf(actor), locale, p, {
          source: actor && actor.user.role !== 'end-user' ? null : 'api',
          sessionKey: kbSessionKey(request),
          userId: actor?.user.id ?? null,
        });
        return {
          results: found.rows.map((a) => resultJson(a, base(request), request.query.query)),
          page: p.page,
          per_page: p.perPage,
          page_count: Math.ceil(found.count / p.perPage),
          search_id: found.searchId,
          ...offsetEnvelope(request, base(request), p, found.count),
        };
      },
    );
    app.get(
      `${prefix}/articles/suggestions`,
      { config: publicRead, schema: { querystring: suggestionsQuery } },
      async (request) => {
        const actor = request.actor;
        const staff = !!actor && actor.user.role !== 'end-user';
        const found = await articles.suggest(
          request.query.query,
          viewerOf(actor),
          localeOf(request),
          request.query.per_page ?? 5,
          {
            source: staff || request.query.source === 'agent' ? null : (request.query.source ?? 'web_form'),
            sessionKey: kbSessionKey(request),
            userId: actor?.user.id ?? null,
          },
        );
        const results = found.rows.map((a) => resultJson(a, base(request), request.query.query));
        return { results, count: results.length, search_id: found.searchId };
      },
    );

    app.get(
      `${prefix}/articles/:id`,
      { config: publicRead, schema: { params: idLocaleParams } },
      async (request) => {
        const actor = request.actor;
        const row = await articles.readable(request.params.id, localeOf(request), viewerOf(actor, true));
        return { article: articleJson(row, base(request)) };
      },
    );
    app.put(
      `${prefix}/articles/:id`,
      { config: agent, schema: { params: idLocaleParams, body: articleBody } },
      async (request) => ({
        article: articleJson(
          await articles.update(request.params.id, request.body.article, actorOf(request), localeOf(request)),
          base(request),
        ),
      }),
    );
    app.delete(
      `${prefix}/articles/:id`,
      { config: agent, schema: { params: idLocaleParams } },
      async (request, reply) => {
        await articles.archive(request.params.id);
        return reply.code(204).send();
      },
    );
  }

  // Translations: /articles|sections|categories/{id}/translations[/{locale}] (agents).
  for (const type of ['article', 'section', 'category'] as const) {
    const path = `/api/v2/help_center/${type === 'category' ? 'categories' : `${type}s`}/:id/translations`;
    const exists = async (id: number) => {
      if (type === 'article') {
        if (!(await kb.article(id, null))) throw new NotFoundError(`No article with id ${id}`);
      } else await content.container(type, id, null);
    };
    app.get(path, { config: agent, schema: { params: idParams } }, async (request) => {
      await exists(request.params.id);
      return {
        translations: (await kb.translations(type, request.params.id)).map((t) =>
          translationJson(t, base(request)),
        ),
      };
    });
    app.get(`${path}/:locale`, { config: agent, schema: { params: idLocaleParams } }, async (request) => {
      const found = await kb.translation(type, request.params.id, localeOf(request) ?? DEFAULT_LOCALE);
      if (!found) throw new NotFoundError('No translation in that locale');
      return { translation: translationJson(found, base(request)) };
    });
    const save = (create: boolean) => async (request: FastifyRequest) => {
      const params = request.params as { id: number };
      await exists(params.id);
      const t = (request.body as z.infer<typeof translationBody>).translation;
      const locale = create ? t.locale : (localeOf(request) ?? t.locale);
      if (!locale) throw InvalidError.field('locale', 'is required');
      const current = await kb.translation(type, params.id, locale);
      if (create && current)
        throw InvalidError.field('locale', `already has a ${locale} translation; update it with PUT`);
      if (!create && !current) throw new NotFoundError('No translation in that locale');
      const title = t.title ?? current?.title;
      if (!title) throw InvalidError.field('title', 'cannot be blank');
      const saved = await content.saveTranslation(
        type,
        params.id,
        {
          locale,
          title,
          body: t.body ?? current?.body ?? '',
          draft: t.draft ?? current?.draft ?? false,
          outdated: t.outdated,
        },
        actorOf(request).user.id,
      );
      return { translation: translationJson(saved, base(request)) };
    };
    app.post(
      path,
      { config: agent, schema: { params: idParams, body: translationBody } },
      async (request, reply) => reply.code(201).send(await save(true)(request)),
    );
    app.put(
      `${path}/:locale`,
      { config: agent, schema: { params: idLocaleParams, body: translationBody } },
      save(false),
    );
  }
}

/** A locale in the path (`/help_center/zh-cn/…`) is the new item's locale unless the body names one. */
function withLocale<T extends { locale?: string | undefined }>(
  input: T | undefined,
  request: FastifyRequest,
): T {
  const locale = localeOf(request);
  return { ...(input ?? ({} as T)), ...(input?.locale === undefined && locale ? { locale } : {}) };
}
