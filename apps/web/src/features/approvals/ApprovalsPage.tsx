import { Anchor, Badge, Button, Group, Paper, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { ActionRequest } from '../../api/types';
import { useSession } from '../../app/session';
import { useScreenStrings } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { EmptyState, ErrorAlert, PageError } from '../../ui/states';
import { useAdminForm } from '../admin/admin-form';
import { useAgents } from '../inbox/people-api';
import { isApprover, useApprovals, useTicketSubjects } from './approvals-api';

export const STATUS_COLORS: Record<ActionRequest['status'], string> = {
  executed: 'green',
  approved: 'teal',
  rejected: 'red',
  pending_approval: 'orange',
};

/** Approval requests for empowered actions above an agent's limit; approvers decide in one click. */
export default function ApprovalsPage() {
  useScreenStrings();
  const { t } = useTranslation();
  const session = useSession();
  const approver = isApprover(session.user);
  const [tab, setTab] = useState<string>('pending');
  const pending = useApprovals({ status: 'pending_approval' });
  const all = useApprovals();
  const list = tab === 'pending' ? pending : all;
  return (
    <Stack>
      <Title order={1} size="h3">
        {t('approvals.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {approver ? t('approvals.explainApprover') : t('approvals.explainAgent')}
      </Text>
      <Tabs value={tab} onChange={(v) => v && setTab(v)}>
        <Tabs.List>
          <Tabs.Tab
            value="pending"
            rightSection={
              pending.data?.length ? (
                <Badge size="sm" color="orange">
                  {pending.data.length}
                </Badge>
              ) : null
            }
          >
            {t('approvals.pending')}
          </Tabs.Tab>
          <Tabs.Tab value="all">{t('approvals.all')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {list.error && <PageError error={list.error} onRetry={() => list.refetch()} />}
      {list.data?.length === 0 && (
        <EmptyState
          title={tab === 'pending' ? t('approvals.nonePending') : t('approvals.none')}
          hint={approver ? t('approvals.noneHintApprover') : t('approvals.noneHintAgent')}
        />
      )}
      {(list.data?.length ?? 0) > 0 && <RequestsTable requests={list.data ?? []} canDecide={approver} />}
    </Stack>
  );
}

export function RequestsTable({
  requests,
  canDecide,
  compact = false,
}: {
  requests: ActionRequest[];
  canDecide: boolean;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const agents = useAgents();
  const subjects = useTicketSubjects(compact ? [] : requests.map((r) => r.ticket_id));
  const form = useAdminForm(['approvals'], ['ticket']);
  const [busyId, setBusyId] = useState<number | null>(null);
  const name = (id: number | null) =>
    id === null ? '' : (agents.data?.find((a) => a.id === id)?.name ?? `#${id}`);
  const decide = async (r: ActionRequest, step: 'approve' | 'reject') => {
    setBusyId(r.id);
    await form.run(
      () => api.post(`/api/v2/frontline/approvals/${r.id}/${step}`, {}),
      step === 'approve' ? t('approvals.approved') : t('approvals.rejected'),
    );
    setBusyId(null);
  };
  return (
    <Paper withBorder>
      <ErrorAlert message={form.message} m="xs" />
      <Table.ScrollContainer minWidth={compact ? 0 : 760}>
        <Table aria-label={t('approvals.title')} verticalSpacing="sm">
          <Table.Tbody>
            {requests.map((r) => (
              <Table.Tr key={r.id} data-testid={`approval-${r.id}`}>
                {!compact && (
                  <Table.Td>
                    <Anchor component={Link} to={`/agent/tickets/${r.ticket_id}`} size="sm">
                      #{r.ticket_id}
                    </Anchor>
                    <Text size="xs" c="dimmed" lineClamp={1} maw={260} dir="auto">
                      {subjects.data?.get(r.ticket_id) ?? ''}
                    </Text>
                  </Table.Td>
                )}
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {r.action_name}: {format.number(r.amount)} {r.unit}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('approvals.askedBy', { name: name(r.agent_id), when: format.relative(r.created_at) })}
                  </Text>
                  {r.note && (
                    <Text size="xs" dir="auto">
                      “{r.note}”
                    </Text>
                  )}
                  {r.approver_id !== null && r.decided_at && (
                    <Text size="xs" c="dimmed">
                      {t('approvals.decidedBy', {
                        name: name(r.approver_id),
                        when: format.relative(r.decided_at),
                      })}
                      {r.decision_note ? ` — ${r.decision_note}` : ''}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[r.status]} variant="light">
                    {t(`approvals.status.${r.status}`)}
                  </Badge>
                </Table.Td>
                {canDecide && (
                  <Table.Td>
                    {r.status === 'pending_approval' && r.agent_id !== session.user.id && (
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-sm"
                          color="green"
                          leftSection={<IconCheck size={14} aria-hidden />}
                          loading={busyId === r.id && form.busy}
                          onClick={() => void decide(r, 'approve')}
                          data-testid={`approve-${r.id}`}
                        >
                          {t('approvals.approve')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="light"
                          color="red"
                          leftSection={<IconX size={14} aria-hidden />}
                          disabled={busyId === r.id && form.busy}
                          onClick={() => void decide(r, 'reject')}
                          data-testid={`reject-${r.id}`}
                        >
                          {t('approvals.reject')}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
