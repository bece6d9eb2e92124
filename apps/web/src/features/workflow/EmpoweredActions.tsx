import { Alert, Button, Group, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconBolt } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ActionRequest, Ticket } from '../../api/types';
import { useSession } from '../../app/session';
import { useFormat } from '../../i18n/format';
import { useAdminForm } from '../admin/admin-form';
import { RequestsTable } from '../approvals/ApprovalsPage';
import { isApprover, useApprovals, useEmpoweredActions } from '../approvals/approvals-api';

/** Take an empowered action on the ticket within your level's limit, or ask for approval above it. */
export function EmpoweredActions({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const actions = useEmpoweredActions();
  const requests = useApprovals({ ticketId: ticket.id });
  const form = useAdminForm(['approvals'], ['ticket', ticket.id]);
  const [actionId, setActionId] = useState<string | null>(null);
  const [amount, setAmount] = useState<number | string>('');
  const [note, setNote] = useState('');
  const [result, setResult] = useState<ActionRequest | null>(null);
  const available = (actions.data ?? []).filter((a) => a.active);
  if (
    session.user.only_private_comments ||
    (actions.data && available.length === 0 && !requests.data?.length)
  )
    return null;
  const action = available.find((a) => String(a.id) === actionId);
  const admin = session.user.role === 'admin';
  const limit = action && !admin ? (action.limits[session.user.agent_level ?? 'junior'] ?? 0) : null;
  const overLimit = limit !== null && Number(amount) > limit;

  const submit = async () => {
    if (!action) return;
    await form.run(
      async () => {
        const r = await api.post<{ request: ActionRequest }>(
          `/api/v2/frontline/tickets/${ticket.id}/empowered_actions/${action.id}`,
          { amount: Number(amount), ...(note ? { note } : {}) },
        );
        setResult(r.request);
        setAmount('');
        setNote('');
      },
      overLimit ? t('workflow.actions.asked') : t('workflow.actions.done'),
    );
  };

  return (
    <Stack gap={6} data-testid="empowered-actions">
      <Group gap="xs">
        <IconBolt size={16} aria-hidden />
        <Title order={2} size="h6">
          {t('workflow.actions.title')}
        </Title>
      </Group>
      {available.length > 0 && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack gap={6}>
            {form.errors.base && <Alert color="red">{form.errors.base}</Alert>}
            <Group gap="xs" align="flex-start" grow>
              <Select
                size="xs"
                label={t('workflow.actions.action')}
                data={available.map((a) => ({ value: String(a.id), label: a.name }))}
                value={actionId}
                onChange={setActionId}
                allowDeselect={false}
                data-testid="action-select"
              />
              <NumberInput
                size="xs"
                label={t('workflow.actions.amount')}
                required
                min={0}
                value={amount}
                onChange={setAmount}
                rightSection={
                  action?.unit ? (
                    <Text size="xs" pe={6}>
                      {action.unit}
                    </Text>
                  ) : undefined
                }
                error={form.errors.amount}
                data-testid="action-amount"
              />
            </Group>
            {action && (
              <Text size="xs" c={overLimit ? 'orange.8' : 'dimmed'}>
                {limit === null
                  ? t('workflow.actions.noLimit')
                  : amount === ''
                    ? t('workflow.actions.yourLimit', { limit: `${format.number(limit)} ${action.unit}` })
                    : overLimit
                      ? t('workflow.actions.overLimit', { limit: `${format.number(limit)} ${action.unit}` })
                      : t('workflow.actions.withinLimit', {
                          limit: `${format.number(limit)} ${action.unit}`,
                        })}
              </Text>
            )}
            <TextInput
              size="xs"
              label={t('workflow.actions.note')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={form.errors.note}
              dir="auto"
            />
            <Group justify="flex-end">
              <Button
                size="xs"
                type="submit"
                variant={overLimit ? 'outline' : 'light'}
                color={overLimit ? 'orange' : 'blue'}
                disabled={!action || amount === ''}
                loading={form.busy}
                data-testid="action-submit"
              >
                {overLimit ? t('workflow.actions.ask') : t('workflow.actions.run')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {result && (
        <Alert
          color={result.status === 'pending_approval' ? 'orange' : 'green'}
          p="xs"
          data-testid="action-result"
        >
          {t(`workflow.actions.result.${result.status}`)}
        </Alert>
      )}
      {(requests.data?.length ?? 0) > 0 && (
        <RequestsTable requests={requests.data ?? []} canDecide={isApprover(session.user)} compact />
      )}
    </Stack>
  );
}
