import { Button, Group, NumberInput, Radio, Select, Stack, Switch } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { GroupSettings } from '../../api/types';
import { useAdminForm } from '../admin/admin-form';
import { FormModal } from '../admin/FormModal';

type LimitChoice = 'tier_default' | 'minutes' | 'none';

/** A group's tier and how its tickets move on: time limit, swarm mode, escalation group, assignment. */
export function GroupSettingsModal({
  group,
  groups,
  onClose,
}: {
  group: GroupSettings;
  groups: GroupSettings[];
  onClose(): void;
}) {
  const { t } = useTranslation();
  // The tier also labels groups on tickets and in pickers.
  const form = useAdminForm(['group-settings'], ['groups']);
  const [tier, setTier] = useState(group.tier ? String(group.tier) : '');
  const [limit, setLimit] = useState<LimitChoice>(
    group.time_limit_source === 'tier_default'
      ? 'tier_default'
      : group.time_limit_minutes === null
        ? 'none'
        : 'minutes',
  );
  const [minutes, setMinutes] = useState<number | string>(group.time_limit_minutes ?? 15);
  const [swarm, setSwarm] = useState(group.swarm_mode);
  const [mode, setMode] = useState(group.assignment_mode);
  const [escalation, setEscalation] = useState(
    group.escalation_group_id ? String(group.escalation_group_id) : '',
  );

  const save = async () => {
    const ok = await form.run(
      () =>
        api.put(`/api/v2/frontline/groups/${group.group_id}`, {
          group: {
            tier: tier ? Number(tier) : null,
            ...(limit === 'tier_default'
              ? { use_tier_default: true }
              : { time_limit_minutes: limit === 'none' ? null : Number(minutes) }),
            swarm_mode: swarm,
            assignment_mode: mode,
            escalation_group_id: escalation ? Number(escalation) : null,
          },
        }),
      t('admin.saved'),
    );
    if (ok) onClose();
  };

  return (
    <FormModal title={group.name} size="lg" error={form.errors.base} onClose={onClose} onSubmit={save}>
      <Select
        label={t('admin.groups.tier')}
        data={['1', '2', '3'].map((n) => ({ value: n, label: t('ticket.tier', { tier: n }) }))}
        value={tier || null}
        placeholder={t('admin.groups.noTier')}
        clearable
        onChange={(v) => setTier(v ?? '')}
        error={form.errors.tier}
      />
      <Radio.Group
        label={t('admin.groups.timeLimit')}
        description={t('admin.groups.timeLimitHint')}
        value={limit}
        onChange={(v) => setLimit(v as LimitChoice)}
        error={form.errors.time_limit_minutes}
      >
        <Stack gap={6} mt={6}>
          <Radio value="tier_default" label={t('admin.groups.useTierDefault')} />
          <Group gap="xs" align="center">
            <Radio value="minutes" label={t('admin.groups.customLimit')} />
            <NumberInput
              size="xs"
              w={110}
              min={1}
              max={100000}
              allowDecimal={false}
              aria-label={t('admin.groups.limitMinutes')}
              value={minutes}
              onChange={setMinutes}
              disabled={limit !== 'minutes'}
              rightSection={
                <span style={{ fontSize: 11, paddingInlineEnd: 6 }}>{t('admin.groups.min')}</span>
              }
              rightSectionWidth={40}
            />
          </Group>
          <Radio value="none" label={t('admin.groups.noLimit')} />
        </Stack>
      </Radio.Group>
      <Switch
        label={t('admin.groups.swarmMode')}
        description={t('admin.groups.swarmHint')}
        checked={swarm}
        onChange={(e) => setSwarm(e.currentTarget.checked)}
      />
      <Select
        label={t('admin.groups.escalationGroup')}
        description={t('admin.groups.escalationHint')}
        data={groups
          .filter((g) => g.group_id !== group.group_id)
          .map((g) => ({ value: String(g.group_id), label: g.name }))}
        value={escalation || null}
        placeholder={t('admin.groups.nextTier')}
        clearable
        disabled={swarm}
        onChange={(v) => setEscalation(v ?? '')}
        error={form.errors.escalation_group_id}
      />
      <Radio.Group
        label={t('admin.groups.assignment')}
        value={mode}
        onChange={(v) => setMode(v as GroupSettings['assignment_mode'])}
        error={form.errors.assignment_mode}
      >
        <Stack gap={6} mt={6}>
          {(['round_robin', 'least_loaded', 'manual'] as const).map((m) => (
            <Radio
              key={m}
              value={m}
              label={t(`admin.groups.modes.${m}`)}
              description={t(`admin.groups.modeHints.${m}`)}
            />
          ))}
        </Stack>
      </Radio.Group>
      <Group justify="flex-end">
        <Button variant="subtle" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={form.busy}>
          {t('common.save')}
        </Button>
      </Group>
    </FormModal>
  );
}
