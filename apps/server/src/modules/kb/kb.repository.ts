import { type Selectable, sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { KbArticlesTable, KbTranslationsTable, KbUserSegmentsTable } from '../../db/tables/kb.js';
import { createKbCatalogRepository } from './kb-catalog.repository.js';
import { type SearchPlan, TITLE_WEIGHT } from './kb-search-plan.js';

export type KbArticle = Selectable<KbArticlesTable>;
export type KbTranslation = Selectable<KbTranslationsTable>;
export type KbSegmentRow = Selectable<KbUserSegmentsTable>;
/** An article in one locale: the article's columns, its translation's, and its segment. */
export type ArticleRow = KbArticle & {
  locale: string;
  title: string;
  body: string;
  draft: boolean;
  outdated: boolean;
  translation_updated_at: Date;
  segment: KbSegmentRow | null;
};
export type ContainerRow = {
  id: number;
  parent_id: number | null;
  position: number;
  source_locale: string;
  created_at: Date;
  updated_at: Date;
  locale: string;
  name: string;
  description: string;
  outdated: boolean;
};
export type HcNames = {
  section_name: string | null;
  category_id: number;
  category_name: string | null;
  locales: string[];
};
/**
 * Suggestions: a token found in more than this many articles' bodies (or titles) of
 * the locale tells no article apart and is left out of the ranking. Each lookup reads
 * at most one more than this, so a common word costs a bounded read, and the cut is
 * the same on every call (not whichever 1,000 rows a capped read happened to return).
 */
const COMMON_TOKEN_ARTICLES = 500;
/** Which articles a list may return: segments the viewer reads (null segment always) and whether drafts show. */
export type Scope = { segmentIds: number[] | 'all'; drafts: boolean };

const ARTICLE_COLUMNS = sql`a.*, t.locale, t.title, t.body, t.draft, t.outdated, t.updated_at as translation_updated_at,
  (select to_jsonb(s) from kb_user_segments s where s.id = a.user_segment_id) as segment`;

/** The translation in the asked locale, else the article's source locale. */
const TRANSLATION_JOIN = (locale: string | null) => sql`join lateral (
  select * from kb_translations x
  where x.source_type = 'article' and x.source_id = a.id
    and x.locale in (${locale ?? ''}, a.source_locale)
  order by (x.locale = ${locale ?? ''}) desc limit 1) t on true`;

const scopeWhere = (scope: Scope) =>
  sql`a.archived_at is null
    ${scope.segmentIds === 'all' ? sql`` : sql`and (a.user_segment_id is null or a.user_segment_id = any(${scope.segmentIds}::bigint[]))`}
    ${scope.drafts ? sql`` : sql`and t.draft = false`}`;

function fixSegment(row: ArticleRow): ArticleRow {
  const s = row.segment as unknown as (KbSegmentRow & { id: string | number }) | null;
  if (!s) return row;
  return {
    ...row,
    segment: {
      ...s,
      id: Number(s.id),
      group_ids: s.group_ids.map(Number),
      organization_ids: s.organization_ids.map(Number),
    },
  };
}

export function createKbRepository(db: Executor) {
  const rows = async (query: ReturnType<typeof sql<ArticleRow>>) =>
    (await query.execute(db)).rows.map(fixSegment);
  /** Runs `work` in a transaction (or the one `db` already is), so `set_config(..., true)` ends with it. */
  const inTransaction = <T>(work: (trx: Executor) => Promise<T>) =>
    db.isTransaction ? work(db) : db.transaction().execute(work);

  return {
    ...createKbCatalogRepository(db),
    async segments() {
      return db.selectFrom('kb_user_segments').selectAll().orderBy('id').execute();
    },
    async segment(id: number) {
      return db.selectFrom('kb_user_segments').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async permissionGroups() {
      return db.selectFrom('kb_permission_groups').selectAll().orderBy('id').execute();
    },

    /** Categories (parent null) or sections (parent = category) in a locale, falling back to the source locale. */
    async containers(
      type: 'category' | 'section',
      locale: string | null,
      filter: { id?: number; parentId?: number } = {},
    ) {
      const table = type === 'category' ? sql`kb_categories` : sql`kb_sections`;
      const parent = type === 'category' ? sql`null::bigint` : sql`c.category_id`;
      const result = await sql<ContainerRow>`
        select c.id, ${parent} as parent_id, c.position, c.source_locale, c.created_at, c.updated_at,
          t.locale, t.title as name, t.body as description, t.outdated
        from ${table} c
        join lateral (select * from kb_translations x where x.source_type = ${type} and x.source_id = c.id
          and x.locale in (${locale ?? ''}, c.source_locale) order by (x.locale = ${locale ?? ''}) desc limit 1) t on true
        where true ${filter.id !== undefined ? sql`and c.id = ${filter.id}` : sql``}
          ${filter.parentId !== undefined && type === 'section' ? sql`and c.category_id = ${filter.parentId}` : sql``}
        order by c.position, c.id limit 1000`.execute(db);
      return result.rows.map((r) => ({
        ...r,
        id: Number(r.id),
        parent_id: r.parent_id === null ? null : Number(r.parent_id),
      }));
    },
    async insertContainer(
      type: 'category' | 'section',
      values: {
        position: number;
        source_locale: string;
        category_id?: number;
        created_at: Date;
        updated_at: Date;
      },
    ) {
      if (type === 'category')
        return db.insertInto('kb_categories').values(values).returning('id').executeTakeFirstOrThrow();
      return db
        .insertInto('kb_sections')
        .values({ ...values, category_id: values.category_id! })
        .returning('id')
        .executeTakeFirstOrThrow();
    },
    async updateContainer(
      type: 'category' | 'section',
      id: number,
      values: { position?: number; updated_at: Date },
    ) {
      const table = type === 'category' ? 'kb_categories' : 'kb_sections';
      return db.updateTable(table).set(values).where('id', '=', id).returning('id').executeTakeFirst();
    },
    async deleteContainer(type: 'category' | 'section', id: number) {
      const table = type === 'category' ? 'kb_categories' : 'kb_sections';
      await db
        .deleteFrom('kb_translations')
        .where('source_type', '=', type)
        .where('source_id', '=', id)
        .execute();
      return (await db.deleteFrom(table).where('id', '=', id).executeTakeFirst()).numDeletedRows > 0n;
    },
    async sectionExists(id: number) {
      return !!(await db.selectFrom('kb_sections').select('id').where('id', '=', id).executeTakeFirst());
    },
    async categoryExists(id: number) {
      return !!(await db.selectFrom('kb_categories').select('id').where('id', '=', id).executeTakeFirst());
    },

    /** One article in a locale with its segment: the article page's single read. */
    async article(id: number, locale: string | null) {
      const [row] =
        await rows(sql<ArticleRow>`select ${ARTICLE_COLUMNS} from kb_articles a ${TRANSLATION_JOIN(locale)}
        where a.id = ${id} and a.archived_at is null`);
      return row;
    },
    /** The article page's one read: the article, its section and category names, and its published locales. */
    async articlePage(id: number, locale: string) {
      const [row] = await rows(sql<ArticleRow & HcNames>`select ${ARTICLE_COLUMNS},
          (select title from kb_translations x where x.source_type = 'section' and x.source_id = a.section_id
            order by (x.locale = ${locale}) desc, x.id limit 1) as section_name,
          s.category_id,
          (select title from kb_translations x where x.source_type = 'category' and x.source_id = s.category_id
            order by (x.locale = ${locale}) desc, x.id limit 1) as category_name,
          array(select locale from kb_translations x where x.source_type = 'article' and x.source_id = a.id
            and x.draft = false order by locale) as locales
        from kb_articles a join kb_sections s on s.id = a.section_id ${TRANSLATION_JOIN(locale)}
        where a.id = ${id} and a.archived_at is null`);
      return row as (ArticleRow & HcNames) | undefined;
    },
    /** Published translations of articles everyone may read, for /hc/sitemap.xml. */
    async sitemap(limit = 50_000) {
      const result = await sql<{ id: string; locale: string; updated_at: Date }>`
        select a.id, t.locale, t.updated_at from kb_articles a
        join kb_translations t on t.source_type = 'article' and t.source_id = a.id and t.draft = false
        where a.archived_at is null and a.user_segment_id is null order by a.id, t.locale limit ${limit}`.execute(
        db,
      );
      return result.rows;
    },
    async articles(
      scope: Scope,
      locale: string | null,
      filter: { sectionId?: number; categoryId?: number; label?: string; ids?: number[] },
      page: { limit: number; offset: number },
    ) {
      const where = sql`${scopeWhere(scope)}
        ${filter.sectionId !== undefined ? sql`and a.section_id = ${filter.sectionId}` : sql``}
        ${filter.categoryId !== undefined ? sql`and a.section_id in (select id from kb_sections where category_id = ${filter.categoryId})` : sql``}
        ${filter.label !== undefined ? sql`and a.label_names @> array[${filter.label}]::text[]` : sql``}
        ${filter.ids !== undefined ? sql`and a.id = any(${filter.ids}::bigint[])` : sql``}`;
      const list =
        await rows(sql<ArticleRow>`select ${ARTICLE_COLUMNS} from kb_articles a ${TRANSLATION_JOIN(locale)}
        where ${where} order by a.promoted desc, a.position, a.id limit ${page.limit} offset ${page.offset}`);
      const count = await sql<{
        n: string;
      }>`select count(*) as n from kb_articles a ${TRANSLATION_JOIN(locale)} where ${where}`.execute(db);
      return { rows: list, count: Number(count.rows[0]?.n ?? 0) };
    },
    /**
     * Ranked search over published translations (see kb-search-plan.ts). Only ids and
     * scores are ranked; bodies are read for the page's rows alone.
     * - `all`: every candidate holds every token, so only title hits tell them apart.
     * - `any`: each token is one lookup in the word index (1 point) and one in the title
     *   index (TITLE_WEIGHT points); an article's score is the sum of the lookups that
     *   found it. Tokens too common to matter are dropped (COMMON_TOKEN_ARTICLES).
     * Both run with sequential and parallel scans ruled out: the planner prices the
     * token arrays' `@>` as cheap, but on a row it means un-toasting a ~3 KB array, and
     * a scan of every article for a common word took ~180 ms against ~1 ms by index.
     */
    async search(
      plan: SearchPlan,
      scope: Scope,
      locale: string | null,
      page: { limit: number; offset: number },
      withCount = true,
    ) {
      if (plan.tokens.length === 0) return { rows: [] as (ArticleRow & { score: number })[], count: 0 };
      const tokens = plan.tokens;
      const published = sql`t.source_type = 'article' and t.draft = false ${locale ? sql`and t.locale = ${locale}` : sql``}`;
      const titleHits = sql.join(
        tokens.map((tok) => sql`(t.title_tokens @> array[${tok}]::text[])::int`),
        sql` + `,
      );
      const lookup = (column: 'search_tokens' | 'title_tokens', points: number) =>
        sql`(select t.id, t.source_id, ${points}::int as points from kb_translations t
          where ${published} and t.${sql.raw(column)} @> array[q.token]
          limit ${COMMON_TOKEN_ARTICLES + 1})`;
      const ranked =
        plan.match === 'all'
          ? sql`select t.id, t.source_id, ${TITLE_WEIGHT} * (${titleHits}) + ${tokens.length} as score
              from kb_translations t where ${published} and t.search_tokens @> ${tokens}::text[]`
          : sql`select h.id, h.source_id, sum(h.points) as score from (
              select f.*, count(*) over (partition by q.token, f.points) as found
              from unnest(${tokens}::text[]) q(token)
              cross join lateral (${lookup('search_tokens', 1)} union all ${lookup('title_tokens', TITLE_WEIGHT)}) f) h
              where h.found <= ${COMMON_TOKEN_ARTICLES} group by h.id, h.source_id`;
      const visible = sql`a.archived_at is null
        ${scope.segmentIds === 'all' ? sql`` : sql`and (a.user_segment_id is null or a.user_segment_id = any(${scope.segmentIds}::bigint[]))`}`;
      return inTransaction(async (trx) => {
        await sql`select set_config('enable_seqscan', 'off', true),
          set_config('max_parallel_workers_per_gather', '0', true)`.execute(trx);
        const list = (
          await sql<ArticleRow & { score: number }>`
          with top as (
            select m.id, m.score, a.vote_sum from (${ranked}) m join kb_articles a on a.id = m.source_id
            where m.score >= ${plan.minimumScore} and ${visible}
            order by m.score desc, a.vote_sum desc, a.id limit ${page.limit} offset ${page.offset})
          select a.*, t.locale, t.title, t.body, t.draft, t.outdated, t.updated_at as translation_updated_at,
            top.score::int as score,
            (select to_jsonb(s) from kb_user_segments s where s.id = a.user_segment_id) as segment
          from top join kb_translations t on t.id = top.id join kb_articles a on a.id = t.source_id
          order by top.score desc, a.vote_sum desc, a.id`.execute(trx)
        ).rows.map(fixSegment);
        if (!withCount) return { rows: list, count: list.length };
        const count = await sql<{ n: string }>`select count(*) as n from (select 1 from kb_translations t
          join kb_articles a on a.id = t.source_id
          where ${published} and t.search_tokens ${plan.match === 'all' ? sql`@>` : sql`&&`} ${tokens}::text[] and ${visible}
          limit 1000) c`.execute(trx);
        return { rows: list, count: Number(count.rows[0]?.n ?? 0) };
      });
    },

    async insertArticle(values: {
      section_id: number;
      author_id: number | null;
      user_segment_id: number | null;
      permission_group_id: number | null;
      position: number;
      promoted: boolean;
      comments_disabled: boolean;
      source_locale: string;
      label_names: string[];
      created_at: Date;
      updated_at: Date;
      edited_at: Date;
    }) {
      return db.insertInto('kb_articles').values(values).returning('id').executeTakeFirstOrThrow();
    },
    async updateArticle(id: number, values: Partial<Omit<KbArticle, 'id' | 'created_at'>>) {
      return db
        .updateTable('kb_articles')
        .set(values)
        .where('id', '=', id)
        .where('archived_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
    },
    async countView(articleId: number) {
      await db
        .updateTable('kb_articles')
        .set({ view_count: sql`view_count + 1` })
        .where('id', '=', articleId)
        .execute();
    },
    /** One vote per voter per article; a second vote replaces the first. Returns the vote and the new sums. */
    async vote(articleId: number, voter: string, userId: number | null, value: 1 | -1, at: Date) {
      const vote = await db
        .insertInto('kb_votes')
        .values({ article_id: articleId, voter, user_id: userId, value, created_at: at, updated_at: at })
        .onConflict((oc) => oc.columns(['article_id', 'voter']).doUpdateSet({ value, updated_at: at }))
        .returningAll()
        .executeTakeFirstOrThrow();
      await sql`update kb_articles set vote_sum = v.s, vote_count = v.c
        from (select coalesce(sum(value), 0) as s, count(*) as c from kb_votes where article_id = ${articleId}) v
        where id = ${articleId}`.execute(db);
      return vote;
    },
  };
}

export type KbRepository = ReturnType<typeof createKbRepository>;
