import { Anchor, Badge, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { EmptyState, PageError } from '../../ui/states';

type Result = {
  id: number;
  result_type: string;
  subject?: string;
  name?: string;
  email?: string | null;
  status?: string;
};

const hrefOf = (r: Result) =>
  r.result_type === 'ticket'
    ? `/agent/tickets/${r.id}`
    : r.result_type === 'user'
      ? `/agent/users/${r.id}`
      : `/agent/organizations/${r.id}`;

/** Results of the header search: tickets, people and organizations (Zendesk search syntax works). */
export default function SearchPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const query = params.get('q') ?? '';
  const results = useQuery({
    queryKey: ['search', query],
    enabled: query !== '',
    queryFn: () =>
      api.get<{ results: Result[]; count: number }>(
        `/api/v2/search?query=${encodeURIComponent(query)}&per_page=50`,
      ),
  });
  return (
    <Stack>
      <Title order={1} size="h3">
        {t('search.title', { query })}
      </Title>
      {results.error && <PageError error={results.error} onRetry={() => results.refetch()} />}
      {results.isPending && query && <Skeleton h={120} />}
      {results.data?.results.length === 0 && <EmptyState title={t('search.none')} hint={t('search.hint')} />}
      <Stack gap="xs">
        {results.data?.results.map((r) => (
          <Group key={`${r.result_type}${r.id}`} gap="sm">
            <Badge variant="light" w={110}>
              {t(`search.types.${r.result_type}`, { defaultValue: r.result_type })}
            </Badge>
            <Anchor component={Link} to={hrefOf(r)}>
              {r.result_type === 'ticket' ? `#${r.id} ${r.subject ?? ''}` : (r.name ?? `#${r.id}`)}
            </Anchor>
            {r.email && (
              <Text size="sm" c="dimmed">
                {r.email}
              </Text>
            )}
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}
