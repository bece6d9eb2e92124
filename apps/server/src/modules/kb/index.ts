import type { Executor } from '../../db/executor.js';
import type { FrontlineModule, ModuleContext } from '../../module-context.js';
import { registerHelpCenterRoutes } from './hc.routes.js';
import { createThemeStore } from './hc-theme.js';
import { createKbRepository } from './kb.repository.js';
import { registerKbRoutes } from './kb.routes.js';
import { createKbService } from './kb.service.js';
import { registerKbAdminRoutes } from './kb-admin.routes.js';
import {
  createKbAnalyticsRepository as analyticsRepository,
  createKbAnalyticsRepository,
} from './kb-analytics.repository.js';
import {
  createKbAnalyticsService,
  FOLLOW_WINDOW_MS,
  type KbAnalyticsService,
} from './kb-analytics.service.js';
import { createKbArticlesService } from './kb-articles.service.js';

export type { KbAnalyticsService } from './kb-analytics.service.js';
export { seedDemoKnowledgeBase } from './kb-demo.js';
export { HC_SESSION_COOKIE, kbSessionKey } from './kb-http.js';

/**
 * For the web form and portal: a request was submitted in this help-center session
 * (kbSessionKey of the request), so its searches of the last hour did not deflect it.
 * Returns how many searches it marked; the knowledge report lists them.
 */
export async function markSearchFollowedByRequest(
  db: Executor,
  sessionKey: string,
  ticketId: number,
  now: Date,
) {
  return analyticsRepository(db).markFollowedByRequest(
    sessionKey,
    ticketId,
    new Date(now.getTime() - FOLLOW_WINDOW_MS),
  );
}

/**
 * The knowledge base and help center: Zendesk Guide's API under /api/v2/help_center,
 * server-rendered pages under /hc, article search and suggestions, and the search log
 * behind the knowledge report.
 */
export function createKbModule(context: ModuleContext) {
  const kb = createKbRepository(context.database.db);
  const analytics = createKbAnalyticsService({
    analytics: createKbAnalyticsRepository(context.database.db),
    kb,
    clock: context.clock,
  });
  const content = createKbService({ kb, clock: context.clock });
  const articles = createKbArticlesService({
    kb,
    content,
    clock: context.clock,
    logSearch: analytics.logSearch,
  });
  const publicUrl = context.config.publicUrl;
  const themes = createThemeStore(kb);
  const module: FrontlineModule & { analytics: KbAnalyticsService } = {
    name: 'kb',
    analytics,
    async registerRoutes(http) {
      registerKbRoutes(http, { content, articles, kb, publicUrl });
      registerKbAdminRoutes(http, {
        content,
        articles,
        analytics,
        kb,
        clock: context.clock,
        themes,
        publicUrl,
      });
      await registerHelpCenterRoutes(http, {
        content,
        articles,
        analytics,
        kb,
        themes,
        publicUrl,
        perMinute: context.config.rateLimitPerMinute,
      });
    },
  };
  return module;
}
