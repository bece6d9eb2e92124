import { Checkbox, NumberInput, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Group, Ticket, TicketField } from '../../api/types';
import { useAgents, useGroups } from '../inbox/people-api';
import type { FieldChanges } from './Composer';
import { useTicketFields } from './tickets-api';

const STATUSES = ['new', 'open', 'pending', 'hold', 'solved'] as const;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const TYPES = ['question', 'incident', 'problem', 'task'] as const;

type Props = {
  ticket: Ticket;
  knownGroups: Group[];
  changes: FieldChanges;
  onChange: React.Dispatch<React.SetStateAction<FieldChanges>>;
  disabled: boolean;
};

/** The ticket's properties. Changes are staged and submitted with the reply (or "Save changes"). */
export function TicketFields({ ticket, knownGroups, changes, onChange, disabled }: Props) {
  const { t } = useTranslation();
  const agents = useAgents();
  const groups = useGroups();
  const fields = useTicketFields();
  const value = <K extends string>(key: K, current: unknown) => (key in changes ? changes[key] : current);
  // Functional updates: two quick edits (priority, then tags) must not overwrite each other.
  const set = (key: string, next: unknown, current: unknown) =>
    onChange((previous) => {
      const copy = { ...previous };
      if (JSON.stringify(next) === JSON.stringify(current)) delete copy[key];
      else copy[key] = next;
      return copy;
    });
  const groupOptions = [...(groups.data ?? []), ...knownGroups]
    .filter((g, i, all) => all.findIndex((x) => x.id === g.id) === i)
    .map((g) => ({
      value: String(g.id),
      label: g.tier ? `${g.name} · ${t('ticket.tier', { tier: g.tier })}` : g.name,
    }));
  const agentOptions = (agents.data ?? []).map((a) => ({ value: String(a.id), label: a.name }));
  if (ticket.assignee_id && !agentOptions.some((o) => o.value === String(ticket.assignee_id)))
    agentOptions.unshift({ value: String(ticket.assignee_id), label: `#${ticket.assignee_id}` });
  const mark = (key: string) =>
    key in changes
      ? { 'data-changed': true, styles: { input: { borderColor: 'var(--mantine-color-orange-6)' } } }
      : {};
  const customValues = new Map(ticket.custom_fields.map((f) => [f.id, f.value]));
  const stagedCustom = (changes.custom_fields as { id: number; value: unknown }[] | undefined) ?? [];
  const customValue = (id: number) =>
    stagedCustom.find((f) => f.id === id)?.value ?? customValues.get(id) ?? null;
  const setCustom = (id: number, next: unknown) =>
    onChange((previous) => {
      const staged = (previous.custom_fields as { id: number; value: unknown }[] | undefined) ?? [];
      const others = staged.filter((f) => f.id !== id);
      const list = next === (customValues.get(id) ?? null) ? others : [...others, { id, value: next }];
      const copy = { ...previous };
      if (list.length) copy.custom_fields = list;
      else delete copy.custom_fields;
      return copy;
    });

  return (
    <Stack gap="sm" component="section" aria-label={t('ticket.properties')}>
      <Select
        label={t('ticket.fields.status')}
        data={STATUSES.map((s) => ({ value: s, label: t(`ticket.status.${s}`) }))}
        value={String(value('status', ticket.status))}
        onChange={(v) => v && set('status', v, ticket.status)}
        allowDeselect={false}
        disabled={disabled}
        {...mark('status')}
      />
      <Select
        allowDeselect={false}
        label={t('ticket.fields.assignee')}
        data={agentOptions}
        value={
          value('assignee_id', ticket.assignee_id) ? String(value('assignee_id', ticket.assignee_id)) : null
        }
        onChange={(v) => set('assignee_id', v ? Number(v) : null, ticket.assignee_id)}
        placeholder={t('ticket.unassigned')}
        searchable
        clearable
        disabled={disabled}
        nothingFoundMessage={t('common.noMatches')}
        {...mark('assignee_id')}
      />
      <Select
        allowDeselect={false}
        label={t('ticket.fields.group')}
        data={groupOptions}
        value={value('group_id', ticket.group_id) ? String(value('group_id', ticket.group_id)) : null}
        onChange={(v) => set('group_id', v ? Number(v) : null, ticket.group_id)}
        placeholder={t('ticket.noGroup')}
        clearable
        disabled={disabled}
        {...mark('group_id')}
      />
      <Select
        allowDeselect={false}
        label={t('ticket.fields.priority')}
        data={PRIORITIES.map((p) => ({ value: p, label: t(`ticket.priority.${p}`) }))}
        value={(value('priority', ticket.priority) as string | null) ?? null}
        onChange={(v) => set('priority', v, ticket.priority)}
        placeholder={t('ticket.priority.none')}
        clearable
        disabled={disabled}
        {...mark('priority')}
      />
      <Select
        allowDeselect={false}
        label={t('ticket.fields.type')}
        data={TYPES.map((x) => ({ value: x, label: t(`ticket.type.${x}`) }))}
        value={(value('type', ticket.type) as string | null) ?? null}
        onChange={(v) => set('type', v, ticket.type)}
        placeholder={t('ticket.type.none')}
        clearable
        disabled={disabled}
        {...mark('type')}
      />
      <TagsInput
        label={t('ticket.fields.tags')}
        value={value('tags', ticket.tags) as string[]}
        onChange={(v) =>
          set(
            'tags',
            v.map((x) => x.toLowerCase().replace(/\s+/g, '_')),
            ticket.tags,
          )
        }
        placeholder={t('ticket.addTag')}
        clearable
        disabled={disabled}
        splitChars={[',', ' ']}
        {...mark('tags')}
      />
      {(fields.data ?? []).map((field) => (
        <CustomField
          key={field.id}
          field={field}
          value={customValue(field.id)}
          onChange={(v) => setCustom(field.id, v)}
          disabled={disabled}
        />
      ))}
    </Stack>
  );
}

function CustomField({
  field,
  value,
  onChange,
  disabled,
}: {
  field: TicketField;
  value: unknown;
  onChange(value: unknown): void;
  disabled: boolean;
}) {
  const common = {
    label: field.title,
    description: field.description || undefined,
    disabled,
    required: field.required,
  };
  if (field.type === 'checkbox')
    return (
      <Checkbox {...common} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />
    );
  if (field.type === 'tagger')
    return (
      <Select
        allowDeselect={false}
        {...common}
        clearable
        data={(field.custom_field_options ?? []).map((o) => ({ value: o.value, label: o.name }))}
        value={(value as string | null) ?? null}
        onChange={(v) => onChange(v)}
      />
    );
  if (field.type === 'integer' || field.type === 'decimal')
    return (
      <NumberInput
        {...common}
        value={typeof value === 'number' ? value : ''}
        allowDecimal={field.type === 'decimal'}
        onChange={(v) => onChange(v === '' ? null : Number(v))}
      />
    );
  return (
    <TextInput
      {...common}
      type={field.type === 'date' ? 'date' : 'text'}
      value={(value as string | null) ?? ''}
      onChange={(e) => onChange(e.currentTarget.value || null)}
    />
  );
}
