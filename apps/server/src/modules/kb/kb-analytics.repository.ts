import { sql } from 'kysely';
import type { Executor } from '../../db/executor.js';

export type SearchSource = 'help_center' | 'api' | 'suggestions' | 'web_form' | 'widget';

/** The knowledge report's window and its rows. */
export type ReportWindow = { since: Date; limit: number };

export function createKbAnalyticsRepository(db: Executor) {
  return {
    async logSearch(values: {
      query: string;
      locale: string | null;
      source: SearchSource;
      result_count: number;
      user_id: number | null;
      session_key: string | null;
      created_at: Date;
    }) {
      return db.insertInto('kb_searches').values(values).returning('id').executeTakeFirstOrThrow();
    },
    async markClicked(searchId: number, articleId: number) {
      await db
        .updateTable('kb_searches')
        .set({ clicked_article_id: articleId })
        .where('id', '=', searchId)
        .where('clicked_article_id', 'is', null)
        .execute();
    },
    /** The session's searches in the last `since` window get the ticket that followed them. */
    async markFollowedByRequest(sessionKey: string, ticketId: number, since: Date) {
      const result = await db
        .updateTable('kb_searches')
        .set({ request_ticket_id: ticketId })
        .where('session_key', '=', sessionKey)
        .where('created_at', '>=', since)
        .where('request_ticket_id', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async flag(values: {
      article_id: number;
      user_id: number;
      ticket_id: number | null;
      reason: string;
      created_at: Date;
    }) {
      return db.insertInto('kb_flags').values(values).returningAll().executeTakeFirstOrThrow();
    },
    async openFlags(limit = 200) {
      return db
        .selectFrom('kb_flags')
        .selectAll('kb_flags')
        .select((eb) =>
          eb
            .selectFrom('kb_translations')
            .select('title')
            .whereRef('kb_translations.source_id', '=', 'kb_flags.article_id')
            .where('kb_translations.source_type', '=', 'article')
            // The article's own language first, as the articles list shows it.
            .orderBy(
              sql`kb_translations.locale = (select source_locale from kb_articles where id = kb_flags.article_id)`,
              'desc',
            )
            .orderBy('kb_translations.locale')
            .limit(1)
            .as('article_title'),
        )
        .where('resolved_at', 'is', null)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
    },
    async resolveFlags(articleId: number, at: Date) {
      await db
        .updateTable('kb_flags')
        .set({ resolved_at: at })
        .where('article_id', '=', articleId)
        .where('resolved_at', 'is', null)
        .execute();
    },
    async report({ since, limit }: ReportWindow) {
      const top = await sql<{ query: string; searches: string; clicks: string; requests: string }>`
        select lower(query) as query, count(*) as searches, count(clicked_article_id) as clicks,
          count(request_ticket_id) as requests
        from kb_searches where created_at >= ${since} group by lower(query)
        order by count(*) desc, lower(query) limit ${limit}`.execute(db);
      const none = await sql<{ query: string; searches: string }>`
        select lower(query) as query, count(*) as searches from kb_searches
        where created_at >= ${since} and result_count = 0 group by lower(query)
        order by count(*) desc, lower(query) limit ${limit}`.execute(db);
      const followed = await sql<{ query: string; searches: string; requests: string }>`
        select lower(query) as query, count(*) as searches, count(distinct request_ticket_id) as requests from kb_searches
        where created_at >= ${since} and request_ticket_id is not null group by lower(query)
        order by count(*) desc, lower(query) limit ${limit}`.execute(db);
      const articles = await sql<{
        id: string;
        title: string;
        view_count: number;
        vote_sum: number;
        vote_count: number;
        flags: string;
      }>`
        select a.id, coalesce((select title from kb_translations t where t.source_type = 'article' and t.source_id = a.id
          and t.locale = a.source_locale), '') as title, a.view_count, a.vote_sum, a.vote_count,
          (select count(*) from kb_flags f where f.article_id = a.id and f.resolved_at is null) as flags
        from kb_articles a where a.archived_at is null
        order by a.view_count desc, a.id limit ${limit}`.execute(db);
      const totals = await sql<{
        searches: string;
        no_results: string;
        clicked: string;
        followed: string;
        deflected: string;
      }>`
        select count(*) as searches, count(*) filter (where result_count = 0) as no_results,
          count(clicked_article_id) as clicked, count(request_ticket_id) as followed,
          count(*) filter (where clicked_article_id is not null and request_ticket_id is null) as deflected
        from kb_searches where created_at >= ${since}`.execute(db);
      return {
        top: top.rows,
        none: none.rows,
        followed: followed.rows,
        articles: articles.rows,
        totals: totals.rows[0]!,
      };
    },
  };
}

export type KbAnalyticsRepository = ReturnType<typeof createKbAnalyticsRepository>;
