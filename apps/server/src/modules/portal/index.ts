import path from 'node:path';
import type { FrontlineModule, ModuleContext } from '../../module-context.js';
import { createDiskStorage } from '../../platform/storage/storage.js';
import { createAttachmentsRepository, createAttachmentsService } from '../attachments/index.js';
import {
  createOrganizationsRepository,
  createUsersRepository,
  findOrCreateRequester,
} from '../people/index.js';
import { createPortalRepository } from './portal.repository.js';
import { registerRequestRoutes } from './requests.routes.js';
import { createRequestsService } from './requests.service.js';
import { createSubmissionGuard } from './submission-limits.js';

/** Anonymous requests an hour: per email address, and per network address. */
export const ANONYMOUS_REQUEST_LIMITS = { perEmail: 10, perAddress: 30 };

/**
 * The customer side: Zendesk's Requests API, the web form at /hc/{locale}/requests/new
 * and the customer portal (magic-link sign-in, my requests, replies).
 */
export function createPortalModule(context: ModuleContext): FrontlineModule {
  const { config, database, clock, tickets } = context;
  const { db } = database;
  const portal = createPortalRepository(db);
  const people = { users: createUsersRepository(db), organizations: createOrganizationsRepository(db) };
  const attachments = createAttachmentsService({
    attachments: createAttachmentsRepository(db),
    storage: createDiskStorage(path.join(config.dataDir, 'attachments')),
    tickets: tickets.service,
    ticketStore: tickets.store,
    clock,
    secret: () => context.secretKey,
  });
  const requests = createRequestsService({
    tickets,
    attachments,
    portal,
    requesterByEmail: async (input) => (await findOrCreateRequester(people, clock, input)).user,
    anonymousLimit: createSubmissionGuard(ANONYMOUS_REQUEST_LIMITS, clock, 'requests'),
    clock,
  });
  return {
    name: 'portal',
    registerRoutes(http) {
      registerRequestRoutes(http, {
        requests,
        view: tickets.view,
        portal,
        clock,
        publicUrl: config.publicUrl,
      });
    },
  };
}
