import type { FrontlineModule, ModuleContext } from '../../module-context.js';
import { registerWebApp } from '../../platform/http/web-app.js';
import { createRealtimeHub } from './realtime.hub.js';
import { createRealtimeRepository } from './realtime.repository.js';
import { registerRealtimeRoutes } from './realtime.routes.js';

export type { RealtimeHub } from './realtime.hub.js';

/** Realtime updates over WebSocket and the agent web app's static files. */
export function createRealtimeModule(context: ModuleContext): FrontlineModule {
  const hub = createRealtimeHub({
    database: context.database,
    repository: createRealtimeRepository(context.database.db),
    clock: context.clock,
    logger: context.logger.child({ component: 'realtime' }),
  });
  return {
    name: 'realtime',
    async registerRoutes(http) {
      await registerRealtimeRoutes(http, { hub, auth: context.auth, publicUrl: context.config.publicUrl });
      await registerWebApp(http);
    },
    async start(roles) {
      if (roles.includes('realtime') || roles.includes('api')) await hub.start();
    },
    async stop() {
      await hub.stop();
    },
  };
}
