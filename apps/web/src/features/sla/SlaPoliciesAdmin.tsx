import { Alert, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { SlaPolicy } from '../../api/types';
import { EmptyState, ErrorAlert, PageError } from '../../ui/states';
import { useAdminForm } from '../admin/admin-form';
import { moved, OrderButtons, Summary, useConditionSummary } from '../rules/rule-summary';
import { useRuleOptions } from '../rules/rules-api';
import { useDuration } from './SlaBadge';
import { SlaPolicyEditor } from './SlaPolicyEditor';
import { useSchedules, useSlaPolicies } from './sla-api';

/** SLA policies in order: the first whose conditions match a ticket sets its targets. */
export function SlaPoliciesAdmin() {
  const { t } = useTranslation();
  const policies = useSlaPolicies();
  const schedules = useSchedules();
  const options = useRuleOptions();
  const summary = useConditionSummary(options);
  const duration = useDuration();
  const form = useAdminForm(['sla-policies']);
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);
  const list = policies.data ?? [];

  const move = (index: number, by: -1 | 1) =>
    form.run(
      () => api.put('/api/v2/slas/policies/reorder', { sla_policy_ids: moved(list, index, by) }),
      t('admin.reordered'),
    );
  const firstReply = (p: SlaPolicy, priority: string) =>
    p.policy_metrics.find((m) => m.metric === 'first_reply_time' && m.priority === priority);

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('admin.sla.explain')}
      </Text>
      {schedules.data?.length === 0 && (
        <Alert color="blue" variant="light">
          {t('admin.sla.noSchedule')}
        </Alert>
      )}
      <Group>
        <Button
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setEditing('new')}
          data-testid="add-sla"
        >
          {t('admin.sla.add')}
        </Button>
      </Group>
      {policies.error && <PageError error={policies.error} onRetry={() => policies.refetch()} />}
      <ErrorAlert message={form.message} />
      {policies.data && list.length === 0 && (
        <EmptyState title={t('admin.sla.none')} hint={t('admin.sla.noneHint')} />
      )}
      {list.length > 0 && (
        <Paper withBorder>
          <Table aria-label={t('admin.sections.sla')} verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>{t('admin.order')}</Table.Th>
                <Table.Th>{t('admin.rules.title')}</Table.Th>
                <Table.Th>{t('admin.sla.firstReply')}</Table.Th>
                <Table.Th w={150} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((p, i) => (
                <Table.Tr key={p.id} data-testid={`sla-policy-${p.id}`}>
                  <Table.Td>
                    <OrderButtons
                      name={p.title}
                      first={i === 0}
                      last={i === list.length - 1}
                      disabled={form.busy}
                      onMove={(by) => void move(i, by)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500} dir="auto">
                      {p.title}
                    </Text>
                    <Summary>{summary(p.filter)}</Summary>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {(['urgent', 'high', 'normal', 'low'] as const).map((priority) => {
                        const m = firstReply(p, priority);
                        return m ? (
                          <Badge key={priority} variant="light" color={m.business_hours ? 'blue' : 'gray'}>
                            {t(`ticket.priority.${priority}`)}: {duration(m.target)}
                          </Badge>
                        ) : null;
                      })}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-sm" variant="light" onClick={() => setEditing(p)}>
                        {t('admin.edit')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        onClick={() =>
                          void form.run(() => api.delete(`/api/v2/slas/policies/${p.id}`), t('admin.deleted'))
                        }
                      >
                        {t('admin.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {editing && (
        <SlaPolicyEditor
          policy={editing === 'new' ? null : editing}
          schedules={schedules.data ?? []}
          options={options}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
