import path from 'node:path';
import type { FrontlineModule, ModuleContext } from '../../module-context.js';
import { createJobStatuses } from '../../platform/jobs/job-statuses.js';
import { createDiskStorage } from '../../platform/storage/storage.js';
import {
  createAttachmentsRepository,
  createAttachmentsService,
  createAttachmentView,
  registerAttachmentRoutes,
  registerUploadRoutes,
} from '../attachments/index.js';
import { registerBulkRoutes } from './bulk.routes.js';
import { BULK_TICKETS_QUEUE, createBulkTickets } from './bulk.service.js';
import { createIncrementalRepository } from './incremental.repository.js';
import { registerIncrementalRoutes } from './incremental.routes.js';
import { createIncrementalService } from './incremental.service.js';
import { createJobStatusesRepository } from './job-statuses.repository.js';
import { registerJobStatusRoutes } from './job-statuses.routes.js';
import { createTagsRepository } from './tags.repository.js';
import { registerTagRoutes } from './tags.routes.js';

/** Incremental exports, job statuses, bulk ticket calls, uploads and attachments, tags. */
export function createExportsModule(context: ModuleContext): FrontlineModule {
  const { config, database, clock, jobs, tickets, auth, logger } = context;
  const { db } = database;
  const publicUrl = config.publicUrl;
  const secret = () => context.secretKey;

  const statuses = createJobStatuses(db, clock);
  const bulk = createBulkTickets({
    tickets: tickets.service,
    users: tickets.store.users,
    auth,
    statuses,
    clock,
    logger: logger.child({ component: 'bulk-tickets' }),
  });
  jobs.register(BULK_TICKETS_QUEUE, (payload) => bulk.run(payload));

  const attachments = createAttachmentsService({
    attachments: createAttachmentsRepository(db),
    storage: createDiskStorage(path.join(config.dataDir, 'attachments')),
    tickets: tickets.service,
    ticketStore: tickets.store,
    clock,
    secret,
  });
  const attachmentView = createAttachmentView(secret, clock);

  return {
    name: 'exports',
    async registerRoutes(http) {
      registerIncrementalRoutes(http, {
        incremental: createIncrementalService({ clock }),
        repository: createIncrementalRepository(db),
        view: tickets.view,
        publicUrl,
      });
      registerJobStatusRoutes(http, { statuses, repository: createJobStatusesRepository(db), publicUrl });
      registerBulkRoutes(http, { bulk, statuses, publicUrl });
      registerTagRoutes(http, { tags: createTagsRepository(db), clock, publicUrl });
      await registerUploadRoutes(http, {
        attachments,
        view: attachmentView,
        uploadLimitBytes: config.uploadLimitBytes,
        publicUrl,
      });
      registerAttachmentRoutes(http, { attachments, view: attachmentView, publicUrl });
    },
  };
}
