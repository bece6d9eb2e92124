import { Skeleton, Stack, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { PageError } from '../../ui/states';
import { useAudits } from './tickets-api';

const show = (value: unknown) =>
  value === null || value === undefined || value === ''
    ? '—'
    : Array.isArray(value)
      ? value.join(', ')
      : String(value);

/** Who changed what, and when: the ticket's audits, newest first. */
export function AuditHistory({ ticketId, users }: { ticketId: number; users: Map<number, User> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const audits = useAudits(ticketId, true);
  if (audits.error) return <PageError error={audits.error} onRetry={() => audits.refetch()} />;
  if (audits.isPending) return <Skeleton h={120} />;
  const fieldName = (field: string) => t(`ticket.fields.${field}`, { defaultValue: field });
  return (
    <Timeline bulletSize={12} lineWidth={2} aria-label={t('ticket.history')}>
      {[...audits.data].reverse().map((audit) => {
        const author =
          users.get(audit.author_id)?.name ?? (audit.author_id < 0 ? 'Frontline' : `#${audit.author_id}`);
        const changes = audit.events.filter((e) => e.type === 'Change' || e.type === 'Create');
        const comment = audit.events.find((e) => e.type === 'Comment');
        return (
          <Timeline.Item
            key={audit.id}
            title={
              <Text size="sm" fw={600}>
                {author}
              </Text>
            }
          >
            <Text size="xs" c="dimmed" title={format.dateTime(audit.created_at)}>
              {format.relative(audit.created_at)} ·{' '}
              {t(`channel.${audit.via.channel}`, { defaultValue: audit.via.channel })}
            </Text>
            <Stack gap={2} mt={4}>
              {comment && (
                <Text size="xs">{comment.public ? t('history.publicReply') : t('history.internalNote')}</Text>
              )}
              {changes.map((e) => (
                <Text size="xs" key={e.id}>
                  {e.type === 'Create'
                    ? t('history.set', { field: fieldName(e.field_name ?? ''), value: show(e.value) })
                    : t('history.changed', {
                        field: fieldName(e.field_name ?? ''),
                        from: show(e.previous_value),
                        to: show(e.value),
                      })}
                </Text>
              ))}
            </Stack>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
