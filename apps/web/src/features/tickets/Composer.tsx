import { Alert, Button, Group, Menu, SegmentedControl, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconChevronDown, IconLock, IconMessage, IconWand } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import type { Ticket } from '../../api/types';
import { useRealtime } from '../../app/realtime-context';
import { useSession } from '../../app/session';
import { useErrorText } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { SuggestedArticles } from '../kb/SuggestedArticles';
import { Attachments, useUploads } from './Attachments';
import { RichText, type RichTextHandle } from './RichText';
import { useMacros } from './tickets-api';

export type FieldChanges = Record<string, unknown>;
const SUBMIT_STATUSES = ['open', 'pending', 'hold', 'solved'] as const;
const MACRO_FIELDS = [
  'status',
  'priority',
  'type',
  'assignee_id',
  'group_id',
  'tags',
  'custom_fields',
] as const;

type Props = {
  ticket: Ticket;
  /** Field changes made in the side panel, sent with the reply. */
  changes: FieldChanges;
  onSent(): void;
  onMacro(changes: FieldChanges): void;
};

/**
 * Reply to the customer or add an internal note, and submit the ticket with a status in
 * the same keystroke. The reply is sent with `safe_update`: if someone changed the ticket
 * since the agent started writing, the server refuses (409) and the agent reviews first.
 */
export function Composer({ ticket, changes, onSent, onMacro }: Props) {
  const { t } = useTranslation();
  const session = useSession();
  const realtime = useRealtime();
  const toast = useToast();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const macros = useMacros();
  const lightAgent = session.user.role === 'agent' && session.user.only_private_comments;
  const [mode, setMode] = useState<'public' | 'note'>(lightAgent ? 'note' : 'public');
  const [empty, setEmpty] = useState(true);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const { uploads, addFiles, removeFile, clearUploads } = useUploads();
  const editor = useRef<RichTextHandle>(null);
  /** The ticket version the agent was looking at when they started this draft. */
  const base = useRef<string | null>(null);
  const typingTimer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(typingTimer.current), []);
  useHotkeys([
    [
      'r',
      () => {
        if (lightAgent) return;
        setMode('public');
        editor.current?.focus();
      },
    ],
    [
      'n',
      () => {
        setMode('note');
        editor.current?.focus();
      },
    ],
  ]);

  const onInput = () => {
    const text = editor.current?.text() ?? '';
    setEmpty(text === '');
    if (text && base.current === null) base.current = ticket.updated_at;
    if (!text) base.current = null;
    realtime.setTyping(ticket.id, text !== '');
    window.clearTimeout(typingTimer.current);
    typingTimer.current = window.setTimeout(() => realtime.setTyping(ticket.id, false), 5000);
  };

  const hasChanges = Object.keys(changes).length > 0;
  const uploading = uploads.some((u) => u.token === null && !u.error);

  async function submit(status?: string, override = false) {
    if (sending) return;
    const html = editor.current?.html() ?? '';
    const text = editor.current?.text() ?? '';
    if (!text && !hasChanges && !status) return;
    const tokens = uploads.flatMap((u) => (u.token ? [u.token] : []));
    if (tokens.length && !text) {
      setError(t('composer.attachNeedsText'));
      return;
    }
    setSending(true);
    setError(null);
    const body: Record<string, unknown> = {
      ...changes,
      ...(status ? { status } : {}),
      via: { channel: 'web' },
      safe_update: true,
      updated_stamp: override ? ticket.updated_at : (base.current ?? ticket.updated_at),
    };
    if (text)
      body.comment = {
        html_body: html,
        public: mode === 'public',
        ...(tokens.length ? { uploads: tokens } : {}),
      };
    try {
      await api.put(`/api/v2/tickets/${ticket.id}`, { ticket: body });
      editor.current?.clear();
      clearUploads();
      setEmpty(true);
      setStale(false);
      base.current = null;
      realtime.setTyping(ticket.id, false);
      toast(
        text ? (mode === 'public' ? t('composer.replySent') : t('composer.noteAdded')) : t('composer.saved'),
      );
      onSent();
      await queryClient.invalidateQueries({ queryKey: ['ticket', ticket.id] });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setStale(true);
        await queryClient.invalidateQueries({ queryKey: ['ticket', ticket.id] });
      } else setError(errorText(e));
    } finally {
      setSending(false);
    }
  }

  async function applyMacro(id: number) {
    try {
      const result = await api.get<{
        result: { ticket: Record<string, unknown> & { comment?: { body?: string; public?: boolean } } };
      }>(`/api/v2/tickets/${ticket.id}/macros/${id}/apply`);
      const { comment, ...after } = result.result.ticket;
      if (comment?.body) {
        editor.current?.insertText(comment.body);
        if (comment.public === false) setMode('note');
      }
      // The answer is the whole ticket as the macro would leave it: stage only what differs.
      const current = ticket as unknown as Record<string, unknown>;
      const changed = Object.fromEntries(
        MACRO_FIELDS.filter((f) => f in after && JSON.stringify(after[f]) !== JSON.stringify(current[f])).map(
          (f) => [f, after[f]],
        ),
      );
      onMacro(changed);
    } catch (e) {
      setError(errorText(e));
    }
  }

  const sendLabel = mode === 'public' ? t('composer.sendReply') : t('composer.addNote');
  const closed = ticket.status === 'closed';
  if (closed) return <Alert color="gray">{t('composer.closed')}</Alert>;

  return (
    <Stack
      gap="xs"
      component="section"
      aria-label={t('composer.label')}
      onDragOver={(e) => e.dataTransfer.types.includes('Files') && e.preventDefault()}
      onDrop={(e) => {
        if (!e.dataTransfer.files.length) return;
        e.preventDefault();
        addFiles([...e.dataTransfer.files]);
      }}
    >
      <Group justify="space-between">
        <SegmentedControl
          value={mode}
          onChange={(v) => setMode(v as 'public' | 'note')}
          data={[
            {
              value: 'public',
              disabled: lightAgent,
              label: (
                <Group gap={6} wrap="nowrap">
                  <IconMessage size={16} aria-hidden />
                  {t('composer.publicReply')}
                </Group>
              ),
            },
            {
              value: 'note',
              label: (
                <Group gap={6} wrap="nowrap">
                  <IconLock size={16} aria-hidden />
                  {t('composer.internalNote')}
                </Group>
              ),
            },
          ]}
          aria-label={t('composer.mode')}
          color={mode === 'note' ? 'yellow.8' : 'blue'}
        />
        {macros.data && macros.data.length > 0 && (
          <Menu position="bottom-end">
            <Menu.Target>
              <Button variant="subtle" size="xs" leftSection={<IconWand size={16} aria-hidden />}>
                {t('composer.macros')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {macros.data.map((m) => (
                <Menu.Item key={m.id} onClick={() => void applyMacro(m.id)}>
                  {m.title}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      {mode === 'public' && (
        <Text size="xs" c="dimmed">
          {t('composer.publicHint')}
        </Text>
      )}
      {mode === 'note' && (
        <Text size="xs" c="yellow.9">
          {t('composer.noteHint')}
        </Text>
      )}
      <RichText
        ref={editor}
        tone={mode}
        label={mode === 'public' ? t('composer.replyLabel') : t('composer.noteLabel')}
        placeholder={mode === 'public' ? t('composer.replyPlaceholder') : t('composer.notePlaceholder')}
        onInput={onInput}
        onSubmitShortcut={() => void submit()}
      />
      <Attachments uploads={uploads} onAdd={addFiles} onRemove={removeFile} disabled={sending} />
      <SuggestedArticles
        text={`${ticket.subject}\n${ticket.description}`}
        ticketId={ticket.id}
        onInsert={(text) => editor.current?.insertText(text)}
      />
      {stale && (
        <Alert color="orange" title={t('composer.staleTitle')} role="alert" data-testid="stale-warning">
          <Stack gap="xs">
            <Text size="sm">{t('composer.staleBody')}</Text>
            <Group>
              <Button size="xs" color="orange" onClick={() => void submit(undefined, true)} loading={sending}>
                {t('composer.sendAnyway')}
              </Button>
              <Button size="xs" variant="subtle" color="orange" onClick={() => setStale(false)}>
                {t('composer.keepEditing')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {error && (
        <Alert
          color="red"
          role="alert"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setError(null)}
        >
          {error}
        </Alert>
      )}
      <Group justify="flex-end" gap={0}>
        <Button
          onClick={() => void submit()}
          loading={sending}
          disabled={(empty && !hasChanges) || uploading}
          color={mode === 'note' ? 'yellow.8' : 'blue'}
          style={{ borderStartEndRadius: 0, borderEndEndRadius: 0 }}
          data-testid="send"
        >
          {empty && hasChanges ? t('composer.saveChanges') : sendLabel}
        </Button>
        <Menu position="top-end">
          <Menu.Target>
            <Button
              color={mode === 'note' ? 'yellow.8' : 'blue'}
              px={8}
              disabled={sending}
              aria-label={t('composer.sendAs')}
              data-testid="send-as"
              style={{
                borderStartStartRadius: 0,
                borderEndStartRadius: 0,
                borderInlineStart: '1px solid rgba(255,255,255,.4)',
              }}
            >
              <IconChevronDown size={16} aria-hidden />
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('composer.sendAs')}</Menu.Label>
            {SUBMIT_STATUSES.map((s) => (
              <Menu.Item key={s} onClick={() => void submit(s)} data-testid={`send-as-${s}`}>
                {t('composer.submitAs', { status: t(`ticket.status.${s}`) })}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Stack>
  );
}
