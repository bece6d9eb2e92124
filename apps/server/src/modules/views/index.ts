import type { FrontlineModule, ModuleContext } from '../../module-context.js';
import { createViewsRepository } from './views.repository.js';
import { registerViewRoutes } from './views.routes.js';
import { createViewsService } from './views.service.js';

export type { ConditionContext, ConditionField } from './view-conditions.js';
export { addConditionField, checkConditions, compileConditions } from './view-conditions.js';
export type { ViewsService } from './views.service.js';

/** Views: saved ticket lists with Zendesk view conditions, counts and execution. */
export function createViewsModule(context: ModuleContext): FrontlineModule {
  const views = createViewsService({
    views: createViewsRepository(context.database.db),
    clock: context.clock,
  });
  return {
    name: 'views',
    registerRoutes(http) {
      registerViewRoutes(http, {
        views,
        ticketsView: context.tickets.view,
        publicUrl: context.config.publicUrl,
      });
    },
  };
}
