import { ActionIcon, Group, Paper, Tooltip } from '@mantine/core';
import { IconBold, IconItalic, IconLink, IconList, IconListNumbers } from '@tabler/icons-react';
import { forwardRef, useImperativeHandle, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export type RichTextHandle = {
  html(): string;
  text(): string;
  clear(): void;
  focus(): void;
  insertText(text: string): void;
};

type Props = {
  label: string;
  placeholder: string;
  onInput(): void;
  onSubmitShortcut(): void;
  tone: 'public' | 'note';
};

/**
 * A small rich-text box (bold, italic, lists, links) on contentEditable. The server
 * sanitizes the HTML it receives, so nothing typed or pasted here can carry script.
 */
export const RichText = forwardRef<RichTextHandle, Props>(function RichText(
  { label, placeholder, onInput, onSubmitShortcut, tone },
  ref,
) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useImperativeHandle(ref, () => ({
    html: () => box.current?.innerHTML ?? '',
    text: () => box.current?.textContent?.trim() ?? '',
    clear: () => {
      if (box.current) box.current.innerHTML = '';
    },
    focus: () => box.current?.focus(),
    insertText: (text: string) => {
      box.current?.focus();
      document.execCommand('insertText', false, text);
      onInput();
    },
  }));

  const command = (name: string, value?: string) => {
    box.current?.focus();
    document.execCommand(name, false, value);
    onInput();
  };
  const tools: [string, typeof IconBold, () => void][] = [
    ['composer.bold', IconBold, () => command('bold')],
    ['composer.italic', IconItalic, () => command('italic')],
    ['composer.bullets', IconList, () => command('insertUnorderedList')],
    ['composer.numbers', IconListNumbers, () => command('insertOrderedList')],
    [
      'composer.link',
      IconLink,
      () => {
        const url = window.prompt(t('composer.linkPrompt'));
        if (url && /^https?:\/\//i.test(url)) command('createLink', url);
      },
    ],
  ];

  return (
    <Paper withBorder bg={tone === 'note' ? 'yellow.0' : 'white'}>
      <Group gap={2} p={4} role="toolbar" aria-label={t('composer.formatting')}>
        {tools.map(([key, Icon, run]) => (
          <Tooltip key={key} label={t(key)}>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-label={t(key)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={run}
            >
              <Icon size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        ))}
      </Group>
      {/* biome-ignore lint/a11y/useSemanticElements: a rich-text box cannot be a textarea */}
      <div
        ref={box}
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        aria-placeholder={placeholder}
        data-placeholder={placeholder}
        contentEditable
        suppressContentEditableWarning
        tabIndex={0}
        dir="auto"
        data-testid="composer-body"
        onInput={onInput}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            onSubmitShortcut();
          }
        }}
        style={{
          minHeight: 110,
          maxHeight: 360,
          overflowY: 'auto',
          padding: '8px 12px',
          borderTop: '1px solid var(--mantine-color-gray-3)',
          outlineOffset: -2,
          fontSize: 14,
        }}
      />
    </Paper>
  );
});
