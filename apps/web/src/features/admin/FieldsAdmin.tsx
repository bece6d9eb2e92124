import {
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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { EmptyState } from '../../ui/states';
import { useTicketFields } from '../tickets/tickets-api';
import { useAdminForm } from './admin-form';

const TYPES = ['text', 'textarea', 'integer', 'decimal', 'checkbox', 'date', 'tagger', 'regexp'] as const;

/** Custom ticket fields shown on every ticket. */
export function FieldsAdmin() {
  const { t } = useTranslation();
  const fields = useTicketFields();
  const form = useAdminForm(['ticket-fields']);
  const [draft, setDraft] = useState({ title: '', type: 'text', options: '' });
  return (
    <Stack>
      <Paper withBorder p="md">
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const options = draft.options
              .split(',')
              .map((o) => o.trim())
              .filter(Boolean);
            const ok = await form.run(
              () =>
                api.post('/api/v2/ticket_fields', {
                  ticket_field: {
                    title: draft.title,
                    type: draft.type,
                    ...(draft.type === 'tagger'
                      ? {
                          custom_field_options: options.map((name) => ({
                            name,
                            value: name.toLowerCase().replace(/\W+/g, '_'),
                          })),
                        }
                      : {}),
                  },
                }),
              t('admin.fields.created'),
            );
            if (ok) setDraft({ title: '', type: 'text', options: '' });
          }}
        >
          <Title order={2} size="h5" mb="sm">
            {t('admin.fields.add')}
          </Title>
          {form.errors.base && (
            <Alert color="red" mb="sm">
              {form.errors.base}
            </Alert>
          )}
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('admin.fields.title')}
              required
              value={draft.title}
              error={form.errors.title}
              onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
            />
            <Select
              label={t('admin.fields.type')}
              value={draft.type}
              allowDeselect={false}
              data={TYPES.map((x) => ({ value: x, label: t(`admin.fields.types.${x}`) }))}
              onChange={(v) => v && setDraft({ ...draft, type: v })}
            />
            {draft.type === 'tagger' && (
              <TextInput
                label={t('admin.fields.options')}
                description={t('admin.fields.optionsHint')}
                value={draft.options}
                error={form.errors.custom_field_options}
                onChange={(e) => setDraft({ ...draft, options: e.currentTarget.value })}
              />
            )}
            <Button type="submit" loading={form.busy}>
              {t('admin.add')}
            </Button>
          </Group>
        </form>
      </Paper>
      {fields.data?.length === 0 && (
        <EmptyState title={t('admin.fields.none')} hint={t('admin.fields.noneHint')} />
      )}
      {fields.data && fields.data.length > 0 && (
        <Table aria-label={t('admin.sections.fields')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.fields.title')}</Table.Th>
              <Table.Th>{t('admin.fields.type')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields.data.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>
                  <Text size="sm">{f.title}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light">{t(`admin.fields.types.${f.type}`, { defaultValue: f.type })}</Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
