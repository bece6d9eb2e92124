import { Alert, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useGroups } from '../inbox/people-api';
import { useAdminForm } from './admin-form';

/** Groups and the tier (1–3) each one works at. */
export function GroupsAdmin() {
  const { t } = useTranslation();
  const groups = useGroups();
  const form = useAdminForm(['groups']);
  const [draft, setDraft] = useState({ name: '', tier: '1' });
  const tiers = [
    { value: '', label: t('admin.groups.noTier') },
    ...['1', '2', '3'].map((n) => ({ value: n, label: t('ticket.tier', { tier: n }) })),
  ];
  return (
    <Stack>
      <Paper withBorder p="md">
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const ok = await form.run(
              () =>
                api.post('/api/v2/groups', {
                  group: { name: draft.name, tier: draft.tier ? Number(draft.tier) : null },
                }),
              t('admin.groups.created'),
            );
            if (ok) setDraft({ name: '', tier: '1' });
          }}
        >
          <Title order={2} size="h5" mb="sm">
            {t('admin.groups.add')}
          </Title>
          {form.errors.base && (
            <Alert color="red" mb="sm">
              {form.errors.base}
            </Alert>
          )}
          <Group align="flex-end">
            <TextInput
              label={t('people.name')}
              required
              value={draft.name}
              error={form.errors.name}
              onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
            />
            <Select
              label={t('admin.groups.tier')}
              data={tiers}
              value={draft.tier}
              allowDeselect={false}
              onChange={(v) => setDraft({ ...draft, tier: v ?? '' })}
            />
            <Button type="submit" loading={form.busy}>
              {t('admin.add')}
            </Button>
          </Group>
        </form>
      </Paper>
      <Table aria-label={t('admin.sections.groups')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('people.name')}</Table.Th>
            <Table.Th>{t('admin.groups.tier')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(groups.data ?? []).map((g) => (
            <Table.Tr key={g.id}>
              <Table.Td>
                <Text size="sm">{g.name}</Text>
              </Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  w={140}
                  aria-label={t('admin.groups.tierOf', { name: g.name })}
                  data={tiers}
                  value={g.tier ? String(g.tier) : ''}
                  allowDeselect={false}
                  onChange={(v) =>
                    void form.run(
                      () => api.put(`/api/v2/groups/${g.id}`, { group: { tier: v ? Number(v) : null } }),
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
