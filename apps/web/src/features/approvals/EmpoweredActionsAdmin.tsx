import {
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { EmpoweredAction, Level } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { EmptyState, PageError } from '../../ui/states';
import { useAdminForm } from '../admin/admin-form';
import { FormModal } from '../admin/FormModal';
import { useWebhooks } from '../rules/rules-api';
import { useEmpoweredActions } from './approvals-api';

const LEVELS: Level[] = ['junior', 'mid', 'senior'];

/** What agents may do on their own, up to a limit per level (a refund up to 50…); above it they ask. */
export function EmpoweredActionsAdmin() {
  const { t } = useTranslation();
  const format = useFormat();
  const actions = useEmpoweredActions();
  const [editing, setEditing] = useState<EmpoweredAction | 'new' | null>(null);
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('admin.empowered.explain')}
      </Text>
      <Group>
        <Button
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setEditing('new')}
          data-testid="add-action"
        >
          {t('admin.empowered.add')}
        </Button>
        <Anchor component={Link} to="/agent/approvals" size="sm">
          {t('admin.empowered.seeApprovals')}
        </Anchor>
      </Group>
      {actions.error && <PageError error={actions.error} onRetry={() => actions.refetch()} />}
      {actions.data?.length === 0 && (
        <EmptyState title={t('admin.empowered.none')} hint={t('admin.empowered.noneHint')} />
      )}
      {(actions.data?.length ?? 0) > 0 && (
        <Paper withBorder>
          <Table aria-label={t('admin.sections.actions')} verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('people.name')}</Table.Th>
                {LEVELS.map((l) => (
                  <Table.Th key={l}>{t(`admin.levels.${l}`)}</Table.Th>
                ))}
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(actions.data ?? []).map((a) => (
                <Table.Tr key={a.id} opacity={a.active ? 1 : 0.6}>
                  <Table.Td>
                    <Group gap="xs">
                      <Text size="sm" fw={500}>
                        {a.name}
                      </Text>
                      {!a.active && (
                        <Badge size="sm" color="gray" variant="light">
                          {t('admin.inactive')}
                        </Badge>
                      )}
                    </Group>
                    {a.description && (
                      <Text size="xs" c="dimmed">
                        {a.description}
                      </Text>
                    )}
                  </Table.Td>
                  {LEVELS.map((l) => (
                    <Table.Td key={l}>
                      <Text size="sm">
                        {a.limits[l]
                          ? `${format.number(a.limits[l]!)} ${a.unit}`
                          : t('admin.empowered.mustAsk')}
                      </Text>
                    </Table.Td>
                  ))}
                  <Table.Td>
                    <Button size="compact-sm" variant="light" onClick={() => setEditing(a)}>
                      {t('admin.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {editing && (
        <ActionEditor action={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

function ActionEditor({ action, onClose }: { action: EmpoweredAction | null; onClose(): void }) {
  const { t } = useTranslation();
  const form = useAdminForm(['empowered-actions']);
  const webhooks = useWebhooks();
  const [draft, setDraft] = useState({
    name: action?.name ?? '',
    description: action?.description ?? '',
    unit: action?.unit ?? '',
    active: action?.active ?? true,
    webhook: action?.webhook_id ? String(action.webhook_id) : '',
  });
  const [limits, setLimits] = useState<Record<Level, number | string>>({
    junior: action?.limits.junior ?? 0,
    mid: action?.limits.mid ?? 0,
    senior: action?.limits.senior ?? 0,
  });
  const save = async () => {
    const body = {
      empowered_action: {
        name: draft.name,
        description: draft.description,
        unit: draft.unit,
        active: draft.active,
        webhook_id: draft.webhook ? Number(draft.webhook) : null,
        limits: Object.fromEntries(LEVELS.map((l) => [l, Number(limits[l] || 0)])),
      },
    };
    const ok = await form.run(
      () =>
        action
          ? api.put(`/api/v2/frontline/empowered_actions/${action.id}`, body)
          : api.post('/api/v2/frontline/empowered_actions', body),
      action ? t('admin.saved') : t('admin.empowered.created'),
    );
    if (ok) onClose();
  };
  return (
    <FormModal
      title={action ? t('admin.empowered.edit') : t('admin.empowered.add')}
      testId="action-editor"
      error={form.errors.base}
      onClose={onClose}
      onSubmit={save}
    >
      <TextInput
        label={t('people.name')}
        required
        placeholder={t('admin.empowered.namePlaceholder')}
        value={draft.name}
        onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
        error={form.errors.name}
        data-autofocus
      />
      <Textarea
        label={t('admin.rules.description')}
        autosize
        minRows={1}
        value={draft.description}
        onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })}
      />
      <TextInput
        label={t('admin.empowered.unit')}
        placeholder="USD"
        w={160}
        value={draft.unit}
        onChange={(e) => setDraft({ ...draft, unit: e.currentTarget.value })}
        error={form.errors.unit}
      />
      <Text size="sm" fw={500}>
        {t('admin.empowered.limits')}
      </Text>
      <Text size="xs" c="dimmed" mt={-10}>
        {t('admin.empowered.limitsHint')}
      </Text>
      <Group grow>
        {LEVELS.map((l) => (
          <NumberInput
            key={l}
            label={t(`admin.levels.${l}`)}
            min={0}
            value={limits[l]}
            onChange={(v) => setLimits({ ...limits, [l]: v })}
            error={form.errors[l]}
            data-testid={`limit-${l}`}
          />
        ))}
      </Group>
      <Select
        label={t('admin.empowered.webhook')}
        description={t('admin.empowered.webhookHint')}
        data={(webhooks.data ?? []).map((w) => ({ value: String(w.id), label: w.name }))}
        value={draft.webhook || null}
        clearable
        placeholder={t('admin.empowered.noWebhook')}
        onChange={(v) => setDraft({ ...draft, webhook: v ?? '' })}
        error={form.errors.webhook_id}
      />
      <Switch
        label={t('admin.active')}
        checked={draft.active}
        onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })}
      />
      <Group justify="flex-end">
        <Button variant="subtle" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={form.busy} data-testid="save-action">
          {t('common.save')}
        </Button>
      </Group>
    </FormModal>
  );
}
