import type { Ticket } from '../../../db/schema.js';
import type { Clock } from '../../../platform/clock.js';
import { emptyPlan, planActions } from '../rules/actions.js';
import { matchesConditions } from '../rules/conditions.js';
import type { RuleFacts } from '../rules/rule-facts.js';
import { runTriggerPass } from '../rules/trigger-pass.js';
import type { TicketWriter } from '../ticket-writer.js';
import { automationAnchor, nextAutomationCheck } from './automation-timing.js';
import type { RuleEffects } from './rule-effects.js';
import type { RulesRepository } from './rules.repository.js';

/**
 * Runs triggers on ticket changes and automations when the sweep says a ticket is due.
 * Both apply their actions through RuleEffects, keyed so a re-run after a crash
 * changes and sends nothing twice.
 */
export function createRuleRunner(deps: {
  repo: RulesRepository;
  writer: TicketWriter;
  effects: RuleEffects;
  clock: Clock;
}) {
  const { repo, effects, clock } = deps;

  return {
    /** One trigger pass for one update (never for the pass's own update: loops stop here and are flagged). */
    async runTriggers(ticket: Ticket, facts: RuleFacts, auditId: number) {
      const triggers = await repo.active('triggers');
      if (triggers.length === 0) return ticket;
      const pass = runTriggerPass(triggers, facts);
      if (pass.fired.length === 0) return ticket;
      const now = clock.now();
      for (const id of pass.loops) {
        await repo.flagLoop(
          id,
          `Would fire again on its own update of ticket #${ticket.id}; stopped after one pass per update.`,
          now,
        );
      }
      const key = `trigger:${auditId}`;
      const titles = pass.fired.map((id) => triggers.find((t) => t.id === id)?.title ?? '');
      return effects.apply(ticket, pass.plan, {
        rel: 'trigger',
        from: { ids: pass.fired, title: titles.join(', '), source_audit_id: auditId },
        key,
        source: `trigger:${pass.fired.join(',')}`,
        currentUserId: facts.update?.actorId ?? null,
        skipUpdate: await repo.applied(ticket.id, key),
      });
    },

    /** The sweep job: automations look at a due ticket, in order, each acting once per anchor. */
    async runAutomations(ticket: Ticket, facts: RuleFacts) {
      const automations = await repo.active('automations');
      const done = await repo.runs(ticket.id);
      let current = ticket;
      for (const automation of automations) {
        if (current.status === 'closed') break;
        const anchor = automationAnchor(automation, facts);
        if (anchor === null || done.has(`${automation.id}:${anchor}`)) continue;
        if (!matchesConditions(automation.conditions, facts)) continue;
        const plan = planActions(automation.actions, facts, emptyPlan());
        const key = `automation:${automation.id}:${anchor}`;
        current = await effects.apply(current, plan, {
          rel: 'automation',
          from: { id: automation.id, title: automation.title },
          key,
          source: `automation:${automation.id}`,
          currentUserId: null,
          skipUpdate: await repo.applied(current.id, key),
        });
        await repo.claimRun(automation.id, ticket.id, anchor, clock.now());
        done.add(`${automation.id}:${anchor}`);
      }
      return current;
    },

    /** Stores when the automations next need to look at this ticket. */
    async scheduleCheck(ticketId: number, facts: RuleFacts, includeDue: boolean) {
      const automations = await repo.active('automations');
      const next =
        facts.ticket.status === 'closed' || automations.length === 0
          ? null
          : nextAutomationCheck(automations, facts, await repo.runs(ticketId), includeDue);
      await deps.writer.setColumns(ticketId, { automation_check_at: next });
    },
  };
}

export type RuleRunner = ReturnType<typeof createRuleRunner>;
