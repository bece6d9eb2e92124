import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Ticket, User } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { ChannelIcon, StatusBadge } from '../../ui/badges';
import { EmptyState } from '../../ui/states';

/** A compact list of tickets (a customer's or an organization's history). */
export function TicketList({ tickets, users }: { tickets: Ticket[]; users?: Map<number, User> }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (tickets.length === 0) return <EmptyState title={t('people.noTickets')} />;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table aria-label={t('people.tickets')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('inbox.columns.status')}</Table.Th>
            <Table.Th>{t('inbox.columns.subject')}</Table.Th>
            {users && <Table.Th>{t('inbox.columns.requester')}</Table.Th>}
            <Table.Th>{t('inbox.columns.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tickets.map((x) => (
            <Table.Tr key={x.id}>
              <Table.Td>
                <StatusBadge status={x.status} />
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/agent/tickets/${x.id}`} size="sm">
                  <ChannelIcon channel={x.via.channel} size={14} /> #{x.id} {x.subject}
                </Anchor>
              </Table.Td>
              {users && (
                <Table.Td>
                  <Text size="sm">{users.get(x.requester_id)?.name ?? `#${x.requester_id}`}</Text>
                </Table.Td>
              )}
              <Table.Td>
                <Text size="sm" title={format.dateTime(x.updated_at)}>
                  {format.relative(x.updated_at)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
