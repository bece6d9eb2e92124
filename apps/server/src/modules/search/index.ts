import type { FrontlineModule, ModuleContext } from '../../platform/module.js';

/** Search: Zendesk query syntax over tickets, users and organizations. */
export function createSearchModule(_context: ModuleContext): FrontlineModule {
  return { name: 'search' };
}
