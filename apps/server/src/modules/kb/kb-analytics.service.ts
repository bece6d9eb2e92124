import type { Clock } from '../../platform/clock.js';
import { NotFoundError } from '../../platform/http/errors.js';
import type { KbRepository } from './kb.repository.js';
import type { KbAnalyticsRepository, SearchSource } from './kb-analytics.repository.js';
import type { KbViewer } from './kb-visibility.js';

/** A request counts as following a search when it comes within this time in the same session. */
export const FOLLOW_WINDOW_MS = 60 * 60 * 1000;
const DAY = 24 * 60 * 60 * 1000;

/** Search log, clicks, deflection, outdated flags and the knowledge report. */
export function createKbAnalyticsService({
  analytics,
  kb,
  clock,
}: {
  analytics: KbAnalyticsRepository;
  kb: KbRepository;
  clock: Clock;
}) {
  return {
    async logSearch(entry: {
      query: string;
      locale: string | null;
      source: SearchSource;
      resultCount: number;
      viewer: KbViewer;
      sessionKey: string | null;
      userId: number | null;
    }) {
      const row = await analytics.logSearch({
        query: entry.query.slice(0, 500),
        locale: entry.locale,
        source: entry.source,
        result_count: entry.resultCount,
        user_id: entry.userId,
        session_key: entry.sessionKey,
        created_at: clock.now(),
      });
      return row.id;
    },
    recordClick: (searchId: number, articleId: number) => analytics.markClicked(searchId, articleId),
    /** The web form and portal call this when a request is submitted: searches in the same session led to it. */
    markSearchFollowedByRequest: (sessionKey: string, ticketId: number) =>
      analytics.markFollowedByRequest(
        sessionKey,
        ticketId,
        new Date(clock.now().getTime() - FOLLOW_WINDOW_MS),
      ),

    async flag(
      articleId: number,
      userId: number,
      input: { ticket_id?: number | null | undefined; reason?: string | undefined },
    ) {
      if (!(await kb.article(articleId, null))) throw new NotFoundError(`No article with id ${articleId}`);
      return analytics.flag({
        article_id: articleId,
        user_id: userId,
        ticket_id: input.ticket_id ?? null,
        reason: input.reason ?? '',
        created_at: clock.now(),
      });
    },
    reviewQueue: () => analytics.openFlags(),
    async resolveFlags(articleId: number) {
      if (!(await kb.article(articleId, null))) throw new NotFoundError(`No article with id ${articleId}`);
      await analytics.resolveFlags(articleId, clock.now());
    },

    async report(days: number) {
      const r = await analytics.report({ since: new Date(clock.now().getTime() - days * DAY), limit: 25 });
      const n = (v: string | number) => Number(v);
      return {
        period_days: days,
        totals: {
          searches: n(r.totals.searches),
          no_results: n(r.totals.no_results),
          clicked: n(r.totals.clicked),
          followed_by_request: n(r.totals.followed),
          // A result opened and no request after it in the session: the search answered the question.
          deflections: n(r.totals.deflected),
        },
        top_searches: r.top.map((x) => ({
          query: x.query,
          searches: n(x.searches),
          clicks: n(x.clicks),
          requests: n(x.requests),
        })),
        no_result_searches: r.none.map((x) => ({ query: x.query, searches: n(x.searches) })),
        searches_followed_by_request: r.followed.map((x) => ({
          query: x.query,
          searches: n(x.searches),
          requests: n(x.requests),
        })),
        articles: r.articles.map((x) => ({
          id: n(x.id),
          title: x.title,
          views: x.view_count,
          vote_sum: x.vote_sum,
          vote_count: x.vote_count,
          open_flags: n(x.flags),
        })),
      };
    },
  };
}

export type KbAnalyticsService = ReturnType<typeof createKbAnalyticsService>;
