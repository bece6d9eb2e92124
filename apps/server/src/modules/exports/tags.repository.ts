import { sql } from 'kysely';
import type { Executor } from '../../db/executor.js';

/** Tag counts over live tickets. Tags are stored normalized (lower case), one array per ticket. */
export function createTagsRepository(db: Executor) {
  return {
    /** Tags of tickets updated since `since`, most used first, then by name. */
    async popular(since: Date, limit: number, offset: number) {
      const { rows } = await sql<{ name: string; count: number }>`
        select tag as name, count(*)::int as count
        from tickets, unnest(tickets.tags) as tag
        where tickets.deleted_at is null and tickets.updated_at >= ${since}
        group by tag
        order by count(*) desc, tag
        limit ${limit} offset ${offset}`.execute(db);
      return rows.map((r) => ({ name: r.name, count: Number(r.count) }));
    },

    async distinctCount(since: Date) {
      const { rows } = await sql<{ n: number }>`
        select count(distinct tag)::int as n
        from tickets, unnest(tickets.tags) as tag
        where tickets.deleted_at is null and tickets.updated_at >= ${since}`.execute(db);
      return Number(rows[0]?.n ?? 0);
    },

    /** Tag names that start with `prefix`, alphabetically. */
    async startingWith(prefix: string, limit: number) {
      const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const { rows } = await sql<{ name: string }>`
        select distinct tag as name
        from tickets, unnest(tickets.tags) as tag
        where tickets.deleted_at is null and tag like ${pattern}
        order by tag
        limit ${limit}`.execute(db);
      return rows.map((r) => r.name);
    },
  };
}

export type TagsRepository = ReturnType<typeof createTagsRepository>;
