import { Alert, Button, Collapse, Group, Select, Stack, Textarea } from '@mantine/core';
import { IconArrowBigUpLines } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Ticket } from '../../api/types';
import { useSession } from '../../app/session';
import { useAdminForm } from '../admin/admin-form';
import { useGroups } from '../inbox/people-api';

/** Escalate by hand: a reason (it becomes an internal note) and, optionally, the group to go to. */
export function EscalateForm({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const session = useSession();
  const groups = useGroups();
  const form = useAdminForm(['ticket', ticket.id]);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [group, setGroup] = useState('');
  if (session.user.only_private_comments) return null;
  const submit = async () => {
    const ok = await form.run(
      () =>
        api.post(`/api/v2/frontline/tickets/${ticket.id}/escalate`, {
          reason,
          ...(group ? { group_id: Number(group) } : {}),
        }),
      t('workflow.escalated'),
    );
    if (ok) {
      setOpen(false);
      setReason('');
      setGroup('');
    }
  };
  return (
    <Stack gap="xs">
      <Group>
        <Button
          size="xs"
          variant="light"
          color="grape"
          leftSection={<IconArrowBigUpLines size={14} aria-hidden />}
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          data-testid="escalate"
        >
          {t('workflow.escalate')}
        </Button>
      </Group>
      <Collapse expanded={open}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack gap="xs">
            {form.errors.base && <Alert color="red">{form.errors.base}</Alert>}
            <Textarea
              label={t('workflow.why')}
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={form.errors.reason}
              dir="auto"
              data-testid="escalate-reason"
            />
            <Select
              label={t('workflow.toGroup')}
              data={(groups.data ?? [])
                .filter((g) => g.id !== ticket.group_id)
                .map((g) => ({
                  value: String(g.id),
                  label: g.tier ? `${g.name} · ${t('ticket.tier', { tier: g.tier })}` : g.name,
                }))}
              value={group || null}
              clearable
              placeholder={t('workflow.nextTierUp')}
              onChange={(v) => setGroup(v ?? '')}
              error={form.errors.group_id ?? form.errors.status}
            />
            <Group justify="flex-end">
              <Button size="xs" variant="subtle" onClick={() => setOpen(false)}>
                {t('common.cancel')}
              </Button>
              <Button size="xs" type="submit" color="grape" loading={form.busy} data-testid="escalate-submit">
                {t('workflow.escalateNow')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Collapse>
    </Stack>
  );
}
