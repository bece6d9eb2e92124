import { Badge, Button, Group, Paper, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { MacroRecord } from '../../api/types';
import { useSession } from '../../app/session';
import { useScreenStrings } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { EmptyState, ErrorAlert, PageError } from '../../ui/states';
import { useAdminForm } from '../admin/admin-form';
import { MacroEditor } from './MacroEditor';
import { Summary, useActionSummary } from './rule-summary';
import { useAllMacros, useRuleOptions } from './rules-api';

/** Macros: shared ones (admins), a group's, and each agent's own, with how often they are used. */
export default function MacrosPage() {
  useScreenStrings();
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const macros = useAllMacros();
  const options = useRuleOptions();
  const actions = useActionSummary(options);
  const form = useAdminForm(['macros']);
  const [editing, setEditing] = useState<MacroRecord | 'new' | null>(null);
  const admin = session.user.role === 'admin';
  const canEdit = (m: MacroRecord) =>
    admin || (m.restriction?.type === 'User' && m.restriction.id === session.user.id);
  const kind = (m: MacroRecord) =>
    !m.restriction ? 'shared' : m.restriction.type === 'User' ? 'personal' : 'group';

  return (
    <Stack>
      <Title order={1} size="h3">
        {t('macros.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('macros.explain', { example: '{{ticket.requester.first_name}}' })}
      </Text>
      <Group>
        <Button
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setEditing('new')}
          data-testid="add-macro"
        >
          {t('macros.add')}
        </Button>
      </Group>
      {macros.error && <PageError error={macros.error} onRetry={() => macros.refetch()} />}
      <ErrorAlert message={form.message} />
      {macros.data?.length === 0 && <EmptyState title={t('macros.none')} hint={t('macros.noneHint')} />}
      {(macros.data?.length ?? 0) > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label={t('macros.title')} verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.rules.title')}</Table.Th>
                  <Table.Th>{t('macros.availableTo')}</Table.Th>
                  <Table.Th>{t('macros.usage')}</Table.Th>
                  <Table.Th w={90}>{t('admin.active')}</Table.Th>
                  <Table.Th w={150} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(macros.data ?? []).map((m) => (
                  <Table.Tr key={m.id} data-testid={`macro-${m.id}`} opacity={m.active ? 1 : 0.65}>
                    <Table.Td>
                      <Text size="sm" fw={500} dir="auto">
                        {m.title}
                      </Text>
                      {m.description && (
                        <Text size="xs" c="dimmed" dir="auto">
                          {m.description}
                        </Text>
                      )}
                      <Summary>{actions(m.actions)}</Summary>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={kind(m) === 'personal' ? 'grape' : kind(m) === 'group' ? 'teal' : 'blue'}
                      >
                        {t(`macros.kinds.${kind(m)}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" title={t('macros.usageDetail', { h24: m.usage_24h, d30: m.usage_30d })}>
                        {t('macros.usage7d', { count: m.usage_7d, n: format.number(m.usage_7d) })}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('macros.usage30d', { count: m.usage_30d, n: format.number(m.usage_30d) })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        checked={m.active}
                        disabled={!canEdit(m)}
                        aria-label={t('admin.activeOf', { name: m.title })}
                        onChange={(e) => {
                          const active = e.currentTarget.checked;
                          void form.run(
                            () => api.put(`/api/v2/macros/${m.id}`, { macro: { active } }),
                            t('admin.saved'),
                          );
                        }}
                      />
                    </Table.Td>
                    <Table.Td>
                      {canEdit(m) && (
                        <Group gap={4} wrap="nowrap">
                          <Button size="compact-sm" variant="light" onClick={() => setEditing(m)}>
                            {t('admin.edit')}
                          </Button>
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color="red"
                            onClick={() =>
                              void form.run(() => api.delete(`/api/v2/macros/${m.id}`), t('admin.deleted'))
                            }
                          >
                            {t('admin.delete')}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {editing && (
        <MacroEditor
          macro={editing === 'new' ? null : editing}
          admin={admin}
          userId={session.user.id}
          options={options}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
