import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { NotificationEmail } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { useTicketNotifications } from './workflow-api';

const COLOR: Record<NotificationEmail['status'], string> = {
  queued: 'blue',
  sent: 'green',
  failed: 'red',
  suppressed: 'gray',
};

/** The ticket's notification mail (acknowledgements, assignments, swarm and approval invitations) and what became of each. */
export function NotificationsSection({ ticketId }: { ticketId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const notifications = useTicketNotifications(ticketId);
  const rows = notifications.data ?? [];
  return (
    <Stack gap={6} data-testid="notifications">
      <Group gap="xs">
        <IconMail size={16} aria-hidden />
        <Title order={2} size="h6">
          {t('workflow.notifications.title')}
        </Title>
      </Group>
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('workflow.notifications.none')}
        </Text>
      )}
      {rows.map((n) => (
        <Stack key={n.id} gap={0}>
          <Group gap="xs" wrap="nowrap" justify="space-between">
            <Text size="sm" truncate>
              {n.subject}
            </Text>
            <Badge size="sm" variant="light" color={COLOR[n.status]}>
              {t(`workflow.notifications.status.${n.status}`)}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {t('workflow.notifications.to', { address: n.recipient_email })} ·{' '}
            {format.relative(n.sent_at ?? n.created_at)}
          </Text>
          {n.status_reason && (
            <Text size="xs" c={n.status === 'failed' ? 'red' : 'dimmed'}>
              {n.status_reason}
            </Text>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
