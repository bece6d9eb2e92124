import type { Ticket } from '../../db/schema.js';
import { type Actor, isAgent } from '../../platform/auth/actor.js';
import { ForbiddenError, InvalidError } from '../../platform/http/errors.js';
import type { PreparedChange, TicketWrites } from './ticket-writes.js';
import { authorizeTicketWrite } from './tickets.policy.js';
import type { TicketsServiceDeps, Via } from './tickets.service.js';

/** Zendesk's merge: each source closed into the target with a note on both, all in one transaction. */
export function createTicketMerge(deps: {
  transaction: TicketsServiceDeps['transaction'];
  writes: TicketWrites;
  visibleTicket(actor: Actor, id: number): Promise<Ticket>;
}) {
  const { transaction, visibleTicket } = deps;
  const { prepareChange, writeChange } = deps.writes;
  /** Closes each source into the target with a note on both, as Zendesk's merge does. */
  return async function merge(
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
    if (!isAgent(actor) || actor.user.light_agent) throw new ForbiddenError('Only agents can merge tickets');
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
    // Everything is checked and resolved first, then written in one transaction: a
    // failure anywhere leaves every ticket as it was, never half merged.
    const via: Via = { channel: 'merge' };
    const steps: { source: Ticket; closeSource: PreparedChange; noteTarget: PreparedChange }[] = [];
    const ccs = new Set(target.collaborator_ids);
    for (const source of sources) {
      const sourceInput = {
        status: 'closed' as const,
        additional_tags: ['merged'],
        comment: {
          body:
            notes.source ??
            `This request was closed and merged into request #${target.id} "${target.subject}".`,
          public: notes.sourcePublic ?? false,
        },
      };
      authorizeTicketWrite(actor, sourceInput, source);
      if (source.requester_id !== target.requester_id) ccs.add(source.requester_id);
      const targetInput = {
        collaborator_ids: [...ccs],
        comment: {
          body:
            notes.target ??
            `Request #${source.id} "${source.subject}" was closed and merged into this request. Its description:\n\n${source.description}`,
          public: notes.targetPublic ?? false,
        },
      };
      authorizeTicketWrite(actor, targetInput, target);
      steps.push({
        source,
        closeSource: await prepareChange(actor, source, sourceInput, via),
        noteTarget: await prepareChange(actor, target, targetInput, via),
      });
    }
    return transaction(async (tx) => {
      const merged: number[] = [];
      for (const step of steps) {
        await writeChange(tx, step.closeSource);
        await tx.tickets.update(step.source.id, { merged_into_id: target.id });
        await writeChange(tx, step.noteTarget);
        merged.push(step.source.id);
      }
      return merged;
    });
  };
}
