import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import type { Database } from './db/database.js';
import type { FrontlineModule, ModuleContext } from './module-context.js';
import {
  createAuthRepository,
  createAuthService,
  createSignInGuard,
  registerAuthHooks,
  registerAuthRoutes,
} from './modules/auth/index.js';
import { createEmailModule } from './modules/channels/email/index.js';
import { createExportsModule } from './modules/exports/index.js';
import { createKbModule } from './modules/kb/index.js';
import { createPeopleModule, createUsersRepository } from './modules/people/index.js';
import { createPortalModule } from './modules/portal/index.js';
import { createRealtimeModule } from './modules/realtime/index.js';
import { createSearchModule } from './modules/search/index.js';
import { createTicketFieldsModule } from './modules/ticket-fields/index.js';
import { createTicketsModule } from './modules/tickets/index.js';
import { createViewsModule } from './modules/views/index.js';
import { createWorkflowModule } from './modules/workflow/index.js';
import { type Clock, systemClock } from './platform/clock.js';
import { registerHealthRoutes } from './platform/http/health.js';
import { registerApiRateLimit } from './platform/http/rate-limit.js';
import { createHttpServer } from './platform/http/server.js';
import { createJobRunner } from './platform/jobs/jobs.js';
import { loadSecretKey } from './platform/secret-key.js';

export type AppOptions = {
  config: Config;
  database: Database;
  logger: Logger;
  clock?: Clock;
};

/**
 * Wires the modules together: one HTTP server, one job runner, one ticket event bus.
 * Nothing listens or runs until the caller starts the roles it wants (see main.ts).
 */
export async function buildApp({ config, database, logger, clock = systemClock }: AppOptions) {
  const secretKey = await loadSecretKey(database, config.secretKey);
  const http = await createHttpServer(config, logger, secretKey);
  const jobs = createJobRunner({ database, clock, logger: logger.child({ component: 'jobs' }) });

  const auth = createAuthService({
    auth: createAuthRepository(database.db),
    users: createUsersRepository(database.db),
    clock,
    apiPasswordAuth: config.apiPasswordAuth,
  });
  const signIns = createSignInGuard({
    perAccount: config.loginRateLimitPerMinute,
    perAddress: config.loginRateLimitPerIpPerMinute,
    clock,
  });
  registerAuthHooks(http, auth, signIns);
  await registerApiRateLimit(http, config.rateLimitPerMinute);
  registerHealthRoutes(http, database);
  await registerAuthRoutes(http, {
    auth,
    db: database.db,
    secureCookies: config.publicUrl?.startsWith('https://') ?? false,
    loginRateLimitPerMinute: config.loginRateLimitPerMinute,
    signIns,
    publicUrl: config.publicUrl,
  });

  const tickets = createTicketsModule({ database, jobs, clock, secretKey, publicUrl: config.publicUrl });
  tickets.registerRoutes(http);

  const context: ModuleContext = { config, database, logger, clock, jobs, secretKey, auth, tickets };
  const modules: FrontlineModule[] = [
    createPeopleModule(context),
    createSearchModule(context),
    createExportsModule(context),
    createEmailModule(context),
    createWorkflowModule(context),
    createRealtimeModule(context),
    createViewsModule(context),
    createTicketFieldsModule(context),
    createKbModule(context),
    createPortalModule(context),
  ];
  for (const module of modules) await module.registerRoutes?.(http);

  return {
    http,
    jobs,
    auth,
    tickets,
    modules,
    secretKey,
    /** Starts the background parts of the given roles (the HTTP listener is the caller's). */
    async start(roles: readonly string[]) {
      if (roles.includes('worker')) await jobs.start();
      for (const module of modules) await module.start?.(roles);
    },
    async close() {
      for (const module of [...modules].reverse()) await module.stop?.();
      await jobs.stop();
      await http.close();
    },
  };
}

export type FrontlineApp = Awaited<ReturnType<typeof buildApp>>;
