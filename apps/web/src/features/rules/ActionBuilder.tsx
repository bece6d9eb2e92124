import {
  ActionIcon,
  Button,
  Group,
  Menu,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconBraces, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RuleAction } from '../../api/types';
import { FieldError } from '../../ui/states';
import {
  type ActionKind,
  actionFields,
  actionValueKind,
  defaultAction,
  type Keyed,
  PLACEHOLDERS,
  withKey,
} from './rule-catalog';
import { ChoiceSelect, useValueChoices } from './rule-values';
import type { RuleOptions } from './rules-api';

type Props = {
  kind: ActionKind;
  value: Keyed<RuleAction>[];
  onChange(value: Keyed<RuleAction>[]): void;
  options: RuleOptions;
  errors: Record<string, string>;
};

/** What a rule or macro does, one action per row: set fields, tags, assign, comment, notify, call a webhook. */
export function ActionBuilder({ kind, value, onChange, options, errors }: Props) {
  const { t } = useTranslation();
  const fields = actionFields(kind);
  return (
    <Paper withBorder p="sm" bg="gray.0">
      <fieldset style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
        <Text component="legend" size="sm" fw={600} mb={4}>
          {t('admin.actions.title')}
        </Text>
        <FieldError message={errors.actions} mb={4} />
        <Stack gap="xs">
          {value.map((row, i) => (
            <ActionRow
              key={row.key}
              kind={kind}
              fields={fields}
              row={row}
              options={options}
              error={errors[`actions.${i}`]}
              onChange={(next) => onChange(value.map((r) => (r.key === row.key ? next : r)))}
              onRemove={() => onChange(value.filter((r) => r.key !== row.key))}
            />
          ))}
          <Group>
            <Button
              size="compact-sm"
              variant="subtle"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => onChange([...value, withKey(defaultAction(fields[0]!))])}
            >
              {t('admin.actions.add')}
            </Button>
          </Group>
        </Stack>
      </fieldset>
    </Paper>
  );
}

function ActionRow({
  kind,
  fields,
  row,
  options,
  error,
  onChange,
  onRemove,
}: {
  kind: ActionKind;
  fields: string[];
  row: Keyed<RuleAction>;
  options: RuleOptions;
  error: string | undefined;
  onChange(row: Keyed<RuleAction>): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const list = fields.includes(row.field) ? fields : [row.field, ...fields];
  return (
    <Stack gap={4} data-testid="action-row">
      <Group gap="xs" align="flex-start" wrap="wrap">
        <Select
          size="xs"
          w={230}
          searchable
          aria-label={t('admin.actions.action')}
          value={row.field}
          allowDeselect={false}
          data={list.map((f) => ({ value: f, label: t(`admin.actions.fields.${f}`, { defaultValue: f }) }))}
          onChange={(f) => f && onChange({ ...defaultAction(f), key: row.key })}
          data-testid="action-field"
        />
        <ActionValue
          kind={kind}
          row={row}
          options={options}
          onChange={(v) => onChange({ ...row, value: v })}
        />
        <ActionIcon variant="subtle" color="red" aria-label={t('admin.actions.remove')} onClick={onRemove}>
          <IconTrash size={16} aria-hidden />
        </ActionIcon>
      </Group>
      <FieldError message={error} />
    </Stack>
  );
}

const asText = (v: unknown) => (v === null || v === undefined ? '' : String(v));

function ActionValue({
  kind,
  row,
  options,
  onChange,
}: {
  kind: ActionKind;
  row: RuleAction;
  options: RuleOptions;
  onChange(value: unknown): void;
}) {
  const { t } = useTranslation();
  const choicesFor = useValueChoices(options);
  const valueKind = actionValueKind(row.field);
  const label = t('admin.actions.value');
  const select = (
    choices: { value: string; label: string }[],
    value: string,
    set: (v: string) => void,
    aria = label,
  ) => (
    <ChoiceSelect
      size="xs"
      w={220}
      aria-label={aria}
      choices={choices}
      value={value}
      onChange={set}
      data-testid="action-value"
    />
  );
  switch (valueKind) {
    case 'status': {
      const statuses = choicesFor('status', row.field)!.filter(
        (c) => kind !== 'macro' || c.value !== 'closed',
      );
      return select(statuses, asText(row.value), onChange);
    }
    case 'priority':
    case 'type':
    case 'group':
    case 'agent':
      return select(choicesFor(valueKind, row.field)!, asText(row.value), onChange);
    case 'person':
      return select(
        [{ value: 'current_user', label: t('admin.rules.values.current_user') }, ...options.agents],
        asText(row.value),
        onChange,
      );
    case 'visibility':
      return select(
        [
          { value: 'true', label: t('admin.actions.public') },
          { value: 'false', label: t('admin.actions.private') },
        ],
        asText(row.value),
        onChange,
      );
    case 'comment':
      return (
        <BodyInput
          value={asText(Array.isArray(row.value) ? row.value.at(-1) : row.value)}
          onChange={onChange}
          label={t('admin.actions.comment')}
        />
      );
    case 'notify_user':
    case 'notify_group':
    case 'webhook': {
      const parts = Array.isArray(row.value) ? row.value.map(asText) : [];
      const set = (i: number) => (v: string) => onChange(parts.map((p, j) => (j === i ? v : p)));
      const recipients =
        valueKind === 'notify_user'
          ? [
              ...['requester_id', 'assignee_id', 'current_user', 'requester_and_ccs', 'all_agents'].map(
                (r) => ({
                  value: r,
                  label: t(`admin.actions.recipients.${r}`),
                }),
              ),
              ...options.agents,
            ]
          : valueKind === 'notify_group'
            ? [{ value: 'group_id', label: t('admin.actions.recipients.group_id') }, ...options.groups]
            : options.webhooks;
      return (
        <Stack gap={4} style={{ flex: 1, minWidth: 260 }}>
          {select(
            recipients,
            parts[0] ?? '',
            set(0),
            valueKind === 'webhook' ? t('admin.actions.webhook') : t('admin.actions.recipient'),
          )}
          {valueKind === 'webhook' && options.webhooks.length === 0 && (
            <Text size="xs" c="dimmed">
              {t('admin.actions.noWebhooks')}
            </Text>
          )}
          {valueKind !== 'webhook' && (
            <TextInput
              size="xs"
              aria-label={t('admin.actions.subject')}
              placeholder={t('admin.actions.subject')}
              value={parts[1] ?? ''}
              onChange={(e) => set(1)(e.currentTarget.value)}
            />
          )}
          <BodyInput
            value={parts[valueKind === 'webhook' ? 1 : 2] ?? ''}
            onChange={set(valueKind === 'webhook' ? 1 : 2)}
            label={valueKind === 'webhook' ? t('admin.actions.payload') : t('admin.actions.body')}
          />
        </Stack>
      );
    }
    default:
      return (
        <TextInput
          size="xs"
          w={260}
          aria-label={label}
          value={asText(row.value)}
          placeholder={valueKind === 'tags' ? t('admin.rules.tagsPlaceholder') : undefined}
          onChange={(e) => onChange(e.currentTarget.value)}
          data-testid="action-value"
        />
      );
  }
}

/** A text body with a menu that inserts Liquid placeholders such as {{ticket.id}}. */
function BodyInput({ value, onChange, label }: { value: string; onChange(v: string): void; label: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} style={{ flex: 1, minWidth: 260 }}>
      <Textarea
        size="xs"
        autosize
        minRows={2}
        maxRows={8}
        aria-label={label}
        placeholder={label}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        dir="auto"
        data-testid="action-body"
      />
      <Group gap={4}>
        <Menu position="bottom-start">
          <Menu.Target>
            <Button size="compact-xs" variant="subtle" leftSection={<IconBraces size={12} aria-hidden />}>
              {t('admin.actions.insertPlaceholder')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {PLACEHOLDERS.map((p) => (
              <Menu.Item
                key={p}
                onClick={() => onChange(`${value}${value && !value.endsWith(' ') ? ' ' : ''}${p}`)}
                dir="ltr"
              >
                <Text size="xs" ff="monospace">
                  {p}
                </Text>
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Stack>
  );
}
