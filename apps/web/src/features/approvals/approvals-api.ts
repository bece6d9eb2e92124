import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ActionRequest, EmpoweredAction, Ticket } from '../../api/types';

export function useEmpoweredActions() {
  return useQuery({
    queryKey: ['empowered-actions'],
    queryFn: () =>
      api
        .get<{ empowered_actions: EmpoweredAction[] }>('/api/v2/frontline/empowered_actions')
        .then((r) => r.empowered_actions),
  });
}

/**
 * Requests for empowered actions: senior agents and admins see everyone's, others their
 * own. Filter by status (`pending_approval` is the approvers' queue) or by ticket.
 */
export function useApprovals(filter: { status?: ActionRequest['status']; ticketId?: number } = {}) {
  const query = new URLSearchParams();
  if (filter.status) query.set('status', filter.status);
  if (filter.ticketId) query.set('ticket_id', String(filter.ticketId));
  return useQuery({
    queryKey: ['approvals', filter.status ?? 'all', filter.ticketId ?? 'all'],
    queryFn: () =>
      api.get<{ requests: ActionRequest[] }>(`/api/v2/frontline/approvals?${query}`).then((r) => r.requests),
    refetchInterval: 60_000,
  });
}

/** Whether this person decides on other agents' requests. */
export const isApprover = (user: { role: string; agent_level?: string | null }) =>
  user.role === 'admin' || user.agent_level === 'senior';

/** Subjects of the tickets requests are about, so an approver sees what each is for. */
export function useTicketSubjects(ids: number[]) {
  const unique = [...new Set(ids)].sort((a, b) => a - b).slice(0, 100);
  return useQuery({
    queryKey: ['ticket-subjects', unique],
    enabled: unique.length > 0,
    staleTime: 5 * 60_000,
    queryFn: () =>
      api
        .get<{ tickets: Ticket[] }>(`/api/v2/tickets/show_many?ids=${unique.join(',')}`)
        .then((r) => new Map(r.tickets.map((t) => [t.id, t.subject]))),
  });
}
