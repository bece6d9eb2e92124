import {
  Alert,
  Button,
  Grid,
  Group,
  Paper,
  Skeleton,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import { PageError, useErrorText } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { useOrganization, useTicketsAt } from './people-api';
import { TicketList } from './TicketList';

export default function OrganizationPage() {
  const { t } = useTranslation();
  const id = Number(useParams().organizationId);
  const org = useOrganization(id);
  const tickets = useTicketsAt(`/api/v2/organizations/${id}/tickets`);
  const queryClient = useQueryClient();
  const toast = useToast();
  const errorText = useErrorText();
  const [form, setForm] = useState({ name: '', domains: '', notes: '' });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (org.data)
      setForm({ name: org.data.name, domains: org.data.domain_names.join(', '), notes: org.data.notes });
  }, [org.data]);
  if (org.error) return <PageError error={org.error} onRetry={() => org.refetch()} />;
  if (!org.data) return <Skeleton h={240} />;

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await api.put(`/api/v2/organizations/${id}`, {
        organization: {
          name: form.name,
          notes: form.notes,
          domain_names: form.domains.split(/[\s,]+/).filter(Boolean),
        },
      });
      toast(t('people.saved'));
      await queryClient.invalidateQueries({ queryKey: ['organization', id] });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : errorText(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Paper withBorder p="md" component="form" onSubmit={save}>
          <Stack gap="sm">
            <Title order={1} size="h4">
              {org.data.name}
            </Title>
            {error && <Alert color="red">{error}</Alert>}
            <TextInput
              label={t('people.name')}
              required
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            />
            <TextInput
              label={t('people.domains')}
              description={t('people.domainsHint')}
              value={form.domains}
              onChange={(e) => setForm({ ...form, domains: e.currentTarget.value })}
            />
            <Textarea
              label={t('people.notes')}
              autosize
              minRows={2}
              value={form.notes}
              onChange={(e) => setForm({ ...form, notes: e.currentTarget.value })}
            />
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
            {t('people.organizationTickets')}
          </Title>
          {tickets.error && <PageError error={tickets.error} onRetry={() => tickets.refetch()} />}
          {tickets.data ? (
            <TicketList tickets={tickets.data.tickets} users={tickets.data.users} />
          ) : (
            <Skeleton h={160} />
          )}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
