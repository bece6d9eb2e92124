import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { type ConnectionState, RealtimeConnection } from '../api/realtime';
import type { PresenceViewer, RealtimeServerMessage } from '../api/types';

const RealtimeContext = createContext<RealtimeConnection | null>(null);

/**
 * Opens the socket for a signed-in agent and keeps cached data fresh: a change to a
 * ticket refetches that ticket and the lists and counts that may show it.
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const connection = useMemo(() => new RealtimeConnection(), []);
  const queryClient = useQueryClient();
  const pending = useRef<number | undefined>(undefined);

  useEffect(() => {
    connection.connect();
    const off = connection.subscribe((message) => {
      if (message.type !== 'ticket') return;
      void queryClient.invalidateQueries({ queryKey: ['ticket', message.ticket_id] });
      // Lists and counts refresh together once a burst of changes settles.
      window.clearTimeout(pending.current);
      pending.current = window.setTimeout(() => {
        void queryClient.invalidateQueries({ queryKey: ['view-tickets'] });
        void queryClient.invalidateQueries({ queryKey: ['view-counts'] });
        void queryClient.invalidateQueries({ queryKey: ['requester-tickets'] });
      }, 150);
    });
    return () => {
      off();
      connection.close();
    };
  }, [connection, queryClient]);

  return <RealtimeContext.Provider value={connection}>{children}</RealtimeContext.Provider>;
}

export function useRealtime() {
  const connection = useContext(RealtimeContext);
  if (!connection) throw new Error('useRealtime outside RealtimeProvider');
  return connection;
}

export function useRealtimeMessages(handler: (message: RealtimeServerMessage) => void) {
  const connection = useRealtime();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => connection.subscribe((m) => ref.current(m)), [connection]);
}

export function useConnectionState() {
  const connection = useRealtime();
  const [state, setState] = useState<ConnectionState>(connection.state);
  useEffect(() => connection.onState(setState), [connection]);
  return state;
}

/** Announces that this ticket is open and returns the other agents on it. */
export function usePresence(ticketId: number) {
  const connection = useRealtime();
  const [viewers, setViewers] = useState<PresenceViewer[]>([]);
  useEffect(() => {
    connection.setViewing(ticketId);
    setViewers([]);
    return () => connection.setViewing(null);
  }, [connection, ticketId]);
  useRealtimeMessages((message) => {
    if (message.type === 'presence' && message.ticket_id === ticketId) setViewers(message.viewers);
  });
  return viewers;
}
