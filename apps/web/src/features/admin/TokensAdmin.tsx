import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useFormat } from '../../i18n/format';
import { EmptyState, PageError } from '../../ui/states';
import { useAdminForm } from './admin-form';

type Token = {
  id: number;
  token: string;
  description: string;
  active: boolean;
  created_at: string;
  last_used_at: string | null;
};

/** API tokens for integrations; the token itself is shown once. */
export function TokensAdmin() {
  const { t } = useTranslation();
  const format = useFormat();
  const tokens = useQuery({
    queryKey: ['api-tokens'],
    queryFn: () => api.get<{ api_tokens: Token[] }>('/api/v2/api_tokens').then((r) => r.api_tokens),
  });
  const form = useAdminForm(['api-tokens']);
  const [description, setDescription] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  return (
    <Stack>
      <Paper withBorder p="md">
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            await form.run(async () => {
              const r = await api.post<{ api_token: Token }>('/api/v2/api_tokens', {
                api_token: { description },
              });
              setCreated(r.api_token.token);
              setDescription('');
            }, t('admin.tokens.created'));
          }}
        >
          <Title order={2} size="h5" mb="sm">
            {t('admin.tokens.add')}
          </Title>
          {form.errors.base && (
            <Alert color="red" mb="sm">
              {form.errors.base}
            </Alert>
          )}
          <Group align="flex-end">
            <TextInput
              label={t('admin.tokens.description')}
              value={description}
              error={form.errors.description}
              onChange={(e) => setDescription(e.currentTarget.value)}
            />
            <Button type="submit" loading={form.busy}>
              {t('admin.tokens.generate')}
            </Button>
          </Group>
        </form>
        {created && (
          <Alert color="green" mt="sm" title={t('admin.tokens.copyNow')}>
            <Group>
              <Code>{created}</Code>
              <CopyButton value={created}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy}>
                    {copied ? t('admin.tokens.copied') : t('admin.tokens.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Alert>
        )}
      </Paper>
      {tokens.error && <PageError error={tokens.error} onRetry={() => tokens.refetch()} />}
      {tokens.data?.length === 0 && (
        <EmptyState title={t('admin.tokens.none')} hint={t('admin.tokens.noneHint')} />
      )}
      {tokens.data && tokens.data.length > 0 && (
        <Table aria-label={t('admin.sections.tokens')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.tokens.description')}</Table.Th>
              <Table.Th>{t('admin.tokens.token')}</Table.Th>
              <Table.Th>{t('admin.tokens.lastUsed')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.data.map((token) => (
              <Table.Tr key={token.id}>
                <Table.Td>
                  <Text size="sm">{token.description || '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Code>{token.token}</Code>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {token.last_used_at ? format.relative(token.last_used_at) : t('admin.tokens.never')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    color="red"
                    variant="subtle"
                    onClick={() =>
                      void form.run(
                        () => api.delete(`/api/v2/api_tokens/${token.id}`),
                        t('admin.tokens.deleted'),
                      )
                    }
                  >
                    {t('admin.tokens.delete')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
