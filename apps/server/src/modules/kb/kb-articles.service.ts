import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { InvalidError, NotFoundError } from '../../platform/http/errors.js';
import type { ArticleRow, KbRepository } from './kb.repository.js';
import type { KbService } from './kb.service.js';
import type { SearchSource } from './kb-analytics.repository.js';
import { DEFAULT_LOCALE } from './kb-locale.js';
import { planSearch } from './kb-search-plan.js';
import { canReadArticle, type KbViewer } from './kb-visibility.js';

export type ArticleInput = {
  title?: string | undefined;
  body?: string | undefined;
  locale?: string | undefined;
  draft?: boolean | undefined;
  user_segment_id?: number | null | undefined;
  permission_group_id?: number | null | undefined;
  label_names?: string[] | undefined;
  position?: number | undefined;
  promoted?: boolean | undefined;
  comments_disabled?: boolean | undefined;
  section_id?: number | undefined;
};
export type Paging = { page: number; perPage: number };
export type SearchLogger = (entry: {
  query: string;
  locale: string | null;
  source: SearchSource;
  resultCount: number;
  viewer: KbViewer;
  sessionKey: string | null;
  userId: number | null;
}) => Promise<number | null>;

const MAX_PAGE = 100;
const offset = (p: Paging) => ({ limit: p.perPage, offset: (Math.min(p.page, MAX_PAGE) - 1) * p.perPage });

/** Articles: read through the visibility decision, written by agents, searched and voted on. */
export function createKbArticlesService({
  kb,
  content,
  clock,
  logSearch,
}: {
  kb: KbRepository;
  content: KbService;
  clock: Clock;
  logSearch: SearchLogger;
}) {
  async function readable(id: number, locale: string | null, viewer: KbViewer) {
    const row = await kb.article(id, locale);
    // Not readable and not there answer alike, so an id does not reveal an internal article.
    if (!row || !canReadArticle({ draft: row.draft, segment: row.segment }, viewer))
      throw new NotFoundError(`No article with id ${id}`);
    return row;
  }

  async function checkReferences(input: ArticleInput) {
    if (input.section_id !== undefined && !(await kb.sectionExists(input.section_id)))
      throw InvalidError.field('section_id', `no section has the id ${input.section_id}`);
    if (input.user_segment_id != null && !(await kb.segment(input.user_segment_id)))
      throw InvalidError.field('user_segment_id', `no user segment has the id ${input.user_segment_id}`);
    if (
      input.permission_group_id != null &&
      !(await kb.permissionGroups()).some((g) => g.id === input.permission_group_id)
    )
      throw InvalidError.field(
        'permission_group_id',
        `no permission group has the id ${input.permission_group_id}`,
      );
  }

  const labels = (names: string[] | undefined) =>
    names ? [...new Set(names.map((n) => n.trim()).filter(Boolean))] : undefined;

  return {
    readable,
    async list(
      viewer: KbViewer,
      locale: string | null,
      filter: { sectionId?: number; categoryId?: number; label?: string },
      paging: Paging,
    ) {
      return kb.articles(await content.scopeFor(viewer), locale, filter, offset(paging));
    },

    async create(sectionId: number, input: ArticleInput, actor: Actor) {
      if (!(await kb.sectionExists(sectionId))) throw new NotFoundError(`No section with id ${sectionId}`);
      if (!input.title?.trim()) throw InvalidError.field('title', 'cannot be blank');
      await checkReferences(input);
      const locale = input.locale ?? DEFAULT_LOCALE;
      const labelNames = labels(input.label_names) ?? [];
      const defaultGroup = (await kb.permissionGroups())[0]?.id ?? null;
      const now = clock.now();
      const { id } = await kb.insertArticle({
        created_at: now,
        updated_at: now,
        edited_at: now,
        section_id: sectionId,
        author_id: actor.user.id,
        user_segment_id: input.user_segment_id ?? null,
        permission_group_id: input.permission_group_id ?? defaultGroup,
        position: input.position ?? 0,
        promoted: input.promoted ?? false,
        comments_disabled: input.comments_disabled ?? false,
        source_locale: locale,
        label_names: labelNames,
      });
      await kb.ensureLabels(labelNames);
      await content.saveTranslation(
        'article',
        id,
        { locale, title: input.title.trim(), body: input.body ?? '', draft: input.draft ?? false },
        actor.user.id,
      );
      return (await kb.article(id, locale))!;
    },

    async update(id: number, input: ArticleInput, actor: Actor, locale: string | null) {
      const current = await kb.article(id, locale);
      if (!current) throw new NotFoundError(`No article with id ${id}`);
      await checkReferences(input);
      const labelNames = labels(input.label_names);
      const { title, body, draft, locale: _locale, ...meta } = input;
      const set = Object.fromEntries(
        Object.entries({ ...meta, label_names: labelNames }).filter(([, v]) => v !== undefined),
      );
      await kb.updateArticle(id, { ...set, updated_at: clock.now() });
      if (labelNames) await kb.ensureLabels(labelNames);
      if (title !== undefined || body !== undefined || draft !== undefined) {
        if (title !== undefined && !title.trim()) throw InvalidError.field('title', 'cannot be blank');
        await content.saveTranslation(
          'article',
          id,
          {
            locale: current.locale,
            title: title?.trim() ?? current.title,
            body: body ?? current.body,
            draft: draft ?? current.draft,
          },
          actor.user.id,
        );
      }
      return (await kb.article(id, current.locale))!;
    },

    async archive(id: number) {
      if (!(await kb.updateArticle(id, { archived_at: clock.now() })))
        throw new NotFoundError(`No article with id ${id}`);
    },

    async vote(id: number, value: 1 | -1, viewer: KbViewer, voter: string, userId: number | null) {
      await readable(id, null, viewer);
      return kb.vote(id, voter, userId, value, clock.now());
    },

    /**
     * `articles/search` and the help-center box: every word must match, best first.
     * Logged for the knowledge report unless `source` is null (agents' own lookups).
     */
    async search(
      query: string,
      viewer: KbViewer,
      locale: string | null,
      paging: Paging,
      log: { source: SearchSource | null; sessionKey: string | null; userId: number | null },
    ) {
      const result = await kb.search(
        planSearch(query, 'search'),
        await content.scopeFor({ ...viewer, drafts: false }),
        locale,
        offset(paging),
      );
      const searchId = log.source
        ? await logSearch({
            query,
            locale,
            source: log.source,
            resultCount: result.count,
            viewer,
            sessionKey: log.sessionKey,
            userId: log.userId,
          })
        : null;
      return { ...result, searchId };
    },

    /** Articles for a subject or a ticket's text: any word may match, a handful at most. */
    async suggest(
      text: string,
      viewer: KbViewer,
      locale: string | null,
      limit: number,
      log: { source: SearchSource | null; sessionKey: string | null; userId: number | null },
    ) {
      const result = await kb.search(
        planSearch(text, 'suggest'),
        await content.scopeFor({ ...viewer, drafts: false }),
        locale,
        { limit, offset: 0 },
        false,
      );
      const searchId = log.source
        ? await logSearch({
            query: text.slice(0, 500),
            locale,
            source: log.source,
            resultCount: result.rows.length,
            viewer,
            sessionKey: log.sessionKey,
            userId: log.userId,
          })
        : null;
      return { rows: result.rows, searchId };
    },

    async history(id: number) {
      if (!(await kb.article(id, null))) throw new NotFoundError(`No article with id ${id}`);
      return kb.versions(id);
    },
  };
}

export type KbArticlesService = ReturnType<typeof createKbArticlesService>;
export type { ArticleRow };
