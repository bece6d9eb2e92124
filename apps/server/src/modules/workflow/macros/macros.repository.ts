import { type Kysely, sql } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { RuleAction } from '../../../db/tables/workflow.js';

export type MacroValues = {
  title: string;
  description: string;
  active: boolean;
  position: number;
  actions: RuleAction[];
  restriction_type: 'User' | 'Group' | null;
  restriction_ids: number[];
};

export type MacroUsage = { usage_1h: number; usage_24h: number; usage_7d: number; usage_30d: number };

export function createMacrosRepository(db: Kysely<DB>) {
  const serialize = (v: Partial<MacroValues>) => ({
    ...v,
    ...(v.actions ? { actions: JSON.stringify(v.actions) } : {}),
  });
  return {
    /** Macros an agent may use: shared ones, their own, and their groups'. Admins see all when `all`. */
    visible(userId: number, groupIds: number[], all: boolean) {
      let q = db.selectFrom('macros').selectAll().orderBy('position').orderBy('title').orderBy('id');
      if (!all) {
        q = q.where((eb) =>
          eb.or([
            eb('restriction_type', 'is', null),
            eb.and([eb('restriction_type', '=', 'User'), sql<boolean>`${userId} = any(restriction_ids)`]),
            ...(groupIds.length
              ? [
                  eb.and([
                    eb('restriction_type', '=', 'Group'),
                    sql<boolean>`restriction_ids && ${sql.val(groupIds)}::bigint[]`,
                  ]),
                ]
              : []),
          ]),
        );
      }
      return q.execute();
    },
    find(id: number) {
      return db.selectFrom('macros').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async nextPosition() {
      const row = await db
        .selectFrom('macros')
        .select((eb) => eb.fn.max('position').as('max'))
        .executeTakeFirst();
      return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
    },
    insert(values: MacroValues, createdBy: number, now: Date) {
      return db
        .insertInto('macros')
        .values({ ...serialize(values), created_by: createdBy, created_at: now, updated_at: now } as never)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    update(id: number, values: Partial<MacroValues>, now: Date) {
      return db
        .updateTable('macros')
        .set({ ...serialize(values), updated_at: now } as never)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },
    async remove(id: number) {
      const result = await db.deleteFrom('macros').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    recordUse(macroId: number, userId: number, ticketId: number | null, now: Date) {
      return db
        .insertInto('macro_usages')
        .values({ macro_id: macroId, user_id: userId, ticket_id: ticketId, created_at: now })
        .execute();
    },
    async usage(ids: number[], now: Date): Promise<Map<number, MacroUsage>> {
      const out = new Map<number, MacroUsage>();
      if (ids.length === 0) return out;
      const since = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
      const rows = await db
        .selectFrom('macro_usages')
        .select([
          'macro_id',
          sql<number>`count(*) filter (where created_at > ${since(1)})`.as('h1'),
          sql<number>`count(*) filter (where created_at > ${since(24)})`.as('h24'),
          sql<number>`count(*) filter (where created_at > ${since(24 * 7)})`.as('d7'),
          sql<number>`count(*)`.as('d30'),
        ])
        .where('macro_id', 'in', ids)
        .where('created_at', '>', since(24 * 30))
        .groupBy('macro_id')
        .execute();
      for (const r of rows)
        out.set(r.macro_id, {
          usage_1h: Number(r.h1),
          usage_24h: Number(r.h24),
          usage_7d: Number(r.d7),
          usage_30d: Number(r.d30),
        });
      return out;
    },
  };
}

export type MacrosRepository = ReturnType<typeof createMacrosRepository>;
