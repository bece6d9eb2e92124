import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { AgentProfile } from '../../api/types';
import { PageError } from '../../ui/states';
import { useAgents } from '../inbox/people-api';
import { AgentProfileModal } from '../routing/AgentProfileModal';
import { PresenceBadge } from '../routing/PresenceMenu';
import { useAgentProfiles } from '../routing/routing-api';
import { useAdminForm } from './admin-form';

const LEVELS = ['junior', 'mid', 'senior'] as const;

/** The team: agents and admins with their level, presence, skills and capacity; add an agent. */
export function UsersAdmin() {
  const { t } = useTranslation();
  const agents = useAgents();
  const profiles = useAgentProfiles();
  const profileOf = new Map((profiles.data ?? []).map((p) => [p.user_id, p]));
  const [editing, setEditing] = useState<AgentProfile | null>(null);
  const form = useAdminForm(['agents'], ['agent-profiles']);
  const [draft, setDraft] = useState({ name: '', email: '', role: 'agent', agent_level: 'junior' });
  const levels = LEVELS.map((l) => ({ value: l, label: t(`admin.levels.${l}`) }));
  return (
    <Stack>
      <Paper withBorder p="md">
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const ok = await form.run(
              () => api.post('/api/v2/users', { user: draft }),
              t('admin.users.created'),
            );
            if (ok) setDraft({ ...draft, name: '', email: '' });
          }}
        >
          <Title order={3} size="h5" mb="sm">
            {t('admin.users.add')}
          </Title>
          {form.errors.base && (
            <Alert color="red" mb="sm">
              {form.errors.base}
            </Alert>
          )}
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('people.name')}
              required
              value={draft.name}
              error={form.errors.name}
              onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
            />
            <TextInput
              label={t('people.email')}
              type="email"
              required
              value={draft.email}
              error={form.errors.email}
              onChange={(e) => setDraft({ ...draft, email: e.currentTarget.value })}
            />
            <Select
              label={t('people.role')}
              value={draft.role}
              allowDeselect={false}
              data={['agent', 'admin'].map((r) => ({ value: r, label: t(`people.roles.${r}`) }))}
              onChange={(v) => v && setDraft({ ...draft, role: v })}
            />
            <Select
              label={t('admin.users.level')}
              value={draft.agent_level}
              data={levels}
              allowDeselect={false}
              onChange={(v) => v && setDraft({ ...draft, agent_level: v })}
            />
            <Button type="submit" loading={form.busy}>
              {t('admin.add')}
            </Button>
          </Group>
        </form>
      </Paper>
      {agents.error && <PageError error={agents.error} />}
      {agents.isPending && <Skeleton h={120} />}
      <Table.ScrollContainer minWidth={900}>
        <Table aria-label={t('admin.sections.users')} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('people.name')}</Table.Th>
              <Table.Th>{t('people.role')}</Table.Th>
              <Table.Th>{t('admin.users.level')}</Table.Th>
              <Table.Th>{t('admin.users.presence')}</Table.Th>
              <Table.Th>{t('admin.users.skills')}</Table.Th>
              <Table.Th>{t('admin.users.load')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(agents.data ?? []).map((u) => {
              const profile = profileOf.get(u.id);
              return (
                <Table.Tr key={u.id} data-testid={`agent-row-${u.id}`}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {u.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {u.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`people.roles.${u.role}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      w={140}
                      aria-label={t('admin.users.levelOf', { name: u.name })}
                      data={levels}
                      value={u.agent_level}
                      allowDeselect={false}
                      onChange={(v) =>
                        v &&
                        void form.run(
                          () => api.put(`/api/v2/users/${u.id}`, { user: { agent_level: v } }),
                          t('admin.saved'),
                        )
                      }
                    />
                  </Table.Td>
                  <Table.Td>{profile && <PresenceBadge presence={profile.presence} />}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {profile?.skills.map((skill) => (
                        <Badge key={skill} size="sm" variant="light" color="gray">
                          {skill}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{profile ? loadText(profile) : '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    {profile && (
                      <Button
                        size="compact-sm"
                        variant="light"
                        onClick={() => setEditing(profile)}
                        aria-label={t('admin.users.routingOf', { name: u.name })}
                      >
                        {t('admin.users.routing')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && <AgentProfileModal agent={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

/** "2 / 20": open tickets assigned against the default capacity (per channel in the editor). */
function loadText(profile: AgentProfile) {
  const used = Object.values(profile.load).reduce((a, b) => a + b, 0);
  const capacity = profile.capacity.default ?? 20;
  return `${used} / ${capacity}`;
}
