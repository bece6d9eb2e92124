import type { Ticket } from '../../../db/schema.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Clock } from '../../../platform/clock.js';
import { InvalidError, NotFoundError } from '../../../platform/http/errors.js';
import type { Notifications } from '../automation/notifications.repository.js';
import type { TicketWriter } from '../ticket-writer.js';
import type { SwarmsRepository } from './swarms.repository.js';

export type SwarmInvite = {
  user_ids?: number[] | undefined;
  skills?: string[] | undefined;
  group_ids?: number[] | undefined;
};

/**
 * Swarming: instead of handing a ticket off, an agent calls colleagues in (by name,
 * skill or group). They are notified, follow the ticket, talk in a private thread on
 * it, and their time in the swarm is recorded (from joining to leaving or the swarm
 * closing), so teams can compare swarming with tier hand-offs.
 */
export function createSwarmsService(deps: {
  repo: SwarmsRepository;
  writer: TicketWriter;
  notifications: Notifications;
  clock: Clock;
  baseUrl: string;
}) {
  const { repo, writer, notifications, clock } = deps;

  async function resolveInvitees(invite: SwarmInvite) {
    const out = new Map<number, 'name' | 'skill' | 'group'>();
    const named = await repo.agentsByIds(invite.user_ids ?? []);
    for (const id of invite.user_ids ?? []) {
      const user = named.find((u) => u.id === id);
      if (!user || user.role === 'end-user' || id < 0)
        throw InvalidError.field('user_ids', `user ${id} is not an agent who can join a swarm`);
      out.set(id, 'name');
    }
    for (const { id } of await repo.agentsWithSkills(invite.skills ?? []))
      if (!out.has(id)) out.set(id, 'skill');
    const inGroups = await repo.agentsInGroups(invite.group_ids ?? []);
    for (const groupId of invite.group_ids ?? []) {
      if (!inGroups.some((r) => r.group_id === groupId))
        throw InvalidError.field('group_ids', `group ${groupId} has no agents to call in`);
    }
    for (const { id } of inGroups) if (!out.has(id)) out.set(id, 'group');
    return out;
  }

  async function invite(
    swarmId: number,
    ticket: Ticket,
    invitedBy: Actor | null,
    invitees: Map<number, 'name' | 'skill' | 'group'>,
    reason: string,
  ) {
    const now = clock.now();
    const byId = invitedBy?.user.id ?? -1;
    invitees.delete(byId);
    const added = await repo.addMembers(
      swarmId,
      [...invitees].map(([userId, via]) => ({ userId, via, joined: false })),
      byId,
      now,
    );
    if (added.length === 0) return added;
    await writer.asSystem(
      ticket.id,
      { followers: added.map((m) => ({ user_id: m.user_id, action: 'put' as const })) },
      'swarm',
      { swarm_id: swarmId },
    );
    const who = invitedBy?.user.name ?? 'Frontline';
    const people = await notifications.recipients(added.map((m) => m.user_id));
    await notifications.send(
      people.map((p) => ({
        ticketId: ticket.id,
        recipientId: p.id,
        recipientEmail: p.email!,
        subject: `[Swarm] ${who} asks for your help on #${ticket.id}: ${ticket.subject}`,
        body: `${who} called you into ticket #${ticket.id} "${ticket.subject}".\n\n${reason}\n\n${deps.baseUrl}/agent/tickets/${ticket.id}`,
        source: `swarm:${swarmId}`,
        dedupeKey: `swarm:${swarmId}:invite:${p.id}`,
      })),
    );
    return added;
  }

  return {
    async start(actor: Actor | null, ticket: Ticket, reason: string, who: SwarmInvite, automatic = false) {
      if (ticket.status === 'closed') throw InvalidError.field('status', 'a closed ticket cannot be swarmed');
      const invitees = await resolveInvitees(who);
      const now = clock.now();
      const startedBy = actor?.user.id ?? -1;
      let swarm = await repo.active(ticket.id);
      swarm ??= await repo.insert(
        { ticketId: ticket.id, groupId: ticket.group_id, startedBy, reason, automatic },
        now,
      );
      swarm ??= await repo.active(ticket.id);
      if (!swarm) throw new Error('swarm could not be started');
      if (actor)
        await repo.addMembers(
          swarm.id,
          [{ userId: actor.user.id, via: 'starter', joined: true }],
          startedBy,
          now,
        );
      await invite(swarm.id, ticket, actor, invitees, reason);
      return swarm;
    },
    async invite(actor: Actor, ticket: Ticket, who: SwarmInvite) {
      const swarm = await repo.active(ticket.id);
      if (!swarm) throw new NotFoundError('This ticket has no active swarm');
      await invite(swarm.id, ticket, actor, await resolveInvitees(who), swarm.reason);
      return swarm;
    },
    async join(actor: Actor, ticketId: number) {
      const swarm = await repo.active(ticketId);
      if (!swarm) throw new NotFoundError('This ticket has no active swarm');
      const now = clock.now();
      await repo.addMembers(
        swarm.id,
        [{ userId: actor.user.id, via: 'name', joined: true }],
        actor.user.id,
        now,
      );
      await repo.join(swarm.id, actor.user.id, now);
      return swarm;
    },
    async leave(actor: Actor, ticketId: number) {
      const swarm = await repo.active(ticketId);
      if (!swarm) throw new NotFoundError('This ticket has no active swarm');
      await repo.leave(swarm.id, actor.user.id, clock.now());
      return swarm;
    },
    async message(actor: Actor, ticketId: number, body: string) {
      const swarm = await repo.active(ticketId);
      if (!swarm) throw new NotFoundError('This ticket has no active swarm');
      const now = clock.now();
      await repo.addMembers(
        swarm.id,
        [{ userId: actor.user.id, via: 'name', joined: true }],
        actor.user.id,
        now,
      );
      await repo.join(swarm.id, actor.user.id, now);
      await repo.addMessage(swarm.id, actor.user.id, body, now);
      return swarm;
    },
    async close(ticketId: number) {
      const swarm = await repo.active(ticketId);
      if (!swarm) throw new NotFoundError('This ticket has no active swarm');
      const now = clock.now();
      await repo.leave(swarm.id, null, now);
      await repo.close(swarm.id, now);
      return swarm;
    },
    /** The ticket's current (or last) swarm with its members and thread; null when it never had one. */
    async view(ticketId: number) {
      const swarm = await repo.latest(ticketId);
      if (!swarm) return null;
      const [members, messages] = await Promise.all([repo.members(swarm.id), repo.messages(swarm.id)]);
      return { swarm, members, messages, now: clock.now() };
    },
    async hasActive(ticketId: number) {
      return (await repo.active(ticketId)) !== undefined;
    },
  };
}

export type SwarmsService = ReturnType<typeof createSwarmsService>;
