import { Badge } from '@mantine/core';
import { IconClockHour4, IconClockPause, IconFlame } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TicketWorkflow } from '../../api/types';
import { useNow } from '../../ui/use-now';
import { durationUnit, slaStatus } from './sla-status';

/** "First reply breaches in 12 min", orange once warned, red when breached. */
export function SlaBadge({ targets }: { targets: TicketWorkflow['sla_targets'] }) {
  const { t } = useTranslation();
  const duration = useDuration();
  const status = slaStatus(targets, useNow());
  if (!status) return null;
  const metric = t(`sla.metrics.${status.metric}`, { defaultValue: status.metric });
  if (status.kind === 'paused')
    return (
      <Badge
        color="gray"
        variant="light"
        tt="none"
        leftSection={<IconClockPause size={12} aria-hidden />}
        data-testid="sla-badge"
        data-sla="paused"
      >
        {t('sla.badge.paused', { metric })}
      </Badge>
    );
  const breached = status.kind === 'breached';
  return (
    <Badge
      color={breached ? 'red' : status.kind === 'warning' ? 'orange' : 'teal'}
      variant={breached ? 'filled' : 'light'}
      tt="none"
      leftSection={breached ? <IconFlame size={12} aria-hidden /> : <IconClockHour4 size={12} aria-hidden />}
      data-testid="sla-badge"
      data-sla={status.kind}
    >
      {!breached
        ? t('sla.badge.due', { metric, duration: duration(status.minutes) })
        : status.minutes < 1
          ? t('sla.badge.breachedNow', { metric })
          : t('sla.badge.breached', { metric, duration: duration(status.minutes) })}
    </Badge>
  );
}

/** "12 min", "3 hr", "2 days" in the UI language. */
export function useDuration() {
  const { i18n } = useTranslation();
  return (minutes: number) => {
    const { value, unit } = durationUnit(minutes);
    return new Intl.NumberFormat(i18n.language, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
  };
}
