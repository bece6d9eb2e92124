import { Anchor, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { EmptyState, PageError } from '../../ui/states';

/** Find a customer by name, email or phone. */
export default function CustomersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const users = useQuery({
    queryKey: ['customers', debounced],
    queryFn: () =>
      api
        .get<{ users: User[] }>(
          debounced
            ? `/api/v2/users/search?query=${encodeURIComponent(debounced)}`
            : '/api/v2/users?role=end-user&per_page=50',
        )
        .then((r) => r.users),
    placeholderData: (previous) => previous,
  });
  return (
    <Stack>
      <Title order={1} size="h3">
        {t('people.customers')}
      </Title>
      <TextInput
        label={t('people.searchCustomers')}
        placeholder={t('people.searchHint')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        maw={480}
      />
      {users.error && <PageError error={users.error} onRetry={() => users.refetch()} />}
      {users.data?.length === 0 && (
        <EmptyState title={t('people.noCustomers')} hint={t('people.noCustomersHint')} />
      )}
      {users.data && users.data.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label={t('people.customers')} highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('people.name')}</Table.Th>
                <Table.Th>{t('people.email')}</Table.Th>
                <Table.Th>{t('people.role')}</Table.Th>
                <Table.Th>{t('people.since')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/agent/users/${u.id}`} size="sm">
                      {u.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{u.email ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`people.roles.${u.role}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{format.date(u.created_at)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
