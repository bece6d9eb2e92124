import type { InboundMessage } from '../../../db/tables/email.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Clock } from '../../../platform/clock.js';
import { HttpError, InvalidError, NotFoundError } from '../../../platform/http/errors.js';
import type { PageRequest } from '../../../platform/http/pagination.js';
import type { Storage } from '../../../platform/storage/storage.js';
import type { TicketStore, TicketsService } from '../../tickets/index.js';
import { authorizeMailReview, canReviewMail } from './email.policy.js';
import { messageOf } from './email-errors.js';
import type { InboundRepository } from './inbound.repository.js';
import type { InboundProcessor } from './inbound-processor.js';
import type { MailboxesRepository } from './mailboxes.repository.js';
import { loadRaw } from './raw-store.js';

export type ReviewServiceDeps = {
  inbound: InboundRepository;
  mailboxes: MailboxesRepository;
  processor: InboundProcessor;
  store: TicketStore;
  tickets: TicketsService;
  storage: Storage;
  clock: Clock;
};

type ReviewRow = Omit<InboundMessage, 'raw'>;

/**
 * Held (suspended) and failed mail, for people who decide what to do with it:
 * recover (a suspended message is applied as if it had passed the checks; a failed
 * one is processed again), or reject it (it leaves the list; the row and its bytes
 * stay as a record).
 */
export function createReviewService(deps: ReviewServiceDeps) {
  const { inbound, clock } = deps;

  async function decorate(rows: ReviewRow[]) {
    const mailboxes = new Map((await deps.mailboxes.list()).map((m) => [m.id, m]));
    const authors = new Map<string, number | null>();
    for (const row of rows) {
      const address = row.from_address?.toLowerCase();
      if (address && !authors.has(address))
        authors.set(address, (await deps.store.users.findByEmail(address))?.id ?? null);
    }
    return rows.map((row) => ({
      row,
      mailbox: row.mailbox_id ? mailboxes.get(row.mailbox_id) : undefined,
      authorId: row.from_address ? (authors.get(row.from_address.toLowerCase()) ?? null) : null,
    }));
  }

  async function held(actor: Actor, id: number) {
    authorizeMailReview(actor);
    const row = await inbound.summary(id);
    if (!row || (row.status !== 'failed' && row.status !== 'suspended')) throw new NotFoundError();
    return row;
  }

  async function recoverOne(actor: Actor, id: number) {
    const row = await held(actor, id);
    if (row.cause === 'too_large') {
      throw InvalidError.field(
        'id',
        'the message was over the size limit and was not downloaded; ask the sender to send it smaller',
      );
    }
    await inbound.reopen(id, clock.now());
    let result: Awaited<ReturnType<InboundProcessor['process']>>;
    try {
      result = await deps.processor.process(id, { trusted: row.status === 'suspended' });
    } catch (error) {
      await deps.processor.fail(id, error);
      throw InvalidError.field('id', `could not be recovered: ${messageOf(error)}`);
    }
    const ticket = result?.ticketId ? await deps.store.tickets.findById(result.ticketId) : undefined;
    if (result?.status === 'processed' && ticket) return ticket;
    throw InvalidError.field(
      'id',
      `could not be recovered: ${result?.reason ?? 'it did not become a ticket'}`,
    );
  }

  return {
    async list(actor: Actor, page: PageRequest) {
      authorizeMailReview(actor);
      const result = await inbound.pageForReview(page);
      return { result, items: await decorate(result.rows) };
    },
    async show(actor: Actor, id: number) {
      return (await decorate([await held(actor, id)]))[0]!;
    },
    recoverOne,
    async recoverMany(actor: Actor, ids: number[]) {
      authorizeMailReview(actor);
      const recovered = [];
      const failed: { id: number; error: string }[] = [];
      for (const id of ids) {
        try {
          recovered.push(await recoverOne(actor, id));
        } catch (error) {
          if (!(error instanceof HttpError)) throw error;
          failed.push({ id, error: messageOf(error) });
        }
      }
      return { recovered, failed };
    },
    async reject(actor: Actor, ids: number[]) {
      authorizeMailReview(actor);
      if (ids.length === 1) await held(actor, ids[0]!);
      await inbound.reject(ids, clock.now());
    },
    /** The message as received, for download: reviewers see any; agents, what landed on tickets they see. */
    async original(actor: Actor, id: number) {
      const row = await inbound.findById(id);
      if (!row) throw new NotFoundError();
      if (!canReviewMail(actor)) {
        if (!row.ticket_id) throw new NotFoundError();
        await deps.tickets.visibleTicket(actor, row.ticket_id);
      }
      const raw = await loadRaw(deps.storage, row);
      if (!raw) throw new NotFoundError('The stored message is missing');
      return { id: row.id, raw };
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
