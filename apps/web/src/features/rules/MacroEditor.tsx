import { Button, Group, MultiSelect, Radio, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { MacroRecord } from '../../api/types';
import { useAdminForm } from '../admin/admin-form';
import { FormModal } from '../admin/FormModal';
import { ActionBuilder } from './ActionBuilder';
import { withKey, withoutKey } from './rule-catalog';
import type { RuleOptions } from './rules-api';

type Audience = 'personal' | 'shared' | 'group';

/** Create or edit a macro: its reply text, field changes, and who may use it. */
export function MacroEditor({
  macro,
  admin,
  userId,
  options,
  onClose,
}: {
  macro: MacroRecord | null;
  admin: boolean;
  userId: number;
  options: RuleOptions;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const form = useAdminForm(['macros']);
  const [title, setTitle] = useState(macro?.title ?? '');
  const [description, setDescription] = useState(macro?.description ?? '');
  const [active, setActive] = useState(macro?.active ?? true);
  const [audience, setAudience] = useState<Audience>(
    !macro
      ? admin
        ? 'shared'
        : 'personal'
      : !macro.restriction
        ? 'shared'
        : macro.restriction.type === 'User'
          ? 'personal'
          : 'group',
  );
  const [groups, setGroups] = useState<string[]>(
    macro?.restriction?.type === 'Group' ? macro.restriction.ids.map(String) : [],
  );
  const [actions, setActions] = useState(() =>
    (macro?.actions ?? [{ field: 'comment_value', value: '' }]).map(withKey),
  );

  const restriction =
    audience === 'shared'
      ? null
      : audience === 'personal'
        ? { type: 'User', id: macro?.restriction?.type === 'User' ? macro.restriction.id : userId }
        : { type: 'Group', ids: groups.map(Number) };
  const save = async () => {
    const body = { macro: { title, description, active, restriction, actions: actions.map(withoutKey) } };
    const ok = await form.run(
      () => (macro ? api.put(`/api/v2/macros/${macro.id}`, body) : api.post('/api/v2/macros', body)),
      macro ? t('admin.saved') : t('macros.created'),
    );
    if (ok) onClose();
  };

  return (
    <FormModal
      title={macro ? t('macros.edit') : t('macros.add')}
      size="xl"
      testId="macro-editor"
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
        error={form.errors.description}
      />
      <Switch
        label={t('admin.active')}
        checked={active}
        onChange={(e) => setActive(e.currentTarget.checked)}
      />
      <Radio.Group
        label={t('macros.availableTo')}
        value={audience}
        onChange={(v) => setAudience(v as Audience)}
        error={form.errors.restriction ?? form.errors.type}
      >
        <Stack gap={6} mt={6}>
          <Radio value="personal" label={t('macros.kinds.personal')} description={t('macros.personalHint')} />
          <Radio
            value="shared"
            label={t('macros.kinds.shared')}
            description={t('macros.sharedHint')}
            disabled={!admin}
          />
          <Radio value="group" label={t('macros.kinds.group')} disabled={!admin} />
        </Stack>
      </Radio.Group>
      {audience === 'group' && (
        <MultiSelect
          label={t('macros.groups')}
          data={options.groups}
          value={groups}
          onChange={setGroups}
          error={form.errors.ids}
          searchable
        />
      )}
      <ActionBuilder
        kind="macro"
        value={actions}
        onChange={setActions}
        options={options}
        errors={form.errors}
      />
      <Group justify="flex-end">
        <Button variant="subtle" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={form.busy} data-testid="save-macro">
          {t('common.save')}
        </Button>
      </Group>
    </FormModal>
  );
}
