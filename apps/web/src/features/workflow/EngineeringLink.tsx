import { Anchor, Badge, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconBug } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Ticket, TicketWorkflow } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { ErrorAlert } from '../../ui/states';
import { useAdminForm } from '../admin/admin-form';

/**
 * Tier 3's hand-off to engineering: link the issue (the ticket waits on hold, "awaiting
 * fix"); when the fix ships it comes back to be verified before the customer is answered.
 */
export function EngineeringLink({ ticket, workflow }: { ticket: Ticket; workflow: TicketWorkflow }) {
  const { t } = useTranslation();
  const format = useFormat();
  const form = useAdminForm(['ticket', ticket.id]);
  const [url, setUrl] = useState('');
  const issue = workflow.engineering_issue;
  const path = `/api/v2/frontline/tickets/${ticket.id}/engineering_issue`;
  const setStatus = (status: 'shipped' | 'verified' | 'open') =>
    form.run(() => api.put(path, { status }), t(`workflow.engineering.done.${status}`));
  return (
    <Stack gap={6} data-testid="engineering">
      <Group gap="xs">
        <IconBug size={16} aria-hidden />
        <Title order={2} size="h6">
          {t('workflow.engineering.title')}
        </Title>
        {issue && (
          <Badge
            variant="light"
            color={issue.status === 'verified' ? 'green' : issue.status === 'shipped' ? 'teal' : 'orange'}
            data-testid="engineering-status"
          >
            {t(`workflow.engineering.status.${issue.status}`)}
          </Badge>
        )}
      </Group>
      <ErrorAlert message={form.message} p="xs" />
      {issue ? (
        <>
          <Anchor
            href={issue.url}
            target="_blank"
            rel="noopener noreferrer"
            size="sm"
            dir="ltr"
            style={{ overflowWrap: 'anywhere' }}
          >
            {issue.url}
          </Anchor>
          <Text size="xs" c="dimmed">
            {t('workflow.engineering.linked', { when: format.relative(issue.created_at) })}
            {issue.shipped_at
              ? ` · ${t('workflow.engineering.shippedAt', { when: format.relative(issue.shipped_at) })}`
              : ''}
          </Text>
          <Group gap="xs">
            {issue.status === 'open' && (
              <Button
                size="xs"
                variant="light"
                loading={form.busy}
                onClick={() => void setStatus('shipped')}
                data-testid="fix-shipped"
              >
                {t('workflow.engineering.markShipped')}
              </Button>
            )}
            {issue.status === 'shipped' && (
              <>
                <Button
                  size="xs"
                  color="green"
                  loading={form.busy}
                  onClick={() => void setStatus('verified')}
                  data-testid="fix-verified"
                >
                  {t('workflow.engineering.verify')}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="orange"
                  disabled={form.busy}
                  onClick={() => void setStatus('open')}
                >
                  {t('workflow.engineering.notFixed')}
                </Button>
              </>
            )}
          </Group>
        </>
      ) : (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (await form.run(() => api.post(path, { url }), t('workflow.engineering.done.linked')))
              setUrl('');
          }}
        >
          <Stack gap={6}>
            <Text size="xs" c="dimmed">
              {t('workflow.engineering.hint')}
            </Text>
            <TextInput
              size="xs"
              type="url"
              required
              placeholder="https://tracker.example.com/ENG-1423"
              aria-label={t('workflow.engineering.url')}
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              error={form.errors.url ?? form.errors.group_id ?? form.errors.status}
              dir="ltr"
              data-testid="engineering-url"
            />
            <Group justify="flex-end">
              <Button
                size="xs"
                type="submit"
                variant="light"
                loading={form.busy}
                data-testid="engineering-link"
              >
                {t('workflow.engineering.link')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
