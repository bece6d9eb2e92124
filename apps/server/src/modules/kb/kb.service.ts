import type { KbSourceType, KbUserType } from '../../db/tables/kb.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { InvalidError, NotFoundError } from '../../platform/http/errors.js';
import { htmlToText, sanitizeArticle } from '../../platform/text/html.js';
import { indexTokens } from '../../platform/text/tokenize.js';
import type { KbRepository, Scope } from './kb.repository.js';
import { DEFAULT_LOCALE } from './kb-locale.js';
import { ANONYMOUS, type KbViewer, visibleSegmentIds } from './kb-visibility.js';

export type ContainerInput = {
  name?: string | undefined;
  description?: string | undefined;
  locale?: string | undefined;
  position?: number | undefined;
};
export type SegmentInput = {
  name?: string | undefined;
  user_type?: KbUserType | undefined;
  group_ids?: number[] | undefined;
  organization_ids?: number[] | undefined;
  tags?: string[] | undefined;
  or_tags?: string[] | undefined;
};
export type TranslationInput = {
  locale: string;
  title: string;
  body?: string | undefined;
  draft?: boolean | undefined;
  outdated?: boolean | undefined;
};

/** The reader a request is: anonymous, or a user with the groups, organization and tags segments test. */
export function viewerOf(actor: Actor | null, drafts = false): KbViewer {
  if (!actor) return ANONYMOUS;
  const role = actor.user.role === 'end-user' ? 'end-user' : actor.user.role;
  return {
    role,
    groupIds: actor.groupIds,
    organizationId: actor.user.organization_id,
    tags: actor.user.tags,
    drafts: drafts && role !== 'end-user',
  };
}

/** Search tokens of a translation: the title's, and the title's plus the body text's. */
export function translationTokens(title: string, bodyHtml: string) {
  return {
    title_tokens: indexTokens(title, 200),
    search_tokens: indexTokens(`${title}\n${htmlToText(bodyHtml)}`, 8000),
  };
}

/** Categories, sections, user segments and translations: Guide's containers around articles. */
export function createKbService({ kb, clock }: { kb: KbRepository; clock: Clock }) {
  async function scopeFor(viewer: KbViewer): Promise<Scope> {
    if (viewer.role === 'admin') return { segmentIds: 'all', drafts: viewer.drafts };
    return { segmentIds: visibleSegmentIds(await kb.segments(), viewer), drafts: viewer.drafts };
  }

  async function saveTranslation(
    type: KbSourceType,
    sourceId: number,
    input: TranslationInput,
    userId: number | null,
  ) {
    const body = type === 'article' ? sanitizeArticle(input.body ?? '') : (input.body ?? '');
    const tokens =
      type === 'article' ? translationTokens(input.title, body) : { title_tokens: [], search_tokens: [] };
    const at = clock.now();
    const saved = await kb.saveTranslation({
      source_type: type,
      source_id: sourceId,
      locale: input.locale,
      title: input.title,
      body,
      draft: type === 'article' ? (input.draft ?? false) : false,
      ...(input.outdated !== undefined ? { outdated: input.outdated } : {}),
      ...tokens,
      user_id: userId,
      at,
    });
    if (type === 'article' && !saved.draft) {
      await kb.addVersion({
        article_id: sourceId,
        locale: saved.locale,
        title: saved.title,
        body: saved.body,
        author_id: userId,
        created_at: at,
      });
      await kb.updateArticle(sourceId, { edited_at: at, updated_at: at });
    }
    return saved;
  }

  async function container(type: 'category' | 'section', id: number, locale: string | null) {
    const [found] = await kb.containers(type, locale, { id });
    if (!found) throw new NotFoundError(`No ${type} with id ${id}`);
    return found;
  }

  return {
    scopeFor,
    saveTranslation,
    container,
    containers: (type: 'category' | 'section', locale: string | null, parentId?: number) =>
      kb.containers(type, locale, parentId === undefined ? {} : { parentId }),

    async createContainer(
      type: 'category' | 'section',
      input: ContainerInput,
      actor: Actor,
      categoryId?: number,
    ) {
      if (!input.name?.trim()) throw InvalidError.field('name', 'cannot be blank');
      if (categoryId !== undefined && !(await kb.categoryExists(categoryId)))
        throw new NotFoundError(`No category with id ${categoryId}`);
      const locale = input.locale ?? DEFAULT_LOCALE;
      const now = clock.now();
      const row = await kb.insertContainer(type, {
        created_at: now,
        updated_at: now,
        position: input.position ?? 0,
        source_locale: locale,
        ...(categoryId !== undefined ? { category_id: categoryId } : {}),
      });
      await saveTranslation(
        type,
        row.id,
        { locale, title: input.name.trim(), body: input.description ?? '' },
        actor.user.id,
      );
      return container(type, row.id, locale);
    },

    async updateContainer(
      type: 'category' | 'section',
      id: number,
      input: ContainerInput,
      actor: Actor,
      locale: string | null,
    ) {
      const current = await container(type, id, locale);
      await kb.updateContainer(type, id, {
        ...(input.position !== undefined ? { position: input.position } : {}),
        updated_at: clock.now(),
      });
      if (input.name !== undefined || input.description !== undefined) {
        const name = input.name?.trim() ?? current.name;
        if (!name) throw InvalidError.field('name', 'cannot be blank');
        await saveTranslation(
          type,
          id,
          {
            locale: input.locale ?? current.locale,
            title: name,
            body: input.description ?? current.description,
          },
          actor.user.id,
        );
      }
      return container(type, id, input.locale ?? current.locale);
    },

    async deleteContainer(type: 'category' | 'section', id: number) {
      if (!(await kb.deleteContainer(type, id))) throw new NotFoundError(`No ${type} with id ${id}`);
    },

    segments: () => kb.segments(),
    async segment(id: number) {
      const found = await kb.segment(id);
      if (!found) throw new NotFoundError(`No user segment with id ${id}`);
      return found;
    },
    async saveSegment(id: number | null, input: SegmentInput) {
      const at = clock.now();
      if (id === null) {
        if (!input.name?.trim()) throw InvalidError.field('name', 'cannot be blank');
        if (!input.user_type) throw InvalidError.field('user_type', 'must be signed_in_users or staff');
        return kb.insertSegment({
          name: input.name.trim(),
          user_type: input.user_type,
          group_ids: input.group_ids ?? [],
          organization_ids: input.organization_ids ?? [],
          tags: input.tags ?? [],
          or_tags: input.or_tags ?? [],
          created_at: at,
          updated_at: at,
        });
      }
      const current = await this.segment(id);
      if (current.built_in) throw InvalidError.field('base', 'built-in segments cannot be changed');
      const { name, ...rest } = input;
      const changes = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      return kb.updateSegment(id, { ...changes, ...(name ? { name } : {}), updated_at: at });
    },
    async deleteSegment(id: number) {
      const current = await this.segment(id);
      if (current.built_in) throw InvalidError.field('base', 'built-in segments cannot be deleted');
      if (!(await kb.deleteSegment(id)))
        throw InvalidError.field('base', 'is still used by articles; move them to another segment first');
    },
    permissionGroups: () => kb.permissionGroups(),
  };
}

export type KbService = ReturnType<typeof createKbService>;
