import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client';
import type { NotificationEmail, Swarm, TicketWorkflow } from '../../api/types';

/**
 * A ticket's workflow state: tier and timer, queue, SLA targets, engineering link and
 * hand-offs. Keyed under the ticket, so a live change to the ticket refreshes it.
 */
export function useTicketWorkflow(ticketId: number, enabled = true) {
  return useQuery({
    queryKey: ['ticket', ticketId, 'workflow'],
    enabled,
    queryFn: () =>
      api
        .get<{ workflow: TicketWorkflow }>(`/api/v2/frontline/tickets/${ticketId}/workflow`)
        .then((r) => r.workflow),
  });
}

/** The ticket's swarm, or null when nobody was called in yet. */
export function useSwarm(ticketId: number) {
  return useQuery({
    queryKey: ['ticket', ticketId, 'swarm'],
    queryFn: () =>
      api
        .get<{ swarm: Swarm }>(`/api/v2/frontline/tickets/${ticketId}/swarm`)
        .then((r) => r.swarm)
        .catch((e) => {
          if (e instanceof ApiError && e.status === 404) return null;
          throw e;
        }),
    // Thread messages are not ticket changes: poll while the swarm is on.
    refetchInterval: (query) => (query.state.data?.status === 'active' ? 10_000 : false),
  });
}

/** The ticket's notification mail and its state (queued, sent, failed, suppressed). */
export function useTicketNotifications(ticketId: number) {
  return useQuery({
    queryKey: ['ticket', ticketId, 'notifications'],
    queryFn: () =>
      api
        .get<{ notifications: NotificationEmail[] }>(`/api/v2/frontline/tickets/${ticketId}/notifications`)
        .then((r) => r.notifications),
  });
}
