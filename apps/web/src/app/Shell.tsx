import {
  ActionIcon,
  AppShell,
  Burger,
  Group,
  Indicator,
  Kbd,
  Menu,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconKeyboard, IconLanguage, IconLogout, IconSearch, IconUserCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate } from 'react-router';
import { ApiError, api } from '../api/client';
import { ShortcutsModal } from '../features/inbox/ShortcutsModal';
import { PresenceMenu } from '../features/routing/PresenceMenu';
import { applyLanguage, LANGUAGES } from '../i18n';
import { ToastProvider, useToast } from '../ui/toast';
import { Navigation } from './Navigation';
import { useConnectionState } from './realtime-context';
import { useSession } from './session';

export function Shell() {
  const [opened, { toggle }] = useDisclosure();
  const [shortcuts, shortcutsHandlers] = useDisclosure(false);
  const { t } = useTranslation();
  const searchRef = useRef<HTMLInputElement>(null);
  useHotkeys([
    ['shift+?', shortcutsHandlers.open],
    ['?', shortcutsHandlers.open],
    ['/', () => searchRef.current?.focus()],
  ]);

  return (
    <ToastProvider>
      <a href="#main" className="fl-skip">
        {t('shell.skipToContent')}
      </a>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('shell.menu')}
              />
              <Text component={Link} to="/agent" fw={700} size="lg" c="blue.8" td="none">
                Frontline
              </Text>
            </Group>
            <SearchBox inputRef={searchRef} />
            <Group gap="xs" wrap="nowrap">
              <PresenceMenu />
              <LiveDot />
              <Tooltip label={t('shortcuts.title')}>
                <ActionIcon
                  variant="subtle"
                  onClick={shortcutsHandlers.open}
                  aria-label={t('shortcuts.title')}
                >
                  <IconKeyboard size={20} aria-hidden />
                </ActionIcon>
              </Tooltip>
              <LanguageMenu />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm">
          <Navigation />
        </AppShell.Navbar>
        <AppShell.Main id="main">
          <Outlet />
        </AppShell.Main>
      </AppShell>
      <ShortcutsModal opened={shortcuts} onClose={shortcutsHandlers.close} />
    </ToastProvider>
  );
}

function SearchBox({ inputRef }: { inputRef: React.RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is too new for some screen readers; a form with role search is the established pattern
    <form
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        if (query.trim()) navigate(`/agent/search?q=${encodeURIComponent(query.trim())}`);
      }}
      style={{ flex: 1, maxWidth: 420 }}
    >
      <TextInput
        ref={inputRef}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        placeholder={t('shell.searchPlaceholder')}
        aria-label={t('shell.search')}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={<Kbd size="xs">/</Kbd>}
        visibleFrom="xs"
      />
    </form>
  );
}

function LiveDot() {
  const { t } = useTranslation();
  const state = useConnectionState();
  const label = t(`shell.live.${state}`);
  return (
    <Tooltip label={label}>
      <Indicator
        color={state === 'open' ? 'green' : state === 'connecting' ? 'yellow' : 'red'}
        size={10}
        position="middle-center"
        processing={state === 'connecting'}
        data-live={state}
      >
        <span style={{ display: 'inline-block', width: 12, height: 12 }} />
        <VisuallyHidden>{label}</VisuallyHidden>
      </Indicator>
    </Tooltip>
  );
}

function LanguageMenu() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const toast = useToast();
  const queryClient = useQueryClient();
  const choose = async (locale: string) => {
    applyLanguage(locale);
    try {
      // PUT /users/me; a server without it falls back to the user's own record.
      await api
        .put('/api/v2/users/me', { user: { locale } })
        .catch((e) =>
          e instanceof ApiError && [404, 405, 422].includes(e.status)
            ? api.put(`/api/v2/users/${session.user.id}`, { user: { locale } })
            : Promise.reject(e),
        );
      await queryClient.invalidateQueries({ queryKey: ['session'] });
    } catch {
      toast(t('shell.languageNotSaved'), 'yellow');
    }
  };
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <ActionIcon variant="subtle" aria-label={t('shell.language')} data-testid="language-menu">
          <IconLanguage size={20} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('shell.language')}</Menu.Label>
        {LANGUAGES.map((l) => (
          <Menu.Item
            key={l.locale}
            onClick={() => void choose(l.locale)}
            lang={l.code}
            dir={l.dir}
            fw={i18n.language === l.code ? 700 : 400}
            aria-current={i18n.language === l.code ? 'true' : undefined}
          >
            {l.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const logout = async () => {
    await api.post('/auth/logout').catch(() => {});
    navigate('/login');
    window.location.reload();
  };
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.account')}>
          <Group gap={6} wrap="nowrap">
            <IconUserCircle size={22} aria-hidden />
            <Text size="sm" visibleFrom="md">
              {session.user.name}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} to={`/agent/users/${session.user.id}`}>
          {t('shell.profile')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void logout()}>
          {t('shell.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
