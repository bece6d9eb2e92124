import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Mailbox } from '../../api/types';
import { EmptyState, PageError } from '../../ui/states';
import { useGroups } from '../inbox/people-api';
import { useMailboxes } from './email-api';
import { MailboxEditor } from './MailboxEditor';

/** The addresses customers write to, where their mail comes from, and where new tickets go. */
export function MailboxesAdmin() {
  const { t } = useTranslation();
  const mailboxes = useMailboxes();
  const groups = useGroups();
  const [editing, setEditing] = useState<Mailbox | 'new' | null>(null);
  const groupName = (id: number | null) => groups.data?.find((g) => g.id === id)?.name;
  // The open editor follows the list, so a new IMAP source shows up in it.
  const current =
    editing && editing !== 'new' ? (mailboxes.data?.find((m) => m.id === editing.id) ?? editing) : editing;
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('admin.mailboxes.explain')}
      </Text>
      <Group>
        <Button
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setEditing('new')}
          data-testid="add-mailbox"
        >
          {t('admin.mailboxes.add')}
        </Button>
      </Group>
      {mailboxes.error && <PageError error={mailboxes.error} onRetry={() => mailboxes.refetch()} />}
      {mailboxes.data?.length === 0 && (
        <EmptyState title={t('admin.mailboxes.none')} hint={t('admin.mailboxes.noneHint')} />
      )}
      {(mailboxes.data ?? []).map((m) => (
        <Paper key={m.id} withBorder p="sm" data-testid={`mailbox-${m.id}`}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2}>
              <Group gap="xs">
                <Text fw={500} dir="ltr">
                  {m.address}
                </Text>
                {m.default && (
                  <Badge size="sm" variant="light">
                    {t('admin.mailboxes.default')}
                  </Badge>
                )}
                {!m.active && (
                  <Badge size="sm" color="gray" variant="light">
                    {t('admin.inactive')}
                  </Badge>
                )}
              </Group>
              <Text size="sm" c="dimmed">
                {m.name || '—'} · {m.group_id ? groupName(m.group_id) : t('admin.mailboxes.noGroup')}
              </Text>
              <Group gap={4}>
                <Badge size="sm" variant="outline" color={m.inbound_secret_set ? 'green' : 'gray'}>
                  {m.inbound_secret_set ? t('admin.mailboxes.webhookOn') : t('admin.mailboxes.webhookOff')}
                </Badge>
                {m.imap_sources.map((s) => (
                  <Badge
                    key={s.id}
                    size="sm"
                    variant="outline"
                    color={s.last_error ? 'red' : s.active ? 'green' : 'gray'}
                  >
                    IMAP {s.username}@{s.host}
                  </Badge>
                ))}
              </Group>
            </Stack>
            <Button size="compact-sm" variant="light" onClick={() => setEditing(m)}>
              {t('admin.edit')}
            </Button>
          </Group>
        </Paper>
      ))}
      {current && (
        <MailboxEditor
          mailbox={current === 'new' ? null : current}
          onClose={() => setEditing(null)}
          onCreated={setEditing}
        />
      )}
    </Stack>
  );
}
