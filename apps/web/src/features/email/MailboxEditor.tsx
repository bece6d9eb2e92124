import {
  Alert,
  Button,
  Code,
  CopyButton,
  Divider,
  Group,
  NumberInput,
  Radio,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Mailbox } from '../../api/types';
import { useAdminForm } from '../admin/admin-form';
import { FormModal } from '../admin/FormModal';
import { useGroups } from '../inbox/people-api';
import { newSecret } from './email-api';
import { ImapSources } from './ImapSources';

/** A mailbox's address, default group and screening, its webhook secret (write-only) and IMAP sources. */
export function MailboxEditor({
  mailbox,
  onClose,
  onCreated,
}: {
  mailbox: Mailbox | null;
  onClose(): void;
  onCreated(mailbox: Mailbox): void;
}) {
  const { t } = useTranslation();
  const groups = useGroups();
  const form = useAdminForm(['mailboxes']);
  const [draft, setDraft] = useState({
    address: mailbox?.address ?? '',
    name: mailbox?.name ?? '',
    group: mailbox?.group_id ? String(mailbox.group_id) : '',
    default: mailbox?.default ?? false,
    active: mailbox?.active ?? true,
    foreign_reply_action: mailbox?.foreign_reply_action ?? 'new_ticket',
    require_authentication: mailbox?.require_authentication ?? false,
    trusted_authserv_id: mailbox?.trusted_authserv_id ?? '',
    sender_burst_limit: mailbox?.sender_burst_limit ?? 20,
  });
  /** A new secret to set; undefined leaves the stored one alone, null removes it. */
  const [secret, setSecret] = useState<string | null | undefined>(undefined);
  const set = (change: Partial<typeof draft>) => setDraft({ ...draft, ...change });

  const save = async () => {
    const body = {
      mailbox: {
        address: draft.address,
        name: draft.name,
        group_id: draft.group ? Number(draft.group) : null,
        default: draft.default,
        active: draft.active,
        foreign_reply_action: draft.foreign_reply_action,
        require_authentication: draft.require_authentication,
        trusted_authserv_id: draft.trusted_authserv_id.trim() || null,
        sender_burst_limit: Number(draft.sender_burst_limit),
        ...(secret !== undefined ? { inbound_secret: secret } : {}),
      },
    };
    let created: Mailbox | null = null;
    const ok = await form.run(
      async () => {
        if (mailbox) await api.put(`/api/v2/frontline/mailboxes/${mailbox.id}`, body);
        else created = (await api.post<{ mailbox: Mailbox }>('/api/v2/frontline/mailboxes', body)).mailbox;
      },
      mailbox ? t('admin.saved') : t('admin.mailboxes.created'),
    );
    if (!ok) return;
    setSecret(undefined);
    // A new mailbox stays open so its IMAP sources can be added next.
    if (created) onCreated(created);
    else onClose();
  };

  return (
    <FormModal
      title={mailbox ? t('admin.mailboxes.edit') : t('admin.mailboxes.add')}
      size="xl"
      testId="mailbox-editor"
      error={form.errors.base}
      onClose={onClose}
      onSubmit={save}
      after={
        <>
          <Divider label={t('admin.imap.title')} labelPosition="left" />
          {mailbox ? (
            <ImapSources mailbox={mailbox} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('admin.imap.later')}
            </Text>
          )}
        </>
      }
    >
      <Group grow align="flex-start">
        <TextInput
          label={t('admin.mailboxes.address')}
          type="email"
          required
          placeholder="support@example.com"
          value={draft.address}
          onChange={(e) => set({ address: e.currentTarget.value })}
          error={form.errors.address}
          dir="ltr"
          data-autofocus
        />
        <TextInput
          label={t('admin.mailboxes.name')}
          description={t('admin.mailboxes.nameHint')}
          value={draft.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          error={form.errors.name}
        />
      </Group>
      <Select
        label={t('admin.mailboxes.group')}
        description={t('admin.mailboxes.groupHint')}
        data={(groups.data ?? []).map((g) => ({ value: String(g.id), label: g.name }))}
        value={draft.group || null}
        clearable
        placeholder={t('admin.mailboxes.routingDecides')}
        onChange={(v) => set({ group: v ?? '' })}
        error={form.errors.group_id}
      />
      <Group>
        <Switch
          label={t('admin.active')}
          checked={draft.active}
          onChange={(e) => set({ active: e.currentTarget.checked })}
        />
        <Switch
          label={t('admin.mailboxes.default')}
          checked={draft.default}
          onChange={(e) => set({ default: e.currentTarget.checked })}
        />
      </Group>
      <Radio.Group
        label={t('admin.mailboxes.foreign')}
        description={t('admin.mailboxes.foreignHint')}
        value={draft.foreign_reply_action}
        onChange={(v) => set({ foreign_reply_action: v as typeof draft.foreign_reply_action })}
      >
        <Stack gap={6} mt={6}>
          <Radio value="new_ticket" label={t('admin.mailboxes.foreignNew')} />
          <Radio value="suspend" label={t('admin.mailboxes.foreignHold')} />
        </Stack>
      </Radio.Group>
      <Switch
        label={t('admin.mailboxes.requireAuth')}
        description={t('admin.mailboxes.requireAuthHint')}
        checked={draft.require_authentication}
        onChange={(e) => set({ require_authentication: e.currentTarget.checked })}
      />
      <Group grow align="flex-start">
        <TextInput
          label={t('admin.mailboxes.authserv')}
          description={t('admin.mailboxes.authservHint')}
          placeholder="mx.google.com"
          value={draft.trusted_authserv_id}
          onChange={(e) => set({ trusted_authserv_id: e.currentTarget.value })}
          error={form.errors.trusted_authserv_id}
          dir="ltr"
        />
        <NumberInput
          label={t('admin.mailboxes.burst')}
          description={t('admin.mailboxes.burstHint')}
          min={0}
          max={10000}
          allowDecimal={false}
          value={draft.sender_burst_limit}
          onChange={(v) => set({ sender_burst_limit: Number(v || 0) })}
          error={form.errors.sender_burst_limit}
        />
      </Group>
      <Divider label={t('admin.mailboxes.webhook')} labelPosition="left" />
      <Text size="sm" c="dimmed">
        {t('admin.mailboxes.webhookHint')}
      </Text>
      {mailbox && (
        <Group gap="xs" wrap="nowrap">
          <Code style={{ overflowWrap: 'anywhere' }} dir="ltr" data-testid="inbound-url">
            POST {mailbox.inbound_url}
          </Code>
          <CopyButton value={mailbox.inbound_url}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="light" onClick={copy}>
                {copied ? t('admin.tokens.copied') : t('admin.tokens.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      )}
      <Text size="sm">
        {secret === null
          ? t('admin.mailboxes.secretRemoved')
          : mailbox?.inbound_secret_set
            ? t('admin.mailboxes.secretSet')
            : t('admin.mailboxes.secretNotSet')}
      </Text>
      <Group align="flex-end" gap="xs">
        <TextInput
          label={t('admin.mailboxes.newSecret')}
          description={t('admin.mailboxes.newSecretHint')}
          w={380}
          value={secret ?? ''}
          onChange={(e) => setSecret(e.currentTarget.value || undefined)}
          error={form.errors.inbound_secret}
          autoComplete="off"
          dir="ltr"
          data-testid="inbound-secret"
        />
        <Button variant="light" onClick={() => setSecret(newSecret())}>
          {t('admin.mailboxes.generate')}
        </Button>
        {mailbox?.inbound_secret_set && (
          <Button variant="subtle" color="red" onClick={() => setSecret(null)}>
            {t('admin.mailboxes.removeSecret')}
          </Button>
        )}
      </Group>
      {secret && (
        <Alert color="yellow" variant="light">
          {t('admin.mailboxes.copySecret')}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="subtle" onClick={onClose}>
          {t('common.close')}
        </Button>
        <Button type="submit" loading={form.busy} data-testid="save-mailbox">
          {t('common.save')}
        </Button>
      </Group>
    </FormModal>
  );
}
