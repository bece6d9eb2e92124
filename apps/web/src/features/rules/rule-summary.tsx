import { ActionIcon, Group, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RuleAction, RuleConditions } from '../../api/types';
import { actionValueKind, channelOf, conditionValueKind, operatorTakesValue } from './rule-catalog';
import { useConditionFieldLabel, useValueChoices } from './rule-values';
import type { RuleOptions } from './rules-api';

/** "Channel is Chat · Priority is Urgent": a rule's conditions in one line of the UI language. */
export function useConditionSummary(options: RuleOptions) {
  const { t, i18n } = useTranslation();
  const fieldLabel = useConditionFieldLabel(options);
  const choices = useValueChoices(options);
  return (conditions: RuleConditions) => {
    const one = (c: RuleConditions['all'][number]) => {
      const kind = conditionValueKind(c.field);
      const raw = kind === 'channel' ? channelOf(c.value) : String(c.value ?? '');
      const label = choices(kind, c.field)?.find((x) => x.value === raw)?.label ?? raw;
      const operator = t(`admin.rules.operators.${c.operator ?? 'is'}`, { defaultValue: c.operator ?? 'is' });
      const value = operatorTakesValue(c.operator ?? 'is') ? ` ${label}` : '';
      return `${fieldLabel(c.field)} ${operator}${value}${kind === 'hours' ? ` ${t('admin.rules.hours')}` : ''}`;
    };
    const list = (items: string[]) => new Intl.ListFormat(i18n.language, { type: 'unit' }).format(items);
    const all = conditions.all.map(one);
    const any = conditions.any.map(one);
    if (!all.length && !any.length) return t('admin.rules.everyTicket');
    return [all.length ? list(all) : null, any.length ? t('admin.rules.anyOf', { list: list(any) }) : null]
      .filter(Boolean)
      .join(' · ');
  };
}

/** "Set Priority: Urgent · Notify Requester" for a list of actions. */
export function useActionSummary(options: RuleOptions) {
  const { t } = useTranslation();
  const choices = useValueChoices(options);
  return (actions: RuleAction[]) =>
    actions
      .map((a) => {
        const name = t(`admin.actions.fields.${a.field}`, { defaultValue: a.field });
        const kind = actionValueKind(a.field);
        if (['status', 'priority', 'type', 'group', 'agent'].includes(kind)) {
          const raw = String(a.value ?? '');
          return `${name}: ${choices(kind, a.field)?.find((c) => c.value === raw)?.label ?? raw}`;
        }
        if (kind === 'tags' || kind === 'text') return `${name}: ${String(a.value ?? '')}`;
        return name;
      })
      .join(' · ');
}

/** Up and down buttons that move a rule in its list (keyboard-friendly, unlike drag and drop). */
export function OrderButtons({
  name,
  first,
  last,
  onMove,
  disabled,
}: {
  name: string;
  first: boolean;
  last: boolean;
  onMove(by: -1 | 1): void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={2} wrap="nowrap">
      <ActionIcon
        size="sm"
        variant="subtle"
        disabled={first || disabled}
        onClick={() => onMove(-1)}
        aria-label={t('admin.moveUp', { name })}
      >
        <IconArrowUp size={14} aria-hidden />
      </ActionIcon>
      <ActionIcon
        size="sm"
        variant="subtle"
        disabled={last || disabled}
        onClick={() => onMove(1)}
        aria-label={t('admin.moveDown', { name })}
      >
        <IconArrowDown size={14} aria-hidden />
      </ActionIcon>
    </Group>
  );
}

/** The IDs in their new order after moving one item up or down. */
export function moved<T extends { id: number }>(items: T[], index: number, by: -1 | 1): number[] {
  const ids = items.map((x) => x.id);
  const to = index + by;
  if (to < 0 || to >= ids.length) return ids;
  [ids[index], ids[to]] = [ids[to]!, ids[index]!];
  return ids;
}

export function Summary({ children }: { children: string }) {
  return (
    <Text size="xs" c="dimmed" lineClamp={2} dir="auto">
      {children}
    </Text>
  );
}
