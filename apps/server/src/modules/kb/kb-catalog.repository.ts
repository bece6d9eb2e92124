import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { KbSourceType, KbUserSegmentsTable } from '../../db/tables/kb.js';

/** Translations and their published versions, labels, user segments and the help-center theme. */
export function createKbCatalogRepository(db: Executor) {
  return {
    async translations(type: KbSourceType, sourceId: number) {
      return db
        .selectFrom('kb_translations')
        .selectAll()
        .where('source_type', '=', type)
        .where('source_id', '=', sourceId)
        .orderBy('locale')
        .execute();
    },
    async translation(type: KbSourceType, sourceId: number, locale: string) {
      return db
        .selectFrom('kb_translations')
        .selectAll()
        .where('source_type', '=', type)
        .where('source_id', '=', sourceId)
        .where('locale', '=', locale)
        .executeTakeFirst();
    },
    /** Creates or replaces a translation; returns null when `onlyNew` and one exists. */
    async saveTranslation(values: {
      source_type: KbSourceType;
      source_id: number;
      locale: string;
      title: string;
      body: string;
      draft: boolean;
      outdated?: boolean;
      title_tokens: string[];
      search_tokens: string[];
      user_id: number | null;
      at: Date;
    }) {
      const { user_id, at, ...row } = values;
      return db
        .insertInto('kb_translations')
        .values({ ...row, created_by_id: user_id, updated_by_id: user_id, created_at: at, updated_at: at })
        .onConflict((oc) =>
          oc.columns(['source_type', 'source_id', 'locale']).doUpdateSet({
            title: row.title,
            body: row.body,
            draft: row.draft,
            outdated: row.outdated ?? false,
            title_tokens: row.title_tokens,
            search_tokens: row.search_tokens,
            updated_by_id: user_id,
            updated_at: at,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    async deleteTranslation(id: number) {
      return (
        (await db.deleteFrom('kb_translations').where('id', '=', id).executeTakeFirst()).numDeletedRows > 0n
      );
    },
    async translationById(id: number) {
      return db.selectFrom('kb_translations').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async addVersion(values: {
      article_id: number;
      locale: string;
      title: string;
      body: string;
      author_id: number | null;
      created_at: Date;
    }) {
      await db.insertInto('kb_article_versions').values(values).execute();
    },
    async versions(articleId: number) {
      return db
        .selectFrom('kb_article_versions')
        .selectAll()
        .where('article_id', '=', articleId)
        .orderBy('id', 'desc')
        .limit(100)
        .execute();
    },
    async ensureLabels(names: string[]) {
      if (names.length === 0) return;
      await db
        .insertInto('kb_labels')
        .values(names.map((name) => ({ name })))
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
    },
    async labels() {
      return db.selectFrom('kb_labels').selectAll().orderBy('name').limit(1000).execute();
    },
    async label(id: number) {
      return db.selectFrom('kb_labels').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async theme() {
      const row = await db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', 'help_center')
        .executeTakeFirst();
      return (row?.value ?? {}) as Record<string, unknown>;
    },
    async saveTheme(value: Record<string, unknown>, at: Date) {
      await db
        .insertInto('settings')
        .values({ key: 'help_center', value: JSON.stringify(value), updated_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: at }))
        .execute();
    },
    async insertSegment(values: Insertable<KbUserSegmentsTable>) {
      return db.insertInto('kb_user_segments').values(values).returningAll().executeTakeFirstOrThrow();
    },
    async updateSegment(id: number, values: Updateable<KbUserSegmentsTable>) {
      return db
        .updateTable('kb_user_segments')
        .set(values)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    async deleteSegment(id: number) {
      const used = await db
        .selectFrom('kb_articles')
        .select('id')
        .where('user_segment_id', '=', id)
        .limit(1)
        .executeTakeFirst();
      if (used) return false;
      await db.deleteFrom('kb_user_segments').where('id', '=', id).execute();
      return true;
    },
  };
}
