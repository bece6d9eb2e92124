import { ActionIcon, Button, Group, NumberInput, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RuleConditions } from '../../api/types';
import {
  channelOf,
  conditionFields,
  conditionOperators,
  conditionValueKind,
  defaultCondition,
  type Keyed,
  operatorTakesValue,
  type RuleKind,
  withKey,
  withoutKey,
} from './rule-catalog';
import { ChoiceSelect, useConditionFieldLabel, useValueChoices } from './rule-values';
import type { RuleOptions } from './rules-api';

type Condition = RuleConditions['all'][number];
export type ConditionRows = { all: Keyed<Condition>[]; any: Keyed<Condition>[] };

export const toConditionRows = (c: RuleConditions | undefined): ConditionRows => ({
  all: (c?.all ?? []).map(withKey),
  any: (c?.any ?? []).map(withKey),
});
export const fromConditionRows = (rows: ConditionRows): RuleConditions => ({
  all: rows.all.map(withoutKey),
  any: rows.any.map(withoutKey),
});

type Props = {
  kind: RuleKind;
  value: ConditionRows;
  onChange(value: ConditionRows): void;
  options: RuleOptions;
  /** Field errors of the form (`conditions.all.0` and the like). */
  errors: Record<string, string>;
  /** The key the server names these conditions by: `conditions` (rules) or `filter` (SLA policies). */
  errorKey?: string;
};

/** Zendesk conditions built row by row: tickets that meet all of one list and any of the other. */
export function ConditionBuilder({ kind, value, onChange, options, errors, errorKey = 'conditions' }: Props) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {(['all', 'any'] as const).map((part) => (
        <Paper key={part} withBorder p="sm" bg="gray.0">
          <fieldset style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
            <Text component="legend" size="sm" fw={600} mb={4}>
              {part === 'all' ? t('admin.rules.meetAll') : t('admin.rules.meetAny')}
            </Text>
            {errors[`${errorKey}.${part}`] && (
              <Text size="xs" c="red.8" role="alert" dir="auto" mb={4}>
                {errors[`${errorKey}.${part}`]}
              </Text>
            )}
            <Stack gap={6}>
              {value[part].length === 0 && (
                <Text size="xs" c="dimmed">
                  {part === 'all' ? t('admin.rules.noneAll') : t('admin.rules.noneAny')}
                </Text>
              )}
              {value[part].map((row, i) => (
                <ConditionRow
                  key={row.key}
                  kind={kind}
                  row={row}
                  options={options}
                  error={errors[`${errorKey}.${part}.${i}`] ?? errors[`${errorKey}.${part}.${i}.value`]}
                  onChange={(next) =>
                    onChange({ ...value, [part]: value[part].map((r) => (r.key === row.key ? next : r)) })
                  }
                  onRemove={() =>
                    onChange({ ...value, [part]: value[part].filter((r) => r.key !== row.key) })
                  }
                />
              ))}
              <Group>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() =>
                    onChange({
                      ...value,
                      [part]: [...value[part], withKey(defaultCondition(conditionFields(kind)[0]!, kind))],
                    })
                  }
                >
                  {t('admin.rules.addCondition')}
                </Button>
              </Group>
            </Stack>
          </fieldset>
        </Paper>
      ))}
    </Stack>
  );
}

function ConditionRow({
  kind,
  row,
  options,
  error,
  onChange,
  onRemove,
}: {
  kind: RuleKind;
  row: Keyed<Condition>;
  options: RuleOptions;
  error: string | undefined;
  onChange(row: Keyed<Condition>): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const fieldLabel = useConditionFieldLabel(options);
  const fields = [...conditionFields(kind), ...options.fields.map((f) => `custom_fields_${f.id}`)];
  if (!fields.includes(row.field)) fields.unshift(row.field);
  const operator = row.operator ?? conditionOperators(row.field, kind)[0]!;
  const operators = conditionOperators(row.field, kind);
  if (!operators.includes(operator)) operators.unshift(operator);
  return (
    <Stack gap={2} data-testid="condition-row">
      <Group gap="xs" align="flex-start" wrap="wrap">
        <Select
          size="xs"
          w={210}
          searchable
          aria-label={t('admin.rules.field')}
          value={row.field}
          allowDeselect={false}
          data={fields.map((f) => ({ value: f, label: fieldLabel(f) }))}
          onChange={(f) => f && onChange({ ...defaultCondition(f, kind), key: row.key })}
          data-testid="condition-field"
        />
        <Select
          size="xs"
          w={170}
          aria-label={t('admin.rules.operator')}
          value={operator}
          allowDeselect={false}
          data={operators.map((o) => ({
            value: o,
            label: t(`admin.rules.operators.${o}`, { defaultValue: o }),
          }))}
          onChange={(o) => o && onChange({ ...row, operator: o })}
          data-testid="condition-operator"
        />
        {operatorTakesValue(operator) && (
          <ConditionValue
            field={row.field}
            value={row.value}
            options={options}
            error={error}
            onChange={(v) => onChange({ ...row, value: v })}
          />
        )}
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={t('admin.rules.removeCondition')}
          onClick={onRemove}
        >
          <IconTrash size={16} aria-hidden />
        </ActionIcon>
      </Group>
      {error && !operatorTakesValue(operator) && (
        <Text size="xs" c="red.8" role="alert" dir="auto">
          {error}
        </Text>
      )}
    </Stack>
  );
}

function ConditionValue({
  field,
  value,
  options,
  error,
  onChange,
}: {
  field: string;
  value: unknown;
  options: RuleOptions;
  error: string | undefined;
  onChange(value: unknown): void;
}) {
  const { t } = useTranslation();
  const kind = conditionValueKind(field);
  const choices = useValueChoices(options)(kind, field);
  const text =
    kind === 'channel' ? channelOf(value) : value === null || value === undefined ? '' : String(value);
  const common = {
    size: 'xs' as const,
    w: 220,
    'aria-label': t('admin.rules.value'),
    error,
    'data-testid': 'condition-value',
  };
  if (choices) return <ChoiceSelect {...common} choices={choices} value={text} onChange={onChange} />;
  if (kind === 'hours' || kind === 'count')
    return (
      <NumberInput
        {...common}
        min={0}
        allowDecimal={false}
        value={text === '' ? '' : Number(text)}
        onChange={(v) => onChange(v === '' ? '' : String(v))}
        rightSection={
          kind === 'hours' ? (
            <Text size="xs" c="dimmed" pe={6}>
              {t('admin.rules.hours')}
            </Text>
          ) : undefined
        }
        rightSectionWidth={kind === 'hours' ? 56 : undefined}
      />
    );
  return (
    <TextInput
      {...common}
      value={text}
      placeholder={
        kind === 'tags'
          ? t('admin.rules.tagsPlaceholder')
          : kind === 'user_id'
            ? t('admin.rules.userIdPlaceholder')
            : undefined
      }
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
