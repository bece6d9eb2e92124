import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Schedule, SlaPolicy } from '../../api/types';
import { FieldError } from '../../ui/states';
import { useAdminForm } from '../admin/admin-form';
import { FormModal } from '../admin/FormModal';
import { ConditionBuilder, fromConditionRows, toConditionRows } from '../rules/ConditionBuilder';
import type { RuleOptions } from '../rules/rules-api';
import {
  gridOf,
  metricsOf,
  type PolicyMetric,
  SLA_METRICS,
  SLA_PRIORITIES,
  type TargetGrid,
} from './sla-targets';

/** Create or edit an SLA policy: which tickets, and the targets per priority in minutes. */
export function SlaPolicyEditor({
  policy,
  schedules,
  options,
  onClose,
}: {
  policy: SlaPolicy | null;
  schedules: Schedule[];
  options: RuleOptions;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const form = useAdminForm(['sla-policies']);
  const [title, setTitle] = useState(policy?.title ?? '');
  const [description, setDescription] = useState(policy?.description ?? '');
  const [filter, setFilter] = useState(() => toConditionRows(policy?.filter));
  const [grid, setGrid] = useState<TargetGrid>(() =>
    gridOf((policy?.policy_metrics ?? []) as PolicyMetric[]),
  );
  const [schedule, setSchedule] = useState(policy?.schedule_id ? String(policy.schedule_id) : '');
  const [warning, setWarning] = useState<number | string>(policy?.warning_minutes ?? 15);

  const save = async () => {
    const body = {
      sla_policy: {
        title,
        description,
        filter: fromConditionRows(filter),
        policy_metrics: metricsOf(grid),
        schedule_id: schedule ? Number(schedule) : null,
        warning_minutes: Number(warning),
      },
    };
    const ok = await form.run(
      () =>
        policy
          ? api.put(`/api/v2/slas/policies/${policy.id}`, body)
          : api.post('/api/v2/slas/policies', body),
      policy ? t('admin.saved') : t('admin.sla.created'),
    );
    if (ok) onClose();
  };
  const cell = (metric: (typeof SLA_METRICS)[number], priority: (typeof SLA_PRIORITIES)[number]) =>
    grid[metric][priority];
  const setCell = (
    metric: (typeof SLA_METRICS)[number],
    priority: (typeof SLA_PRIORITIES)[number],
    change: Partial<TargetGrid[typeof metric][typeof priority]>,
  ) =>
    setGrid({ ...grid, [metric]: { ...grid[metric], [priority]: { ...grid[metric][priority], ...change } } });
  const index = (metric: string, priority: string) =>
    metricsOf(grid).findIndex((m) => m.metric === metric && m.priority === priority);

  return (
    <FormModal
      title={policy ? t('admin.sla.edit') : t('admin.sla.add')}
      size="xl"
      testId="sla-editor"
      error={form.errors.base}
      onClose={onClose}
      onSubmit={save}
    >
      <TextInput
        label={t('admin.rules.title')}
        required
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={form.errors.title}
        data-autofocus
        dir="auto"
      />
      <Textarea
        label={t('admin.rules.description')}
        autosize
        minRows={1}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
      />
      <ConditionBuilder
        kind="sla"
        value={filter}
        onChange={setFilter}
        options={options}
        errors={form.errors}
        errorKey="filter"
      />
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {t('admin.sla.targets')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('admin.sla.targetsHint')}
        </Text>
        <FieldError message={form.errors.policy_metrics} />
        <Table.ScrollContainer minWidth={720}>
          <Table withTableBorder verticalSpacing={6} aria-label={t('admin.sla.targets')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.sla.metric')}</Table.Th>
                {SLA_PRIORITIES.map((p) => (
                  <Table.Th key={p}>{t(`ticket.priority.${p}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {SLA_METRICS.map((metric) => (
                <Table.Tr key={metric}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {t(`sla.metrics.${metric}`)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`admin.sla.metricHints.${metric}`)}
                    </Text>
                  </Table.Td>
                  {SLA_PRIORITIES.map((priority) => {
                    const c = cell(metric, priority);
                    const label = `${t(`sla.metrics.${metric}`)}, ${t(`ticket.priority.${priority}`)}`;
                    const at = index(metric, priority);
                    return (
                      <Table.Td key={priority}>
                        <NumberInput
                          size="xs"
                          w={110}
                          min={1}
                          allowDecimal={false}
                          aria-label={t('admin.sla.minutesFor', { target: label })}
                          placeholder={t('admin.sla.noTarget')}
                          value={c.minutes === '' ? '' : Number(c.minutes)}
                          onChange={(v) => setCell(metric, priority, { minutes: v === '' ? '' : String(v) })}
                          rightSection={
                            <span style={{ fontSize: 11, paddingInlineEnd: 6 }}>{t('admin.groups.min')}</span>
                          }
                          rightSectionWidth={36}
                          error={at >= 0 ? form.errors[`policy_metrics.${at}.target`] : undefined}
                          data-testid={`target-${metric}-${priority}`}
                        />
                        <Checkbox
                          mt={4}
                          size="xs"
                          label={t('admin.sla.businessHours')}
                          aria-label={t('admin.sla.businessHoursFor', { target: label })}
                          checked={c.business}
                          onChange={(e) => setCell(metric, priority, { business: e.currentTarget.checked })}
                        />
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
      <Group grow align="flex-start">
        <Select
          label={t('admin.sla.schedule')}
          description={t('admin.sla.scheduleHint')}
          data={schedules.map((s) => ({ value: String(s.id), label: s.name }))}
          value={schedule || null}
          clearable
          placeholder={
            schedules[0]
              ? t('admin.sla.firstSchedule', { name: schedules[0].name })
              : t('admin.sla.noSchedules')
          }
          onChange={(v) => setSchedule(v ?? '')}
          error={form.errors.schedule_id}
        />
        <NumberInput
          label={t('admin.sla.warning')}
          description={t('admin.sla.warningHint')}
          min={0}
          max={10080}
          allowDecimal={false}
          value={warning}
          onChange={setWarning}
          error={form.errors.warning_minutes}
        />
      </Group>
      <Group justify="flex-end">
        <Button variant="subtle" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={form.busy} data-testid="save-sla">
          {t('common.save')}
        </Button>
      </Group>
    </FormModal>
  );
}
