import { Anchor, Badge, Group, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Ticket, TicketWorkflow } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { ChannelIcon, PriorityBadge, StatusBadge } from '../../ui/badges';
import { SlaBadge } from '../sla/SlaBadge';

/** Status, priority, channel, tier and SLA badges, the subject, and the tickets this one links to. */
export function TicketHeader({
  ticket,
  tier,
  workflow,
  incidents,
}: {
  ticket: Ticket;
  tier: number | null;
  workflow: TicketWorkflow | undefined;
  incidents: number[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
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
        {workflow && <SlaBadge targets={workflow.sla_targets} />}
        <Text size="sm" c="dimmed">
          #{ticket.id} · {t('ticket.createdAt', { when: format.dateTime(ticket.created_at) })}
        </Text>
      </Group>
      <Title order={1} size="h3" dir="auto">
        {ticket.subject || t('ticket.noSubject')}
      </Title>
      <TicketLinks ticket={ticket} incidents={incidents} />
    </div>
  );
}

function TicketLinks({ ticket, incidents }: { ticket: Ticket; incidents: number[] }) {
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
