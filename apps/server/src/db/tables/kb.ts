import type { ColumnType, Generated } from 'kysely';

/** Table types owned by the knowledge base (migrations 0700–0749), merged into DB. */
type Id = Generated<number>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type IdArray = ColumnType<number[], number[] | undefined, number[]>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export type KbUserType = 'signed_in_users' | 'staff';
export type KbSourceType = 'category' | 'section' | 'article';

export type KbUserSegmentsTable = {
  id: Id;
  name: string;
  user_type: KbUserType;
  group_ids: IdArray;
  organization_ids: IdArray;
  tags: TextArray;
  or_tags: TextArray;
  built_in: WithDefault<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export type KbPermissionGroupsTable = {
  id: Id;
  name: string;
  edit: IdArray;
  publish: IdArray;
  built_in: WithDefault<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export type KbCategoriesTable = {
  id: Id;
  position: WithDefault<number>;
  source_locale: WithDefault<string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export type KbSectionsTable = KbCategoriesTable & { category_id: number };

export type KbArticlesTable = {
  id: Id;
  section_id: number;
  author_id: number | null;
  user_segment_id: number | null;
  permission_group_id: number | null;
  position: WithDefault<number>;
  promoted: WithDefault<boolean>;
  comments_disabled: WithDefault<boolean>;
  source_locale: WithDefault<string>;
  label_names: TextArray;
  vote_sum: WithDefault<number>;
  vote_count: WithDefault<number>;
  view_count: WithDefault<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  edited_at: Timestamp;
  archived_at: NullableTimestamp;
};

export type KbTranslationsTable = {
  id: Id;
  source_type: KbSourceType;
  source_id: number;
  locale: string;
  title: string;
  body: WithDefault<string>;
  draft: WithDefault<boolean>;
  outdated: WithDefault<boolean>;
  title_tokens: TextArray;
  search_tokens: TextArray;
  created_by_id: number | null;
  updated_by_id: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export type KbArticleVersionsTable = {
  id: Id;
  article_id: number;
  locale: string;
  title: string;
  body: string;
  author_id: number | null;
  created_at: CreatedAt;
};

export type KbLabelsTable = { id: Id; name: string; created_at: CreatedAt; updated_at: Timestamp };

export type KbVotesTable = {
  id: Id;
  article_id: number;
  user_id: number | null;
  voter: string;
  value: number;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export type KbFlagsTable = {
  id: Id;
  article_id: number;
  user_id: number | null;
  ticket_id: number | null;
  reason: WithDefault<string>;
  created_at: CreatedAt;
  resolved_at: NullableTimestamp;
};

export type KbSearchesTable = {
  id: Id;
  query: string;
  locale: string | null;
  source: string;
  result_count: number;
  user_id: number | null;
  session_key: string | null;
  clicked_article_id: number | null;
  request_ticket_id: number | null;
  created_at: CreatedAt;
};

export type KbTables = {
  kb_user_segments: KbUserSegmentsTable;
  kb_permission_groups: KbPermissionGroupsTable;
  kb_categories: KbCategoriesTable;
  kb_sections: KbSectionsTable;
  kb_articles: KbArticlesTable;
  kb_translations: KbTranslationsTable;
  kb_article_versions: KbArticleVersionsTable;
  kb_labels: KbLabelsTable;
  kb_votes: KbVotesTable;
  kb_flags: KbFlagsTable;
  kb_searches: KbSearchesTable;
};
