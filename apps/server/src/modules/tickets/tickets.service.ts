import type { TicketCreateInput, TicketUpdateInput } from '@frontline/contracts';
import type { JsonObject, Ticket, TicketAudit, TicketComment, TicketEvent } from '../../db/schema.js';
import { type Actor, isAgent } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../platform/http/errors.js';
import type { PageRequest } from '../../platform/http/pagination.js';
import { htmlToText, sanitize, textToHtml } from '../../platform/text/html.js';
import { indexTokens } from '../../platform/text/tokenize.js';
import type { TicketChange } from './ticket-events.js';
import { resolveTicketInput, stateOf } from './ticket-references.js';
import { type FieldChange, planTicketChange, type TicketPatch } from './ticket-rules.js';
import {
  authorizeTicketDelete,
  authorizeTicketWrite,
  seesPrivateComments,
  ticketScope,
} from './tickets.policy.js';
import type { TicketFilter, TicketSort } from './tickets.repository.js';
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

  function commentOf(actor: Actor, draft: CommentDraft | undefined) {
    if (!draft) return null;
    const html = draft.html_body !== undefined ? sanitize(draft.html_body) : textToHtml(draft.body ?? '');
    const body = draft.html_body !== undefined ? htmlToText(html) : (draft.body ?? '').trim();
    if (!body && !draft.uploads?.length) return null;
    const agent = isAgent(actor);
    const isPublic = !agent ? true : actor.user.light_agent ? false : (draft.public ?? true);
    return {
      body,
      html,
      public: isPublic,
      authorId: agent && draft.author_id ? draft.author_id : actor.user.id,
      uploads: draft.uploads ?? [],
      metadata: draft.metadata ?? {},
    };
  }

  async function uploadIds(actor: Actor, tokens: string[]) {
    const ids: number[] = [];
    for (const token of tokens) {
      const upload = await store.attachments.findUpload(token);
      const mine = upload && (upload.uploader_id === actor.user.id || isAgent(actor));
      if (!upload || !mine || upload.expires_at < clock.now()) {
        throw InvalidError.field('uploads', `upload token ${token} is unknown or expired`);
      }
      ids.push(upload.id);
    }
    return ids;
  }

  /** Writes the audit, its events and the comment, then publishes the change; inside the caller's transaction. */
  async function record(
    tx: TicketStore,
    kind: TicketChange['kind'],
    ticket: Ticket,
    actor: Actor,
    via: Via,
    changes: FieldChange[],
    comment: ReturnType<typeof commentOf>,
    uploads: number[],
    now: Date,
  ) {
    const audit = await tx.tickets.insertAudit({
      ticket_id: ticket.id,
      author_id: actor.user.id,
      via_channel: via.channel,
      via_source: JSON.stringify(via.source ?? {}),
      created_at: now,
    });
    const type = kind === 'created' ? 'Create' : 'Change';
    const eventRows: Parameters<TicketStore['tickets']['insertEvents']>[0] = changes.map((c) => ({
      audit_id: audit.id,
      ticket_id: ticket.id,
      type,
      field_name: c.field,
      value: c.to,
      previous_value: kind === 'created' ? null : c.from,
      created_at: now,
    }));
    let saved: TicketComment | null = null;
    if (comment) {
      saved = await tx.tickets.insertComment({
        ticket_id: ticket.id,
        audit_id: audit.id,
        author_id: comment.authorId,
        public: comment.public,
        body: comment.body,
        html_body: comment.html,
        via_channel: via.channel,
        via_source: JSON.stringify(via.source ?? {}),
        metadata: JSON.stringify(comment.metadata),
        created_at: now,
      });
      await tx.attachments.attachUploads(uploads, saved.id, ticket.id);
      eventRows.push({
        audit_id: audit.id,
        ticket_id: ticket.id,
        type: 'Comment',
        field_name: null,
        value: { comment_id: saved.id },
        previous_value: null,
        created_at: now,
      });
    }
    const events = await tx.tickets.insertEvents(eventRows);
    if (kind === 'updated') {
      // A new ticket's tokens were written with it; an update adds what it brings.
      const searchable = [
        changes.some((c) => c.field === 'subject') ? ticket.subject : '',
        comment?.body ?? '',
      ].join('\n');
      await tx.tickets.addSearchTokens(ticket.id, indexTokens(searchable));
    }
    await tx.publish({
      kind,
      ticket_id: ticket.id,
      audit_id: audit.id,
      actor_id: actor.user.id,
      via: via.channel,
      changes,
      comment: saved ? { id: saved.id, public: saved.public, author_id: saved.author_id } : null,
      at: now.toISOString(),
    });
    return { audit, events, comment: saved };
  }

  return {
    visibleTicket,

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

    async audits(actor: Actor, id: number) {
      await visibleTicket(actor, id);
      const audits = await store.tickets.audits(id);
      const events = await store.tickets.eventsOfAudits(audits.map((a) => a.id));
      return { audits, events };
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
      return transaction(async (tx) => {
        const a = plan.after;
        const ticket = await tx.tickets.insert({
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
        });
        const written = await record(
          tx,
          'created',
          ticket,
          actor,
          { channel, source },
          plan.changes,
          comment,
          uploads,
          now,
        );
        return { ticket, ...written };
      });
    },

    async update(
      actor: Actor,
      id: number,
      input: TicketUpdateInput & { comment?: CommentDraft },
      via: Via = { channel: 'api' },
    ): Promise<TicketWrite> {
      const existing = await visibleTicket(actor, id);
      authorizeTicketWrite(actor, input, existing);
      if (existing.status === 'closed')
        throw InvalidError.field('status', 'closed prevents ticket update', 'ClosedTicket');
      if (
        input.safe_update &&
        input.updated_stamp &&
        new Date(input.updated_stamp).getTime() !== Math.floor(existing.updated_at.getTime() / 1000) * 1000
      ) {
        throw new ConflictError(
          'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.',
        );
      }
      const comment = commentOf(actor, input.comment);
      const patch = await resolveTicketInput(store, clock, actor, input, existing);
      const uploads = comment ? await uploadIds(actor, comment.uploads) : [];
      const channel = input.via?.channel ?? via.channel;
      return transaction(async (tx) => {
        const current = await tx.tickets.lockById(id);
        if (!current) throw new NotFoundError();
        const plan = planTicketChange(stateOf(current), patch, {
          actorId: actor.user.id,
          actorIsAgent: isAgent(actor),
          comment,
        });
        if (plan.changes.length === 0 && !comment)
          return { ticket: current, audit: null, events: [], comment: null };
        const now = clock.now();
        const a = plan.after;
        const solvedNow = a.status === 'solved' && current.status !== 'solved';
        const ticket = await tx.tickets.update(id, {
          subject: a.subject,
          status: a.status,
          priority: a.priority,
          type: a.type,
          requester_id: a.requester_id,
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
          solved_at: solvedNow
            ? now
            : a.status === 'solved' || a.status === 'closed'
              ? current.solved_at
              : null,
          updated_at: now,
        });
        const written = await record(
          tx,
          'updated',
          ticket,
          actor,
          { channel, source: via.source ?? {} },
          plan.changes,
          comment,
          uploads,
          now,
        );
        return { ticket, ...written };
      });
    },

    async remove(actor: Actor, id: number) {
      authorizeTicketDelete(actor);
      const ticket = await visibleTicket(actor, id);
      await transaction(async (tx) => {
        const now = clock.now();
        await tx.tickets.softDelete(ticket.id, now);
        await record(
          tx,
          'deleted',
          ticket,
          actor,
          { channel: 'api' },
          [{ field: 'deleted', from: false, to: true }],
          null,
          [],
          now,
        );
      });
    },

    /** Closes each source into the target with a note on both, as Zendesk's merge does. */
    async merge(
      actor: Actor,
      targetId: number,
      sourceIds: number[],
      notes: {
        target?: string | undefined;
        source?: string | undefined;
        targetPublic?: boolean | undefined;
        sourcePublic?: boolean | undefined;
      },
    ) {
      if (!isAgent(actor) || actor.user.light_agent)
        throw new ForbiddenError('Only agents can merge tickets');
      const target = await visibleTicket(actor, targetId);
      if (target.status === 'closed')
        throw InvalidError.field('id', 'a closed ticket cannot be a merge target');
      const sources = [];
      for (const sourceId of sourceIds) {
        if (sourceId === targetId) throw InvalidError.field('ids', 'a ticket cannot be merged into itself');
        const source = await visibleTicket(actor, sourceId);
        if (source.status === 'closed')
          throw InvalidError.field('ids', `ticket ${sourceId} is closed and cannot be merged`);
        sources.push(source);
      }
      const merged: number[] = [];
      for (const source of sources) {
        await this.update(
          actor,
          source.id,
          {
            status: 'closed',
            additional_tags: ['merged'],
            comment: {
              body:
                notes.source ??
                `This request was closed and merged into request #${target.id} "${target.subject}".`,
              public: notes.sourcePublic ?? false,
            },
          },
          { channel: 'merge' },
        );
        await transaction((tx) => tx.tickets.update(source.id, { merged_into_id: target.id }));
        const ccs = [
          ...new Set([
            ...target.collaborator_ids,
            ...(source.requester_id !== target.requester_id ? [source.requester_id] : []),
          ]),
        ];
        await this.update(
          actor,
          target.id,
          {
            collaborator_ids: ccs,
            comment: {
              body:
                notes.target ??
                `Request #${source.id} "${source.subject}" was closed and merged into this request. Its description:\n\n${source.description}`,
              public: notes.targetPublic ?? false,
            },
          },
          { channel: 'merge' },
        );
        merged.push(source.id);
      }
      return merged;
    },
  };
}

export type TicketsService = ReturnType<typeof createTicketsService>;
