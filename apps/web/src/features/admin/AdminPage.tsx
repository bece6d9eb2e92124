import { Grid, NavLink, Skeleton, Stack, Text, Title } from '@mantine/core';
import { type ComponentType, lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { useSession } from '../../app/session';
import { useScreenStrings } from '../../i18n';

/** Each settings screen is its own chunk, fetched when it is opened. */
const screen = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));

const SCREENS = {
  users: screen(() => import('./UsersAdmin'), 'UsersAdmin'),
  groups: screen(() => import('./GroupsAdmin'), 'GroupsAdmin'),
  organizations: screen(() => import('./OrganizationsAdmin'), 'OrganizationsAdmin'),
  routing: screen(() => import('../routing/RoutingAdmin'), 'RoutingAdmin'),
  sla: screen(() => import('../sla/SlaPoliciesAdmin'), 'SlaPoliciesAdmin'),
  schedules: screen(() => import('../sla/SchedulesAdmin'), 'SchedulesAdmin'),
  triggers: screen(() => import('../rules/RulesAdmin'), 'TriggersAdmin'),
  automations: screen(() => import('../rules/RulesAdmin'), 'AutomationsAdmin'),
  webhooks: screen(() => import('../rules/WebhooksAdmin'), 'WebhooksAdmin'),
  actions: screen(() => import('../approvals/EmpoweredActionsAdmin'), 'EmpoweredActionsAdmin'),
  mailboxes: screen(() => import('../email/MailboxesAdmin'), 'MailboxesAdmin'),
  held: screen(() => import('../email/HeldMailAdmin'), 'HeldMailAdmin'),
  fields: screen(() => import('./FieldsAdmin'), 'FieldsAdmin'),
  views: screen(() => import('./ViewsAdmin'), 'ViewsAdmin'),
  tokens: screen(() => import('./TokensAdmin'), 'TokensAdmin'),
};
type Section = keyof typeof SCREENS;

const GROUPS: [string, Section[]][] = [
  ['team', ['users', 'groups', 'organizations']],
  ['workflow', ['routing', 'sla', 'schedules']],
  ['automation', ['triggers', 'automations', 'webhooks', 'actions']],
  ['channels', ['mailboxes', 'held']],
  ['settings', ['fields', 'views', 'tokens']],
];

/** Admin settings: the team and tiers, routing and service levels, automation, channels, fields. */
export default function AdminPage() {
  useScreenStrings();
  const { t } = useTranslation();
  const session = useSession();
  const requested = useParams()['*']?.split('/')[0] || 'users';
  if (session.user.role !== 'admin') return <Navigate to="/agent" replace />;
  const section: Section = requested in SCREENS ? (requested as Section) : 'users';
  const Screen = SCREENS[section];
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 3, lg: 2 }}>
        <Title order={1} size="h3" mb="sm">
          {t('admin.title')}
        </Title>
        <nav aria-label={t('admin.title')}>
          {GROUPS.map(([group, sections]) => (
            <Stack key={group} gap={0} mb="sm">
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="xs" mb={2}>
                {t(`admin.groupsOfSections.${group}`)}
              </Text>
              {sections.map((s) => (
                <NavLink
                  key={s}
                  component={Link}
                  to={`/agent/admin/${s}`}
                  label={t(`admin.sections.${s}`)}
                  active={s === section}
                  aria-current={s === section ? 'page' : undefined}
                  data-testid={`admin-nav-${s}`}
                />
              ))}
            </Stack>
          ))}
        </nav>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 9, lg: 10 }}>
        <Stack component="section" aria-labelledby="admin-section-title">
          <Title order={2} size="h4" id="admin-section-title">
            {t(`admin.sections.${section}`)}
          </Title>
          <Suspense fallback={<Skeleton h={240} />}>
            <Screen />
          </Suspense>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
