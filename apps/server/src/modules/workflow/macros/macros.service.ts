import type { MacroInput } from '@frontline/contracts';
import type { Ticket } from '../../../db/schema.js';
import type { RuleAction } from '../../../db/tables/workflow.js';
import { type Actor, isAdmin } from '../../../platform/auth/actor.js';
import type { Clock } from '../../../platform/clock.js';
import {
  type ErrorDetails,
  ForbiddenError,
  InvalidError,
  NotFoundError,
} from '../../../platform/http/errors.js';
import type { RuleEffects } from '../automation/rule-effects.js';
import type { RulesRepository } from '../automation/rules.repository.js';
import { checkReferences } from '../automation/rules.service.js';
import { validateActions } from '../rules/action-catalog.js';
import { emptyPlan, planActions } from '../rules/actions.js';
import { renderTemplate } from '../rules/placeholders.js';
import { emptyCounts, type RuleFacts } from '../rules/rule-facts.js';
import type { MacrosRepository, MacroValues } from './macros.repository.js';

type MacroRow = NonNullable<Awaited<ReturnType<MacrosRepository['find']>>>;

function factsOf(ticket: Ticket, actor: Actor, now: Date): RuleFacts {
  return {
    ticket: {
      ...ticket,
      tags: [...ticket.tags],
      custom_fields: { ...ticket.custom_fields },
      follower_ids: [...ticket.follower_ids],
      collaborator_ids: [...ticket.collaborator_ids],
    },
    update: {
      type: 'Change',
      changes: [],
      comment: null,
      actorId: actor.user.id,
      actorRole: actor.user.role,
      via: 'web',
    },
    requester: null,
    counts: emptyCounts(),
    times: {},
    schedule: null,
    now,
  };
}

/** A ticket that exists only to apply a macro to ("what would this macro set?"). */
function blankTicket(now: Date): Ticket {
  return {
    id: 0,
    subject: '',
    description: '',
    status: 'new',
    priority: null,
    type: null,
    requester_id: 0,
    submitter_id: 0,
    assignee_id: null,
    group_id: null,
    organization_id: null,
    tags: [],
    custom_fields: {},
    follower_ids: [],
    collaborator_ids: [],
    email_cc_ids: [],
    via_channel: 'web',
    is_public: true,
    due_at: null,
    created_at: now,
    updated_at: now,
  } as unknown as Ticket;
}

/**
 * Macros (Zendesk's `/api/v2/macros`): shared, group and personal ones. Applying one
 * answers what it would change and the comment it would add, rendered with Liquid;
 * nothing is saved (the agent then updates the ticket), but the use is counted.
 */
export function createMacrosService(deps: {
  repo: MacrosRepository;
  rules: RulesRepository;
  effects: RuleEffects;
  clock: Clock;
}) {
  const { repo, clock } = deps;

  function canSee(actor: Actor, macro: MacroRow) {
    if (isAdmin(actor) || macro.restriction_type === null) return true;
    if (macro.restriction_type === 'User') return macro.restriction_ids.includes(actor.user.id);
    return macro.restriction_ids.some((id) => actor.groupIds.includes(id));
  }
  function canEdit(actor: Actor, macro: MacroRow) {
    return (
      isAdmin(actor) || (macro.restriction_type === 'User' && macro.restriction_ids.includes(actor.user.id))
    );
  }

  async function visible(actor: Actor, id: number) {
    const macro = await repo.find(id);
    if (!macro || !canSee(actor, macro)) throw new NotFoundError();
    return macro;
  }

  async function validate(actor: Actor, input: Partial<MacroInput>) {
    const errors: ErrorDetails = input.actions ? validateActions('macro', input.actions as RuleAction[]) : {};
    if (input.actions) await checkReferences(deps.rules, input.actions as RuleAction[], errors);
    if (Object.keys(errors).length) throw new InvalidError(errors);
    const r = input.restriction;
    if (
      r !== undefined &&
      !isAdmin(actor) &&
      !(r?.type === 'User' && (r.id ?? r.ids?.[0]) === actor.user.id)
    ) {
      throw new ForbiddenError('Agents can only create and edit personal macros');
    }
  }

  function restrictionOf(
    input: Partial<MacroInput>,
    actor: Actor,
  ): Pick<MacroValues, 'restriction_type' | 'restriction_ids'> {
    const r = input.restriction;
    if (r === undefined)
      return isAdmin(actor)
        ? { restriction_type: null, restriction_ids: [] }
        : { restriction_type: 'User', restriction_ids: [actor.user.id] };
    if (r === null) return { restriction_type: null, restriction_ids: [] };
    const ids = r.ids ?? (r.id !== undefined ? [r.id] : []);
    if (ids.length === 0) throw InvalidError.field('restriction', 'needs id or ids');
    return { restriction_type: r.type, restriction_ids: ids };
  }

  return {
    canEdit,
    async list(
      actor: Actor,
      filter: { access?: string | undefined; active?: string | undefined; query?: string | undefined },
    ) {
      let rows = await repo.visible(
        actor.user.id,
        actor.groupIds,
        isAdmin(actor) && filter.access !== 'personal',
      );
      if (filter.access === 'personal') rows = rows.filter((m) => m.restriction_type === 'User');
      if (filter.access === 'shared') rows = rows.filter((m) => m.restriction_type !== 'User');
      if (filter.active) rows = rows.filter((m) => String(m.active) === filter.active);
      if (filter.query) {
        const q = filter.query.toLowerCase();
        rows = rows.filter((m) => m.title.toLowerCase().includes(q));
      }
      return {
        rows,
        usage: await repo.usage(
          rows.map((r) => r.id),
          clock.now(),
        ),
      };
    },
    async show(actor: Actor, id: number) {
      const macro = await visible(actor, id);
      return { macro, usage: (await repo.usage([id], clock.now())).get(id) };
    },
    async create(actor: Actor, input: MacroInput) {
      await validate(actor, input);
      return repo.insert(
        {
          title: input.title,
          description: input.description ?? '',
          active: input.active ?? true,
          position: input.position ?? (await repo.nextPosition()),
          actions: input.actions as RuleAction[],
          ...restrictionOf(input, actor),
        },
        actor.user.id,
        clock.now(),
      );
    },
    async update(actor: Actor, id: number, input: Partial<MacroInput>) {
      const macro = await visible(actor, id);
      if (!canEdit(actor, macro)) throw new ForbiddenError('Only admins can change shared macros');
      await validate(actor, input);
      const { restriction, description, actions, ...rest } = input;
      const row = await repo.update(
        id,
        {
          ...rest,
          ...(description !== undefined ? { description: description ?? '' } : {}),
          ...(actions ? { actions: actions as RuleAction[] } : {}),
          ...(restriction !== undefined ? restrictionOf(input, actor) : {}),
        },
        clock.now(),
      );
      if (!row) throw new NotFoundError();
      return row;
    },
    async remove(actor: Actor, id: number) {
      const macro = await visible(actor, id);
      if (!canEdit(actor, macro)) throw new ForbiddenError('Only admins can delete shared macros');
      await repo.remove(id);
    },

    /** What the macro would do to `ticket` (a blank one when null): the changed ticket row and the comment. */
    async apply(actor: Actor, id: number, ticket: Ticket | null) {
      const macro = await visible(actor, id);
      if (!macro.active) throw InvalidError.field('macro', 'is inactive');
      const now = clock.now();
      const base = ticket ?? blankTicket(now);
      const facts = factsOf(base, actor, now);
      const plan = planActions(macro.actions, facts, emptyPlan());
      const after = {
        ...base,
        ...Object.fromEntries(Object.entries(plan.fields).filter(([, v]) => v !== undefined)),
        tags: plan.tags ?? base.tags,
        custom_fields: { ...base.custom_fields, ...plan.customFields },
        follower_ids: [...new Set([...base.follower_ids, ...plan.addFollowers])],
        collaborator_ids: [...new Set([...base.collaborator_ids, ...plan.addCollaborators])],
      } as Ticket;
      const context = await deps.effects.placeholders(after, actor.user.id);
      const body = plan.comment?.body ? renderTemplate(plan.comment.body, context) : null;
      await repo.recordUse(id, actor.user.id, ticket?.id ?? null, now);
      return {
        after,
        plan,
        comment: body === null ? null : { body, html: plan.comment!.html, public: plan.comment!.public },
      };
    },
  };
}

export type MacrosService = ReturnType<typeof createMacrosService>;
