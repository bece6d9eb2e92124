import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { View, ViewCount } from '../../api/types';

export function useViews() {
  return useQuery({
    queryKey: ['views'],
    queryFn: () => api.get<{ views: View[] }>('/api/v2/views/active').then((r) => r.views),
    staleTime: 5 * 60_000,
  });
}

export function useViewCounts(ids: number[]) {
  return useQuery({
    queryKey: ['view-counts', ids],
    queryFn: () =>
      api
        .get<{ view_counts: ViewCount[] }>(`/api/v2/views/count_many?ids=${ids.join(',')}`)
        .then((r) => new Map(r.view_counts.map((c) => [c.view_id, c]))),
    enabled: ids.length > 0,
    refetchInterval: 60_000,
  });
}

/** A view's title in the UI language: built-in views are translated, admin-made ones keep theirs. */
export function useViewTitle() {
  const { t } = useTranslation();
  return (view: Pick<View, 'builtin' | 'title'>) =>
    view.builtin ? t(`views.builtin.${view.builtin}`, { defaultValue: view.title }) : view.title;
}
