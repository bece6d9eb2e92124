import { Alert, Anchor, Badge, Button, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client';
import type { HeldMail, Ticket } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { EmptyState, ErrorAlert, PageError, useErrorText } from '../../ui/states';
import { useAdminForm } from '../admin/admin-form';
import { useHeldMail } from './email-api';

/**
 * Mail that was held for review (loops, out-of-office, strangers writing into a ticket,
 * failed sender checks, bursts) or failed to process, with the reason. Recover applies
 * it as if it had passed (or retries a failed one); delete rejects it.
 */
export function HeldMailAdmin() {
  const { t } = useTranslation();
  const held = useHeldMail();
  const form = useAdminForm(['held-mail']);
  const [selected, setSelected] = useState<number[]>([]);
  const items = held.data?.suspended_tickets ?? [];
  const ids = selected.filter((id) => items.some((m) => m.id === id));
  const many = async (kind: 'recover' | 'delete') => {
    const ok = await form.run(
      () =>
        kind === 'recover'
          ? api.put(`/api/v2/suspended_tickets/recover_many?ids=${ids.join(',')}`)
          : api.delete(`/api/v2/suspended_tickets/destroy_many?ids=${ids.join(',')}`),
      kind === 'recover'
        ? t('admin.held.recoveredMany', { count: ids.length })
        : t('admin.held.deletedMany', { count: ids.length }),
    );
    if (ok) setSelected([]);
  };
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('admin.held.explain')}
      </Text>
      {held.error && <PageError error={held.error} onRetry={() => held.refetch()} />}
      <ErrorAlert message={form.message} />
      {held.data && items.length === 0 && (
        <EmptyState title={t('admin.held.none')} hint={t('admin.held.noneHint')} />
      )}
      {items.length > 0 && (
        <Group gap="xs">
          <Checkbox
            label={t('admin.held.selectAll')}
            checked={ids.length === items.length}
            indeterminate={ids.length > 0 && ids.length < items.length}
            onChange={(e) => setSelected(e.currentTarget.checked ? items.map((m) => m.id) : [])}
          />
          <Button
            size="compact-sm"
            variant="light"
            disabled={!ids.length}
            loading={form.busy}
            onClick={() => void many('recover')}
          >
            {t('admin.held.recoverSelected', { count: ids.length })}
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            disabled={!ids.length}
            onClick={() => void many('delete')}
          >
            {t('admin.held.deleteSelected', { count: ids.length })}
          </Button>
        </Group>
      )}
      {items.map((m) => (
        <HeldItem
          key={m.id}
          mail={m}
          selected={ids.includes(m.id)}
          onSelect={(on) => setSelected(on ? [...ids, m.id] : ids.filter((id) => id !== m.id))}
          onChanged={() => held.refetch()}
        />
      ))}
    </Stack>
  );
}

function HeldItem({
  mail,
  selected,
  onSelect,
  onChanged,
}: {
  mail: HeldMail;
  selected: boolean;
  onSelect(on: boolean): void;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [ticket, setTicket] = useState<number | null>(null);
  const failed = mail.status === 'failed';
  const act = async (kind: 'recover' | 'delete') => {
    setBusy(true);
    setError(null);
    try {
      if (kind === 'recover') {
        const r = await api.put<{ ticket: Ticket }>(`/api/v2/suspended_tickets/${mail.id}/recover`);
        setTicket(r.ticket.id);
      } else await api.delete(`/api/v2/suspended_tickets/${mail.id}`);
      window.setTimeout(onChanged, kind === 'recover' ? 2500 : 0);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 422 ? e.message : errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm" data-testid={`held-${mail.id}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group align="flex-start" wrap="nowrap" gap="sm">
          <Checkbox
            mt={4}
            checked={selected}
            onChange={(e) => onSelect(e.currentTarget.checked)}
            aria-label={t('admin.held.select', { subject: mail.subject })}
          />
          <Stack gap={2}>
            <Text size="sm" fw={500} dir="auto">
              {mail.subject || t('ticket.noSubject')}
            </Text>
            <Text size="xs" c="dimmed">
              <span dir="auto">{mail.author.name}</span> &lt;<span dir="ltr">{mail.author.email}</span>&gt; →{' '}
              <span dir="ltr">{mail.recipient}</span> · {format.dateTime(mail.created_at)}
            </Text>
            <Group gap={4}>
              <Badge size="sm" color={failed ? 'red' : 'orange'} variant="light">
                {failed ? t('admin.held.failed') : t('admin.held.held')}
              </Badge>
              <Text size="xs">{t(`admin.held.causes.${mail.cause_id}`, { defaultValue: mail.cause })}</Text>
              {mail.ticket_id && (
                <Anchor component={Link} to={`/agent/tickets/${mail.ticket_id}`} size="xs">
                  {t('admin.held.about', { id: mail.ticket_id })}
                </Anchor>
              )}
            </Group>
            {mail.error_messages?.map((m) => (
              <Text key={m} size="xs" c="red.8" dir="ltr" ta="start">
                {m}
              </Text>
            ))}
          </Stack>
        </Group>
        <Group gap={4} wrap="nowrap">
          <Button size="compact-sm" variant="subtle" onClick={() => setOpen(!open)} aria-expanded={open}>
            {open ? t('admin.held.hide') : t('admin.held.show')}
          </Button>
          <Button
            size="compact-sm"
            loading={busy}
            disabled={ticket !== null}
            onClick={() => void act('recover')}
            data-testid={`recover-${mail.id}`}
          >
            {failed ? t('admin.held.retry') : t('admin.held.recover')}
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            disabled={busy || ticket !== null}
            onClick={() => void act('delete')}
          >
            {t('admin.delete')}
          </Button>
        </Group>
      </Group>
      {ticket !== null && (
        <Alert color="green" mt="xs" data-testid="recovered">
          {t('admin.held.recovered')}{' '}
          <Anchor component={Link} to={`/agent/tickets/${ticket}`}>
            #{ticket}
          </Anchor>
        </Alert>
      )}
      <ErrorAlert message={error} mt="xs" />
      {open && (
        <Stack gap={4} mt="xs">
          <Text size="sm" className="fl-body" dir="auto" bg="gray.0" p="xs">
            {mail.content || '—'}
          </Text>
          <Anchor href={mail.original_url} size="xs" target="_blank" rel="noopener">
            <Group gap={4}>
              <IconDownload size={14} aria-hidden />
              {t('admin.held.original')}
            </Group>
          </Anchor>
        </Stack>
      )}
    </Paper>
  );
}
