import { Button, Group, Select, Switch, TagsInput, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { RoutingRule } from '../../api/types';
import { useAdminForm } from '../admin/admin-form';
import { FormModal } from '../admin/FormModal';
import { ConditionBuilder, fromConditionRows, toConditionRows } from '../rules/ConditionBuilder';
import type { RuleOptions } from '../rules/rules-api';

/** Create or edit a routing rule: conditions, and the group, level and skills the work goes to. */
export function RoutingRuleEditor({
  rule,
  position,
  options,
  onClose,
}: {
  rule: RoutingRule | null;
  position: number;
  options: RuleOptions;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const form = useAdminForm(['routing-rules']);
  const [title, setTitle] = useState(rule?.title ?? '');
  const [active, setActive] = useState(rule?.active ?? true);
  const [conditions, setConditions] = useState(() =>
    toConditionRows(
      rule?.conditions ?? { all: [{ field: 'via_id', operator: 'is', value: 'chat' }], any: [] },
    ),
  );
  const [group, setGroup] = useState(rule?.group_id ? String(rule.group_id) : '');
  const [level, setLevel] = useState(rule?.required_level ?? '');
  const [skills, setSkills] = useState(rule?.required_skills ?? []);

  const save = async () => {
    const body = {
      routing_rule: {
        title,
        active,
        conditions: fromConditionRows(conditions),
        group_id: group ? Number(group) : null,
        required_level: level || null,
        required_skills: skills,
        ...(rule ? {} : { position }),
      },
    };
    const ok = await form.run(
      () =>
        rule
          ? api.put(`/api/v2/frontline/routing_rules/${rule.id}`, body)
          : api.post('/api/v2/frontline/routing_rules', body),
      rule ? t('admin.saved') : t('admin.routing.created'),
    );
    if (ok) onClose();
  };

  return (
    <FormModal
      title={rule ? t('admin.routing.edit') : t('admin.routing.add')}
      size="xl"
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
      />
      <Switch
        label={t('admin.active')}
        checked={active}
        onChange={(e) => setActive(e.currentTarget.checked)}
      />
      <ConditionBuilder
        kind="routing"
        value={conditions}
        onChange={setConditions}
        options={options}
        errors={form.errors}
      />
      <Group grow align="flex-start">
        <Select
          label={t('admin.routing.group')}
          description={t('admin.routing.groupHint')}
          data={options.groups}
          value={group || null}
          clearable
          placeholder={t('admin.routing.keepGroup')}
          onChange={(v) => setGroup(v ?? '')}
          error={form.errors.group_id}
        />
        <Select
          label={t('admin.routing.level')}
          description={t('admin.routing.levelHint')}
          data={(['junior', 'mid', 'senior'] as const).map((l) => ({
            value: l,
            label: t(`admin.levels.${l}`),
          }))}
          value={level || null}
          clearable
          placeholder={t('admin.routing.anyLevel')}
          onChange={(v) => setLevel((v ?? '') as typeof level)}
          error={form.errors.required_level}
        />
      </Group>
      <TagsInput
        label={t('admin.routing.skills')}
        description={t('admin.routing.skillsHint')}
        value={skills}
        onChange={(v) => setSkills(v.map((s) => s.trim().toLowerCase().replace(/\s+/g, '_')))}
        splitChars={[',', ' ']}
        error={form.errors.required_skills}
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
