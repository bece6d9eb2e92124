import {
  Alert,
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
import { PageError } from '../../ui/states';
import { useAgents } from '../inbox/people-api';
import { useAdminForm } from './admin-form';

const LEVELS = ['junior', 'mid', 'senior'] as const;

/** The team: agents and admins with their level; add an agent. */
export function UsersAdmin() {
  const { t } = useTranslation();
  const agents = useAgents();
  const form = useAdminForm(['agents']);
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
          <Title order={2} size="h5" mb="sm">
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
      <Table aria-label={t('admin.sections.users')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('people.name')}</Table.Th>
            <Table.Th>{t('people.email')}</Table.Th>
            <Table.Th>{t('people.role')}</Table.Th>
            <Table.Th>{t('admin.users.level')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(agents.data ?? []).map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>
                <Text size="sm">{u.name}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{u.email}</Text>
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
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
