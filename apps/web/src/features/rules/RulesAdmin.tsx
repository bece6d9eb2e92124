import { Badge, Button, Group, Paper, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import { IconPlus, IconRepeat } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Automation, Trigger } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { EmptyState, ErrorAlert, PageError } from '../../ui/states';
import { useAdminForm } from '../admin/admin-form';
import { RuleEditor } from './RuleEditor';
import { moved, OrderButtons, Summary, useActionSummary, useConditionSummary } from './rule-summary';
import { type RuleTable, useRuleOptions, useRules } from './rules-api';

type Rule = Trigger & Automation;

/** Triggers run in order on every ticket change; see docs/workflow.md. */
export function TriggersAdmin() {
  return <RulesAdmin table="triggers" />;
}

/** Automations run every minute on tickets whose time conditions are due. */
export function AutomationsAdmin() {
  return <RulesAdmin table="automations" />;
}

function RulesAdmin({ table }: { table: RuleTable }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rules = useRules(table);
  const options = useRuleOptions({ webhooks: true });
  const conditions = useConditionSummary(options);
  const actions = useActionSummary(options);
  const form = useAdminForm(['rules', table]);
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const list = rules.data ?? [];
  const one = table === 'triggers' ? 'trigger' : 'automation';

  const move = (index: number, by: -1 | 1) =>
    form.run(
      () => api.put(`/api/v2/${table}/reorder`, { [`${one}_ids`]: moved(list, index, by) }),
      t('admin.reordered'),
    );

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t(`admin.${table}.explain`)}
      </Text>
      <Group>
        <Button
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setEditing('new')}
          data-testid="add-rule"
        >
          {t(`admin.${table}.add`)}
        </Button>
      </Group>
      {rules.error && <PageError error={rules.error} onRetry={() => rules.refetch()} />}
      <ErrorAlert message={form.message} />
      {rules.data && list.length === 0 && (
        <EmptyState title={t(`admin.${table}.none`)} hint={t(`admin.${table}.noneHint`)} />
      )}
      {list.length > 0 && (
        <Paper withBorder>
          <Table aria-label={t(`admin.sections.${table}`)} verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>{t('admin.order')}</Table.Th>
                <Table.Th>{t('admin.rules.title')}</Table.Th>
                <Table.Th w={90}>{t('admin.active')}</Table.Th>
                <Table.Th w={150} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((rule, i) => (
                <Table.Tr key={rule.id} data-testid={`rule-${rule.id}`} opacity={rule.active ? 1 : 0.65}>
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
                    <Group gap="xs">
                      <Text size="sm" fw={500} dir="auto">
                        {rule.title}
                      </Text>
                      {!rule.active && (
                        <Badge size="sm" color="gray" variant="light">
                          {t('admin.inactive')}
                        </Badge>
                      )}
                      {rule.loop_detected_at && (
                        <Tooltip
                          label={rule.loop_details ?? ''}
                          multiline
                          w={320}
                          disabled={!rule.loop_details}
                        >
                          <Badge
                            size="sm"
                            color="red"
                            variant="light"
                            leftSection={<IconRepeat size={12} aria-hidden />}
                            data-testid="loop-flag"
                          >
                            {t('admin.triggers.loop', { when: format.relative(rule.loop_detected_at) })}
                          </Badge>
                        </Tooltip>
                      )}
                    </Group>
                    <Summary>{`${t('admin.rules.when')} ${conditions(rule.conditions)}`}</Summary>
                    <Summary>{`${t('admin.rules.then')} ${actions(rule.actions)}`}</Summary>
                    {rule.loop_detected_at && rule.loop_details && (
                      <Text size="xs" c="red.8">
                        {rule.loop_details}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      checked={rule.active}
                      aria-label={t('admin.activeOf', { name: rule.title })}
                      onChange={(e) => {
                        const active = e.currentTarget.checked;
                        void form.run(
                          () => api.put(`/api/v2/${table}/${rule.id}`, { [one]: { active } }),
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
                          void form.run(() => api.delete(`/api/v2/${table}/${rule.id}`), t('admin.deleted'))
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
        <RuleEditor
          table={table}
          rule={editing === 'new' ? null : editing}
          options={options}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
