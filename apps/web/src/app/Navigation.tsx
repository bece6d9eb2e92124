import { Badge, Divider, NavLink, ScrollArea, Skeleton, Stack, Text } from '@mantine/core';
import {
  IconBook,
  IconBuilding,
  IconChecklist,
  IconFilter,
  IconSettings,
  IconUsers,
  IconWand,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { isApprover, useApprovals } from '../features/approvals/approvals-api';
import { useViewCounts, useViews, useViewTitle } from '../features/inbox/views-api';
import { useFormat } from '../i18n/format';
import { useSession } from './session';

export function Navigation() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const views = useViews();
  const counts = useViewCounts(views.data?.map((v) => v.id) ?? []);
  const title = useViewTitle();
  const format = useFormat();
  const { viewId } = useParams();
  const approver = isApprover(session.user);
  const waiting = useApprovals({ status: 'pending_approval' });
  const toDecide = approver ? (waiting.data ?? []).filter((r) => r.agent_id !== session.user.id).length : 0;
  const activeId = viewId ? Number(viewId) : location.pathname === '/agent' ? views.data?.[0]?.id : undefined;

  return (
    <Stack gap={4} h="100%">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="xs" id="views-heading">
        {t('nav.views')}
      </Text>
      <ScrollArea style={{ flex: 1 }} type="auto">
        <nav aria-labelledby="views-heading">
          {views.isPending &&
            ['a', 'b', 'c', 'd', 'e', 'f'].map((k) => <Skeleton key={k} h={30} mb={6} radius="sm" />)}
          {views.data?.map((view) => {
            const count = counts.data?.get(view.id);
            return (
              <NavLink
                key={view.id}
                component={Link}
                to={`/agent/views/${view.id}`}
                label={title(view)}
                active={activeId === view.id}
                leftSection={<IconFilter size={16} aria-hidden />}
                rightSection={
                  count ? (
                    <Badge
                      size="sm"
                      variant={activeId === view.id ? 'filled' : 'light'}
                      data-testid={`count-${view.id}`}
                    >
                      {count.pretty.endsWith('+')
                        ? `${format.number(count.value ?? 0)}+`
                        : format.number(count.value ?? 0)}
                    </Badge>
                  ) : null
                }
                aria-current={activeId === view.id ? 'page' : undefined}
              />
            );
          })}
        </nav>
      </ScrollArea>
      <Divider my="xs" />
      <NavLink
        component={Link}
        to="/agent/customers"
        label={t('nav.customers')}
        leftSection={<IconUsers size={16} aria-hidden />}
        active={
          location.pathname.startsWith('/agent/customers') || location.pathname.startsWith('/agent/users')
        }
      />
      <NavLink
        component={Link}
        to="/agent/organizations"
        label={t('nav.organizations')}
        leftSection={<IconBuilding size={16} aria-hidden />}
        active={location.pathname.startsWith('/agent/organizations')}
      />
      <NavLink
        component={Link}
        to="/agent/macros"
        label={t('nav.macros')}
        leftSection={<IconWand size={16} aria-hidden />}
        active={location.pathname.startsWith('/agent/macros')}
      />
      <NavLink
        component={Link}
        to="/agent/approvals"
        label={t('nav.approvals')}
        leftSection={<IconChecklist size={16} aria-hidden />}
        active={location.pathname.startsWith('/agent/approvals')}
        rightSection={
          toDecide ? (
            <Badge size="sm" color="orange" data-testid="approvals-count">
              {format.number(toDecide)}
            </Badge>
          ) : null
        }
      />
      <NavLink
        component={Link}
        to="/agent/knowledge"
        label={t('nav.knowledge')}
        leftSection={<IconBook size={16} aria-hidden />}
        active={location.pathname.startsWith('/agent/knowledge')}
      />
      {session.user.role === 'admin' && (
        <NavLink
          component={Link}
          to="/agent/admin"
          label={t('nav.admin')}
          leftSection={<IconSettings size={16} aria-hidden />}
          active={location.pathname.startsWith('/agent/admin')}
        />
      )}
    </Stack>
  );
}
