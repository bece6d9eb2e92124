import { Badge, Tooltip, VisuallyHidden } from '@mantine/core';
import {
  IconApi,
  IconBrandFacebook,
  IconBrandX,
  IconDeviceMobile,
  IconForms,
  IconGitMerge,
  IconMail,
  IconMessageCircle,
  IconPhone,
  IconRobot,
  IconWorld,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const STATUS_COLORS: Record<string, string> = {
  new: 'yellow',
  open: 'red',
  pending: 'blue',
  hold: 'dark',
  solved: 'gray',
  closed: 'gray',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLORS[status] ?? 'gray'}
      variant={status === 'new' ? 'light' : 'filled'}
      radius="sm"
    >
      {t(`ticket.status.${status}`)}
    </Badge>
  );
}

const PRIORITY_COLORS: Record<string, string> = {
  low: 'gray',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export function PriorityBadge({ priority }: { priority: string | null }) {
  const { t } = useTranslation();
  if (!priority)
    return (
      <span>
        <span aria-hidden>—</span>
        <VisuallyHidden>{t('ticket.priority.none')}</VisuallyHidden>
      </span>
    );
  return (
    <Badge color={PRIORITY_COLORS[priority]} variant="outline" radius="sm">
      {t(`ticket.priority.${priority}`)}
    </Badge>
  );
}

const CHANNEL_ICONS: Record<string, typeof IconMail> = {
  email: IconMail,
  web: IconWorld,
  web_form: IconForms,
  api: IconApi,
  chat: IconMessageCircle,
  facebook: IconBrandFacebook,
  twitter: IconBrandX,
  voice: IconPhone,
  mobile: IconDeviceMobile,
  app_store: IconDeviceMobile,
  merge: IconGitMerge,
  rule: IconRobot,
  closed_ticket: IconGitMerge,
};

export function ChannelIcon({ channel, size = 16 }: { channel: string; size?: number }) {
  const { t } = useTranslation();
  const Icon = CHANNEL_ICONS[channel] ?? IconWorld;
  const label = t(`channel.${channel}`, { defaultValue: channel });
  return (
    <Tooltip label={label}>
      <span role="img" aria-label={label} style={{ display: 'inline-flex' }}>
        <Icon size={size} aria-hidden />
      </span>
    </Tooltip>
  );
}
