import type { FrontlineModule, ModuleContext } from '../../platform/module.js';

/** Views: saved ticket lists with Zendesk view conditions, counts and execution. */
export function createViewsModule(_context: ModuleContext): FrontlineModule {
  return { name: 'views' };
}
