import { Anchor, Avatar, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Organization, Ticket, User } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { ChannelIcon, StatusBadge } from '../../ui/badges';
import { useRequesterTickets } from './tickets-api';

/** Who asked, and what else they asked about (every channel). */
export function RequesterPanel({
  ticket,
  requester,
  organization,
}: {
  ticket: Ticket;
  requester: User | undefined;
  organization: Organization | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const others = useRequesterTickets(ticket.requester_id);
  const list = (others.data ?? []).filter((x) => x.id !== ticket.id);
  return (
    <Paper withBorder p="sm" component="section" aria-label={t('ticket.requester')}>
      <Group gap="sm" wrap="nowrap" mb="xs">
        <Avatar radius="xl" color="gray" aria-hidden>
          {(requester?.name ?? '?').slice(0, 1).toUpperCase()}
        </Avatar>
        <div style={{ minWidth: 0 }}>
          <Anchor component={Link} to={`/agent/users/${ticket.requester_id}`} fw={600} size="sm">
            {requester?.name ?? `#${ticket.requester_id}`}
          </Anchor>
          {requester?.email && (
            <Text size="xs" c="dimmed" truncate>
              {requester.email}
            </Text>
          )}
          {organization && (
            <Anchor component={Link} to={`/agent/organizations/${organization.id}`} size="xs">
              {organization.name}
            </Anchor>
          )}
        </div>
      </Group>
      {requester?.notes && (
        <Text size="xs" c="dimmed" mb="xs" className="fl-body">
          {requester.notes}
        </Text>
      )}
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={4}>
        {t('ticket.otherTickets')}
      </Text>
      {others.isPending && <Skeleton h={60} />}
      {!others.isPending && list.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('ticket.noOtherTickets')}
        </Text>
      )}
      <Stack gap={6}>
        {list.map((x) => (
          <Group key={x.id} gap={6} wrap="nowrap">
            <ChannelIcon channel={x.via.channel} size={14} />
            <StatusBadge status={x.status} />
            <Anchor
              component={Link}
              to={`/agent/tickets/${x.id}`}
              size="xs"
              lineClamp={1}
              style={{ flex: 1 }}
            >
              #{x.id} {x.subject}
            </Anchor>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {format.relative(x.updated_at)}
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
