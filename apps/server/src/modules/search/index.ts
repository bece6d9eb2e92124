import type { FrontlineModule, ModuleContext } from '../../module-context.js';
import { createSearchRepository } from './search.repository.js';
import { registerSearchRoutes } from './search.routes.js';
import { createSearchService } from './search.service.js';

export type { SearchService } from './search.service.js';
export type { SearchQuery } from './search-query.js';
export { parseSearchQuery } from './search-query.js';

/** Search: Zendesk query syntax over tickets, users and organizations. */
export function createSearchModule({ database, clock, tickets, config }: ModuleContext): FrontlineModule {
  const service = createSearchService({
    repository: createSearchRepository(database.db),
    store: tickets.store,
    clock,
  });
  return {
    name: 'search',
    registerRoutes(http) {
      registerSearchRoutes(http, { service, view: tickets.view, publicUrl: config.publicUrl });
    },
  };
}
