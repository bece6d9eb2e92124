import { Anchor, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { Organization } from '../../api/types';
import { EmptyState, PageError } from '../../ui/states';

export default function OrganizationsPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const orgs = useQuery({
    queryKey: ['organizations', debounced],
    queryFn: () =>
      api
        .get<{ organizations: Organization[] }>(
          debounced
            ? `/api/v2/organizations/autocomplete?name=${encodeURIComponent(debounced)}`
            : '/api/v2/organizations?per_page=100',
        )
        .then((r) => r.organizations),
    placeholderData: (previous) => previous,
  });
  return (
    <Stack>
      <Title order={1} size="h3">
        {t('people.organizations')}
      </Title>
      <TextInput
        label={t('people.searchOrganizations')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        maw={480}
      />
      {orgs.error && <PageError error={orgs.error} onRetry={() => orgs.refetch()} />}
      {orgs.data?.length === 0 && (
        <EmptyState title={t('people.noOrganizations')} hint={t('people.noOrganizationsHint')} />
      )}
      {orgs.data && orgs.data.length > 0 && (
        <Table aria-label={t('people.organizations')} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('people.name')}</Table.Th>
              <Table.Th>{t('people.domains')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {orgs.data.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/agent/organizations/${o.id}`} size="sm">
                    {o.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{o.domain_names.join(', ') || '—'}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
