import type { KbUserType } from '../../db/tables/kb.js';

/**
 * Who may read a knowledge-base article. This is the one decision: pages, search,
 * suggestions, the sitemap and the Guide API all ask it (lists ask it per segment, see
 * visibleSegmentIds, so the database filters by its answer).
 *
 * - No segment: everyone, signed in or not.
 * - `signed_in_users`: anyone signed in whose organization, tags and groups match the
 *   segment's (an empty list matches all); agents see every customer segment.
 * - `staff`: agents and admins (in one of the segment's groups when it names any) —
 *   the internal knowledge base.
 * - Admins read everything. Drafts are read only by agents and admins, and only where
 *   they edit (the Guide API); never on the help center, in search or suggestions.
 */
export type KbViewer = {
  role: 'anonymous' | 'end-user' | 'agent' | 'admin';
  groupIds: readonly number[];
  organizationId: number | null;
  tags: readonly string[];
  /** Set only for agents and admins working in the Guide API. */
  drafts: boolean;
};

export type KbSegment = {
  id: number;
  user_type: KbUserType;
  group_ids: readonly number[];
  organization_ids: readonly number[];
  tags: readonly string[];
  or_tags: readonly string[];
};

export type KbReadable = { draft: boolean; segment: KbSegment | null };

export const ANONYMOUS: KbViewer = {
  role: 'anonymous',
  groupIds: [],
  organizationId: null,
  tags: [],
  drafts: false,
};

const isStaff = (viewer: KbViewer) => viewer.role === 'agent' || viewer.role === 'admin';

export function segmentAllows(segment: KbSegment | null, viewer: KbViewer): boolean {
  if (segment === null) return true;
  if (viewer.role === 'admin') return true;
  if (viewer.role === 'anonymous') return false;
  const inGroups =
    segment.group_ids.length === 0 || segment.group_ids.some((g) => viewer.groupIds.includes(g));
  if (segment.user_type === 'staff') return viewer.role === 'agent' && inGroups;
  if (viewer.role === 'agent') return true;
  if (segment.group_ids.length > 0) return false;
  if (
    segment.organization_ids.length > 0 &&
    (viewer.organizationId === null || !segment.organization_ids.includes(viewer.organizationId))
  )
    return false;
  if (!segment.tags.every((t) => viewer.tags.includes(t))) return false;
  return segment.or_tags.length === 0 || segment.or_tags.some((t) => viewer.tags.includes(t));
}

export function canReadArticle(article: KbReadable, viewer: KbViewer): boolean {
  if (article.draft && !(viewer.drafts && isStaff(viewer))) return false;
  return segmentAllows(article.segment, viewer);
}

/** The segments a viewer may read, for list and search queries (null segment is always readable). */
export function visibleSegmentIds(segments: readonly KbSegment[], viewer: KbViewer): number[] {
  return segments.filter((s) => segmentAllows(s, viewer)).map((s) => s.id);
}
