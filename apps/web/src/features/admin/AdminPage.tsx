import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useSession } from '../../app/session';
import { FieldsAdmin } from './FieldsAdmin';
import { GroupsAdmin } from './GroupsAdmin';
import { OrganizationsAdmin } from './OrganizationsAdmin';
import { TokensAdmin } from './TokensAdmin';
import { UsersAdmin } from './UsersAdmin';
import { ViewsAdmin } from './ViewsAdmin';

const SECTIONS = ['users', 'groups', 'organizations', 'fields', 'views', 'tokens'] as const;

/** Admin settings: the team, tiers, organizations, custom fields, views and API tokens. */
export default function AdminPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const section = useParams()['*']?.split('/')[0] || 'users';
  if (session.user.role !== 'admin') return <Navigate to="/agent" replace />;
  return (
    <Stack>
      <Title order={1} size="h3">
        {t('admin.title')}
      </Title>
      <Tabs value={section} onChange={(v) => v && navigate(`/agent/admin/${v}`)} keepMounted={false}>
        <Tabs.List>
          {SECTIONS.map((s) => (
            <Tabs.Tab key={s} value={s}>
              {t(`admin.sections.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="users" pt="md">
          <UsersAdmin />
        </Tabs.Panel>
        <Tabs.Panel value="groups" pt="md">
          <GroupsAdmin />
        </Tabs.Panel>
        <Tabs.Panel value="organizations" pt="md">
          <OrganizationsAdmin />
        </Tabs.Panel>
        <Tabs.Panel value="fields" pt="md">
          <FieldsAdmin />
        </Tabs.Panel>
        <Tabs.Panel value="views" pt="md">
          <ViewsAdmin />
        </Tabs.Panel>
        <Tabs.Panel value="tokens" pt="md">
          <TokensAdmin />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
