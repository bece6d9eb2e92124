import {
  Alert,
  Button,
  Grid,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import { useFormat } from '../../i18n/format';
import { PageError, useErrorText } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { useTicketsAt, useUser } from './people-api';
import { TicketList } from './TicketList';

/** A person's profile (editable) and every ticket they asked, on any channel. */
export default function UserPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const id = Number(useParams().userId);
  const user = useUser(id);
  const tickets = useTicketsAt(`/api/v2/users/${id}/tickets/requested`);
  const queryClient = useQueryClient();
  const toast = useToast();
  const errorText = useErrorText();
  const [form, setForm] = useState({ name: '', email: '', phone: '', notes: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (user.data)
      setForm({
        name: user.data.name,
        email: user.data.email ?? '',
        phone: user.data.phone ?? '',
        notes: user.data.notes,
      });
  }, [user.data]);

  if (user.error) return <PageError error={user.error} onRetry={() => user.refetch()} />;
  if (!user.data) return <Skeleton h={240} />;

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setSaving(true);
    setErrors({});
    try {
      await api.put(`/api/v2/users/${id}`, {
        user: { name: form.name, email: form.email || null, phone: form.phone || null, notes: form.notes },
      });
      toast(t('people.saved'));
      await queryClient.invalidateQueries({ queryKey: ['user', id] });
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.details).length)
        setErrors(
          Object.fromEntries(Object.entries(err.details).map(([k, v]) => [k, v[0]?.description ?? ''])),
        );
      else setErrors({ base: errorText(err) });
    } finally {
      setSaving(false);
    }
  }

  const field = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      setForm((f) => ({ ...f, [key]: e.currentTarget.value })),
    error: errors[key],
  });

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Paper withBorder p="md" component="form" onSubmit={save}>
          <Stack gap="sm">
            <Title order={1} size="h4">
              {user.data.name}
            </Title>
            <Text size="xs" c="dimmed">
              {t(`people.roles.${user.data.role}`)} ·{' '}
              {t('people.memberSince', { date: format.date(user.data.created_at) })}
            </Text>
            {errors.base && <Alert color="red">{errors.base}</Alert>}
            <TextInput label={t('people.name')} required {...field('name')} />
            <TextInput label={t('people.email')} type="email" {...field('email')} />
            <TextInput label={t('people.phone')} {...field('phone')} />
            <Textarea label={t('people.notes')} autosize minRows={2} {...field('notes')} />
            <Group justify="flex-end">
              <Button type="submit" loading={saving}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack>
          <Title order={2} size="h4">
            {t('people.requestedTickets')}
          </Title>
          {tickets.error && <PageError error={tickets.error} onRetry={() => tickets.refetch()} />}
          {tickets.data ? <TicketList tickets={tickets.data.tickets} /> : <Skeleton h={160} />}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
