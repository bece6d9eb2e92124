import { Button, Group, Modal, Paper, Progress, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { failedCount, waitForJob } from '../../api/jobs';
import type { JobStatus, Ticket } from '../../api/types';
import { useSession } from '../../app/session';
import { useErrorText } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { useAgents } from './people-api';

const STATUSES = ['open', 'pending', 'hold', 'solved'] as const;

/** Actions on the selected tickets: assign, set status, add tags, merge. */
export function BulkBar({ tickets, onDone }: { tickets: Ticket[]; onDone: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const agents = useAgents();
  const toast = useToast();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<JobStatus | null>(null);
  const [tags, setTags] = useState('');
  const [merging, setMerging] = useState(false);

  /** One `update_many` call for all selected tickets; the server runs it as a job we follow. */
  async function apply(change: Record<string, unknown>) {
    setBusy(true);
    try {
      const ids = tickets.map((x) => x.id).join(',');
      const { job_status } = await api.put<{ job_status: JobStatus }>(
        `/api/v2/tickets/update_many?ids=${ids}`,
        { ticket: change },
      );
      const failed = failedCount(await waitForJob(job_status, setProgress));
      if (failed) toast(t('bulk.partial', { failed, total: tickets.length }), 'red');
      else toast(t('bulk.done', { count: tickets.length }));
    } catch (e) {
      toast(errorText(e), 'red');
    } finally {
      setBusy(false);
      setProgress(null);
    }
    await queryClient.invalidateQueries({ queryKey: ['view-tickets'] });
    await queryClient.invalidateQueries({ queryKey: ['view-counts'] });
    onDone();
  }

  const assignees = [
    { value: String(session.user.id), label: t('bulk.me') },
    ...(agents.data ?? [])
      .filter((a) => a.id !== session.user.id)
      .map((a) => ({ value: String(a.id), label: a.name })),
  ];

  return (
    <Paper withBorder p="xs" bg="blue.0" role="region" aria-label={t('bulk.label')}>
      <Group gap="sm" wrap="wrap" align="flex-end">
        <Text size="sm" fw={600} aria-live="polite">
          {t('bulk.selected', { count: tickets.length })}
        </Text>
        <Select
          allowDeselect={false}
          size="xs"
          w={180}
          label={t('bulk.assign')}
          placeholder={t('bulk.choose')}
          data={assignees}
          searchable
          disabled={busy}
          onChange={(value) => value && void apply({ assignee_id: Number(value) })}
        />
        <Select
          allowDeselect={false}
          size="xs"
          w={150}
          label={t('bulk.status')}
          placeholder={t('bulk.choose')}
          data={STATUSES.map((s) => ({ value: s, label: t(`ticket.status.${s}`) }))}
          disabled={busy}
          onChange={(value) => value && void apply({ status: value })}
        />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const list = tags.split(/[\s,]+/).filter(Boolean);
            if (list.length) void apply({ additional_tags: list }).then(() => setTags(''));
          }}
        >
          <Group gap={4} align="flex-end">
            <TextInput
              size="xs"
              w={160}
              label={t('bulk.addTags')}
              value={tags}
              onChange={(e) => setTags(e.currentTarget.value)}
              disabled={busy}
            />
            <Button size="xs" type="submit" variant="light" disabled={busy || !tags.trim()}>
              {t('bulk.add')}
            </Button>
          </Group>
        </form>
        <Button
          size="xs"
          variant="light"
          disabled={busy || tickets.length < 2}
          onClick={() => setMerging(true)}
        >
          {t('bulk.merge')}
        </Button>
        <Button size="xs" variant="subtle" onClick={onDone} disabled={busy}>
          {t('bulk.clear')}
        </Button>
      </Group>
      {progress && progress.total > 0 && (
        <Progress
          mt="xs"
          size="sm"
          value={(100 * progress.progress) / progress.total}
          aria-label={t('bulk.progress', { done: progress.progress, total: progress.total })}
          data-testid="bulk-progress"
        />
      )}
      {merging && <MergeModal tickets={tickets} onClose={() => setMerging(false)} onMerged={onDone} />}
    </Paper>
  );
}

function MergeModal({
  tickets,
  onClose,
  onMerged,
}: {
  tickets: Ticket[];
  onClose: () => void;
  onMerged: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState(String(tickets[0]!.id));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const merge = async () => {
    setBusy(true);
    setError(null);
    try {
      const ids = tickets.map((x) => x.id).filter((id) => String(id) !== target);
      await api.post(`/api/v2/tickets/${target}/merge`, { ids });
      toast(t('bulk.merged', { count: ids.length, target }));
      await queryClient.invalidateQueries({ queryKey: ['view-tickets'] });
      onClose();
      onMerged();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('bulk.mergeTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <Text size="sm">{t('bulk.mergeHint')}</Text>
        <Radio.Group value={target} onChange={setTarget} label={t('bulk.mergeInto')}>
          <Stack gap={6} mt="xs">
            {tickets.map((x) => (
              <Radio key={x.id} value={String(x.id)} label={`#${x.id} ${x.subject}`} />
            ))}
          </Stack>
        </Radio.Group>
        {error && (
          <Text c="red.8" size="sm" role="alert">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void merge()}>
            {t('bulk.mergeConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
