import {
  Alert,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, setCsrfToken } from '../../api/client';
import type { Session } from '../../api/types';
import { applyLanguage, LANGUAGES } from '../../i18n';
import { ErrorAlert } from '../../ui/states';

/** Where to go after signing in: only a path inside the agent app, never another site. */
export function safeNext(next: string | null) {
  return next && /^\/agent(\/|$|\?)/.test(next) ? next : '/agent';
}

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = `${t('login.title')} · Frontline`;
  }, [t]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api.post<Session>('/auth/login', { email, password });
      if (session.user.role === 'end-user') {
        await api.post('/auth/logout');
        setError(t('login.agentsOnly'));
        return;
      }
      setCsrfToken(session.csrf_token);
      applyLanguage(session.user.locale);
      queryClient.setQueryData(['session'], { ...session, group_ids: [] });
      await queryClient.invalidateQueries({ queryKey: ['session'] });
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('login.wrong'));
      else if (err instanceof ApiError && err.status === 429) setError(t('login.tooMany'));
      else if (err instanceof ApiError && err.status === 422) setError(t('login.missing'));
      else setError(t('errors.network'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="xl" w={380} component="main">
        <form onSubmit={submit} noValidate>
          <Stack>
            <div>
              <Text fw={700} c="blue.8" size="xl">
                Frontline
              </Text>
              <Title order={1} size="h3">
                {t('login.title')}
              </Title>
            </div>
            {params.get('denied') && <Alert color="yellow">{t('login.agentsOnly')}</Alert>}
            <ErrorAlert message={error} />
            <TextInput
              label={t('login.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              autoFocus
              name="email"
            />
            <PasswordInput
              visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
              label={t('login.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              name="password"
            />
            <Button type="submit" loading={busy} fullWidth>
              {t('login.submit')}
            </Button>
            <Group justify="center" gap="xs">
              {LANGUAGES.map((l) => (
                <Button
                  key={l.locale}
                  size="compact-xs"
                  variant={i18n.language === l.code ? 'light' : 'subtle'}
                  onClick={() => applyLanguage(l.locale)}
                  lang={l.code}
                >
                  {l.label}
                </Button>
              ))}
            </Group>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
