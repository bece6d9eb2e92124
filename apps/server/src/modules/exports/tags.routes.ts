import { paginationQuery, tagAutocomplete, tagAutocompleteQuery, tagsPage } from '@frontline/contracts';
import { actorOf } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { baseUrl, offsetEnvelope, pageRequest } from '../../platform/http/pagination.js';
import type { HttpApp } from '../../platform/http/server.js';
import { authorizeTags } from './exports.policy.js';
import type { TagsRepository } from './tags.repository.js';

export type TagRoutesDeps = { tags: TagsRepository; clock: Clock; publicUrl?: string | undefined };

/** As Zendesk: the most popular tags of the last 60 days. */
const POPULAR_WINDOW_MS = 60 * 24 * 60 * 60 * 1000;
const AUTOCOMPLETE_LIMIT = 15;

export function registerTagRoutes(app: HttpApp, { tags, clock, publicUrl }: TagRoutesDeps) {
  app.get(
    '/api/v2/tags',
    { config: { access: 'agent' }, schema: { querystring: paginationQuery, response: { 200: tagsPage } } },
    async (request) => {
      authorizeTags(actorOf(request));
      const requested = pageRequest(request.query);
      // Tags are ranked, not keyed: a cursor request gets the first page of its size.
      const page =
        requested.mode === 'offset'
          ? requested
          : { mode: 'offset' as const, page: 1, perPage: requested.size };
      const since = new Date(clock.now().getTime() - POPULAR_WINDOW_MS);
      const [rows, count] = await Promise.all([
        tags.popular(since, page.perPage, (page.page - 1) * page.perPage),
        tags.distinctCount(since),
      ]);
      return { tags: rows, ...offsetEnvelope(request, baseUrl(request, publicUrl), page, count) };
    },
  );

  app.get(
    '/api/v2/autocomplete/tags',
    {
      config: { access: 'agent' },
      schema: { querystring: tagAutocompleteQuery, response: { 200: tagAutocomplete } },
    },
    async (request) => {
      authorizeTags(actorOf(request));
      return { tags: await tags.startingWith(request.query.name.toLowerCase(), AUTOCOMPLETE_LIMIT) };
    },
  );
}
