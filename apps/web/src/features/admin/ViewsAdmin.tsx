import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { View } from '../../api/types';
import { useViewTitle } from '../inbox/views-api';
import { useAdminForm } from './admin-form';

type Condition = { key: number; field: string; operator: string; value: string };
let nextKey = 1;

const FIELDS: Record<string, string[]> = {
  status: ['is', 'is_not', 'less_than', 'greater_than'],
  priority: ['is', 'is_not', 'less_than', 'greater_than'],
  type: ['is', 'is_not'],
  assignee_id: ['is', 'is_not'],
  group_id: ['is', 'is_not'],
  group_tier: ['is', 'is_not', 'less_than', 'greater_than'],
  current_tags: ['includes', 'not_includes'],
  via: ['is', 'is_not'],
  created_at: ['less_than', 'greater_than'],
  updated_at: ['less_than', 'greater_than'],
};

/** Shared views: Zendesk conditions built row by row, with a live count of matching tickets. */
export function ViewsAdmin() {
  const { t } = useTranslation();
  const title = useViewTitle();
  const views = useQuery({
    queryKey: ['views', 'all'],
    queryFn: () => api.get<{ views: View[] }>('/api/v2/views').then((r) => r.views),
  });
  const form = useAdminForm(['views']);
  const [name, setName] = useState('');
  const [conditions, setConditions] = useState<Condition[]>([
    { key: 0, field: 'status', operator: 'less_than', value: 'solved' },
  ]);
  const [preview, setPreview] = useState<number | null>(null);
  const body = () => ({ view: { title: name, all: conditions.map(({ key: _key, ...c }) => c) } });
  const update = (i: number, change: Partial<Condition>) =>
    setConditions((list) => list.map((c, j) => (j === i ? { ...c, ...change } : c)));

  return (
    <Stack>
      <Paper withBorder p="md">
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const ok = await form.run(() => api.post('/api/v2/views', body()), t('admin.views.created'));
            if (ok) setName('');
          }}
        >
          <Title order={2} size="h5" mb="sm">
            {t('admin.views.add')}
          </Title>
          {form.errors.base && (
            <Alert color="red" mb="sm">
              {form.errors.base}
            </Alert>
          )}
          <Stack gap="xs">
            <TextInput
              label={t('admin.views.title')}
              required
              value={name}
              error={form.errors.title}
              onChange={(e) => setName(e.currentTarget.value)}
              maw={360}
            />
            <Text size="sm" fw={600}>
              {t('admin.views.conditions')}
            </Text>
            {conditions.map((c, i) => (
              <Group key={c.key} gap="xs" align="flex-start">
                <Select
                  size="xs"
                  w={160}
                  aria-label={t('admin.views.field')}
                  value={c.field}
                  allowDeselect={false}
                  data={Object.keys(FIELDS).map((f) => ({ value: f, label: t(`admin.views.fields.${f}`) }))}
                  onChange={(v) => v && update(i, { field: v, operator: FIELDS[v]![0]! })}
                />
                <Select
                  size="xs"
                  w={140}
                  aria-label={t('admin.views.operator')}
                  value={c.operator}
                  allowDeselect={false}
                  data={FIELDS[c.field]!.map((o) => ({ value: o, label: t(`admin.views.operators.${o}`) }))}
                  onChange={(v) => v && update(i, { operator: v })}
                />
                <TextInput
                  size="xs"
                  w={180}
                  aria-label={t('admin.views.value')}
                  value={c.value}
                  error={form.errors.value}
                  onChange={(e) => update(i, { value: e.currentTarget.value })}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('admin.views.removeCondition')}
                  onClick={() => setConditions((list) => list.filter((_, j) => j !== i))}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                size="xs"
                variant="subtle"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() =>
                  setConditions((list) => [
                    ...list,
                    { key: nextKey++, field: 'priority', operator: 'is', value: 'urgent' },
                  ])
                }
              >
                {t('admin.views.addCondition')}
              </Button>
              <Button
                size="xs"
                variant="light"
                onClick={() =>
                  void form.run(async () => {
                    const r = await api.post<{ view_count: { value: number } }>(
                      '/api/v2/views/preview/count',
                      body(),
                    );
                    setPreview(r.view_count.value);
                  }, t('admin.views.previewed'))
                }
              >
                {t('admin.views.preview')}
              </Button>
              {preview !== null && <Text size="sm">{t('admin.views.matches', { count: preview })}</Text>}
            </Group>
            <Group>
              <Button type="submit" loading={form.busy}>
                {t('admin.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <Table aria-label={t('admin.sections.views')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.views.title')}</Table.Th>
            <Table.Th>{t('admin.views.kind')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(views.data ?? []).map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td>
                <Text size="sm">{title(v)}</Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={v.default ? 'gray' : 'blue'}>
                  {v.default
                    ? t('admin.views.builtin')
                    : v.restriction
                      ? t('admin.views.personal')
                      : t('admin.views.shared')}
                </Badge>
              </Table.Td>
              <Table.Td>
                {!v.default && (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() =>
                      void form.run(() => api.delete(`/api/v2/views/${v.id}`), t('admin.views.deleted'))
                    }
                  >
                    {t('admin.tokens.delete')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
