import { ActionIcon, Badge, Button, Group, Loader, Text } from '@mantine/core';
import { IconPaperclip, IconX } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useFormat } from '../../i18n/format';
import { useErrorText } from '../../ui/states';

export type PendingUpload = { key: number; name: string; size: number; token: string | null; error?: string };

let nextUpload = 1;

/** Files for the next comment: each goes up at once (`POST /uploads?filename=`); its token rides on the comment. */
export function useUploads() {
  const errorText = useErrorText();
  const [uploads, setUploads] = useState<PendingUpload[]>([]);
  const settle = (key: number, change: Partial<PendingUpload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));
  function addFiles(files: File[]) {
    for (const file of files) {
      const key = nextUpload++;
      setUploads((list) => [...list, { key, name: file.name, size: file.size, token: null }]);
      api
        .upload<{ upload: { token: string } }>(
          `/api/v2/uploads?filename=${encodeURIComponent(file.name)}`,
          file,
        )
        .then(({ upload }) => settle(key, { token: upload.token }))
        .catch((e) => settle(key, { error: errorText(e) }));
    }
  }
  function removeFile(upload: PendingUpload) {
    setUploads((list) => list.filter((u) => u.key !== upload.key));
    if (upload.token) void api.delete(`/api/v2/uploads/${upload.token}`).catch(() => {});
  }
  return { uploads, addFiles, removeFile, clearUploads: () => setUploads([]) };
}

/** The files waiting to go with the reply, and the button that adds more. */
export function Attachments({
  uploads,
  onAdd,
  onRemove,
  disabled,
}: {
  uploads: PendingUpload[];
  onAdd(files: File[]): void;
  onRemove(upload: PendingUpload): void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const input = useRef<HTMLInputElement>(null);
  return (
    <Group gap="xs" wrap="wrap">
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="attach-input"
        onChange={(e) => {
          onAdd([...(e.currentTarget.files ?? [])]);
          e.currentTarget.value = '';
        }}
      />
      <Button
        size="compact-sm"
        variant="subtle"
        color="gray"
        leftSection={<IconPaperclip size={14} aria-hidden />}
        onClick={() => input.current?.click()}
        disabled={disabled}
      >
        {t('composer.attach')}
      </Button>
      {uploads.map((u) => (
        <Badge
          key={u.key}
          variant="light"
          color={u.error ? 'red' : 'gray'}
          tt="none"
          size="lg"
          leftSection={
            u.token === null && !u.error ? <Loader size={10} aria-label={t('composer.uploading')} /> : null
          }
          rightSection={
            <ActionIcon
              size="xs"
              variant="transparent"
              color="gray"
              aria-label={t('composer.removeFile', { name: u.name })}
              onClick={() => onRemove(u)}
            >
              <IconX size={12} aria-hidden />
            </ActionIcon>
          }
          data-testid="pending-upload"
        >
          <Text span size="xs" dir="auto">
            {u.name} ({format.number(Math.max(1, Math.ceil(u.size / 1024)))} KB)
            {u.error ? ` · ${u.error}` : ''}
          </Text>
        </Badge>
      ))}
    </Group>
  );
}
