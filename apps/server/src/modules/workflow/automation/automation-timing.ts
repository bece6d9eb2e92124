import { addBusinessMinutes } from '../business-hours/business-time.js';
import type { RuleAction } from '../rules/actions.js';
import { isTimeField } from '../rules/condition-catalog.js';
import { matchesCondition, type RuleCondition, type RuleConditions } from '../rules/conditions.js';
import type { RuleFacts, TimeField } from '../rules/rule-facts.js';

/**
 * When automations need to look at a ticket again. Each ticket stores the next moment
 * one of its automations' time conditions can become true (`automation_check_at`); the
 * sweep picks tickets whose moment has come. An automation acts on a ticket once per
 * anchor: the times its time conditions count from ("pending since 10:02"), so a rule
 * that does not nullify its own conditions still fires once, and fires again only
 * after the ticket leaves and re-enters the state. Pure.
 */
export type AutomationRule = { id: number; conditions: RuleConditions; actions: RuleAction[] };

const HOUR = 3_600_000;

function timeConditions(rule: AutomationRule) {
  return rule.conditions.all.filter((c) => isTimeField(c.field));
}

/** What an automation's time conditions count from on this ticket, as one key; null when one does not apply. */
export function automationAnchor(rule: AutomationRule, facts: RuleFacts): string | null {
  const parts: string[] = [];
  for (const c of timeConditions(rule)) {
    const field = c.field === 'until_due_date' ? 'due_date' : (c.field as TimeField);
    const at = facts.times[field];
    if (!at) return null;
    parts.push(`${c.field}@${at.toISOString()}`);
  }
  return parts.join('|');
}

/** The earliest moment one time condition can hold; null when it cannot. */
function conditionFrom(c: RuleCondition, facts: RuleFacts): Date | null {
  const field = c.field as TimeField;
  const anchor = facts.times[field === 'until_due_date' ? 'due_date' : field];
  if (!anchor) return null;
  const hours = Number(c.value);
  const operator = c.operator ?? 'is';
  const business = operator.endsWith('_business_hours');
  const op = operator.replace(/_business_hours$/, '');
  if (field === 'until_due_date') {
    if (op === 'greater_than') return facts.now;
    const back = op === 'is' ? hours + 1 : hours;
    return new Date(anchor.getTime() - back * HOUR + (op === 'is' ? 1 : 0));
  }
  if (op === 'less_than') return anchor;
  const reached = business
    ? addBusinessMinutes(facts.schedule, anchor, hours * 60)
    : new Date(anchor.getTime() + hours * HOUR);
  if (!reached) return null;
  return op === 'greater_than' ? new Date(reached.getTime() + 1) : reached;
}

/**
 * The next time the automations should be checked on this ticket. `includeDue` also
 * counts a rule whose time conditions hold now and that has not acted on this anchor
 * (after an ordinary update, the other conditions may have just come true); the check
 * job itself passes false, so a rule that does not match is not checked again at once.
 */
export function nextAutomationCheck(
  rules: AutomationRule[],
  facts: RuleFacts,
  done: ReadonlySet<string>,
  includeDue: boolean,
): Date | null {
  let next: number | null = null;
  const now = facts.now.getTime();
  for (const rule of rules) {
    const anchor = automationAnchor(rule, facts);
    if (anchor === null || done.has(`${rule.id}:${anchor}`)) continue;
    const times = timeConditions(rule).map((c) => conditionFrom(c, facts));
    if (times.length === 0 || times.some((t) => t === null)) continue;
    const at = Math.max(...times.map((t) => t!.getTime()));
    if (at <= now) {
      if (!includeDue || !timeConditions(rule).every((c) => matchesCondition(c, facts))) continue;
      next = next === null ? now : Math.min(next, now);
      continue;
    }
    next = next === null ? at : Math.min(next, at);
  }
  return next === null ? null : new Date(next);
}
