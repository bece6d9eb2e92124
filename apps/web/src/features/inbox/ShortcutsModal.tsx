import { Group, Kbd, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const SHORTCUTS: [string[], string][] = [
  [['j'], 'shortcuts.next'],
  [['k'], 'shortcuts.previous'],
  [['Enter'], 'shortcuts.open'],
  [['x'], 'shortcuts.select'],
  [['/'], 'shortcuts.search'],
  [['r'], 'shortcuts.reply'],
  [['n'], 'shortcuts.note'],
  [['Ctrl', 'Enter'], 'shortcuts.send'],
  [['Esc'], 'shortcuts.back'],
  [['?'], 'shortcuts.help'],
];

export function ShortcutsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('shortcuts.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="xs">
        {SHORTCUTS.map(([keys, label]) => (
          <Group key={label} justify="space-between">
            <Text size="sm">{t(label)}</Text>
            <Group gap={4}>
              {keys.map((k) => (
                <Kbd key={k}>{k}</Kbd>
              ))}
            </Group>
          </Group>
        ))}
      </Stack>
    </Modal>
  );
}
