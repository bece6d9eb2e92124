import { Anchor, Button, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useFormat } from '../../i18n/format';
import { EmptyState, PageError } from '../../ui/states';

type Flag = {
  id: number;
  article_id: number;
  article_title: string | null;
  ticket_id: number | null;
  reason: string;
  created_at: string;
};

/** Articles agents flagged as outdated (from a ticket's suggestions), oldest work first to review. */
export function ReviewQueue() {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const queue = useQuery({
    queryKey: ['kb', 'review-queue'],
    queryFn: () => api.get<{ flags: Flag[] }>('/api/v2/frontline/kb/review_queue'),
  });
  const resolve = useMutation({
    mutationFn: (articleId: number) => api.delete(`/api/v2/help_center/articles/${articleId}/flags`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['kb', 'review-queue'] }),
  });
  if (queue.isError) return <PageError error={queue.error} onRetry={() => void queue.refetch()} />;
  const flags = queue.data?.flags ?? [];
  if (queue.isSuccess && flags.length === 0) return <EmptyState title={t('knowledge.review.empty')} />;
  return (
    <Table data-testid="review-queue">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('knowledge.review.article')}</Table.Th>
          <Table.Th>{t('knowledge.review.reason')}</Table.Th>
          <Table.Th>{t('knowledge.review.flagged')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {flags.map((flag) => (
          <Table.Tr key={flag.id}>
            <Table.Td>{flag.article_title ?? `#${flag.article_id}`}</Table.Td>
            <Table.Td>
              <Text size="sm">{flag.reason}</Text>
              {flag.ticket_id !== null && (
                <Anchor component={Link} to={`/agent/tickets/${flag.ticket_id}`} size="xs">
                  {t('knowledge.review.ticket', { id: flag.ticket_id })}
                </Anchor>
              )}
            </Table.Td>
            <Table.Td>{format.dateTime(flag.created_at)}</Table.Td>
            <Table.Td>
              <Button
                size="compact-xs"
                variant="light"
                loading={resolve.isPending && resolve.variables === flag.article_id}
                onClick={() => resolve.mutate(flag.article_id)}
              >
                {t('knowledge.review.resolve')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
