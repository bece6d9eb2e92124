import { idParams } from '@frontline/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { iso } from '../../platform/http/iso-time.js';
import { baseUrl, onePage } from '../../platform/http/pagination.js';
import type { HttpApp } from '../../platform/http/server.js';
import type { ThemeStore } from './hc-theme.js';
import { flagJson, labelJson, permissionGroupJson, segmentJson, voteJson } from './kb.presenter.js';
import type { KbRepository } from './kb.repository.js';
import { clickBody, flagBody, idLocaleParams, segmentBody, themeBody } from './kb.schemas.js';
import { type KbService, viewerOf } from './kb.service.js';
import type { KbAnalyticsService } from './kb-analytics.service.js';
import type { KbArticlesService } from './kb-articles.service.js';
import { voterOf } from './kb-http.js';

export type KbAdminRoutesDeps = {
  content: KbService;
  articles: KbArticlesService;
  analytics: KbAnalyticsService;
  kb: KbRepository;
  clock: Clock;
  themes: ThemeStore;
  publicUrl?: string | undefined;
};

const agent = { access: 'agent' as const };
const admin = { access: 'admin' as const };

/** Segments, permission groups, labels, votes, outdated flags, the knowledge report and the theme. */
export function registerKbAdminRoutes(
  app: HttpApp,
  { content, articles, analytics, kb, clock, themes, publicUrl }: KbAdminRoutesDeps,
) {
  const base = (request: FastifyRequest) => baseUrl(request, publicUrl);
  const hc = '/api/v2/help_center';

  app.get(`${hc}/user_segments`, { config: agent }, async () => {
    const list = await content.segments();
    return { user_segments: list.map(segmentJson), ...onePage(list.length) };
  });
  app.get(`${hc}/user_segments/:id`, { config: agent, schema: { params: idParams } }, async (request) => ({
    user_segment: segmentJson(await content.segment(request.params.id)),
  }));
  app.post(`${hc}/user_segments`, { config: admin, schema: { body: segmentBody } }, async (request, reply) =>
    reply
      .code(201)
      .send({ user_segment: segmentJson(await content.saveSegment(null, request.body.user_segment)) }),
  );
  app.put(
    `${hc}/user_segments/:id`,
    { config: admin, schema: { params: idParams, body: segmentBody } },
    async (request) => ({
      user_segment: segmentJson(await content.saveSegment(request.params.id, request.body.user_segment)),
    }),
  );
  app.delete(
    `${hc}/user_segments/:id`,
    { config: admin, schema: { params: idParams } },
    async (request, reply) => {
      await content.deleteSegment(request.params.id);
      return reply.code(204).send();
    },
  );
  app.get('/api/v2/guide/permission_groups', { config: agent }, async () => {
    const list = await content.permissionGroups();
    return { permission_groups: list.map(permissionGroupJson), ...onePage(list.length) };
  });

  app.get(`${hc}/articles/labels`, { config: agent }, async (request) => {
    const list = await kb.labels();
    return { labels: list.map((l) => labelJson(l, base(request))), ...onePage(list.length) };
  });
  app.get(`${hc}/articles/labels/:id`, { config: agent, schema: { params: idParams } }, async (request) => {
    const found = await kb.label(request.params.id);
    if (!found) throw new NotFoundError(`No label with id ${request.params.id}`);
    return { label: labelJson(found, base(request)) };
  });

  for (const [direction, value] of [
    ['up', 1],
    ['down', -1],
  ] as const) {
    for (const path of [`${hc}/articles/:id/${direction}`, `${hc}/:locale/articles/:id/${direction}`]) {
      app.post(
        path,
        { config: { access: 'user' }, schema: { params: idLocaleParams } },
        async (request, reply) => {
          const { voter, userId } = voterOf(request, reply);
          const vote = await articles.vote(request.params.id, value, viewerOf(request.actor), voter, userId);
          return reply.code(200).send({ vote: voteJson(vote, base(request)) });
        },
      );
    }
  }

  app.get(
    '/api/v2/frontline/kb/articles/:id/versions',
    { config: agent, schema: { params: idParams } },
    async (request) => ({
      versions: (await articles.history(request.params.id)).map((v) => ({
        id: Number(v.id),
        article_id: Number(v.article_id),
        locale: v.locale,
        title: v.title,
        body: v.body,
        author_id: v.author_id === null ? null : Number(v.author_id),
        created_at: iso(v.created_at),
      })),
    }),
  );

  app.post(
    `${hc}/articles/:id/flags`,
    { config: agent, schema: { params: idParams, body: flagBody } },
    async (request, reply) =>
      reply.code(201).send({
        flag: flagJson(
          await analytics.flag(request.params.id, actorOf(request).user.id, request.body?.flag ?? {}),
        ),
      }),
  );
  app.delete(
    `${hc}/articles/:id/flags`,
    { config: agent, schema: { params: idParams } },
    async (request, reply) => {
      await analytics.resolveFlags(request.params.id);
      return reply.code(204).send();
    },
  );
  app.get('/api/v2/frontline/kb/review_queue', { config: agent }, async () => {
    const flags = await analytics.reviewQueue();
    return {
      flags: flags.map((f) => ({ ...flagJson(f), article_title: f.article_title ?? null })),
      count: flags.length,
    };
  });

  // A search result opened: the help center redirects through /hc/…/search/click; API clients post here.
  app.post(
    '/api/v2/frontline/kb/searches/:id/clicks',
    { config: { access: 'public' }, schema: { params: idParams, body: clickBody } },
    async (request, reply) => {
      await analytics.recordClick(request.params.id, request.body.article_id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v2/frontline/knowledge_report',
    {
      config: agent,
      schema: { querystring: z.object({ days: z.coerce.number().int().min(1).max(365).optional() }) },
    },
    async (request) => ({ knowledge_report: await analytics.report(request.query.days ?? 30) }),
  );

  app.get('/api/v2/frontline/help_center/settings', { config: agent }, async () => ({
    help_center: await themes.get(),
  }));
  app.put(
    '/api/v2/frontline/help_center/settings',
    { config: admin, schema: { body: themeBody } },
    async (request) => {
      const changes = Object.fromEntries(
        Object.entries(request.body.help_center).filter(([, v]) => v !== undefined),
      );
      return { help_center: await themes.save(changes, clock.now()) };
    },
  );
}
