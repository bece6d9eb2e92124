import { Alert, Grid, Skeleton, Stack } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconEye, IconPencil } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { usePresence, useRealtimeMessages } from '../../app/realtime-context';
import { useSession } from '../../app/session';
import { useFormat } from '../../i18n/format';
import { PageError } from '../../ui/states';
import { useAfterPaint } from '../../ui/use-after-paint';
import { useTicketWorkflow } from '../workflow/workflow-api';
import { Composer, type FieldChanges } from './Composer';
import { Conversation } from './Conversation';
import { TicketHeader } from './TicketHeader';
import { TicketSidePanel } from './TicketSidePanel';
import { useComments, useIncidents, useTicket } from './tickets-api';

/**
 * A ticket. It draws in two steps so it opens fast: the header (from the inbox row while
 * the ticket loads) and the conversation first; the composer and the side panel, whose
 * fields and lists cost more to draw and load, right after the conversation is on screen.
 */
export function TicketPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const session = useSession();
  const id = Number(useParams().ticketId);
  const bundle = useTicket(id);
  const comments = useComments(id);
  const incidents = useIncidents(bundle.data?.ticket);
  const conversationShown =
    !bundle.isPlaceholderData && (comments.data !== undefined || comments.error !== null);
  // The rest waits for the conversation, so it never delays it (on the embedded engine
  // requests queue on one connection), and so does the tier and SLA badge.
  const rest = useAfterPaint(conversationShown);
  const workflow = useTicketWorkflow(id, rest);
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
          <TicketHeader
            ticket={ticket}
            tier={tier}
            workflow={workflow.data}
            incidents={incidents.data?.map((x) => x.id) ?? []}
          />

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
          {rest ? (
            <Composer
              ticket={ticket}
              changes={changes}
              onSent={() => setChanges({})}
              onMacro={(fields) => setChanges((c) => ({ ...c, ...fields }))}
            />
          ) : (
            <Skeleton h={180} />
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        {rest ? (
          <TicketSidePanel
            ticket={ticket}
            users={allUsers}
            groups={groups}
            organization={organization}
            changes={changes}
            onChange={setChanges}
          />
        ) : (
          <Skeleton h={360} />
        )}
      </Grid.Col>
    </Grid>
  );
}
