import type { SlaPolicyInput } from '@frontline/contracts';
import type { Ticket } from '../../../db/schema.js';
import type { PolicyMetric } from '../../../db/tables/workflow.js';
import type { Clock } from '../../../platform/clock.js';
import { type ErrorDetails, InvalidError, NotFoundError } from '../../../platform/http/errors.js';
import type { SchedulesRepository } from '../business-hours/schedules.repository.js';
import { validateConditions } from '../rules/condition-catalog.js';
import { matchesConditions } from '../rules/conditions.js';
import type { RuleFacts } from '../rules/rule-facts.js';
import type { TicketWriter } from '../ticket-writer.js';
import type { TicketHistory } from '../timeline/ticket-history.js';
import type { SlaRepository, TicketSlaColumns } from './sla.repository.js';
import { type ComputedTarget, computeSlaTargets } from './sla-targets.js';

const RESOLUTION = new Set(['requester_wait_time', 'agent_work_time']);

function earliestDue(targets: ComputedTarget[], metrics: (m: string) => boolean) {
  const dues = targets
    .filter((t) => t.stage === 'active' && t.dueAt && metrics(t.metric))
    .map((t) => t.dueAt!.getTime());
  return dues.length ? new Date(Math.min(...dues)) : null;
}

/** The due-time columns views sort and filter by ("breaches in 12 min"). */
export function ticketSlaColumns(policyId: number | null, targets: ComputedTarget[]): TicketSlaColumns {
  return {
    sla_policy_id: policyId,
    sla_first_reply_due_at: earliestDue(targets, (m) => m === 'first_reply_time'),
    sla_next_reply_due_at: earliestDue(targets, (m) => m === 'next_reply_time'),
    sla_periodic_update_due_at: earliestDue(targets, (m) => m === 'periodic_update_time'),
    sla_resolution_due_at: earliestDue(targets, (m) => RESOLUTION.has(m)),
    sla_next_breach_at: earliestDue(targets, () => true),
  };
}

/**
 * SLA policies (Zendesk's `/api/v2/slas/policies`) and the targets they set on tickets.
 * After every ticket change the targets are recomputed from the ticket's history and
 * stored with their due times; the sweep records warnings and breaches as they come due.
 */
export function createSlaService(deps: {
  sla: SlaRepository;
  schedules: SchedulesRepository;
  writer: Pick<TicketWriter, 'setColumns'>;
  clock: Clock;
}) {
  const { sla, schedules, clock } = deps;

  async function validate(input: Partial<SlaPolicyInput>) {
    const errors: ErrorDetails = input.filter ? validateConditions('sla', input.filter, 'filter') : {};
    const seen = new Set<string>();
    (input.policy_metrics ?? []).forEach((m, i) => {
      const key = `${m.priority}/${m.metric}`;
      if (seen.has(key))
        errors[`policy_metrics.${i}`] = [
          {
            description: `Policy metrics: ${m.metric} for ${m.priority} priority is listed twice`,
            error: 'Duplicate',
          },
        ];
      seen.add(key);
    });
    if (
      input.schedule_id !== undefined &&
      input.schedule_id !== null &&
      !(await schedules.find(input.schedule_id))
    ) {
      errors.schedule_id = [
        { description: `Schedule: ${input.schedule_id} does not exist`, error: 'InvalidValue' },
      ];
    }
    if (Object.keys(errors).length) throw new InvalidError(errors);
  }

  return {
    list: () => sla.policies(),
    async show(id: number) {
      const row = await sla.policy(id);
      if (!row) throw new NotFoundError();
      return row;
    },
    async create(input: SlaPolicyInput) {
      await validate(input);
      return sla.insertPolicy(
        {
          title: input.title,
          description: input.description ?? '',
          position: input.position ?? (await sla.nextPosition()),
          filter: input.filter,
          policy_metrics: input.policy_metrics as PolicyMetric[],
          schedule_id: input.schedule_id ?? null,
          warning_minutes: input.warning_minutes ?? 15,
        },
        clock.now(),
      );
    },
    async update(id: number, input: Partial<SlaPolicyInput>) {
      await this.show(id);
      await validate(input);
      const { description, policy_metrics, ...rest } = input;
      const row = await sla.updatePolicy(
        id,
        {
          ...rest,
          ...(description !== undefined ? { description: description ?? '' } : {}),
          ...(policy_metrics ? { policy_metrics: policy_metrics as PolicyMetric[] } : {}),
        },
        clock.now(),
      );
      if (!row) throw new NotFoundError();
      return row;
    },
    async remove(id: number) {
      if (!(await sla.removePolicy(id))) throw new NotFoundError();
    },
    async reorder(ids: number[]) {
      const known = new Set((await sla.policies()).map((p) => p.id));
      const unknown = ids.filter((i) => !known.has(i));
      if (unknown.length)
        throw InvalidError.field('sla_policy_ids', `unknown policies ${unknown.join(', ')}`);
      await sla.setPositions(ids, clock.now());
    },

    /** Recomputes and stores a ticket's targets from its history; records a late breach at once. */
    async refresh(ticket: Ticket, history: TicketHistory, facts: RuleFacts) {
      const now = clock.now();
      const policies = await sla.policies();
      const plain = { ...facts, update: null };
      const policy =
        ticket.status === 'closed' ? undefined : policies.find((p) => matchesConditions(p.filter, plain));
      const schedule = policy ? await schedules.schedule(policy.schedule_id) : null;
      const computed = policy
        ? computeSlaTargets(policy.policy_metrics, ticket.priority, history, schedule, now)
        : [];
      const keep: number[] = [];
      for (const t of computed) {
        const warnAt =
          t.stage === 'active' && t.dueAt
            ? new Date(t.dueAt.getTime() - policy!.warning_minutes * 60_000)
            : null;
        const row = await sla.upsertTarget(
          ticket.id,
          {
            metric: t.metric,
            instance: t.instance,
            policy_id: policy!.id,
            target_minutes: t.targetMinutes,
            business_hours: t.businessHours,
            stage: t.stage,
            started_at: t.startedAt,
            due_at: t.dueAt,
            warn_at: warnAt,
            fulfilled_at: t.fulfilledAt,
          },
          now,
        );
        keep.push(row.id);
        if (t.breached && !row.breached_at) await sla.record(row.id, 'breach', now);
      }
      await sla.cancelTargets(ticket.id, keep, now);
      await deps.writer.setColumns(ticket.id, ticketSlaColumns(policy?.id ?? null, computed));
    },

    /** A sweep job: the target's due (or warning) time came; record it once if it still stands. */
    async due(targetId: number, kind: 'warning' | 'breach') {
      const target = await sla.target(targetId);
      const now = clock.now();
      if (target?.stage !== 'active') return false;
      const at = kind === 'breach' ? target.due_at : target.warn_at;
      if (!at || at > now) return false;
      return sla.record(targetId, kind, now);
    },
  };
}

export type SlaService = ReturnType<typeof createSlaService>;
