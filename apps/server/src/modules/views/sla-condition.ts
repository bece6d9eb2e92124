import type { ConditionField } from './view-conditions.js';

const HOUR = 3_600_000;

/**
 * Frontline: `sla_next_breach_at` — hours until the ticket's next SLA breach. `less_than 2`
 * is "breaches within two hours, or has already breached" (a breached target keeps its
 * due time until it is met); `greater_than 8` is "more than eight hours left". Tickets
 * with no running target match neither. The built-in "SLA due soon" view uses it.
 */
export const slaNextBreachField: ConditionField = {
  operators: ['less_than', 'greater_than'],
  parse(value) {
    const v = value === null || value === undefined ? '' : String(value).trim();
    return /^\d{1,5}$/.test(v)
      ? { ok: true, value: Number(v) }
      : { ok: false, message: 'must be a whole number of hours' };
  },
  toSql(eb, operator, value, ctx) {
    const at = new Date(ctx.now.getTime() + Number(value) * HOUR);
    return operator === 'less_than'
      ? eb('tickets.sla_next_breach_at', '<', at)
      : eb('tickets.sla_next_breach_at', '>=', at);
  },
};
