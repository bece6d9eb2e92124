import type { Level } from '../../../db/tables/workflow.js';
import { matchesConditions, type RuleConditions } from '../rules/conditions.js';
import type { RuleFacts } from '../rules/rule-facts.js';
import { levelRank } from './assignment.js';

/**
 * Routing rules put a new ticket in a group and say what work needs: a level (live
 * chat → senior) and skills (language, product, billing). Rules are checked in order;
 * the first matching rule with a group decides the group, the highest level any
 * matching rule asks for wins, and skills add up.
 */
export type RoutingRule = {
  id: number;
  conditions: RuleConditions;
  group_id: number | null;
  required_level: Level | null;
  required_skills: string[];
};

export type Route = {
  groupId: number | null;
  level: Level | null;
  skills: string[];
  ruleIds: number[];
};

export function routeTicket(rules: RoutingRule[], facts: RuleFacts): Route {
  const route: Route = { groupId: null, level: null, skills: [], ruleIds: [] };
  for (const rule of rules) {
    if (!matchesConditions(rule.conditions, facts)) continue;
    route.ruleIds.push(rule.id);
    if (route.groupId === null && rule.group_id !== null) route.groupId = rule.group_id;
    if (rule.required_level && levelRank(rule.required_level) > levelRank(route.level))
      route.level = rule.required_level;
    for (const skill of rule.required_skills) if (!route.skills.includes(skill)) route.skills.push(skill);
  }
  return route;
}
