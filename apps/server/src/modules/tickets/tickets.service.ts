import type { TicketCreateInput, TicketUpdateInput } from '@frontline/contracts';
import type {
  Attachment,
  JsonObject,
  Ticket,
  TicketAudit,
  TicketComment,
  TicketEvent,
} from '../../db/schema.js';
import { type Actor, isAgent, isEndUser } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, InvalidError, NotFoundError } from '../../platform/http/errors.js';
import type { PageRequest } from '../../platform/http/pagination.js';
import { indexTokens } from '../../platform/text/tokenize.js';
import { createTicketMerge } from './ticket-merge.js';
import { resolveTicketInput } from './ticket-references.js';
import { planTicketChange, type TicketPatch } from './ticket-rules.js';
import { createTicketWrites } from './ticket-writes.js';
import {
  authorizeTicketDelete,
  authorizeTicketWrite,
  publicAuditTrail,
  seesPrivateComments,
  ticketScope,
} from './tickets.policy.js';
import type { TicketExtras, TicketFilter, TicketSort } from './tickets.repository.js';
import type { TicketStore } from './tickets.store.js';

export type Via = { channel: string; source?: JsonObject };

/** A comment as the service takes it: from the API, a channel (email, chat) or a rule. */
export type CommentDraft = {
  body?: string | undefined;
  html_body?: string | undefined;
  public?: boolean | undefined;
  author_id?: number | undefined;
  uploads?: string[] | undefined;
  metadata?: JsonObject;
};

export type TicketWrite = {
  ticket: Ticket;
  audit: TicketAudit | null;
  events: TicketEvent[];
  comment: TicketComment | null;
  /** What the ticket's JSON shows beyond its row, when the write read it. */
  extras?: TicketExtras;
  /** The comment's attachments, when the write knows them without a look-up. */
  attachments?: Attachment[];
};

export type TicketsServiceDeps = {
  /** Repositories on the pool, for reads and look-ups outside a transaction. */
  store: TicketStore;
  /** Runs `fn` in one transaction with repositories bound to it. */
  transaction<T>(fn: (store: TicketStore) => Promise<T>): Promise<T>;
  clock: Clock;
};

export function createTicketsService({ store, transaction, clock }: TicketsServiceDeps) {
  /** The ticket if the actor may see it; 404 either way, so existence does not leak. */
  async function visibleTicket(actor: Actor, id: number) {
    const ticket = await store.tickets.findById(id, ticketScope(actor));
    if (!ticket) throw new NotFoundError();
    return ticket;
  }

  const writes = createTicketWrites({ store, clock });
  const { commentOf, uploadIds, newComment, result, prepareChange, writeChange } = writes;
  const merge = createTicketMerge({ transaction, writes, visibleTicket });

  /** Applies an update to a ticket the caller may change: plans it by Zendesk's rules and writes it with its audit. */
  async function change(
    actor: Actor,
    existing: Ticket,
    input: TicketUpdateInput & { comment?: CommentDraft },
    via: Via,
  ): Promise<TicketWrite> {
    const prepared = await prepareChange(actor, existing, input, via);
    return transaction((tx) => writeChange(tx, prepared));
  }

  return {
    visibleTicket,

    /** A ticket with what its JSON shows beyond the row, in one look-up; 404 if the actor may not see it. */
    async show(actor: Actor, id: number) {
      const found = await store.tickets.findDetailed(id, ticketScope(actor));
      if (!found) throw new NotFoundError();
      return found;
    },

    async list(actor: Actor, filter: TicketFilter, sort: TicketSort, page: PageRequest) {
      const scope = ticketScope(actor);
      if (page.mode === 'offset') {
        const [rows, count] = await Promise.all([
          store.tickets.listOffset(scope, filter, sort, page.page, page.perPage),
          store.tickets.count(scope, filter),
        ]);
        return { mode: 'offset' as const, rows, count };
      }
      const result = await store.tickets.listCursor(scope, filter, sort, page.size, page);
      return { mode: 'cursor' as const, ...result };
    },

    showMany(actor: Actor, ids: number[]) {
      return store.tickets.findManyByIds(ids, ticketScope(actor));
    },

    async comments(actor: Actor, id: number, sortOrder: 'asc' | 'desc' = 'asc') {
      await visibleTicket(actor, id);
      return store.tickets.comments(id, { publicOnly: !seesPrivateComments(actor), sortOrder });
    },

    /** The ticket's audits; an end-user sees only the public part of them (publicAuditTrail). */
    async audits(actor: Actor, id: number) {
      await visibleTicket(actor, id);
      const audits = await store.tickets.audits(id);
      const events = await store.tickets.eventsOfAudits(audits.map((a) => a.id));
      if (!isEndUser(actor)) return { audits, events };
      const [comments, fields] = await Promise.all([
        store.tickets.comments(id, { publicOnly: true, sortOrder: 'asc' }),
        store.tickets.activeFields(),
      ]);
      return publicAuditTrail(audits, events, {
        publicCommentIds: new Set(comments.map((c) => c.id)),
        portalFieldIds: new Set(fields.filter((f) => f.visible_in_portal).map((f) => String(f.id))),
      });
    },

    async incidents(actor: Actor, id: number) {
      await visibleTicket(actor, id);
      const scope = ticketScope(actor);
      const rows = await store.tickets.incidentsOf(id);
      return store.tickets.findManyByIds(
        rows.map((r) => r.id),
        scope,
      );
    },

    async create(
      actor: Actor,
      input: TicketCreateInput & { comment?: CommentDraft },
      via: Via = { channel: 'api' },
      /** Set by a channel (e.g. a mailbox's group) when the input does not say otherwise. */
      defaults: { group_id?: number | null } = {},
    ): Promise<TicketWrite> {
      authorizeTicketWrite(actor, input, null);
      const comment = commentOf(actor, input.comment);
      if (!comment)
        throw InvalidError.field(
          'comment',
          'cannot be blank: a new ticket needs a description',
          'BlankValue',
        );
      let followup: Ticket | undefined;
      if (input.via_followup_source_id !== undefined) {
        followup = await visibleTicket(actor, input.via_followup_source_id);
        if (followup.status !== 'closed')
          throw InvalidError.field('via_followup_source_id', 'only a closed ticket can have a follow-up');
      }
      // A follow-up keeps the closed ticket's requester unless the caller names another.
      const named = input.requester_id !== undefined || input.requester !== undefined;
      const request =
        followup && !named && isAgent(actor) ? { ...input, requester_id: followup.requester_id } : input;
      const patch: TicketPatch = await resolveTicketInput(store, clock, actor, request, null);
      if (followup) {
        patch.group_id ??= followup.group_id;
        patch.tags ??= followup.tags;
      }
      if (defaults.group_id != null) patch.group_id ??= defaults.group_id;
      const uploads = await uploadIds(actor, comment.uploads);
      const plan = planTicketChange(null, patch, {
        actorId: actor.user.id,
        actorIsAgent: isAgent(actor),
        comment,
      });
      const now = input.created_at && isAgent(actor) ? new Date(input.created_at) : clock.now();
      const channel = followup ? 'closed_ticket' : (input.via?.channel ?? via.channel);
      const source = followup
        ? { from: { ticket_id: followup.id }, to: {}, rel: 'follow_up' }
        : (via.source ?? {});
      const a = plan.after;
      // One statement: all or nothing without a transaction of its own.
      const written = await store.changes.write({
        kind: 'created',
        ticket: {
          insert: {
            subject: a.subject,
            description: comment.body,
            status: a.status,
            priority: a.priority,
            type: a.type,
            requester_id: a.requester_id,
            submitter_id: a.submitter_id,
            assignee_id: a.assignee_id,
            group_id: a.group_id,
            organization_id: a.organization_id,
            tags: a.tags,
            custom_fields: JSON.stringify(a.custom_fields),
            external_id: a.external_id,
            due_at: a.due_at,
            problem_id: a.problem_id,
            collaborator_ids: a.collaborator_ids,
            follower_ids: a.follower_ids,
            email_cc_ids: a.email_cc_ids,
            followup_source_id: followup?.id ?? null,
            via_channel: channel,
            via_source: JSON.stringify(source),
            solved_at: a.status === 'solved' ? now : null,
            search_tokens: indexTokens(`${a.subject}\n${comment.body}`),
            created_at: now,
            updated_at: now,
          },
        },
        actorId: actor.user.id,
        via: { channel, source },
        changes: plan.changes,
        comment: newComment(comment),
        uploadIds: uploads,
        now,
      });
      return result(written, uploads);
    },

    async update(
      actor: Actor,
      id: number,
      input: TicketUpdateInput & { comment?: CommentDraft },
      via: Via = { channel: 'api' },
    ): Promise<TicketWrite> {
      const existing = await visibleTicket(actor, id);
      authorizeTicketWrite(actor, input, existing);
      if (
        input.safe_update &&
        input.updated_stamp &&
        new Date(input.updated_stamp).getTime() !== Math.floor(existing.updated_at.getTime() / 1000) * 1000
      ) {
        throw new ConflictError(
          'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.',
        );
      }
      return change(actor, existing, input, via);
    },

    /**
     * A change the workflow makes (routing, SLA, triggers, escalation, approvals) on its
     * own authority: the visibility and permission checks are for people and are skipped;
     * the ticket rules, audit and events are the same as any change's.
     */
    async automated(
      actor: Actor,
      id: number,
      input: TicketUpdateInput & { comment?: CommentDraft },
      via: Via,
    ): Promise<TicketWrite> {
      const existing = await store.tickets.findById(id);
      if (!existing) throw new NotFoundError();
      return change(actor, existing, input, via);
    },

    async remove(actor: Actor, id: number) {
      authorizeTicketDelete(actor);
      const ticket = await visibleTicket(actor, id);
      const now = clock.now();
      // One statement: all or nothing without a transaction of its own.
      await store.changes.write({
        kind: 'deleted',
        ticket: { id: ticket.id, set: { deleted_at: now, updated_at: now } },
        actorId: actor.user.id,
        via: { channel: 'api', source: {} },
        changes: [{ field: 'deleted', from: false, to: true }],
        comment: null,
        uploadIds: [],
        now,
      });
    },

    merge,
  };
}

export type TicketsService = ReturnType<typeof createTicketsService>;
