import type { Ticket } from '../../../db/schema.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Clock } from '../../../platform/clock.js';
import { InvalidError, NotFoundError } from '../../../platform/http/errors.js';
import type { RoutingRepository } from '../routing/routing.repository.js';
import type { TicketWriter } from '../ticket-writer.js';
import type { EscalationRepository } from './escalation.repository.js';

/**
 * Tier 3 hands real defects to engineering: the ticket links an engineering issue and
 * waits on hold ("awaiting fix"). When the fix is marked shipped, the ticket comes back
 * to its tier 3 group, open, to be verified before the customer is answered; verifying
 * ends the loop, and a fix that did not work sends it back to awaiting fix.
 */
export function createEngineeringService(deps: {
  repo: EscalationRepository;
  routing: RoutingRepository;
  writer: TicketWriter;
  clock: Clock;
}) {
  const { repo, routing, writer, clock } = deps;

  async function groupOf(ticket: Ticket) {
    return (await routing.groups()).find((g) => g.id === ticket.group_id) ?? null;
  }

  return {
    async link(actor: Actor, ticket: Ticket, url: string) {
      const group = await groupOf(ticket);
      if (group?.tier !== 3)
        throw InvalidError.field(
          'group_id',
          'only a tier 3 ticket can be handed to engineering; escalate it first',
        );
      if (ticket.status === 'solved' || ticket.status === 'closed')
        throw InvalidError.field('status', `a ${ticket.status} ticket cannot wait for a fix`);
      const link = await repo.saveLink(
        ticket.id,
        { url, linkedBy: actor.user.id, tier3GroupId: group.id },
        clock.now(),
      );
      await writer.setColumns(ticket.id, { engineering_state: 'awaiting_fix' });
      await writer.asAgent(
        actor,
        ticket.id,
        {
          status: 'hold',
          additional_tags: ['awaiting_fix'],
          comment: { body: `Handed to engineering: ${url}. Awaiting fix.`, public: false },
        },
        'engineering',
        { url },
      );
      return link;
    },

    async setStatus(
      actor: Actor,
      ticket: Ticket,
      status: 'open' | 'shipped' | 'verified',
      note: string | undefined,
    ) {
      const link = await repo.link(ticket.id);
      if (!link) throw new NotFoundError('This ticket has no engineering issue');
      const now = clock.now();
      const extra = note ? `\n\n${note}` : '';
      if (status === 'shipped') {
        if (link.status !== 'open') throw InvalidError.field('status', `the fix is already ${link.status}`);
        await repo.setLinkStatus(ticket.id, 'shipped', now);
        await writer.setColumns(ticket.id, { engineering_state: 'verify' });
        const back = link.tier3_group_id !== null && link.tier3_group_id !== ticket.group_id;
        await writer.asAgent(
          actor,
          ticket.id,
          {
            status: 'open',
            ...(back ? { group_id: link.tier3_group_id, assignee_id: null } : {}),
            remove_tags: ['awaiting_fix'],
            additional_tags: ['verify_fix'],
            comment: {
              body: `Engineering shipped the fix (${link.url}). Verify it before answering the customer.${extra}`,
              public: false,
            },
          },
          'engineering',
          { url: link.url },
        );
        if (back) {
          await repo.record(
            {
              ticket_id: ticket.id,
              kind: 'fix_shipped',
              from_group_id: ticket.group_id,
              to_group_id: link.tier3_group_id,
              from_tier: (await groupOf(ticket))?.tier ?? null,
              to_tier: 3,
              reason: `fix shipped: ${link.url}`,
              actor_id: actor.user.id,
              due_at: null,
            },
            now,
          );
        }
      } else if (status === 'verified') {
        if (link.status !== 'shipped')
          throw InvalidError.field('status', 'only a shipped fix can be verified');
        await repo.setLinkStatus(ticket.id, 'verified', now);
        await writer.setColumns(ticket.id, { engineering_state: null });
        await writer.asAgent(
          actor,
          ticket.id,
          {
            remove_tags: ['verify_fix'],
            comment: {
              body: `Fix verified by ${actor.user.name}; the customer can be answered.${extra}`,
              public: false,
            },
          },
          'engineering',
          { url: link.url },
        );
      } else {
        if (link.status === 'open') throw InvalidError.field('status', 'the issue is already open');
        await repo.setLinkStatus(ticket.id, 'open', now);
        await writer.setColumns(ticket.id, { engineering_state: 'awaiting_fix' });
        await writer.asAgent(
          actor,
          ticket.id,
          {
            status: 'hold',
            remove_tags: ['verify_fix'],
            additional_tags: ['awaiting_fix'],
            comment: {
              body: `The fix did not solve it; back to engineering (${link.url}).${extra}`,
              public: false,
            },
          },
          'engineering',
          { url: link.url },
        );
      }
      return repo.link(ticket.id);
    },
  };
}

export type EngineeringService = ReturnType<typeof createEngineeringService>;
