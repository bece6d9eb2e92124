import { type Kysely, sql } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { RuleAction, RuleConditions } from '../../../db/tables/workflow.js';

export type RuleTable = 'triggers' | 'automations';

export type RuleValues = {
  title: string;
  description?: string;
  active: boolean;
  position: number;
  category_id?: string | null;
  conditions: RuleConditions;
  actions: RuleAction[];
};

/**
 * Triggers and automations: the same JSON (title, active, position, conditions,
 * actions) in two tables. Rules change rarely and run on every ticket change, so the
 * active lists are cached per process and reloaded when `rules_version` moves (any
 * node bumps it on a change).
 */
export function createRulesRepository(db: Kysely<DB>) {
  // The two tables share these columns; Kysely cannot type a union of table names.
  const t = (table: RuleTable) => table as 'triggers';
  const serialize = (v: Partial<RuleValues>) => ({
    ...v,
    ...(v.conditions ? { conditions: JSON.stringify(v.conditions) } : {}),
    ...(v.actions ? { actions: JSON.stringify(v.actions) } : {}),
  });
  const cache = new Map<RuleTable, { version: string; rows: Awaited<ReturnType<typeof loadActive>> }>();

  function loadActive(table: RuleTable) {
    return db
      .selectFrom(t(table))
      .select(['id', 'title', 'conditions', 'actions', 'position'])
      .where('active', '=', true)
      .orderBy('position')
      .orderBy('id')
      .execute();
  }

  async function version(): Promise<string> {
    const row = await db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'workflow.rules_version')
      .executeTakeFirst();
    return String(row?.value ?? '0');
  }

  return {
    /** Which of `ids` exist in `table` (for checking the groups, users and webhooks that actions name). */
    async existingIds(table: 'groups' | 'users' | 'webhooks', ids: number[]) {
      if (ids.length === 0) return new Set<number>();
      const rows = await db.selectFrom(table).select('id').where('id', 'in', ids).execute();
      return new Set(rows.map((r) => r.id));
    },

    /** The people, group and organization a ticket's placeholders name. */
    placeholderSubjects(userIds: number[], groupId: number | null, organizationId: number | null) {
      return Promise.all([
        userIds.length ? db.selectFrom('users').selectAll().where('id', 'in', userIds).execute() : [],
        groupId
          ? db.selectFrom('groups').selectAll().where('id', '=', groupId).executeTakeFirst()
          : undefined,
        organizationId
          ? db.selectFrom('organizations').selectAll().where('id', '=', organizationId).executeTakeFirst()
          : undefined,
      ]);
    },

    list(table: RuleTable, activeOnly = false) {
      let q = db.selectFrom(t(table)).selectAll().orderBy('position').orderBy('id');
      if (activeOnly) q = q.where('active', '=', true);
      return q.execute();
    },
    find(table: RuleTable, id: number) {
      return db.selectFrom(t(table)).selectAll().where('id', '=', id).executeTakeFirst();
    },
    async nextPosition(table: RuleTable) {
      const row = await db
        .selectFrom(t(table))
        .select((eb) => eb.fn.max('position').as('max'))
        .executeTakeFirst();
      return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
    },
    insert(table: RuleTable, values: RuleValues, now: Date) {
      return db
        .insertInto(t(table))
        .values({ ...serialize(values), created_at: now, updated_at: now } as never)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    update(table: RuleTable, id: number, values: Partial<RuleValues>, now: Date) {
      return db
        .updateTable(t(table))
        .set({ ...serialize(values), updated_at: now } as never)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },
    async remove(table: RuleTable, id: number) {
      const result = await db.deleteFrom(t(table)).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async setPositions(table: RuleTable, ids: number[], now: Date) {
      for (const [position, id] of ids.entries()) {
        await db.updateTable(t(table)).set({ position, updated_at: now }).where('id', '=', id).execute();
      }
    },
    flagLoop(id: number, details: string, now: Date) {
      return db
        .updateTable('triggers')
        .set({ loop_detected_at: now, loop_details: details })
        .where('id', '=', id)
        .execute();
    },
    /** Marks the rules changed, so every node reloads its cached lists. */
    bump() {
      return sql`insert into settings (key, value, updated_at) values ('workflow.rules_version', to_jsonb(extract(epoch from clock_timestamp())::text), now())
        on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`.execute(db);
    },
    /** The active rules of a table, in order, from the cache when nothing changed. */
    async active(table: RuleTable) {
      const current = await version();
      const hit = cache.get(table);
      if (hit && hit.version === current) return hit.rows;
      const rows = await loadActive(table);
      cache.set(table, { version: current, rows });
      return rows;
    },
    /** Whether a rule pass with this key already changed the ticket (a re-run after a crash): its audit says so. */
    async applied(ticketId: number, key: string) {
      const row = await db
        .selectFrom('ticket_audits')
        .select('id')
        .where('ticket_id', '=', ticketId)
        .where(sql<boolean>`via_source->'from'->>'source' = ${key}`)
        .executeTakeFirst();
      return row !== undefined;
    },
    /** Automation runs already made on a ticket, as `automationId:anchor`. */
    async runs(ticketId: number) {
      const rows = await db
        .selectFrom('automation_runs')
        .select(['automation_id', 'anchor'])
        .where('ticket_id', '=', ticketId)
        .execute();
      return new Set(rows.map((r) => `${r.automation_id}:${r.anchor}`));
    },
    /** Claims one automation run; false when it was claimed already. */
    async claimRun(automationId: number, ticketId: number, anchor: string, now: Date) {
      const row = await db
        .insertInto('automation_runs')
        .values({ automation_id: automationId, ticket_id: ticketId, anchor, created_at: now })
        .onConflict((oc) => oc.columns(['automation_id', 'ticket_id', 'anchor']).doNothing())
        .returning('automation_id')
        .executeTakeFirst();
      return row !== undefined;
    },
    /** After automations change, every live ticket is looked at once more. */
    recheckAll(now: Date) {
      return db
        .updateTable('tickets')
        .set({ automation_check_at: now })
        .where('status', '!=', 'closed')
        .where('deleted_at', 'is', null)
        .execute();
    },
    dueChecks(now: Date) {
      return db
        .selectFrom('tickets')
        .select([sql<string>`id::text`.as('key'), sql<Date>`automation_check_at`.as('due_at')])
        .where('automation_check_at', '<=', now)
        .where('deleted_at', 'is', null);
    },
  };
}

export type RulesRepository = ReturnType<typeof createRulesRepository>;
