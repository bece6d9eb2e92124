import { Alert, Button, Group, Switch, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Automation, RuleAction, RuleConditions, Trigger } from '../../api/types';
import { useAdminForm } from '../admin/admin-form';
import { FormModal } from '../admin/FormModal';
import { ActionBuilder } from './ActionBuilder';
import { ConditionBuilder, fromConditionRows, toConditionRows } from './ConditionBuilder';
import { withKey, withoutKey } from './rule-catalog';
import type { RuleOptions, RuleTable } from './rules-api';

/** What a new rule starts with: acknowledge new tickets, or remind after two days pending. */
const STARTERS: Record<RuleTable, { conditions: RuleConditions; actions: RuleAction[] }> = {
  triggers: {
    conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Create' }], any: [] },
    actions: [{ field: 'current_tags', value: '' }],
  },
  automations: {
    conditions: {
      all: [
        { field: 'status', operator: 'is', value: 'pending' },
        { field: 'PENDING', operator: 'greater_than', value: '48' },
      ],
      any: [],
    },
    actions: [{ field: 'current_tags', value: '' }],
  },
};

/** Create or edit a trigger or an automation: conditions and actions in Zendesk's JSON. */
export function RuleEditor({
  table,
  rule,
  options,
  onClose,
}: {
  table: RuleTable;
  rule: (Trigger & Automation) | null;
  options: RuleOptions;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const form = useAdminForm(['rules', table]);
  const one = table === 'triggers' ? 'trigger' : 'automation';
  const start = rule ?? STARTERS[table];
  const [title, setTitle] = useState(rule?.title ?? '');
  const [description, setDescription] = useState(rule?.description ?? '');
  const [active, setActive] = useState(rule?.active ?? true);
  const [conditions, setConditions] = useState(() => toConditionRows(start.conditions));
  const [actions, setActions] = useState(() => start.actions.map(withKey));

  const save = async () => {
    const body = {
      [one]: {
        title,
        active,
        ...(table === 'triggers' ? { description } : {}),
        conditions: fromConditionRows(conditions),
        actions: actions.map(withoutKey),
      },
    };
    const ok = await form.run(
      () => (rule ? api.put(`/api/v2/${table}/${rule.id}`, body) : api.post(`/api/v2/${table}`, body)),
      rule ? t('admin.saved') : t(`admin.${table}.created`),
    );
    if (ok) onClose();
  };

  return (
    <FormModal
      title={rule ? t(`admin.${table}.edit`) : t(`admin.${table}.add`)}
      size="xl"
      testId="rule-editor"
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
      {table === 'triggers' && (
        <Textarea
          label={t('admin.rules.description')}
          value={description}
          autosize
          minRows={1}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={form.errors.description}
        />
      )}
      <Switch
        label={t('admin.active')}
        checked={active}
        onChange={(e) => setActive(e.currentTarget.checked)}
      />
      {table === 'automations' && (
        <Alert color="blue" variant="light">
          {t('admin.automations.timeHint')}
        </Alert>
      )}
      <ConditionBuilder
        kind={table === 'triggers' ? 'trigger' : 'automation'}
        value={conditions}
        onChange={setConditions}
        options={options}
        errors={form.errors}
      />
      <ActionBuilder
        kind={table === 'triggers' ? 'trigger' : 'automation'}
        value={actions}
        onChange={setActions}
        options={options}
        errors={form.errors}
      />
      <Group justify="flex-end">
        <Button variant="subtle" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={form.busy} data-testid="save-rule">
          {t('common.save')}
        </Button>
      </Group>
    </FormModal>
  );
}
