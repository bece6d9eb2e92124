import { Alert, Anchor, Badge, Grid, Group, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconEye, IconPencil } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { usePresence, useRealtimeMessages } from '../../app/realtime-context';
import { useSession } from '../../app/session';
import { useFormat } from '../../i18n/format';
import { ChannelIcon, PriorityBadge, StatusBadge } from '../../ui/badges';
import { PageError } from '../../ui/states';
import { SlaBadge } from '../sla/SlaBadge';
import { useTicketWorkflow } from '../workflow/workflow-api';
import { AuditHistory } from './AuditHistory';
import { Composer, type FieldChanges } from './Composer';
import { Conversation } from './Conversation';
import { RequesterPanel } from './RequesterPanel';
import { TicketFields } from './TicketFields';
import { useComments, useIncidents, useTicket } from './tickets-api';

// The workflow panel (tier, SLA, swarm, engineering, empowered actions) loads when its tab opens.
const WorkflowPanel = lazy(() => import('../workflow/TicketWorkflowPanel'));

export function TicketPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const session = useSession();
  const id = Number(useParams().ticketId);
  const bundle = useTicket(id);
  const comments = useComments(id);
  const incidents = useIncidents(bundle.data?.ticket);
  // The tier and SLA badge come after the conversation, so they never delay it (on the
  // embedded engine requests queue on one connection).
  const workflow = useTicketWorkflow(id, comments.data !== undefined);
  const viewers = usePresence(id);
  const [changes, setChanges] = useState<FieldChanges>({});
  const [changedBy, setChangedBy] = useState<number | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: another ticket starts with nothing staged
  useEffect(() => {
    setChanges({});
    setChangedBy(null);
  }, [id]);
  useEffect(() => {
    if (bundle.data) document.title = `#${id} ${bundle.data.ticket.subject} · Frontline`;
  }, [bundle.data, id]);
  useRealtimeMessages((m) => {
    if (m.type === 'ticket' && m.ticket_id === id && m.actor_id !== session.user.id) setChangedBy(m.actor_id);
  });
  useHotkeys([['Escape', () => navigate(-1)]]);

  if (bundle.error) return <PageError error={bundle.error} onRetry={() => bundle.refetch()} />;
  if (!bundle.data)
    return (
      <Stack aria-busy="true">
        <Skeleton h={36} w="60%" />
        <Skeleton h={160} />
        <Skeleton h={160} />
      </Stack>
    );

  const { ticket, users, groups, organization } = bundle.data;
  const allUsers = new Map([...users, ...(comments.data?.users ?? [])]);
  const typing = viewers.filter((v) => v.typing);
  // Negative IDs are Frontline itself (triggers, routing, escalation), as in the conversation.
  const changer =
    changedBy === null
      ? null
      : (allUsers.get(changedBy)?.name ?? (changedBy < 0 ? 'Frontline' : `#${changedBy}`));
  const tier = workflow.data?.tier ?? groups.find((g) => g.id === ticket.group_id)?.tier ?? null;

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="md">
          <div>
            <Group gap="xs" mb={4}>
              <StatusBadge status={ticket.status} />
              <PriorityBadge priority={ticket.priority} />
              <ChannelIcon channel={ticket.via.channel} />
              {tier && (
                <Badge variant="outline" color="grape" radius="sm" data-testid="ticket-tier">
                  {t('ticket.tier', { tier })}
                </Badge>
              )}
              {workflow.data && <SlaBadge targets={workflow.data.sla_targets} />}
              <Text size="sm" c="dimmed">
                #{ticket.id} · {t('ticket.createdAt', { when: format.dateTime(ticket.created_at) })}
              </Text>
            </Group>
            <Title order={1} size="h3" dir="auto">
              {ticket.subject || t('ticket.noSubject')}
            </Title>
            <TicketLinks ticket={ticket} incidents={incidents.data?.map((x) => x.id) ?? []} />
          </div>

          {viewers.length > 0 && (
            <Alert
              color={typing.length ? 'orange' : 'blue'}
              icon={typing.length ? <IconPencil size={18} aria-hidden /> : <IconEye size={18} aria-hidden />}
              data-testid="collision"
              role="status"
            >
              {typing.length
                ? t('collision.typing', {
                    names: format.list(typing.map((v) => v.name)),
                    count: typing.length,
                  })
                : t('collision.viewing', {
                    names: format.list(viewers.map((v) => v.name)),
                    count: viewers.length,
                  })}
            </Alert>
          )}
          {changer && (
            <Alert
              color="grape"
              withCloseButton
              closeButtonLabel={t('common.close')}
              onClose={() => setChangedBy(null)}
              data-testid="changed-banner"
            >
              {t('collision.changed', { name: changer })}
            </Alert>
          )}

          {comments.error && <PageError error={comments.error} onRetry={() => comments.refetch()} />}
          {comments.data ? (
            <Conversation comments={comments.data.comments} users={allUsers} />
          ) : (
            <Skeleton h={200} />
          )}
          <Composer
            ticket={ticket}
            changes={changes}
            onSent={() => setChanges({})}
            onMacro={(fields) => setChanges((c) => ({ ...c, ...fields }))}
          />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Tabs defaultValue="details" keepMounted={false}>
          <Tabs.List mb="sm">
            <Tabs.Tab value="details">{t('ticket.details')}</Tabs.Tab>
            <Tabs.Tab value="workflow" data-testid="workflow-tab">
              {t('ticket.workflow')}
            </Tabs.Tab>
            <Tabs.Tab value="history">{t('ticket.history')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="details">
            <Stack gap="md">
              <RequesterPanel
                ticket={ticket}
                requester={allUsers.get(ticket.requester_id)}
                organization={organization}
              />
              <TicketFields
                ticket={ticket}
                knownGroups={groups}
                changes={changes}
                onChange={setChanges}
                disabled={ticket.status === 'closed' || session.user.only_private_comments}
              />
              {Object.keys(changes).length > 0 && (
                <Badge color="orange" variant="light" style={{ alignSelf: 'flex-start' }}>
                  {t('ticket.unsavedChanges', { count: Object.keys(changes).length })}
                </Badge>
              )}
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="workflow">
            <Suspense fallback={<Skeleton h={240} />}>
              <WorkflowPanel ticket={ticket} groups={groups} />
            </Suspense>
          </Tabs.Panel>
          <Tabs.Panel value="history">
            <AuditHistory ticketId={ticket.id} users={allUsers} />
          </Tabs.Panel>
        </Tabs>
      </Grid.Col>
    </Grid>
  );
}

function TicketLinks({
  ticket,
  incidents,
}: {
  ticket: { problem_id: number | null; followup_ids: number[]; via_followup_source_id: number | null };
  incidents: number[];
}) {
  const { t } = useTranslation();
  const link = (id: number) => (
    <Anchor key={id} component={Link} to={`/agent/tickets/${id}`} size="sm">
      #{id}
    </Anchor>
  );
  const rows: [string, number[]][] = [
    ['ticket.links.problem', ticket.problem_id ? [ticket.problem_id] : []],
    ['ticket.links.incidents', incidents],
    ['ticket.links.followups', ticket.followup_ids],
    ['ticket.links.followupOf', ticket.via_followup_source_id ? [ticket.via_followup_source_id] : []],
  ];
  const shown = rows.filter(([, ids]) => ids.length);
  if (!shown.length) return null;
  return (
    <Group gap="md" mt={4}>
      {shown.map(([key, ids]) => (
        <Group key={key} gap={4}>
          <Text size="sm" c="dimmed">
            {t(key)}
          </Text>
          {ids.map(link)}
        </Group>
      ))}
    </Group>
  );
}
