import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { AgentProfile } from '../../api/types';
import { useAdminForm } from '../admin/admin-form';
import { FormModal } from '../admin/FormModal';
import type { Presence } from './routing-api';

const CHANNELS = ['default', 'email', 'chat', 'web', 'voice', 'twitter', 'facebook', 'app_store', 'api'];

/** An agent's routing profile: level, skills, capacity per channel, and (for admins) presence. */
export function AgentProfileModal({ agent, onClose }: { agent: AgentProfile; onClose(): void }) {
  const { t } = useTranslation();
  const form = useAdminForm(['agent-profiles'], ['agents']);
  const [level, setLevel] = useState(agent.level ?? 'junior');
  const [skills, setSkills] = useState(agent.skills);
  const [presence, setPresence] = useState<Presence>(agent.presence);
  const [capacity, setCapacity] = useState<[string, number | string][]>(
    Object.keys(agent.capacity).length
      ? Object.entries(agent.capacity)
      : [
          ['default', 20],
          ['chat', 3],
        ],
  );
  const unused = CHANNELS.filter((c) => !capacity.some(([k]) => k === c));

  const save = async () => {
    const ok = await form.run(async () => {
      await api.put(`/api/v2/frontline/agents/${agent.user_id}`, {
        agent: {
          level,
          skills,
          capacity: Object.fromEntries(capacity.map(([k, v]) => [k, Number(v)])),
        },
      });
      if (presence !== agent.presence)
        await api.put(`/api/v2/frontline/agents/${agent.user_id}/presence`, { presence });
    }, t('admin.saved'));
    if (ok) onClose();
  };

  return (
    <FormModal title={agent.name} error={form.errors.base} onClose={onClose} onSubmit={save}>
      <Select
        label={t('admin.users.level')}
        data={(['junior', 'mid', 'senior'] as const).map((l) => ({
          value: l,
          label: t(`admin.levels.${l}`),
        }))}
        value={level}
        allowDeselect={false}
        onChange={(v) => v && setLevel(v as typeof level)}
        error={form.errors.level}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500} id="presence-label">
          {t('admin.users.presence')}
        </Text>
        <SegmentedControl
          aria-labelledby="presence-label"
          value={presence}
          onChange={(v) => setPresence(v as Presence)}
          data={(['online', 'away', 'offline'] as const).map((p) => ({
            value: p,
            label: t(`presence.${p}`),
          }))}
        />
      </Stack>
      <TagsInput
        label={t('admin.users.skills')}
        description={t('admin.users.skillsHint')}
        value={skills}
        onChange={(v) => setSkills(v.map((s) => s.trim().toLowerCase().replace(/\s+/g, '_')))}
        splitChars={[',', ' ']}
        error={form.errors.skills ?? Object.entries(form.errors).find(([k]) => k.startsWith('skills.'))?.[1]}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('admin.users.capacity')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('admin.users.capacityHint')}
        </Text>
        {capacity.map(([channel, value], i) => (
          <Group key={channel} gap="xs">
            <Text size="sm" w={140}>
              {channel === 'default'
                ? t('admin.users.otherChannels')
                : t(`channel.${channel}`, { defaultValue: channel })}
            </Text>
            <NumberInput
              size="xs"
              w={100}
              min={0}
              max={1000}
              allowDecimal={false}
              aria-label={t('admin.users.capacityOf', { channel })}
              value={value}
              onChange={(v) => setCapacity(capacity.map((c, j) => (j === i ? [channel, v] : c)))}
              error={form.errors[`capacity.${channel}`]}
            />
            <Text size="xs" c="dimmed">
              {t('admin.users.inUse', { count: agent.load[channel] ?? 0 })}
            </Text>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('admin.users.removeCapacity', { channel })}
              onClick={() => setCapacity(capacity.filter((_, j) => j !== i))}
            >
              <IconTrash size={14} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        {unused.length > 0 && (
          <Select
            size="xs"
            w={220}
            placeholder={t('admin.users.addChannel')}
            aria-label={t('admin.users.addChannel')}
            leftSection={<IconPlus size={14} aria-hidden />}
            data={unused.map((c) => ({
              value: c,
              label:
                c === 'default' ? t('admin.users.otherChannels') : t(`channel.${c}`, { defaultValue: c }),
            }))}
            value={null}
            onChange={(c) => c && setCapacity([...capacity, [c, c === 'chat' ? 3 : 20]])}
          />
        )}
      </Stack>
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
