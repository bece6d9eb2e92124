import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { GroupSettings } from '../../api/types';
import { PageError } from '../../ui/states';
import { GroupSettingsModal } from '../routing/GroupSettingsModal';
import { useGroupSettings } from '../routing/routing-api';
import { useAdminForm } from './admin-form';

/** Groups, the tier (1–3) each works at, and how work moves: time limit, swarm mode, assignment. */
export function GroupsAdmin() {
  const { t } = useTranslation();
  const groups = useGroupSettings();
  const form = useAdminForm(['groups']);
  const [draft, setDraft] = useState({ name: '', tier: '1' });
  const [editing, setEditing] = useState<GroupSettings | null>(null);
  const tiers = [
    { value: '', label: t('admin.groups.noTier') },
    ...['1', '2', '3'].map((n) => ({ value: n, label: t('ticket.tier', { tier: n }) })),
  ];
  const nameOf = (id: number | null) => groups.data?.find((g) => g.group_id === id)?.name;
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
            if (ok) {
              setDraft({ name: '', tier: '1' });
              await groups.refetch();
            }
          }}
        >
          <Title order={3} size="h5" mb="sm">
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
              value={draft.tier || null}
              placeholder={t('admin.groups.noTier')}
              clearable
              onChange={(v) => setDraft({ ...draft, tier: v ?? '' })}
            />
            <Button type="submit" loading={form.busy}>
              {t('admin.add')}
            </Button>
          </Group>
        </form>
      </Paper>
      <Text size="sm" c="dimmed">
        {t('admin.groups.explain')}
      </Text>
      {groups.error && <PageError error={groups.error} onRetry={() => groups.refetch()} />}
      <Table.ScrollContainer minWidth={760}>
        <Table aria-label={t('admin.sections.groups')} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('people.name')}</Table.Th>
              <Table.Th>{t('admin.groups.tier')}</Table.Th>
              <Table.Th>{t('admin.groups.timeLimit')}</Table.Th>
              <Table.Th>{t('admin.groups.handOff')}</Table.Th>
              <Table.Th>{t('admin.groups.assignment')}</Table.Th>
              <Table.Th>{t('admin.groups.queued')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(groups.data ?? []).map((g) => (
              <Table.Tr key={g.group_id} data-testid={`group-row-${g.group_id}`}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {g.name}
                  </Text>
                </Table.Td>
                <Table.Td>{g.tier ? t('ticket.tier', { tier: g.tier }) : t('admin.groups.noTier')}</Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {g.time_limit_minutes === null
                      ? t('admin.groups.noLimit')
                      : t('admin.groups.minutes', { count: g.time_limit_minutes })}
                  </Text>
                  {g.time_limit_source === 'tier_default' && (
                    <Text size="xs" c="dimmed">
                      {t('admin.groups.tierDefault')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {g.swarm_mode ? (
                    <Badge color="grape" variant="light">
                      {t('admin.groups.swarm')}
                    </Badge>
                  ) : (
                    <Text size="sm">
                      {g.escalation_group_id
                        ? t('admin.groups.escalatesTo', { name: nameOf(g.escalation_group_id) })
                        : t('admin.groups.nextTier')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{t(`admin.groups.modes.${g.assignment_mode}`)}</Table.Td>
                <Table.Td>
                  <Badge
                    variant={g.queued_tickets ? 'filled' : 'light'}
                    color={g.queued_tickets ? 'orange' : 'gray'}
                  >
                    {g.queued_tickets}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="light"
                    onClick={() => setEditing(g)}
                    aria-label={t('admin.groups.editOf', { name: g.name })}
                  >
                    {t('admin.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && (
        <GroupSettingsModal group={editing} groups={groups.data ?? []} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}
