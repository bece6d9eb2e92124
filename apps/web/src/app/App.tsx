import { useDirection } from '@mantine/core';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { InboxPage } from '../features/inbox/InboxPage';
import { TicketPage } from '../features/tickets/TicketPage';
import { FullPageLoader } from '../ui/states';
import { RealtimeProvider } from './realtime-context';
import { Shell } from './Shell';
import { RequireSession } from './session';

// Screens an agent opens now and then load on demand, keeping the first load small.
const CustomersPage = lazy(() => import('../features/people/CustomersPage'));
const UserPage = lazy(() => import('../features/people/UserPage'));
const OrganizationsPage = lazy(() => import('../features/people/OrganizationsPage'));
const OrganizationPage = lazy(() => import('../features/people/OrganizationPage'));
const SearchPage = lazy(() => import('../features/people/SearchPage'));
const AdminPage = lazy(() => import('../features/admin/AdminPage'));
const MacrosPage = lazy(() => import('../features/rules/MacrosPage'));
const ApprovalsPage = lazy(() => import('../features/approvals/ApprovalsPage'));
const KnowledgePage = lazy(() => import('../features/kb/KnowledgePage'));

export function App() {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  useEffect(() => {
    setDirection(i18n.dir(i18n.language));
  }, [i18n, i18n.language, setDirection]);

  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/agent"
        element={
          <RequireSession>
            <RealtimeProvider>
              <Shell />
            </RealtimeProvider>
          </RequireSession>
        }
      >
        <Route index element={<InboxPage />} />
        <Route path="views/:viewId" element={<InboxPage />} />
        <Route path="tickets/:ticketId" element={<TicketPage />} />
        <Route path="customers" element={<Lazy page={<CustomersPage />} />} />
        <Route path="users/:userId" element={<Lazy page={<UserPage />} />} />
        <Route path="organizations" element={<Lazy page={<OrganizationsPage />} />} />
        <Route path="organizations/:organizationId" element={<Lazy page={<OrganizationPage />} />} />
        <Route path="search" element={<Lazy page={<SearchPage />} />} />
        <Route path="macros" element={<Lazy page={<MacrosPage />} />} />
        <Route path="approvals" element={<Lazy page={<ApprovalsPage />} />} />
        <Route path="knowledge" element={<Lazy page={<KnowledgePage />} />} />
        <Route path="admin/*" element={<Lazy page={<AdminPage />} />} />
        <Route path="*" element={<Navigate to="/agent" replace />} />
      </Route>
      <Route path="*" element={<Navigate to="/agent" replace />} />
    </Routes>
  );
}

function Lazy({ page }: { page: React.ReactNode }) {
  return <Suspense fallback={<FullPageLoader />}>{page}</Suspense>;
}
