import path from 'node:path';
import type { FrontlineModule, ModuleContext } from '../../module-context.js';
import { enqueue } from '../../platform/jobs/jobs.js';
import { createDiskStorage } from '../../platform/storage/storage.js';
import { createAttachmentsRepository, createAttachmentsService } from '../attachments/index.js';
import { createAuthRepository } from '../auth/index.js';
import { kbSessionKey, markSearchFollowedByRequest } from '../kb/index.js';
import {
  createOrganizationsRepository,
  createUsersRepository,
  findOrCreateRequester,
} from '../people/index.js';
import { registerFormRoutes } from './form.routes.js';
import { createPortalRepository } from './portal.repository.js';
import { registerPortalRoutes } from './portal.routes.js';
import { createPortalSessions } from './portal-session.js';
import { registerRequestRoutes } from './requests.routes.js';
import { createRequestsService } from './requests.service.js';
import { createSignInLinks } from './sign-in-links.js';
import { createSignInMail, SIGN_IN_MAIL_QUEUE } from './sign-in-mail.js';
import { createSubmissionGuard } from './submission-limits.js';

/** Anonymous requests an hour: per email address, and per network address. */
export const ANONYMOUS_REQUEST_LIMITS = { perEmail: 10, perAddress: 30 };
/** Sign-in links asked for an hour: per email address, and per network address. */
export const SIGN_IN_LINK_LIMITS = { perEmail: 5, perAddress: 20 };
/** Portal password sign-ins tried an hour: per email address, and per network address. */
export const PORTAL_PASSWORD_LIMITS = { perEmail: 10, perAddress: 30 };

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
  const secret = () => context.secretKey;
  const sessions = createPortalSessions({
    auth: context.auth,
    sessionRows: createAuthRepository(db),
    clock,
    secureCookies: config.publicUrl?.startsWith('https://') ?? false,
  });
  const links = createSignInLinks({
    portal,
    users: people.users,
    queueMail: (linkId) => enqueue(db, SIGN_IN_MAIL_QUEUE, { link_id: linkId }, { maxAttempts: 5 }),
    limit: createSubmissionGuard(SIGN_IN_LINK_LIMITS, clock, 'sign-in links'),
    clock,
    secret,
  });
  const mail = createSignInMail({
    links,
    smtpUrl: config.smtpUrl,
    from: `Help center <no-reply@${config.mailDomain ?? 'localhost'}>`,
    logger: context.logger.child({ component: 'portal' }),
  });
  context.jobs.register(SIGN_IN_MAIL_QUEUE, (payload) => mail.send(Number(payload.link_id)));
  return {
    name: 'portal',
    async registerRoutes(http) {
      registerRequestRoutes(http, {
        requests,
        view: tickets.view,
        portal,
        clock,
        publicUrl: config.publicUrl,
      });
      await registerFormRoutes(http, {
        requests,
        portal,
        sessions,
        clock,
        secret,
        // One help-center session for the form's suggestions and the submission, so the
        // knowledge report can tell searches that still ended in a request.
        onFormShown: (request, reply) => void kbSessionKey(request, reply),
        // The visitor's help-center searches before this request did not deflect it.
        onSubmitted: async (request, ticketId) => {
          const key = kbSessionKey(request);
          if (key) await markSearchFollowedByRequest(db, key, ticketId, clock.now());
        },
      });
      await registerPortalRoutes(http, {
        requests,
        tickets,
        links,
        sessions,
        auth: context.auth,
        passwordLimit: createSubmissionGuard(PORTAL_PASSWORD_LIMITS, clock, 'sign-ins'),
        publicUrl: config.publicUrl,
      });
    },
    async stop() {
      mail.close();
    },
  };
}
