import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ImapSource, Mailbox } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { ErrorAlert } from '../../ui/states';
import { useAdminForm } from '../admin/admin-form';

/** The IMAP accounts a mailbox reads, with when each last polled and its last error. */
export function ImapSources({ mailbox }: { mailbox: Mailbox }) {
  const { t } = useTranslation();
  const format = useFormat();
  const form = useAdminForm(['mailboxes']);
  const [editing, setEditing] = useState<ImapSource | 'new' | null>(null);
  const path = `/api/v2/frontline/mailboxes/${mailbox.id}/imap_sources`;
  return (
    <Stack gap="xs">
      <ErrorAlert message={form.message} />
      {mailbox.imap_sources.length === 0 && !editing && (
        <Text size="sm" c="dimmed">
          {t('admin.imap.none')}
        </Text>
      )}
      {mailbox.imap_sources.map((s) =>
        editing !== 'new' && editing?.id === s.id ? (
          <SourceForm key={s.id} path={path} source={s} onDone={() => setEditing(null)} />
        ) : (
          <Paper key={s.id} withBorder p="xs">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2}>
                <Text size="sm" fw={500} dir="ltr" ta="start">
                  {s.username} @ {s.host}:{s.port} {s.secure ? '(TLS)' : ''} · {s.folder}
                  {s.move_to ? ` → ${s.move_to}` : ''}
                </Text>
                <Group gap={4}>
                  <Badge size="sm" variant="light" color={s.active ? 'green' : 'gray'}>
                    {s.active ? t('admin.active') : t('admin.inactive')}
                  </Badge>
                  <Badge size="sm" variant="outline" color={s.secret_set ? 'gray' : 'red'}>
                    {s.secret_set ? t(`admin.imap.secretSet.${s.auth_method}`) : t('admin.imap.noSecret')}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {s.last_polled_at
                      ? t('admin.imap.polled', { when: format.relative(s.last_polled_at) })
                      : t('admin.imap.neverPolled')}
                  </Text>
                </Group>
                {s.last_error && (
                  <Text size="xs" c="red.8" dir="ltr" ta="start">
                    {s.last_error}
                  </Text>
                )}
              </Stack>
              <Group gap={4} wrap="nowrap">
                <Button size="compact-sm" variant="light" onClick={() => setEditing(s)}>
                  {t('admin.edit')}
                </Button>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  onClick={() => void form.run(() => api.delete(`${path}/${s.id}`), t('admin.deleted'))}
                >
                  {t('admin.delete')}
                </Button>
              </Group>
            </Group>
          </Paper>
        ),
      )}
      {editing === 'new' ? (
        <SourceForm path={path} source={null} onDone={() => setEditing(null)} />
      ) : (
        <Group>
          <Button size="xs" variant="light" onClick={() => setEditing('new')}>
            {t('admin.imap.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function SourceForm({ path, source, onDone }: { path: string; source: ImapSource | null; onDone(): void }) {
  const { t } = useTranslation();
  const form = useAdminForm(['mailboxes']);
  const [draft, setDraft] = useState({
    host: source?.host ?? '',
    port: source?.port ?? 993,
    secure: source?.secure ?? true,
    username: source?.username ?? '',
    folder: source?.folder ?? 'INBOX',
    move_to: source?.move_to ?? '',
    poll_seconds: source?.poll_seconds ?? 60,
    active: source?.active ?? true,
  });
  const [method, setMethod] = useState<'password' | 'oauth2'>(source?.auth_method ?? 'password');
  const [secret, setSecret] = useState('');
  const set = (change: Partial<typeof draft>) => setDraft({ ...draft, ...change });
  const save = async () => {
    const body = {
      imap_source: {
        ...draft,
        port: Number(draft.port),
        poll_seconds: Number(draft.poll_seconds),
        move_to: draft.move_to.trim() || null,
        ...(secret ? { [method === 'password' ? 'password' : 'access_token']: secret } : {}),
      },
    };
    const ok = await form.run(
      () => (source ? api.put(`${path}/${source.id}`, body) : api.post(path, body)),
      source ? t('admin.saved') : t('admin.imap.created'),
    );
    if (ok) onDone();
  };
  return (
    <Paper withBorder p="sm" bg="gray.0">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="xs">
          {form.errors.base && <Alert color="red">{form.errors.base}</Alert>}
          <Group align="flex-start" grow>
            <TextInput
              size="xs"
              label={t('admin.imap.host')}
              required
              placeholder="imap.gmail.com"
              value={draft.host}
              onChange={(e) => set({ host: e.currentTarget.value })}
              error={form.errors.host}
              dir="ltr"
            />
            <NumberInput
              size="xs"
              label={t('admin.imap.port')}
              min={1}
              max={65535}
              allowDecimal={false}
              value={draft.port}
              onChange={(v) => set({ port: Number(v || 0) })}
              error={form.errors.port}
            />
          </Group>
          <Switch
            size="xs"
            label={t('admin.imap.secure')}
            checked={draft.secure}
            onChange={(e) =>
              set({ secure: e.currentTarget.checked, port: e.currentTarget.checked ? 993 : 143 })
            }
          />
          <TextInput
            size="xs"
            label={t('admin.imap.username')}
            required
            value={draft.username}
            onChange={(e) => set({ username: e.currentTarget.value })}
            error={form.errors.username}
            dir="ltr"
          />
          <SegmentedControl
            size="xs"
            value={method}
            onChange={(v) => setMethod(v as typeof method)}
            data={[
              { value: 'password', label: t('admin.imap.password') },
              { value: 'oauth2', label: t('admin.imap.oauth') },
            ]}
            aria-label={t('admin.imap.signIn')}
          />
          <PasswordInput
            size="xs"
            label={method === 'password' ? t('admin.imap.password') : t('admin.imap.token')}
            description={source?.secret_set ? t('admin.imap.keepSecret') : t('admin.imap.secretHint')}
            required={!source?.secret_set}
            value={secret}
            onChange={(e) => setSecret(e.currentTarget.value)}
            error={form.errors.password ?? form.errors.access_token}
            autoComplete="new-password"
          />
          <Group align="flex-start" grow>
            <TextInput
              size="xs"
              label={t('admin.imap.folder')}
              value={draft.folder}
              onChange={(e) => set({ folder: e.currentTarget.value })}
              error={form.errors.folder}
            />
            <TextInput
              size="xs"
              label={t('admin.imap.moveTo')}
              description={t('admin.imap.moveToHint')}
              value={draft.move_to}
              onChange={(e) => set({ move_to: e.currentTarget.value })}
              error={form.errors.move_to}
            />
            <NumberInput
              size="xs"
              label={t('admin.imap.poll')}
              min={1}
              max={3600}
              allowDecimal={false}
              value={draft.poll_seconds}
              onChange={(v) => set({ poll_seconds: Number(v || 60) })}
              error={form.errors.poll_seconds}
            />
          </Group>
          <Switch
            size="xs"
            label={t('admin.active')}
            checked={draft.active}
            onChange={(e) => set({ active: e.currentTarget.checked })}
          />
          <Group justify="flex-end">
            <Button size="xs" variant="subtle" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button size="xs" type="submit" loading={form.busy}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
