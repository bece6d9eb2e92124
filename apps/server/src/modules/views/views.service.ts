import type { ViewInput } from '@frontline/contracts';
import type { StoredConditions, StoredExecution } from '../../db/tables/realtime.js';
import { type Actor, isAgent } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { ForbiddenError, InvalidError, NotFoundError } from '../../platform/http/errors.js';
import type { PageRequest } from '../../platform/http/pagination.js';
import { scopeCondition, ticketScope } from '../tickets/index.js';
import { checkConditions, compileConditions } from './view-conditions.js';
import { canEditView, canUseView, restrictionFor } from './views.policy.js';
import {
  COUNT_CAP,
  type TicketWhere,
  type View,
  type ViewSort,
  type ViewsRepository,
} from './views.repository.js';

export type ViewsServiceDeps = { views: ViewsRepository; clock: Clock };

/** Extra filters the agent app adds to a view (`?filter[status]=open`), as conditions. */
export type ViewFilter = Partial<
  Record<'status' | 'priority' | 'type' | 'assignee_id' | 'group_id' | 'via' | 'tags', string>
>;

function conditionsOf(input: ViewInput, existing?: StoredConditions): StoredConditions | undefined {
  if (input.conditions) return { all: input.conditions.all, any: input.conditions.any };
  if (input.all === undefined && input.any === undefined) return existing;
  return { all: input.all ?? existing?.all ?? [], any: input.any ?? existing?.any ?? [] };
}

function validConditions(conditions: StoredConditions) {
  const details = checkConditions(conditions);
  if (details) throw new InvalidError(details);
  return conditions;
}

/** Turns the agent app's filters into `all` conditions of the same language. */
export function filterConditions(filter: ViewFilter): StoredConditions['all'] {
  return Object.entries(filter)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([field, value]) =>
      field === 'tags'
        ? { field: 'current_tags', operator: 'includes', value }
        : { field, operator: 'is', value: value === 'none' ? '' : value },
    );
}

export function createViewsService({ views, clock }: ViewsServiceDeps) {
  async function usableView(actor: Actor, id: number) {
    const view = await views.findById(id);
    if (!view || !canUseView(actor, view)) throw new NotFoundError();
    return view;
  }

  async function editableView(actor: Actor, id: number) {
    const view = await usableView(actor, id);
    if (!canEditView(actor, view)) throw new ForbiddenError('Only admins can change shared views');
    return view;
  }

  /** The view's conditions plus filters, combined with what the actor may see. */
  function whereOf(actor: Actor, conditions: StoredConditions, filter: ViewFilter = {}): TicketWhere {
    const extra = filterConditions(filter);
    const details = checkConditions({ all: extra, any: [] });
    if (details) {
      const renamed = Object.fromEntries(
        Object.values(details).map((list, i) => [`filter.${extra[i]?.field ?? i}`, list]),
      );
      throw new InvalidError(renamed);
    }
    const combined = { all: [...conditions.all, ...extra], any: conditions.any };
    const ctx = { userId: actor.user.id, groupIds: actor.groupIds, now: clock.now() };
    const scope = ticketScope(actor);
    return (eb) => eb.and([scopeCondition(eb, scope), compileConditions(eb, combined, ctx)]);
  }

  function sortOf(view: Pick<View, 'execution'>, sort?: Partial<ViewSort>): ViewSort {
    const column = (sort?.column ?? view.execution.sort_by ?? 'updated_at') as ViewSort['column'];
    return { column, direction: sort?.direction ?? view.execution.sort_order ?? 'desc' };
  }

  async function ticketsOf(where: TicketWhere, sort: ViewSort, page: PageRequest) {
    if (page.mode === 'offset') {
      const [rows, count] = await Promise.all([
        views.listOffset(where, sort, page.page, page.perPage),
        views.countTickets(where, Number.MAX_SAFE_INTEGER),
      ]);
      return { mode: 'offset' as const, rows, count };
    }
    return { mode: 'cursor' as const, ...(await views.listCursor(where, sort, page.size, page)) };
  }

  return {
    usableView,

    async list(actor: Actor, options: { active?: boolean } = {}) {
      const all = await views.list();
      return all.filter(
        (v) => canUseView(actor, v) && (options.active === undefined || v.active === options.active),
      );
    },

    async create(actor: Actor, input: ViewInput) {
      const restriction = restrictionFor(actor, input.restriction);
      if (!input.title) throw InvalidError.field('title', 'cannot be blank', 'BlankValue');
      const conditions = validConditions(conditionsOf(input) ?? { all: [], any: [] });
      if (conditions.all.length + conditions.any.length === 0)
        throw InvalidError.field('conditions', 'a view needs at least one condition', 'BlankValue');
      const now = clock.now();
      return views.insert({
        title: input.title,
        description: input.description ?? null,
        active: input.active ?? true,
        position: input.position ?? 100,
        conditions,
        execution: { ...(input.execution ?? {}), ...(input.output ?? {}) } as StoredExecution,
        restriction,
        created_by: actor.user.id,
        created_at: now,
        updated_at: now,
      });
    },

    async update(actor: Actor, id: number, input: ViewInput) {
      const existing = await editableView(actor, id);
      const conditions = conditionsOf(input, existing.conditions);
      if (conditions) validConditions(conditions);
      const output = input.output ?? input.execution;
      return views.update(id, {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(input.position !== undefined ? { position: input.position } : {}),
        ...(conditions ? { conditions } : {}),
        ...(output ? { execution: { ...existing.execution, ...output } as StoredExecution } : {}),
        ...(input.restriction !== undefined ? { restriction: restrictionFor(actor, input.restriction) } : {}),
        updated_at: clock.now(),
      });
    },

    async remove(actor: Actor, id: number) {
      await editableView(actor, id);
      await views.softDelete(id, clock.now());
    },

    async tickets(
      actor: Actor,
      id: number,
      options: { sort?: Partial<ViewSort>; filter?: ViewFilter; page: PageRequest },
    ) {
      const view = await usableView(actor, id);
      const sort = sortOf(view, options.sort);
      return {
        view,
        sort,
        ...(await ticketsOf(whereOf(actor, view.conditions, options.filter), sort, options.page)),
      };
    },

    /** Runs unsaved conditions (the admin's view editor shows what they would match). */
    async preview(actor: Actor, input: ViewInput, page: PageRequest) {
      if (!isAgent(actor)) throw new ForbiddenError();
      const conditions = validConditions(conditionsOf(input) ?? { all: [], any: [] });
      const output = { ...(input.execution ?? {}), ...(input.output ?? {}) };
      const sort = sortOf({ execution: output as StoredExecution });
      const where = whereOf(actor, conditions);
      const [result, count] = await Promise.all([ticketsOf(where, sort, page), views.countTickets(where)]);
      return { sort, count, ...result };
    },

    /** Counts for several views; views the actor may not use are left out. */
    async counts(actor: Actor, ids: number[]) {
      const out: { view: View; value: number; capped: boolean }[] = [];
      for (const id of ids) {
        const view = await views.findById(id);
        if (!view || !canUseView(actor, view)) continue;
        const value = await views.countTickets(whereOf(actor, view.conditions));
        out.push({ view, value: Math.min(value, COUNT_CAP), capped: value > COUNT_CAP });
      }
      return out;
    },
  };
}

export type ViewsService = ReturnType<typeof createViewsService>;
