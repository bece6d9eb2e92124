import type { JsonObject, Ticket } from '../../../db/schema.js';
import type { Clock } from '../../../platform/clock.js';
import type { ActionPlan, Recipient } from '../rules/actions.js';
import { placeholderContext, renderTemplate } from '../rules/placeholders.js';
import type { TicketWriter } from '../ticket-writer.js';
import type { TimelineRepository } from '../timeline/timeline.repository.js';
import type { Notifications } from './notifications.repository.js';
import type { RulesRepository } from './rules.repository.js';
import type { WebhooksRepository } from './webhooks.repository.js';

type UpdateInput = Parameters<TicketWriter['asSystem']>[1];

/** The ticket update a plan makes, in the tickets service's input shape; null when it changes nothing there. */
export function updateInputOf(
  plan: ActionPlan,
  ticket: Ticket,
  render: (s: string) => string,
): UpdateInput | null {
  const input: Record<string, unknown> = {};
  const f = plan.fields;
  for (const key of ['status', 'priority', 'type', 'group_id', 'assignee_id'] as const) {
    if (f[key] !== undefined && f[key] !== ticket[key]) input[key] = f[key];
  }
  if (f.subject !== undefined) {
    const subject = render(f.subject);
    if (subject !== ticket.subject) input.subject = subject;
  }
  if (plan.tags && plan.tags.join(' ') !== ticket.tags.join(' ')) input.tags = plan.tags;
  const custom = Object.entries(plan.customFields).filter(
    ([id, v]) => (ticket.custom_fields[id] ?? null) !== v,
  );
  if (custom.length) input.custom_fields = custom.map(([id, value]) => ({ id: Number(id), value }));
  const followers = plan.addFollowers.filter((id) => !ticket.follower_ids.includes(id));
  if (followers.length) input.followers = followers.map((user_id) => ({ user_id, action: 'put' }));
  const ccs = plan.addCollaborators.filter((id) => !ticket.collaborator_ids.includes(id));
  if (ccs.length) input.collaborator_ids = [...ticket.collaborator_ids, ...ccs];
  if (plan.comment?.body) {
    const body = render(plan.comment.body);
    input.comment = plan.comment.html
      ? { html_body: body, public: plan.comment.public }
      : { body, public: plan.comment.public };
  }
  return Object.keys(input).length ? (input as UpdateInput) : null;
}

/**
 * Carries out what a rule pass decided: one ticket update through the tickets service
 * (audited as via rule), then notifications and webhook calls rendered against the
 * updated ticket. Every side effect has a dedupe key built from `key`, so re-running a
 * pass after a crash repeats nothing.
 */
export function createRuleEffects(deps: {
  rules: RulesRepository;
  writer: TicketWriter;
  timeline: TimelineRepository;
  notifications: Notifications;
  webhooks: WebhooksRepository;
  clock: Clock;
  baseUrl: string;
}) {
  const { writer, notifications, webhooks } = deps;

  async function contextFor(ticket: Ticket, currentUserId: number | null) {
    const ids = [ticket.requester_id, ticket.assignee_id ?? 0, currentUserId ?? 0].filter((id) => id !== 0);
    const [[users, group, organization], latest] = await Promise.all([
      deps.rules.placeholderSubjects(ids, ticket.group_id, ticket.organization_id),
      deps.timeline.latestComments(ticket.id),
    ]);
    return placeholderContext({
      ticket,
      requester: users.find((u) => u.id === ticket.requester_id),
      assignee: users.find((u) => u.id === ticket.assignee_id),
      group,
      organization,
      currentUser: users.find((u) => u.id === currentUserId),
      latestComment: latest.latest,
      latestPublicComment: latest.latestPublic,
      baseUrl: deps.baseUrl,
    });
  }

  async function recipients(ticket: Ticket, to: Recipient, currentUserId: number | null): Promise<number[]> {
    if (typeof to === 'number') return [to];
    if (to === 'requester_id') return [ticket.requester_id];
    if (to === 'assignee_id') return ticket.assignee_id ? [ticket.assignee_id] : [];
    if (to === 'current_user') return currentUserId && currentUserId > 0 ? [currentUserId] : [];
    if (to === 'all_agents') return notifications.allAgents();
    if ((to as string) === 'requester_and_ccs') return [ticket.requester_id, ...ticket.collaborator_ids];
    return [];
  }

  return {
    updateInputOf,
    /** The Liquid context for a ticket and the user acting on it. */
    placeholders: contextFor,
    /**
     * Applies a plan. `rel` and `from` go on the audit with `from.source = key`, which
     * makes a re-run detectable (pass `skipUpdate` then); `key` also prefixes every
     * dedupe key; `source` names the rule on notification and invocation rows.
     */
    async apply(
      ticket: Ticket,
      plan: ActionPlan,
      o: {
        rel: string;
        from: JsonObject;
        key: string;
        source: string;
        currentUserId: number | null;
        skipUpdate?: boolean;
      },
    ) {
      let context = await contextFor(ticket, o.currentUserId);
      const input = updateInputOf(plan, ticket, (s) => renderTemplate(s, context));
      let current = ticket;
      if (input && !o.skipUpdate) {
        current =
          (await writer.asSystem(ticket.id, input, o.rel, { ...o.from, source: o.key }))?.ticket ?? ticket;
        context = await contextFor(current, o.currentUserId);
      }
      const render = (s: string) => renderTemplate(s, context);
      const drafts = [];
      for (const [i, n] of plan.notifyUsers.entries()) {
        const people = await notifications.recipients(await recipients(current, n.to, o.currentUserId));
        for (const p of people)
          drafts.push({ recipient: p, subject: n.subject, body: n.body, key: `${o.key}:u${i}:${p.id}` });
      }
      for (const [i, n] of plan.notifyGroups.entries()) {
        const groupId = n.groupId === 'group_id' ? current.group_id : n.groupId;
        if (!groupId) continue;
        const people = await notifications.recipients(await notifications.groupMembers(groupId));
        for (const p of people)
          drafts.push({ recipient: p, subject: n.subject, body: n.body, key: `${o.key}:g${i}:${p.id}` });
      }
      await notifications.send(
        drafts.map((d) => ({
          ticketId: current.id,
          recipientId: d.recipient.id,
          recipientEmail: d.recipient.email!,
          subject: render(d.subject),
          body: render(d.body),
          source: o.source,
          dedupeKey: d.key,
        })),
      );
      const now = deps.clock.now();
      const known = new Set(
        (await webhooks.findMany(plan.webhooks.map((w) => w.webhookId))).map((w) => w.id),
      );
      for (const [i, w] of plan.webhooks.entries()) {
        if (!known.has(w.webhookId)) continue;
        await webhooks.invoke(
          {
            webhookId: w.webhookId,
            ticketId: current.id,
            source: o.source,
            body: render(w.body),
            dedupeKey: `${o.key}:w${i}`,
          },
          now,
        );
      }
      return current;
    },
  };
}

export type RuleEffects = ReturnType<typeof createRuleEffects>;
