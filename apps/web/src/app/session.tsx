import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError, api, setCsrfToken, setUnauthorizedHandler } from '../api/client';
import type { Session } from '../api/types';
import { applyLanguage } from '../i18n';
import { FullPageLoader, PageError } from '../ui/states';

const SessionContext = createContext<Session | null>(null);

export const sessionQuery = { queryKey: ['session'], queryFn: () => api.get<Session>('/auth/session') };

/** Loads who is signed in; sends anyone else to /login and back here afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const queryClient = useQueryClient();
  const session = useQuery({ ...sessionQuery, retry: false, staleTime: 5 * 60_000 });

  useEffect(() => {
    setUnauthorizedHandler(() => queryClient.setQueryData(['session'], null));
  }, [queryClient]);
  useEffect(() => {
    if (session.data) {
      setCsrfToken(session.data.csrf_token);
      applyLanguage(session.data.user.locale);
    }
  }, [session.data]);

  if (session.isPending) return <FullPageLoader />;
  const unauthenticated = session.error instanceof ApiError && session.error.status === 401;
  if (unauthenticated || session.data === null) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (session.error) return <PageError error={session.error} onRetry={() => session.refetch()} />;
  if (session.data.user.role === 'end-user') return <Navigate to="/login?denied=1" replace />;
  return <SessionContext.Provider value={session.data}>{children}</SessionContext.Provider>;
}

export function useSession() {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside RequireSession');
  return session;
}
