import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useFormat } from '../../i18n/format';
import { EmptyState, PageError } from '../../ui/states';
import { useAdminForm } from '../admin/admin-form';
import { useWebhooks } from './rules-api';

type Invocation = {
  id: number;
  ticket_id: number | null;
  source: string;
  status: 'pending' | 'retrying' | 'succeeded' | 'failed';
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
};
const STATUS_COLORS = { pending: 'gray', retrying: 'orange', succeeded: 'green', failed: 'red' } as const;

/** Webhooks that triggers, automations and empowered actions call; failures stay visible here. */
export function WebhooksAdmin() {
  const { t } = useTranslation();
  const webhooks = useWebhooks();
  const form = useAdminForm(['webhooks']);
  const empty = { name: '', endpoint: '', http_method: 'POST', token: '', allow_private_network: false };
  const [draft, setDraft] = useState(empty);
  const [open, setOpen] = useState<number | null>(null);
  return (
    <Stack>
      <Paper withBorder p="md">
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const { token, ...fields } = draft;
            const ok = await form.run(
              () =>
                api.post('/api/v2/webhooks', {
                  webhook: {
                    ...fields,
                    request_format: 'json',
                    status: 'active',
                    ...(token
                      ? { authentication: { type: 'bearer_token', data: { token }, add_position: 'header' } }
                      : {}),
                  },
                }),
              t('admin.webhooks.created'),
            );
            if (ok) setDraft(empty);
          }}
        >
          <Title order={3} size="h5" mb="sm">
            {t('admin.webhooks.add')}
          </Title>
          {form.errors.base && (
            <Alert color="red" mb="sm">
              {form.errors.base}
            </Alert>
          )}
          <Group align="flex-start" wrap="wrap">
            <TextInput
              label={t('people.name')}
              required
              value={draft.name}
              error={form.errors.name}
              onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
            />
            <TextInput
              label={t('admin.webhooks.endpoint')}
              required
              w={320}
              placeholder="https://hooks.example.com/frontline"
              value={draft.endpoint}
              error={form.errors.endpoint}
              onChange={(e) => setDraft({ ...draft, endpoint: e.currentTarget.value })}
              dir="ltr"
            />
            <Select
              label={t('admin.webhooks.method')}
              w={110}
              data={['POST', 'PUT', 'PATCH', 'GET', 'DELETE']}
              value={draft.http_method}
              allowDeselect={false}
              onChange={(v) => v && setDraft({ ...draft, http_method: v })}
            />
            <TextInput
              label={t('admin.webhooks.token')}
              description={t('admin.webhooks.tokenHint')}
              type="password"
              autoComplete="off"
              value={draft.token}
              onChange={(e) => setDraft({ ...draft, token: e.currentTarget.value })}
            />
          </Group>
          <Checkbox
            mt="sm"
            label={t('admin.webhooks.private')}
            description={t('admin.webhooks.privateHint')}
            checked={draft.allow_private_network}
            onChange={(e) => setDraft({ ...draft, allow_private_network: e.currentTarget.checked })}
          />
          <Button type="submit" mt="sm" loading={form.busy}>
            {t('admin.add')}
          </Button>
        </form>
      </Paper>
      {webhooks.error && <PageError error={webhooks.error} onRetry={() => webhooks.refetch()} />}
      {webhooks.data?.length === 0 && (
        <EmptyState title={t('admin.webhooks.none')} hint={t('admin.webhooks.noneHint')} />
      )}
      {(webhooks.data ?? []).map((w) => (
        <Paper key={w.id} withBorder p="sm">
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Text size="sm" fw={500}>
                {w.name}
              </Text>
              <Text size="xs" c="dimmed" dir="ltr" style={{ overflowWrap: 'anywhere' }}>
                {w.http_method} {w.endpoint}
              </Text>
            </div>
            <Group gap={4} wrap="nowrap">
              {w.allow_private_network && (
                <Badge size="sm" color="orange" variant="light">
                  {t('admin.webhooks.privateAllowed')}
                </Badge>
              )}
              <Button
                size="compact-sm"
                variant="light"
                onClick={() => setOpen(open === w.id ? null : w.id)}
                aria-expanded={open === w.id}
              >
                {t('admin.webhooks.deliveries')}
              </Button>
              <Button
                size="compact-sm"
                variant="subtle"
                color="red"
                onClick={() =>
                  void form.run(() => api.delete(`/api/v2/webhooks/${w.id}`), t('admin.deleted'))
                }
              >
                {t('admin.delete')}
              </Button>
            </Group>
          </Group>
          {open === w.id && <Deliveries webhookId={w.id} />}
        </Paper>
      ))}
    </Stack>
  );
}

function Deliveries({ webhookId }: { webhookId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useQuery({
    queryKey: ['webhooks', webhookId, 'invocations'],
    queryFn: () =>
      api
        .get<{ invocations: Invocation[] }>(`/api/v2/webhooks/${webhookId}/invocations`)
        .then((r) => r.invocations),
  });
  if (list.error) return <PageError error={list.error} />;
  if (list.data?.length === 0)
    return (
      <Text size="sm" c="dimmed" mt="xs">
        {t('admin.webhooks.noDeliveries')}
      </Text>
    );
  return (
    <Table mt="xs" fz="xs" aria-label={t('admin.webhooks.deliveries')}>
      <Table.Tbody>
        {(list.data ?? []).slice(0, 20).map((i) => (
          <Table.Tr key={i.id}>
            <Table.Td>{format.dateTime(i.created_at)}</Table.Td>
            <Table.Td>{i.ticket_id ? `#${i.ticket_id}` : '—'}</Table.Td>
            <Table.Td>
              <Badge size="xs" color={STATUS_COLORS[i.status]}>
                {t(`admin.webhooks.status.${i.status}`)}
              </Badge>
            </Table.Td>
            <Table.Td>{t('admin.webhooks.attempts', { count: i.attempts })}</Table.Td>
            <Table.Td dir="ltr">
              {i.last_status_code ?? ''} {i.last_error ?? ''}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
