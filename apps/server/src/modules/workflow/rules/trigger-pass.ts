import { type ActionPlan, emptyPlan, planActions, planChangesTicket, type RuleAction } from './actions.js';
import { matchesConditions, type RuleConditions } from './conditions.js';
import type { RuleFacts } from './rule-facts.js';

export type TriggerRule = { id: number; title: string; conditions: RuleConditions; actions: RuleAction[] };

export type TriggerPass = {
  /** Triggers that fired, in the order they fired. */
  fired: number[];
  /** Everything they do, merged (later triggers win on the same field). */
  plan: ActionPlan;
  /** Triggers that would fire again on the pass's own update: a loop, stopped and flagged. */
  loops: number[];
};

function cloneFacts(facts: RuleFacts): RuleFacts {
  return {
    ...facts,
    ticket: {
      ...facts.ticket,
      tags: [...facts.ticket.tags],
      custom_fields: { ...facts.ticket.custom_fields },
    },
    update: facts.update ? { ...facts.update, changes: facts.update.changes.map((c) => ({ ...c })) } : null,
  };
}

/**
 * One trigger pass over an update, as Zendesk runs it: triggers are checked in order;
 * when one fires, its actions apply to the ticket and checking starts again from the
 * top, skipping triggers that already fired, until a full round fires nothing. Each
 * trigger fires at most once per update.
 *
 * The pass's own update never runs triggers again. To find rules that would loop if it
 * did, the pass is replayed once against its own changes: a trigger that fired and would
 * fire again and change the ticket again re-triggers itself and is reported in `loops`.
 */
export function runTriggerPass(triggers: TriggerRule[], input: RuleFacts): TriggerPass {
  const facts = cloneFacts(input);
  const before = cloneFacts(input).ticket;
  const fired: number[] = [];
  let plan = emptyPlan();
  for (let i = 0; i < triggers.length; i += 1) {
    const trigger = triggers[i]!;
    if (fired.includes(trigger.id)) continue;
    if (!matchesConditions(trigger.conditions, facts)) continue;
    fired.push(trigger.id);
    plan = planActions(trigger.actions, facts, plan);
    i = -1;
  }
  if (fired.length === 0) return { fired, plan, loops: [] };
  return { fired, plan, loops: replay(triggers, fired, facts, before, plan) };
}

function replay(
  triggers: TriggerRule[],
  fired: number[],
  after: RuleFacts,
  before: RuleFacts['ticket'],
  plan: ActionPlan,
): number[] {
  const own = cloneFacts(after);
  const changes = own.update?.changes.filter((c) => {
    const was = (before as Record<string, unknown>)[c.field] ?? before.custom_fields[c.field] ?? null;
    return JSON.stringify(was) !== JSON.stringify(c.to);
  });
  own.update = {
    type: 'Change',
    changes: changes ?? [],
    comment: plan.comment ? { body: plan.comment.body, public: plan.comment.public } : null,
    actorId: -1,
    actorRole: 'admin',
    via: 'rule',
  };
  const loops: number[] = [];
  for (const trigger of triggers) {
    if (!fired.includes(trigger.id)) continue;
    const probe = cloneFacts(own);
    if (!matchesConditions(trigger.conditions, probe)) continue;
    const snapshot = cloneFacts(probe).ticket;
    if (planChangesTicket(planActions(trigger.actions, probe), snapshot)) loops.push(trigger.id);
  }
  return loops;
}
