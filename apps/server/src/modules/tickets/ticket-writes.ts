import type { TicketUpdateInput } from '@frontline/contracts';
import type { Ticket } from '../../db/schema.js';
import { type Actor, isAgent } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { InvalidError, NotFoundError } from '../../platform/http/errors.js';
import { htmlToText, sanitize, textToHtml } from '../../platform/text/html.js';
import { indexTokens } from '../../platform/text/tokenize.js';
import type { ChangeWritten, NewComment } from './ticket-change.repository.js';
import { resolveTicketInput, stateOf } from './ticket-references.js';
import { planTicketChange, type TicketPatch } from './ticket-rules.js';
import type { CommentDraft, TicketWrite, Via } from './tickets.service.js';
import type { TicketStore } from './tickets.store.js';

/**
 * How the tickets service turns a request into a written change: the comment as it will
 * be stored, upload tokens checked, the update resolved before any transaction, then
 * planned by Zendesk's rules and written with its audit under a row lock.
 */
export function createTicketWrites({ store, clock }: { store: TicketStore; clock: Clock }) {
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

  function newComment(comment: NonNullable<ReturnType<typeof commentOf>>): NewComment {
    return {
      author_id: comment.authorId,
      public: comment.public,
      body: comment.body,
      html_body: comment.html,
      metadata: comment.metadata,
    };
  }

  /** A written change as the service returns it; a comment without uploads has no attachments to look up. */
  function result(written: ChangeWritten, uploads: number[]): TicketWrite {
    return uploads.length === 0 ? { ...written, attachments: [] } : written;
  }

  /** Checks and resolves an update (references, uploads) before any transaction starts. */
  async function prepareChange(
    actor: Actor,
    existing: Ticket,
    input: TicketUpdateInput & { comment?: CommentDraft },
    via: Via,
  ): Promise<PreparedChange> {
    if (existing.status === 'closed')
      throw InvalidError.field('status', 'closed prevents ticket update', 'ClosedTicket');
    const comment = commentOf(actor, input.comment);
    const patch = await resolveTicketInput(store, clock, actor, input, existing);
    const uploads = comment ? await uploadIds(actor, comment.uploads) : [];
    return {
      actor,
      id: existing.id,
      comment,
      patch,
      uploads,
      channel: input.via?.channel ?? via.channel,
      via,
    };
  }

  /** Writes a prepared change with its audit and events in the caller's transaction. */
  async function writeChange(tx: TicketStore, p: PreparedChange): Promise<TicketWrite> {
    const { actor, id, comment, patch, uploads, channel, via } = p;
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
    const searchable = [
      plan.changes.some((c) => c.field === 'subject') ? a.subject : '',
      comment?.body ?? '',
    ].join('\n');
    const written = await tx.changes.write({
      kind: 'updated',
      ticket: {
        id,
        set: {
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
        },
        // A new ticket's tokens were written with it; an update adds what it brings.
        searchTokens: indexTokens(searchable),
      },
      actorId: actor.user.id,
      via: { channel, source: via.source ?? {} },
      changes: plan.changes,
      comment: comment ? newComment(comment) : null,
      uploadIds: uploads,
      now,
    });
    return result(written, uploads);
  }

  return { commentOf, uploadIds, newComment, result, prepareChange, writeChange };
}

/** An update checked and resolved against the database, ready to write in a transaction. */
export type PreparedChange = {
  actor: Actor;
  id: number;
  comment: ReturnType<TicketWrites['commentOf']>;
  patch: TicketPatch;
  uploads: number[];
  channel: string;
  via: Via;
};

export type TicketWrites = ReturnType<typeof createTicketWrites>;
