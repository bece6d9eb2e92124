import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Swarm, Ticket } from '../../api/types';
import { useSession } from '../../app/session';
import { useFormat } from '../../i18n/format';
import { ErrorAlert } from '../../ui/states';
import { useAdminForm } from '../admin/admin-form';
import { useAgents } from '../inbox/people-api';
import { nobody, type Who, WhoFields, whoBody } from './SwarmWho';
import { useSwarm } from './workflow-api';

/**
 * Swarming: call colleagues into the ticket by name, skill or group instead of handing it
 * off. They follow the ticket and talk in the swarm's private thread; their time is recorded.
 */
export function SwarmPanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const swarm = useSwarm(ticket.id);
  const active = swarm.data?.status === 'active' ? swarm.data : null;
  return (
    <Stack gap={6} data-testid="swarm">
      <Group gap="xs">
        <IconUsersGroup size={16} aria-hidden />
        <Title order={2} size="h6">
          {t('workflow.swarm.title')}
        </Title>
        {active && (
          <Badge color="grape" variant="light">
            {t('workflow.swarm.active')}
          </Badge>
        )}
      </Group>
      {active ? <ActiveSwarm ticket={ticket} swarm={active} /> : <CallIn ticket={ticket} />}
    </Stack>
  );
}

function CallIn({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const form = useAdminForm(['ticket', ticket.id]);
  const [reason, setReason] = useState('');
  const [who, setWho] = useState<Who>(nobody);
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <Stack gap={6}>
        <Text size="xs" c="dimmed">
          {t('workflow.swarm.hint')}
        </Text>
        <Group>
          <Button
            size="xs"
            variant="light"
            color="grape"
            onClick={() => setOpen(true)}
            data-testid="swarm-open"
          >
            {t('workflow.swarm.callIn')}
          </Button>
        </Group>
      </Stack>
    );
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await form.run(
          () => api.post(`/api/v2/frontline/tickets/${ticket.id}/swarm`, { reason, ...whoBody(who) }),
          t('workflow.swarm.started'),
        );
        if (ok) {
          setReason('');
          setWho(nobody);
          setOpen(false);
        }
      }}
    >
      <Stack gap={6}>
        {form.errors.base && <Alert color="red">{form.errors.base}</Alert>}
        <Textarea
          size="xs"
          label={t('workflow.swarm.reason')}
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={form.errors.reason}
          dir="auto"
          data-testid="swarm-reason"
        />
        <WhoFields value={who} onChange={setWho} error={form.errors.user_ids} />
        <Group justify="flex-end">
          <Button size="xs" variant="subtle" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
          <Button
            size="xs"
            type="submit"
            color="grape"
            variant="light"
            loading={form.busy}
            data-testid="swarm-start"
          >
            {t('workflow.swarm.start')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ActiveSwarm({ ticket, swarm }: { ticket: Ticket; swarm: Swarm }) {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const agents = useAgents();
  const form = useAdminForm(['ticket', ticket.id]);
  const [message, setMessage] = useState('');
  const [inviting, setInviting] = useState(false);
  const [who, setWho] = useState<Who>(nobody);
  const name = (id: number) => agents.data?.find((a) => a.id === id)?.name ?? `#${id}`;
  const me = swarm.members.find((m) => m.user_id === session.user.id);
  const path = `/api/v2/frontline/tickets/${ticket.id}/swarm`;
  const step = (s: 'join' | 'leave' | 'close') =>
    form.run(() => api.post(`${path}/${s}`), t(`workflow.swarm.done.${s}`));
  return (
    <Stack gap={6}>
      <Text size="sm" dir="auto">
        {swarm.reason}
      </Text>
      <ErrorAlert message={form.message} p="xs" />
      <Group gap={4}>
        {swarm.members.map((m) => (
          <Badge
            key={m.user_id}
            tt="none"
            variant={m.active ? 'filled' : 'light'}
            color={m.active ? 'grape' : 'gray'}
            title={t('workflow.swarm.minutes', { count: m.minutes_spent })}
          >
            {name(m.user_id)}
            {m.joined_at ? '' : ` · ${t('workflow.swarm.invited')}`}
          </Badge>
        ))}
      </Group>
      <Group gap="xs">
        {me && !me.active && (
          <Button size="compact-xs" color="grape" onClick={() => void step('join')} data-testid="swarm-join">
            {t('workflow.swarm.join')}
          </Button>
        )}
        {me?.active && (
          <Button size="compact-xs" variant="light" onClick={() => void step('leave')}>
            {t('workflow.swarm.leave')}
          </Button>
        )}
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => setInviting(!inviting)}
          aria-expanded={inviting}
        >
          {t('workflow.swarm.invite')}
        </Button>
        <Button size="compact-xs" variant="subtle" color="red" onClick={() => void step('close')}>
          {t('workflow.swarm.close')}
        </Button>
      </Group>
      {inviting && (
        <Paper withBorder p="xs">
          <Stack gap={6}>
            <WhoFields value={who} onChange={setWho} />
            <Group justify="flex-end">
              <Button
                size="compact-xs"
                onClick={async () => {
                  if (
                    await form.run(
                      () => api.post(`${path}/invite`, whoBody(who)),
                      t('workflow.swarm.invitedDone'),
                    )
                  ) {
                    setInviting(false);
                    setWho(nobody);
                  }
                }}
              >
                {t('workflow.swarm.sendInvite')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      <Stack
        gap={4}
        component="ol"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label={t('workflow.swarm.thread')}
      >
        {swarm.messages.map((m) => (
          <Paper key={m.id} component="li" p={6} bg="grape.0" data-testid="swarm-message">
            <Text size="xs" fw={600}>
              {name(m.author_id)}{' '}
              <Text span size="xs" c="dimmed" fw={400}>
                {format.relative(m.created_at)}
              </Text>
            </Text>
            <Text size="sm" className="fl-body" dir="auto">
              {m.body}
            </Text>
          </Paper>
        ))}
      </Stack>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (await form.run(() => api.post(`${path}/messages`, { body: message }), t('workflow.swarm.sent')))
            setMessage('');
        }}
      >
        <Stack gap={4}>
          <Textarea
            size="xs"
            autosize
            minRows={2}
            placeholder={t('workflow.swarm.messagePlaceholder')}
            aria-label={t('workflow.swarm.message')}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
            error={form.errors.body}
            dir="auto"
            data-testid="swarm-message-input"
          />
          <Group justify="flex-end">
            <Button
              size="compact-sm"
              type="submit"
              color="grape"
              disabled={!message.trim()}
              loading={form.busy}
            >
              {t('workflow.swarm.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
