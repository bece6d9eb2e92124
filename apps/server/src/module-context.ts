import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import type { Database } from './db/database.js';
import type { AuthService } from './modules/auth/index.js';
import type { TicketsModule } from './modules/tickets/index.js';
import type { Clock } from './platform/clock.js';
import type { HttpApp } from './platform/http/server.js';
import type { JobRunner } from './platform/jobs/jobs.js';

/** What every module gets from app.ts. */
export type ModuleContext = {
  config: Config;
  database: Database;
  logger: Logger;
  clock: Clock;
  jobs: JobRunner;
  secretKey: string;
  auth: AuthService;
  tickets: TicketsModule;
};

/**
 * A module as app.ts wires it: routes on the HTTP server, and work that runs in a
 * role (a listener, a poller). Job handlers and ticket-event subscriptions are
 * registered when the module is created.
 */
export type FrontlineModule = {
  name: string;
  registerRoutes?(http: HttpApp): void | Promise<void>;
  /** Starts background work for the roles this node runs. */
  start?(roles: readonly string[]): Promise<void>;
  stop?(): Promise<void>;
};
