import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Organization, Ticket, User } from '../../api/types';

export function useUser(id: number) {
  return useQuery({
    queryKey: ['user', id],
    queryFn: () => api.get<{ user: User }>(`/api/v2/users/${id}`).then((r) => r.user),
  });
}

export function useOrganization(id: number) {
  return useQuery({
    queryKey: ['organization', id],
    queryFn: () =>
      api.get<{ organization: Organization }>(`/api/v2/organizations/${id}`).then((r) => r.organization),
  });
}

/** Tickets of a user or organization, newest first, with requesters side-loaded. */
export function useTicketsAt(path: string) {
  return useQuery({
    queryKey: ['requester-tickets', path],
    queryFn: async () => {
      const body = await api.get<{ tickets: Ticket[]; users?: User[] }>(
        `${path}?sort=-updated_at&page[size]=50&include=users`,
      );
      return { tickets: body.tickets, users: new Map((body.users ?? []).map((u) => [u.id, u])) };
    },
  });
}
