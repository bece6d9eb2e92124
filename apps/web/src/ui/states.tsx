import {
  Alert,
  type AlertProps,
  Button,
  Center,
  Group,
  Loader,
  Stack,
  Text,
  type TextProps,
} from '@mantine/core';
import { IconAlertTriangle, IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="100vh" role="status" aria-live="polite">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

/** What an error means for the person, in their language. */
export function useErrorText() {
  const { t } = useTranslation();
  return (error: unknown) => {
    if (error instanceof ApiError) {
      if (error.status === 0) return t('errors.network');
      if (error.status === 404) return t('errors.notFound');
      if (error.status === 403) return t('errors.forbidden');
      if (error.status === 409) return t('errors.conflict');
      if (error.status >= 500) return t('errors.server');
      return error.message;
    }
    return t('errors.server');
  };
}

export function PageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t('errors.title')} m="md" role="alert">
      <Stack gap="xs">
        <Text size="sm">{text(error)}</Text>
        {onRetry && (
          <Group>
            <Button size="xs" variant="light" color="red" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <Center py="xl">
      <Stack align="center" gap="xs" maw={420} ta="center">
        <IconInbox size={40} stroke={1.4} aria-hidden color="var(--mantine-color-gray-6)" />
        <Text fw={600}>{title}</Text>
        {hint && (
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        )}
        {action}
      </Stack>
    </Center>
  );
}

/** An error shown where it happened (a form's, an action's); nothing when there is none. */
export function ErrorAlert({
  message,
  ...props
}: { message: ReactNode } & Omit<AlertProps, 'children' | 'color' | 'role' | 'title'>) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert" {...props}>
      {message}
    </Alert>
  );
}

/** A field's or a row's error, in small text beside it; nothing when there is none. */
export function FieldError({ message, ...props }: { message: ReactNode } & TextProps) {
  if (!message) return null;
  return (
    <Text size="xs" c="red.8" role="alert" dir="auto" {...props}>
      {message}
    </Text>
  );
}
