import type { Selectable } from 'kysely';
import type {
  KbFlagsTable,
  KbLabelsTable,
  KbPermissionGroupsTable,
  KbVotesTable,
} from '../../db/tables/kb.js';
import { iso } from '../../platform/http/iso-time.js';
import { htmlToText } from '../../platform/text/html.js';
import type { ArticleRow, ContainerRow, KbSegmentRow, KbTranslation } from './kb.repository.js';

/** Zendesk Guide's JSON shapes for the knowledge base. */
const api = (base: string, path: string) => `${base}/api/v2/help_center/${path}.json`;

export function articleJson(a: ArticleRow, base: string) {
  return {
    id: Number(a.id),
    url: api(base, `${a.locale}/articles/${a.id}`),
    html_url: `${base}/hc/${a.locale}/articles/${a.id}`,
    author_id: a.author_id === null ? null : Number(a.author_id),
    comments_disabled: a.comments_disabled,
    draft: a.draft,
    promoted: a.promoted,
    position: a.position,
    vote_sum: a.vote_sum,
    vote_count: a.vote_count,
    section_id: Number(a.section_id),
    created_at: iso(new Date(a.created_at)),
    updated_at: iso(new Date(a.updated_at)),
    edited_at: iso(new Date(a.edited_at)),
    name: a.title,
    title: a.title,
    source_locale: a.source_locale,
    locale: a.locale,
    outdated: a.outdated,
    outdated_locales: a.outdated ? [a.locale] : [],
    permission_group_id: a.permission_group_id === null ? null : Number(a.permission_group_id),
    user_segment_id: a.user_segment_id === null ? null : Number(a.user_segment_id),
    content_tag_ids: [],
    label_names: a.label_names,
    body: a.body,
  };
}

/** A search hit: the article plus Guide's `snippet` and `result_type`. */
export function resultJson(a: ArticleRow, base: string, terms: string) {
  return { ...articleJson(a, base), snippet: snippet(a.body, terms), result_type: 'article' as const };
}

/** About 160 characters of plain text around the first query word found, else the start. */
export function snippet(bodyHtml: string, terms: string) {
  const text = htmlToText(bodyHtml).replace(/\s+/g, ' ');
  const lower = text.toLowerCase();
  const first = terms
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => lower.indexOf(w))
    .filter((i) => i >= 0)
    .sort((x, y) => x - y)[0];
  const start = first === undefined ? 0 : Math.max(0, first - 60);
  return `${start > 0 ? '…' : ''}${text.slice(start, start + 160)}${text.length > start + 160 ? '…' : ''}`;
}

export function containerJson(type: 'category' | 'section', c: ContainerRow, base: string) {
  const plural = type === 'category' ? 'categories' : 'sections';
  return {
    id: c.id,
    url: api(base, `${c.locale}/${plural}/${c.id}`),
    html_url: `${base}/hc/${c.locale}/${plural}/${c.id}`,
    position: c.position,
    created_at: iso(new Date(c.created_at)),
    updated_at: iso(new Date(c.updated_at)),
    name: c.name,
    description: c.description,
    locale: c.locale,
    source_locale: c.source_locale,
    outdated: c.outdated,
    ...(type === 'section'
      ? {
          category_id: c.parent_id,
          sorting: 'manual',
          parent_section_id: null,
          theme_template: 'section_page',
        }
      : {}),
  };
}

export function translationJson(t: KbTranslation, base: string) {
  const plural = t.source_type === 'category' ? 'categories' : `${t.source_type}s`;
  return {
    id: Number(t.id),
    url: api(base, `${plural}/${t.source_id}/translations/${t.locale}`),
    html_url: `${base}/hc/${t.locale}/${plural}/${t.source_id}`,
    source_id: Number(t.source_id),
    source_type: t.source_type,
    locale: t.locale,
    title: t.title,
    body: t.body,
    outdated: t.outdated,
    draft: t.draft,
    hidden: false,
    created_at: iso(new Date(t.created_at)),
    updated_at: iso(new Date(t.updated_at)),
    updated_by_id: t.updated_by_id === null ? null : Number(t.updated_by_id),
    created_by_id: t.created_by_id === null ? null : Number(t.created_by_id),
  };
}

export function segmentJson(s: KbSegmentRow) {
  return {
    id: Number(s.id),
    name: s.name,
    user_type: s.user_type,
    group_ids: s.group_ids.map(Number),
    organization_ids: s.organization_ids.map(Number),
    tags: s.tags,
    or_tags: s.or_tags,
    built_in: s.built_in,
    created_at: iso(new Date(s.created_at)),
    updated_at: iso(new Date(s.updated_at)),
  };
}

export function permissionGroupJson(g: Selectable<KbPermissionGroupsTable>) {
  return {
    id: Number(g.id),
    name: g.name,
    edit: g.edit.map(Number),
    publish: g.publish.map(Number),
    built_in: g.built_in,
    created_at: iso(g.created_at),
    updated_at: iso(g.updated_at),
  };
}

export function voteJson(v: Selectable<KbVotesTable>, base: string) {
  return {
    id: Number(v.id),
    url: api(base, `votes/${v.id}`),
    user_id: v.user_id === null ? null : Number(v.user_id),
    value: v.value,
    item_id: Number(v.article_id),
    item_type: 'Article',
    created_at: iso(v.created_at),
    updated_at: iso(v.updated_at),
  };
}

export function labelJson(l: Selectable<KbLabelsTable>, base: string) {
  return {
    id: Number(l.id),
    url: api(base, `articles/labels/${l.id}`),
    name: l.name,
    created_at: iso(l.created_at),
    updated_at: iso(l.updated_at),
  };
}

export function flagJson(f: Selectable<KbFlagsTable>) {
  return {
    id: Number(f.id),
    article_id: Number(f.article_id),
    user_id: f.user_id === null ? null : Number(f.user_id),
    ticket_id: f.ticket_id === null ? null : Number(f.ticket_id),
    reason: f.reason,
    created_at: iso(f.created_at),
  };
}
