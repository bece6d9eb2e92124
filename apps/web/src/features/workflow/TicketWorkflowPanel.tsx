import { Alert, Badge, Divider, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconHourglass } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Ticket, Group as TicketGroup } from '../../api/types';
import { useScreenStrings } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { PageError } from '../../ui/states';
import { useNow } from '../../ui/use-now';
import { useDuration } from '../sla/SlaBadge';
import { EmpoweredActions } from './EmpoweredActions';
import { EngineeringLink } from './EngineeringLink';
import { EscalateForm } from './EscalateForm';
import { NotificationsSection } from './NotificationsSection';
import { SwarmPanel } from './SwarmPanel';
import { useTicketWorkflow } from './workflow-api';

/** The ticket's tier and timer, SLA targets, hand-offs, swarm, engineering link and empowered actions. */
export default function TicketWorkflowPanel({ ticket, groups }: { ticket: Ticket; groups: TicketGroup[] }) {
  useScreenStrings();
  const workflow = useTicketWorkflow(ticket.id);
  if (workflow.error) return <PageError error={workflow.error} onRetry={() => workflow.refetch()} />;
  if (!workflow.data) return <Skeleton h={240} />;
  const w = workflow.data;
  const tier = w.tier ?? groups.find((g) => g.id === ticket.group_id)?.tier ?? null;
  const closed = ticket.status === 'solved' || ticket.status === 'closed';
  return (
    <Stack gap="md" data-testid="workflow-panel">
      <TierSection workflow={w} tier={tier} />
      {!closed && <EscalateForm ticket={ticket} />}
      <Divider />
      <SlaTargets workflow={w} />
      {(tier === 3 || w.engineering_issue) && (
        <>
          <Divider />
          <EngineeringLink ticket={ticket} workflow={w} />
        </>
      )}
      <Divider />
      <SwarmPanel ticket={ticket} />
      <Divider />
      <EmpoweredActions ticket={ticket} />
      <Divider />
      <NotificationsSection ticketId={ticket.id} />
      {w.escalations.length > 0 && (
        <>
          <Divider />
          <HandOffs workflow={w} />
        </>
      )}
    </Stack>
  );
}

type Workflow = NonNullable<ReturnType<typeof useTicketWorkflow>['data']>;

function TierSection({ workflow, tier }: { workflow: Workflow; tier: number | null }) {
  const { t } = useTranslation();
  const duration = useDuration();
  const now = useNow();
  const minutesLeft = workflow.escalate_at
    ? Math.ceil((new Date(workflow.escalate_at).getTime() - now.getTime()) / 60_000)
    : null;
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Title order={2} size="h6">
          {t('workflow.tier')}
        </Title>
        <Badge variant="outline" color="grape" data-testid="panel-tier">
          {tier ? t('ticket.tier', { tier }) : t('workflow.noTier')}
        </Badge>
        {workflow.engineering_state && (
          <Badge color={workflow.engineering_state === 'verify' ? 'teal' : 'orange'} variant="light">
            {t(`workflow.engineering.state.${workflow.engineering_state}`)}
          </Badge>
        )}
      </Group>
      {minutesLeft !== null && (
        <Text size="sm" c={minutesLeft <= 5 ? 'orange.8' : undefined}>
          <IconHourglass size={14} aria-hidden style={{ verticalAlign: 'middle' }} />{' '}
          {minutesLeft > 0
            ? t('workflow.escalatesIn', { duration: duration(minutesLeft) })
            : t('workflow.escalatingNow')}
        </Text>
      )}
      {workflow.queued && (
        <Alert color="orange" variant="light" p="xs">
          {t('workflow.queued')}
          {workflow.required_level &&
            ` ${t('workflow.needsLevel', { level: t(`admin.levels.${workflow.required_level}`) })}`}
          {workflow.required_skills.length > 0 &&
            ` ${t('workflow.needsSkills', { skills: workflow.required_skills.join(', ') })}`}
        </Alert>
      )}
      {!workflow.queued && (workflow.required_level || workflow.required_skills.length > 0) && (
        <Text size="xs" c="dimmed">
          {workflow.required_level &&
            t('workflow.needsLevel', { level: t(`admin.levels.${workflow.required_level}`) })}{' '}
          {workflow.required_skills.length > 0 &&
            t('workflow.needsSkills', { skills: workflow.required_skills.join(', ') })}
        </Text>
      )}
    </Stack>
  );
}

function SlaTargets({ workflow }: { workflow: Workflow }) {
  const { t } = useTranslation();
  const format = useFormat();
  const duration = useDuration();
  const now = useNow();
  const targets = workflow.sla_targets.filter((x) => x.stage !== 'cancelled');
  return (
    <Stack gap={6}>
      <Title order={2} size="h6">
        {t('workflow.sla')}
      </Title>
      {targets.length === 0 && (
        <Text size="sm" c="dimmed">
          {workflow.sla_policy_id ? t('workflow.noTargets') : t('workflow.noPolicy')}
        </Text>
      )}
      {targets.map((x) => {
        const breached = x.breached_at !== null || (x.minutes_to_breach !== null && x.minutes_to_breach < 0);
        return (
          <Group
            key={`${x.metric}-${x.instance}`}
            justify="space-between"
            wrap="nowrap"
            data-testid={`sla-target-${x.metric}`}
          >
            <div>
              <Text size="sm">{t(`sla.metrics.${x.metric}`, { defaultValue: x.metric })}</Text>
              <Text size="xs" c="dimmed">
                {t('workflow.target', { duration: duration(x.target_minutes) })}
                {x.business_hours ? ` · ${t('workflow.businessHours')}` : ''}
              </Text>
            </div>
            <Stack gap={0} align="flex-end">
              <Badge
                color={
                  breached ? 'red' : x.stage === 'achieved' ? 'green' : x.stage === 'paused' ? 'gray' : 'teal'
                }
                variant={breached ? 'filled' : 'light'}
              >
                {breached ? t('workflow.stage.breached') : t(`workflow.stage.${x.stage}`)}
              </Badge>
              {x.breach_at && x.stage === 'active' && (
                <Text size="xs" c="dimmed" title={format.dateTime(x.breach_at)}>
                  {breached
                    ? format.relative(x.breach_at)
                    : t('workflow.dueIn', {
                        duration: duration(
                          Math.ceil((new Date(x.breach_at).getTime() - now.getTime()) / 60_000),
                        ),
                      })}
                </Text>
              )}
            </Stack>
          </Group>
        );
      })}
    </Stack>
  );
}

function HandOffs({ workflow }: { workflow: Workflow }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap={4}>
      <Title order={2} size="h6">
        {t('workflow.handOffs')}
      </Title>
      {workflow.escalations.map((e) => (
        <Text key={e.id} size="xs">
          <Text span fw={600} size="xs">
            {t(`workflow.kinds.${e.kind}`)}
          </Text>{' '}
          {e.from_tier && e.to_tier
            ? `${t('ticket.tier', { tier: e.from_tier })} → ${t('ticket.tier', { tier: e.to_tier })} · `
            : ''}
          <span dir="auto">{e.reason}</span> · {format.relative(e.created_at)}
        </Text>
      ))}
    </Stack>
  );
}
