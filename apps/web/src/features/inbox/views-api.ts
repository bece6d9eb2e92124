import { type InfiniteData, type QueryClient, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { CursorPage, Group, Ticket, User, View, ViewCount } from '../../api/types';

export type ViewTicketsPage = { tickets: Ticket[]; users?: User[]; groups?: Group[] } & CursorPage;

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

/** A view's tickets, 50 at a time by cursor, with their requesters, assignees and groups. */
export function useViewTickets(viewId: number | undefined, params: URLSearchParams) {
  return useInfiniteQuery({
    queryKey: ['view-tickets', viewId, params.toString()],
    enabled: viewId !== undefined,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const p = new URLSearchParams(params);
      if (pageParam) p.set('page[after]', pageParam);
      return api.get<ViewTicketsPage>(`/api/v2/views/${viewId}/tickets?${p}`);
    },
    getNextPageParam: (last) => (last.meta.has_more ? last.meta.after_cursor : null),
    placeholderData: (previous) => previous,
  });
}

/** A ticket as a loaded view lists it, with the people and groups listed beside it. */
export function listedTicket(queryClient: QueryClient, id: number) {
  const lists = queryClient.getQueriesData<InfiniteData<ViewTicketsPage>>({ queryKey: ['view-tickets'] });
  for (const [, data] of lists)
    for (const page of data?.pages ?? []) {
      const ticket = page.tickets.find((x) => x.id === id);
      if (ticket) return { ticket, users: page.users ?? [], groups: page.groups ?? [] };
    }
  return undefined;
}
