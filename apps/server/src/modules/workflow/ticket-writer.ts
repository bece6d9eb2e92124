import type { JsonObject } from '../../db/schema.js';
import type { ModuleContext } from '../../module-context.js';
import type { Actor } from '../../platform/auth/actor.js';
import { HttpError } from '../../platform/http/errors.js';
import type { TicketsService } from '../tickets/index.js';
import { createTicketColumnsRepository, type WorkflowColumns } from './ticket-columns.repository.js';

type UpdateInput = Parameters<TicketsService['update']>[2];

/**
 * How the workflow changes tickets: always through the tickets service, so every
 * change is audited and published. Automated changes are made by the system user via
 * the `rule` channel, with `source.rel` naming the rule kind (trigger, automation,
 * routing, escalation …) and `source.from` the rule, as Zendesk's audits show them.
 */
export function createTicketWriter(context: Pick<ModuleContext, 'auth' | 'tickets' | 'database' | 'logger'>) {
  const columns = createTicketColumnsRepository(context.database.db);
  let system: Promise<Actor> | undefined;
  const systemActor = () => {
    system ??= context.auth.systemActor();
    return system;
  };
  return {
    systemActor,
    /** The ticket row, including the workflow's columns; undefined when missing or deleted. */
    load(ticketId: number) {
      return context.tickets.store.tickets.findById(ticketId);
    },
    /** Sets the workflow's own columns (due times, tier, routing needs); no audit, no event. */
    setColumns(ticketId: number, values: WorkflowColumns) {
      return columns.set(ticketId, values);
    },
    /**
     * An automated change. One the ticket refuses (a rule assigning someone who left the
     * group, a closed ticket) is skipped with a warning, as Zendesk skips an action that
     * no longer applies, so one stale rule cannot hold up the rest of the workflow.
     */
    async asSystem(ticketId: number, input: UpdateInput, rel: string, from: JsonObject = {}) {
      try {
        return await context.tickets.service.automated(await systemActor(), ticketId, input, {
          channel: 'rule',
          source: { rel, from, to: {} },
        });
      } catch (error) {
        if (!(error instanceof HttpError) || error.statusCode >= 500) throw error;
        context.logger.warn(
          { ticket: ticketId, rel, from, refusal: error.body },
          'automated ticket change skipped',
        );
        return null;
      }
    },
    asAgent(actor: Actor, ticketId: number, input: UpdateInput, rel: string, from: JsonObject = {}) {
      return context.tickets.service.update(actor, ticketId, input, {
        channel: 'web',
        source: { rel, from, to: {} },
      });
    },
  };
}

export type TicketWriter = ReturnType<typeof createTicketWriter>;
