import type { Database } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { HttpApp } from '../../platform/http/server.js';
import { createJobStatuses } from '../../platform/jobs/job-statuses.js';
import type { JobRunner } from '../../platform/jobs/jobs.js';
import { createTicketEventBus } from './ticket-events.js';
import { registerTicketRoutes } from './tickets.routes.js';
import { createTicketsService } from './tickets.service.js';
import { createTicketStore } from './tickets.store.js';
import { createTicketsView } from './tickets.view.js';

export type { TicketChange, TicketChangeHandler, TicketEventBus } from './ticket-events.js';
export { TICKET_CHANNEL } from './ticket-events.js';
export type { FieldChange, TicketState } from './ticket-rules.js';
export { planTicketChange } from './ticket-rules.js';
export { ticketScope } from './tickets.policy.js';
export type { TicketScope } from './tickets.repository.js';
export { createTicketsRepository, scopeCondition } from './tickets.repository.js';
export type { CommentDraft, TicketsService, TicketWrite, Via } from './tickets.service.js';
export type { TicketStore } from './tickets.store.js';
export type { TicketInclude, TicketsView } from './tickets.view.js';

export type TicketsModuleDeps = {
  database: Database;
  jobs: JobRunner;
  clock: Clock;
  secretKey: string;
  publicUrl?: string | undefined;
};

/** The tickets module: its event bus, service, view and routes, bound to one database. */
export function createTicketsModule({ database, jobs, clock, secretKey, publicUrl }: TicketsModuleDeps) {
  const events = createTicketEventBus(jobs);
  const store = createTicketStore(database.db, events);
  const service = createTicketsService({
    store,
    transaction: (fn) => database.db.transaction().execute((trx) => fn(createTicketStore(trx, events))),
    clock,
  });
  const view = createTicketsView(store, () => secretKey, clock);
  return {
    events,
    service,
    view,
    store,
    registerRoutes(app: HttpApp) {
      registerTicketRoutes(app, {
        tickets: service,
        view,
        jobStatuses: createJobStatuses(database.db, clock),
        publicUrl,
      });
    },
  };
}

export type TicketsModule = ReturnType<typeof createTicketsModule>;
