import { Anchor, Avatar, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconLock, IconPaperclip } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Comment, User } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { ChannelIcon } from '../../ui/badges';
import { EmailFrame } from './EmailFrame';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .map((p) => p[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();

/** The ticket's conversation: customer messages, public replies and internal notes, each look distinct. */
export function Conversation({ comments, users }: { comments: Comment[]; users: Map<number, User> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack
      gap="sm"
      component="ol"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label={t('ticket.conversation')}
    >
      {comments.map((comment) => {
        const author = users.get(comment.author_id);
        const fromAgent = author ? author.role !== 'end-user' : comment.author_id < 0;
        const kind = !comment.public ? 'note' : fromAgent ? 'public' : 'customer';
        const name = author?.name ?? (comment.author_id < 0 ? 'Frontline' : `#${comment.author_id}`);
        return (
          <Paper
            component="li"
            key={comment.id}
            withBorder
            p="sm"
            className={`fl-${kind}`}
            data-comment-kind={kind}
            data-comment-id={comment.id}
          >
            <Group justify="space-between" mb={6} wrap="nowrap" align="flex-start">
              <Group gap="xs" wrap="nowrap">
                <Avatar size="sm" radius="xl" color={fromAgent ? 'blue' : 'gray'} aria-hidden>
                  {initials(name)}
                </Avatar>
                <div>
                  <Text size="sm" fw={600}>
                    {name}
                  </Text>
                  <Group gap={6}>
                    <ChannelIcon channel={comment.via.channel} size={14} />
                    <Text size="xs" c="dimmed" title={format.dateTime(comment.created_at)}>
                      {format.relative(comment.created_at)}
                    </Text>
                  </Group>
                </div>
              </Group>
              {kind === 'note' ? (
                <Badge
                  color="yellow.5"
                  c="dark.9"
                  variant="filled"
                  leftSection={<IconLock size={12} aria-hidden />}
                >
                  {t('ticket.internalNote')}
                </Badge>
              ) : (
                <Badge color={kind === 'public' ? 'blue' : 'gray'} variant="light">
                  {kind === 'public' ? t('ticket.publicReply') : t('ticket.customerMessage')}
                </Badge>
              )}
            </Group>
            {comment.via.channel === 'email' && comment.html_body ? (
              <EmailFrame html={comment.html_body} title={t('ticket.emailFrom', { name })} />
            ) : (
              <Text size="sm" className="fl-body" dir="auto">
                {comment.body}
              </Text>
            )}
            {comment.attachments.length > 0 && (
              <Group gap="xs" mt="xs">
                {comment.attachments.map((a) => (
                  <Anchor key={a.id} href={a.content_url} target="_blank" rel="noopener" size="sm">
                    <Group gap={4} wrap="nowrap">
                      <IconPaperclip size={14} aria-hidden />
                      {a.file_name}
                      <Text span size="xs" c="dimmed">
                        ({format.number(Math.ceil(a.size / 1024))} KB)
                      </Text>
                    </Group>
                  </Anchor>
                ))}
              </Group>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
