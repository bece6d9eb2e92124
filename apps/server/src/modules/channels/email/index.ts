import path from 'node:path';
import type { Database } from '../../../db/database.js';
import type { JsonObject } from '../../../db/schema.js';
import type { FrontlineModule, ModuleContext } from '../../../module-context.js';
import { createDiskStorage } from '../../../platform/storage/storage.js';
import { createNotifications, NOTIFICATION_QUEUE } from '../../workflow/index.js';
import { isPermanent } from './email-errors.js';
import { type ImapPollers, startImapPollers } from './imap-poller.js';
import { createInboundRepository } from './inbound.repository.js';
import { registerInboundRoutes } from './inbound.routes.js';
import { unverifiedMailNotification } from './inbound-apply.js';
import { createIntake, INBOUND_MAX_ATTEMPTS, INBOUND_QUEUE } from './inbound-intake.js';
import { createInboundProcessor } from './inbound-processor.js';
import { domainOf } from './mail-address.js';
import { createMailSender } from './mail-sender.js';
import { createMailboxDirectory, type MailboxDirectory } from './mailbox-directory.js';
import { createMailboxesRepository } from './mailboxes.repository.js';
import { registerMailboxRoutes } from './mailboxes.routes.js';
import { createMailboxesService } from './mailboxes.service.js';
import { createNotificationDelivery } from './notification-delivery.js';
import { createOutbound, SEND_QUEUE } from './outbound.js';
import { createOutboxRepository } from './outbox.repository.js';
import { createRecentMail } from './recent-mail.js';
import { registerReviewRoutes } from './review.routes.js';
import { createReviewService } from './review.service.js';
import { type SmtpListener, startSmtpListener } from './smtp-listener.js';

export { INBOUND_SECRET_HEADER } from './inbound.routes.js';

/** Whether automatic mail (acknowledgements, notifications) may answer a comment that came by mail. */
export function suppressesAutoReply(commentMetadata: JsonObject) {
  const email = commentMetadata.email as { suppress_auto_reply?: unknown } | undefined;
  return email?.suppress_auto_reply === true;
}

export const DEMO_MAILBOX = 'support@example.com';

/** The demo workspace's mailbox, fed by the SMTP listener when SMTP_PORT is set. Safe to call twice. */
export async function ensureDemoMailbox(database: Database) {
  await createMailboxesRepository(database.db).insert({
    address: DEMO_MAILBOX,
    name: 'Example Support',
    is_default: true,
  });
}

export type EmailNotification = { ticketId: number; subject?: string; text: string; html?: string };

export type EmailModule = FrontlineModule & {
  /** The port the SMTP listener took (tests start it on port 0). */
  smtpPort(): number | null;
  /**
   * Queues automatic mail about a ticket to its requester and CCs (Auto-Submitted:
   * auto-generated); refused when the ticket's newest mail was automated.
   */
  notify(
    notification: EmailNotification,
  ): Promise<{ queued: true; outboxId: number } | { queued: false; reason: string }>;
};

function outboundOf(context: ModuleContext, directory: MailboxDirectory) {
  const { database } = context;
  return createOutbound({
    database,
    store: context.tickets.store,
    mailboxes: directory,
    inbound: createInboundRepository(database.db),
    outbox: createOutboxRepository(database.db),
    clock: context.clock,
    secret: context.secretKey,
    mailDomain: context.config.mailDomain,
  });
}

/**
 * Automatic mail for other modules (acknowledgements, rule notifications): queued in
 * the outbox and sent by the email module's send job, with Auto-Submitted set.
 */
export function createEmailNotifier(context: ModuleContext): Pick<EmailModule, 'notify'> {
  const outbound = outboundOf(
    context,
    createMailboxDirectory(createMailboxesRepository(context.database.db)),
  );
  return { notify: (notification) => outbound.notify(notification) };
}

/** Email channel: mailboxes, IMAP/SMTP/webhook in, threading, outbox out, held-mail review. */
export function createEmailModule(context: ModuleContext): EmailModule {
  const { database, clock, config, secretKey, logger, tickets, jobs, auth } = context;
  const log = logger.child({ component: 'email' });
  const storage = createDiskStorage(path.join(config.dataDir, 'attachments'));
  const inbound = createInboundRepository(database.db);
  const mailboxes = createMailboxesRepository(database.db);
  const outbox = createOutboxRepository(database.db);
  const directory = createMailboxDirectory(mailboxes);
  const recent = createRecentMail();
  const intake = createIntake(database, clock, {
    offload: database.engine === 'pglite' ? storage : undefined,
    recent,
  });
  const processor = createInboundProcessor({
    recent,
    inbound,
    mailboxes: directory,
    outbox,
    store: tickets.store,
    tickets: tickets.service,
    storage,
    clock,
    secret: secretKey,
    systemActor: () => auth.systemActor(),
    tellAgent: async (notice) => {
      await notifications.send([
        unverifiedMailNotification(notice, config.publicUrl ?? `http://localhost:${config.port || 3000}`),
      ]);
    },
  });
  let pollers: ImapPollers | undefined;
  let smtp: SmtpListener | undefined;

  jobs.register(INBOUND_QUEUE, async (payload, job) => {
    const id = Number(payload.id);
    try {
      await processor.process(id);
    } catch (error) {
      if (isPermanent(error) || job.attempt >= INBOUND_MAX_ATTEMPTS) {
        await processor.fail(id, error);
        return;
      }
      throw error;
    }
  });

  const outbound = outboundOf(context, directory);
  tickets.events.subscribe('email-outbound', outbound.onTicketChange);
  // The workflow's notifications (its table, its queue) leave through this outbox.
  const notifications = createNotifications(database.db, clock);
  const sender = createMailSender({
    outbox,
    store: tickets.store,
    storage,
    clock,
    smtpUrl: config.smtpUrl,
    logger: log,
    onNotificationSettled: (outboxId, outcome) => notifications.settle(outboxId, outcome),
  });
  jobs.register(SEND_QUEUE, (payload, job) => sender.send(Number(payload.id), job));
  const delivery = createNotificationDelivery({
    notifications,
    outbound,
    outbox,
    store: tickets.store,
    mailboxes: directory,
    clock,
    secret: secretKey,
    capPerHour: config.autoMailPerHour,
  });
  jobs.register(NOTIFICATION_QUEUE, (payload) => delivery.deliver(Number(payload.notification_id)));

  const mailboxesService = createMailboxesService({
    mailboxes,
    store: tickets.store,
    clock,
    secret: secretKey,
    onChange: () => {
      directory.forget();
      void pollers?.sync().catch(() => {});
    },
  });
  const review = createReviewService({
    inbound,
    mailboxes,
    processor,
    store: tickets.store,
    tickets: tickets.service,
    storage,
    clock,
  });

  return {
    name: 'email',
    async registerRoutes(http) {
      registerMailboxRoutes(http, { mailboxes: mailboxesService, publicUrl: config.publicUrl });
      registerReviewRoutes(http, { review, view: tickets.view, publicUrl: config.publicUrl });
      await registerInboundRoutes(http, { intake, mailboxes, maxBytes: config.mailMaxMessageBytes });
    },
    async start(roles) {
      if (roles.includes('smtp') && config.smtpPort !== undefined) {
        const first = await directory.fallback();
        smtp = await startSmtpListener({
          host: config.host,
          port: config.smtpPort,
          maxBytes: config.mailMaxMessageBytes,
          hostname: config.mailDomain ?? (first ? domainOf(first.address) : 'localhost'),
          intake,
          mailboxes: directory,
          logger: log,
        });
      }
      if (roles.includes('worker')) {
        pollers = startImapPollers({
          mailboxes,
          intake,
          clock,
          secret: secretKey,
          maxBytes: config.mailMaxMessageBytes,
          logger: log,
        });
        await pollers.ready;
      }
    },
    async stop() {
      await smtp?.close();
      smtp = undefined;
      await pollers?.stop();
      pollers = undefined;
      sender.close();
    },
    smtpPort: () => smtp?.port ?? null,
    notify: (notification) => outbound.notify(notification),
  };
}
