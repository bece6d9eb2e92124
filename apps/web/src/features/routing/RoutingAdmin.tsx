import { Badge, Button, Group, Paper, Stack, Switch, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { RoutingRule } from '../../api/types';
import { EmptyState, ErrorAlert, PageError } from '../../ui/states';
import { useAdminForm } from '../admin/admin-form';
import { moved, OrderButtons, Summary, useConditionSummary } from '../rules/rule-summary';
import { useRuleOptions } from '../rules/rules-api';
import { RoutingRuleEditor } from './RoutingRuleEditor';
import { useRoutingRules } from './routing-api';

/**
 * Routing rules, checked in order on every new ticket: the first matching rule with a
 * group picks the group; every matching rule adds the level and skills the work needs.
 */
export function RoutingAdmin() {
  const { t } = useTranslation();
  const rules = useRoutingRules();
  const options = useRuleOptions();
  const summary = useConditionSummary(options);
  const form = useAdminForm(['routing-rules']);
  const [editing, setEditing] = useState<RoutingRule | 'new' | null>(null);
  const list = rules.data ?? [];
  const groupName = (id: number | null) => options.groups.find((g) => g.value === String(id))?.label;

  const move = (index: number, by: -1 | 1) =>
    form.run(async () => {
      const ids = moved(list, index, by);
      // Positions follow the list order; only the two swapped rules change.
      await Promise.all(
        ids.map((id, position) =>
          list.find((r) => r.id === id)?.position === position
            ? null
            : api.put(`/api/v2/frontline/routing_rules/${id}`, { routing_rule: { position } }),
        ),
      );
    }, t('admin.reordered'));

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('admin.routing.explain')}
      </Text>
      <Group>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
          {t('admin.routing.add')}
        </Button>
      </Group>
      {rules.error && <PageError error={rules.error} onRetry={() => rules.refetch()} />}
      <ErrorAlert message={form.message} />
      {rules.data && list.length === 0 && (
        <EmptyState title={t('admin.routing.none')} hint={t('admin.routing.noneHint')} />
      )}
      {list.length > 0 && (
        <Paper withBorder>
          <Table aria-label={t('admin.sections.routing')} verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>{t('admin.order')}</Table.Th>
                <Table.Th>{t('admin.rules.title')}</Table.Th>
                <Table.Th>{t('admin.routing.outcome')}</Table.Th>
                <Table.Th w={90}>{t('admin.active')}</Table.Th>
                <Table.Th w={150} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((rule, i) => (
                <Table.Tr key={rule.id} data-testid={`routing-rule-${rule.id}`}>
                  <Table.Td>
                    <OrderButtons
                      name={rule.title}
                      first={i === 0}
                      last={i === list.length - 1}
                      disabled={form.busy}
                      onMove={(by) => void move(i, by)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {rule.title}
                    </Text>
                    <Summary>{summary(rule.conditions)}</Summary>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {rule.group_id && (
                        <Badge variant="light">{groupName(rule.group_id) ?? `#${rule.group_id}`}</Badge>
                      )}
                      {rule.required_level && (
                        <Badge variant="light" color="grape">
                          {t('admin.routing.needs', { level: t(`admin.levels.${rule.required_level}`) })}
                        </Badge>
                      )}
                      {rule.required_skills.map((s) => (
                        <Badge key={s} variant="outline" color="gray">
                          {s}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      checked={rule.active}
                      aria-label={t('admin.activeOf', { name: rule.title })}
                      onChange={(e) => {
                        const active = e.currentTarget.checked;
                        void form.run(
                          () =>
                            api.put(`/api/v2/frontline/routing_rules/${rule.id}`, {
                              routing_rule: { active },
                            }),
                          t('admin.saved'),
                        );
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-sm" variant="light" onClick={() => setEditing(rule)}>
                        {t('admin.edit')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        onClick={() =>
                          void form.run(
                            () => api.delete(`/api/v2/frontline/routing_rules/${rule.id}`),
                            t('admin.deleted'),
                          )
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
        <RoutingRuleEditor
          rule={editing === 'new' ? null : editing}
          position={list.length}
          options={options}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
