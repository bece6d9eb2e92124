import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CHANNELS } from './rule-catalog';
import type { RuleOptions } from './rules-api';

/** The label of a condition field, custom fields by their title. */
export function useConditionFieldLabel(options: Pick<RuleOptions, 'fields'>) {
  const { t } = useTranslation();
  return (field: string) => {
    const custom = /^custom_fields_(\d+)$/.exec(field);
    if (custom) return options.fields.find((f) => f.id === Number(custom[1]))?.title ?? field;
    return t(`admin.rules.fields.${field}`, { defaultValue: field });
  };
}

/** The list of choices for a value, or null for free input. */
export function useValueChoices(options: RuleOptions) {
  const { t } = useTranslation();
  const list = (keys: readonly string[], prefix: string) =>
    keys.map((k) => ({ value: k, label: t(`${prefix}.${k}`) }));
  return (kind: string, field: string): { value: string; label: string }[] | null => {
    switch (kind) {
      case 'status':
        return list(['new', 'open', 'pending', 'hold', 'solved', 'closed'], 'ticket.status');
      case 'priority':
        return [
          { value: '', label: t('ticket.priority.none') },
          ...list(['low', 'normal', 'high', 'urgent'], 'ticket.priority'),
        ];
      case 'type':
        return [
          { value: '', label: t('ticket.type.none') },
          ...list(['question', 'incident', 'problem', 'task'], 'ticket.type'),
        ];
      case 'channel':
        return CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`, { defaultValue: c }) }));
      case 'group':
        return [{ value: '', label: t('ticket.noGroup') }, ...options.groups];
      case 'agent':
        return [
          { value: '', label: t('ticket.unassigned') },
          { value: 'current_user', label: t('admin.rules.values.current_user') },
          ...options.agents,
        ];
      case 'organization':
        return [{ value: '', label: t('admin.rules.values.noOrganization') }, ...options.organizations];
      case 'update_type':
        return list(['Create', 'Change'], 'admin.rules.values');
      case 'comment':
        return list(
          ['true', 'false', 'not_relevant', 'requester_can_see_comment'],
          'admin.rules.values.comment',
        );
      case 'visibility':
        return list(['public', 'private'], 'admin.rules.values');
      case 'boolean':
        return list(['true', 'false'], 'admin.rules.values');
      case 'role':
        return list(['end_user', 'agent', 'admin'], 'admin.rules.values');
      case 'locale':
        return [
          { value: 'en-US', label: 'English' },
          { value: 'zh-CN', label: '简体中文' },
          { value: 'ar', label: 'العربية' },
        ];
      case 'custom': {
        const id = Number(/^custom_fields_(\d+)$/.exec(field)?.[1]);
        const def = options.fields.find((f) => f.id === id);
        if (def?.type === 'checkbox') return list(['true', 'false'], 'admin.rules.values');
        return def?.custom_field_options?.map((o) => ({ value: o.value, label: o.name })) ?? null;
      }
      default:
        return null;
    }
  };
}

/** Choices that may include "" (none, unassigned): Select options cannot be empty, so "" travels as a stand-in. */
const NONE = '__none__';
export function ChoiceSelect({
  choices,
  value,
  onChange,
  ...props
}: {
  choices: { value: string; label: string }[];
  value: string;
  onChange(value: string): void;
} & Omit<React.ComponentProps<typeof Select>, 'data' | 'value' | 'onChange'>) {
  const { t } = useTranslation();
  const data = choices.map((c) => ({ ...c, value: c.value === '' ? NONE : c.value }));
  const current = value === '' ? NONE : value;
  if (!data.some((c) => c.value === current)) data.unshift({ value: current, label: value || '—' });
  return (
    <Select
      searchable
      allowDeselect={false}
      nothingFoundMessage={t('common.noMatches')}
      {...props}
      value={current}
      data={data}
      onChange={(v) => onChange(v === NONE || v === null ? '' : String(v))}
    />
  );
}
