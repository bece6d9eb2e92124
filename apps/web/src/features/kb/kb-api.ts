import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

/** Zendesk Guide shapes the agent app reads (GET /api/v2/help_center/…). */
export type Article = {
  id: number;
  title: string;
  body: string;
  locale: string;
  draft: boolean;
  section_id: number;
  user_segment_id: number | null;
  html_url: string;
  updated_at: string;
};
export type Section = { id: number; name: string };
export type UserSegment = { id: number; name: string; user_type: string };

export type KnowledgeReport = {
  period_days: number;
  totals: {
    searches: number;
    no_results: number;
    clicked: number;
    followed_by_request: number;
    deflections: number;
  };
  top_searches: { query: string; searches: number; clicks: number; requests: number }[];
  no_result_searches: { query: string; searches: number }[];
  searches_followed_by_request: { query: string; searches: number; requests: number }[];
  articles: { id: number; title: string; views: number; vote_sum: number; vote_count: number }[];
};

export const KB_LOCALES = ['en-us', 'zh-cn', 'ar'] as const;

export const useArticles = (locale: string) =>
  useQuery({
    queryKey: ['kb', 'articles', locale],
    queryFn: () => api.get<{ articles: Article[] }>(`/api/v2/help_center/${locale}/articles?per_page=100`),
  });

export const useSections = (locale: string) =>
  useQuery({
    queryKey: ['kb', 'sections', locale],
    queryFn: () => api.get<{ sections: Section[] }>(`/api/v2/help_center/${locale}/sections?per_page=100`),
  });

export const useSegments = () =>
  useQuery({
    queryKey: ['kb', 'segments'],
    queryFn: () => api.get<{ user_segments: UserSegment[] }>('/api/v2/help_center/user_segments'),
  });

export const useKnowledgeReport = (days: number) =>
  useQuery({
    queryKey: ['kb', 'report', days],
    queryFn: () =>
      api.get<{ knowledge_report: KnowledgeReport }>(`/api/v2/frontline/knowledge_report?days=${days}`),
  });
