import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client';
import type { Audit, Comment, Group, Organization, Ticket, TicketField, User } from '../../api/types';
import { listedTicket } from '../inbox/views-api';

export type TicketBundle = {
  ticket: Ticket;
  users: Map<number, User>;
  groups: Group[];
  organization: Organization | null;
};

export const ticketQuery = (id: number) => ({
  queryKey: ['ticket', id],
  queryFn: async (): Promise<TicketBundle> => {
    const body = await api.get<{
      ticket: Ticket;
      users?: User[];
      groups?: Group[];
      organizations?: Organization[];
    }>(`/api/v2/tickets/${id}?include=users,groups,organizations`);
    return {
      ticket: body.ticket,
      users: new Map((body.users ?? []).map((u) => [u.id, u])),
      groups: body.groups ?? [],
      organization: body.organizations?.[0] ?? null,
    };
  },
});

export const commentsQuery = (id: number) => ({
  queryKey: ['ticket', id, 'comments'],
  queryFn: async () => {
    const body = await api.get<{ comments: Comment[]; users?: User[] }>(
      `/api/v2/tickets/${id}/comments?include=users`,
    );
    return { comments: body.comments, users: new Map((body.users ?? []).map((u) => [u.id, u])) };
  },
});

/**
 * The ticket with its people, groups and organization. Until it arrives, the row of a
 * loaded view stands in (`isPlaceholderData`), so the page draws its header at once.
 */
export function useTicket(id: number) {
  const queryClient = useQueryClient();
  // One function per ticket: react-query then keeps the placeholder it made instead of
  // making a new one (and a new render) on every render.
  const placeholderData = useCallback((): TicketBundle | undefined => {
    const listed = listedTicket(queryClient, id);
    return listed && { ...listed, users: new Map(listed.users.map((u) => [u.id, u])), organization: null };
  }, [queryClient, id]);
  return useQuery({ ...ticketQuery(id), placeholderData });
}

export const useComments = (id: number) => useQuery(commentsQuery(id));

/**
 * Starts loading what a ticket's first paint needs (the ticket and its conversation)
 * before it is opened: on hover, when the keyboard cursor rests on it, on pointer down.
 */
export function prefetchTicket(queryClient: QueryClient, id: number) {
  void queryClient.prefetchQuery({ ...ticketQuery(id), staleTime: 10_000 });
  void queryClient.prefetchQuery({ ...commentsQuery(id), staleTime: 10_000 });
}

export function useAudits(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ['ticket', id, 'audits'],
    queryFn: () => api.get<{ audits: Audit[] }>(`/api/v2/tickets/${id}/audits`).then((r) => r.audits),
    enabled,
  });
}

export function useRequesterTickets(userId: number | undefined) {
  return useQuery({
    queryKey: ['requester-tickets', userId],
    enabled: userId !== undefined,
    queryFn: () =>
      api
        .get<{ tickets: Ticket[] }>(`/api/v2/users/${userId}/tickets/requested?sort=-updated_at&page[size]=8`)
        .then((r) => r.tickets),
  });
}

export function useIncidents(ticket: Ticket | undefined) {
  return useQuery({
    queryKey: ['ticket', ticket?.id, 'incidents'],
    enabled: ticket?.type === 'problem' && ticket.has_incidents,
    queryFn: () =>
      api.get<{ tickets: Ticket[] }>(`/api/v2/tickets/${ticket!.id}/incidents`).then((r) => r.tickets),
  });
}

/** Active custom ticket fields; empty until the ticket fields API exists. */
export function useTicketFields() {
  return useQuery({
    queryKey: ['ticket-fields'],
    staleTime: 10 * 60_000,
    queryFn: () =>
      api
        .get<{ ticket_fields: TicketField[] }>('/api/v2/ticket_fields')
        .then((r) => r.ticket_fields.filter((f) => f.active && !SYSTEM_FIELDS.has(f.type)))
        .catch(() => [] as TicketField[]),
  });
}

const SYSTEM_FIELDS = new Set([
  'subject',
  'description',
  'status',
  'tickettype',
  'priority',
  'group',
  'assignee',
  'custom_status',
]);

export type Macro = { id: number; title: string; description?: string | null };

/** Active macros; none until the macros API exists (the composer hides its button then). */
export function useMacros() {
  return useQuery({
    queryKey: ['macros'],
    staleTime: 5 * 60_000,
    queryFn: () =>
      api
        .get<{ macros: Macro[] }>('/api/v2/macros/active')
        .then((r) => r.macros)
        .catch(() => [] as Macro[]),
  });
}
