import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { CursorPage, HeldMail, Mailbox } from '../../api/types';

export function useMailboxes() {
  return useQuery({
    queryKey: ['mailboxes'],
    queryFn: () => api.get<{ mailboxes: Mailbox[] }>('/api/v2/frontline/mailboxes').then((r) => r.mailboxes),
  });
}

/** Held and failed mail (Zendesk's suspended tickets), newest first, 100 at a time. */
export function useHeldMail() {
  return useQuery({
    queryKey: ['held-mail'],
    queryFn: () =>
      api.get<{ suspended_tickets: HeldMail[] } & Partial<CursorPage>>(
        '/api/v2/suspended_tickets?page[size]=100',
      ),
    refetchInterval: 60_000,
  });
}

/** A random secret for the inbound webhook (32 URL-safe characters). */
export function newSecret() {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}
