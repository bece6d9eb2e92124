import { Badge, Button, ColorSwatch, Menu, Text } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { type Presence, useMyAgent, useSetPresence } from './routing-api';

const PRESENCES: Presence[] = ['online', 'away', 'offline'];
export const PRESENCE_COLORS: Record<Presence, string> = {
  online: 'var(--mantine-color-green-7)',
  away: 'var(--mantine-color-yellow-6)',
  offline: 'var(--mantine-color-gray-6)',
};

/**
 * The agent's own presence in the header. Agents start offline and get no assignments
 * until they go online, so the state is always visible and one click away.
 */
export function PresenceMenu() {
  const { t } = useTranslation();
  const me = useMyAgent();
  const setPresence = useSetPresence();
  const toast = useToast();
  const errorText = useErrorText();
  if (!me.data) return null;
  const current = me.data.presence;
  const choose = (presence: Presence) =>
    setPresence.mutate(
      { userId: 'me', presence },
      {
        onSuccess: () => toast(t(`presence.now.${presence}`)),
        onError: (e) => toast(errorText(e), 'red'),
      },
    );
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-sm"
          loading={setPresence.isPending}
          leftSection={
            <ColorSwatch color={PRESENCE_COLORS[current]} size={10} withShadow={false} aria-hidden />
          }
          rightSection={<IconChevronDown size={14} aria-hidden />}
          aria-label={t('presence.label', { presence: t(`presence.${current}`) })}
          title={t(`presence.hint.${current}`)}
          data-testid="presence-menu"
          data-presence={current}
        >
          <Text size="sm" span visibleFrom="md">
            {t(`presence.${current}`)}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('presence.title')}</Menu.Label>
        {PRESENCES.map((p) => (
          <Menu.Item
            key={p}
            onClick={() => choose(p)}
            leftSection={<ColorSwatch color={PRESENCE_COLORS[p]} size={10} withShadow={false} aria-hidden />}
            fw={p === current ? 700 : 400}
            aria-current={p === current ? 'true' : undefined}
            data-testid={`presence-${p}`}
          >
            {t(`presence.${p}`)}
            <Text size="xs" c="dimmed">
              {t(`presence.hint.${p}`)}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

export function PresenceBadge({ presence }: { presence: Presence }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={presence === 'online' ? 'green' : presence === 'away' ? 'yellow' : 'gray'}
      leftSection={<ColorSwatch color={PRESENCE_COLORS[presence]} size={8} withShadow={false} aria-hidden />}
    >
      {t(`presence.${presence}`)}
    </Badge>
  );
}
