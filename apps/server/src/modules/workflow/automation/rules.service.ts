import type { RuleAction, RuleConditions } from '../../../db/tables/workflow.js';
import type { Clock } from '../../../platform/clock.js';
import { type ErrorDetails, InvalidError, NotFoundError } from '../../../platform/http/errors.js';
import { type ActionKind, actionReferences, validateActions } from '../rules/action-catalog.js';
import { validateConditions } from '../rules/condition-catalog.js';
import type { RulesRepository, RuleTable } from './rules.repository.js';

export type RuleInput = {
  title: string;
  description?: string | null | undefined;
  active?: boolean | undefined;
  position?: number | undefined;
  category_id?: string | number | null | undefined;
  conditions: RuleConditions;
  actions: RuleAction[];
};

/** Checks that the groups, users and webhooks actions name exist; adds 422 details for those that do not. */
export async function checkReferences(repo: RulesRepository, actions: RuleAction[], errors: ErrorDetails) {
  const refs = actionReferences(actions);
  const missing = async (table: 'groups' | 'users' | 'webhooks', ids: number[]) => {
    const existing = await repo.existingIds(table, ids);
    return ids.filter((id) => !existing.has(id));
  };
  const problems = [
    ...(await missing('groups', refs.groups)).map((id) => `group ${id} does not exist`),
    ...(await missing('users', refs.users)).map((id) => `user ${id} does not exist`),
    ...(await missing('webhooks', refs.webhooks)).map((id) => `webhook ${id} does not exist`),
  ];
  if (problems.length) {
    errors.actions = problems.map((p) => ({ description: `Actions: ${p}`, error: 'InvalidValue' }));
  }
}

/** Triggers and automations as admins manage them (Zendesk's JSON); validation names the bad condition. */
export function createRulesService(deps: { repo: RulesRepository; clock: Clock }) {
  const { repo, clock } = deps;
  const kindOf = (table: RuleTable) =>
    (table === 'triggers' ? 'trigger' : 'automation') as ActionKind & ('trigger' | 'automation');

  async function validate(table: RuleTable, input: Partial<RuleInput>) {
    const kind = kindOf(table);
    const errors: ErrorDetails = {
      ...(input.conditions ? validateConditions(kind, input.conditions) : {}),
      ...(input.actions ? validateActions(kind, input.actions) : {}),
    };
    if (input.actions) await checkReferences(repo, input.actions, errors);
    if (Object.keys(errors).length) throw new InvalidError(errors);
  }

  async function changed(table: RuleTable) {
    await repo.bump();
    if (table === 'automations') await repo.recheckAll(clock.now());
  }

  return {
    list: (table: RuleTable, activeOnly = false) => repo.list(table, activeOnly),
    async show(table: RuleTable, id: number) {
      const row = await repo.find(table, id);
      if (!row) throw new NotFoundError();
      return row;
    },
    async create(table: RuleTable, input: RuleInput) {
      await validate(table, input);
      const row = await repo.insert(
        table,
        {
          title: input.title,
          active: input.active ?? true,
          position: input.position ?? (await repo.nextPosition(table)),
          conditions: input.conditions,
          actions: input.actions,
          ...(table === 'triggers'
            ? {
                description: input.description ?? '',
                category_id:
                  input.category_id === undefined || input.category_id === null
                    ? null
                    : String(input.category_id),
              }
            : {}),
        },
        clock.now(),
      );
      await changed(table);
      return row;
    },
    async update(table: RuleTable, id: number, input: Partial<RuleInput>) {
      await this.show(table, id);
      await validate(table, input);
      const { category_id, description, ...rest } = input;
      const row = await repo.update(
        table,
        id,
        {
          ...rest,
          ...(table === 'triggers' && description !== undefined ? { description: description ?? '' } : {}),
          ...(table === 'triggers' && category_id !== undefined
            ? { category_id: category_id === null ? null : String(category_id) }
            : {}),
          ...(table === 'triggers' && (input.conditions || input.actions)
            ? { loop_detected_at: null, loop_details: null }
            : {}),
        } as never,
        clock.now(),
      );
      if (!row) throw new NotFoundError();
      await changed(table);
      return row;
    },
    async remove(table: RuleTable, id: number) {
      if (!(await repo.remove(table, id))) throw new NotFoundError();
      await changed(table);
    },
    async reorder(table: RuleTable, ids: number[]) {
      const known = new Set((await repo.list(table)).map((r) => r.id));
      const unknown = ids.filter((i) => !known.has(i));
      if (unknown.length)
        throw InvalidError.field(`${kindOf(table)}_ids`, `unknown ${table} ${unknown.join(', ')}`);
      await repo.setPositions(table, ids, clock.now());
      await changed(table);
    },
  };
}

export type RulesService = ReturnType<typeof createRulesService>;
