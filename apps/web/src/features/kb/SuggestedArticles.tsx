import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconBook } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';

/** An article as the help center's suggestions endpoint returns it (Zendesk Guide's shape). */
export type SuggestedArticle = {
  id: number;
  title: string;
  html_url: string;
  body: string;
  snippet?: string;
};

type Props = {
  /** The ticket's text to match: its subject and latest comment. */
  text: string;
  /** The ticket, so an article flagged as outdated from here links back to it. */
  ticketId?: number;
  locale?: string;
  onInsert(text: string): void;
};

/** Plain text of an article body, for inserting into a reply. */
export function articleText(html: string) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return (doc.body.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}

const queryText = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 500);

/**
 * Articles that may answer the ticket, beside the composer: insert a link to one, or its
 * text, into the reply. Reads GET /api/v2/help_center/articles/suggestions (agents also
 * see internal articles there; nothing is logged as a customer search).
 */
export function SuggestedArticles({ text, ticketId, locale, onInsert }: Props) {
  const { t } = useTranslation();
  const query = queryText(text);
  const suggestions = useQuery({
    queryKey: ['kb', 'suggestions', query, locale ?? ''],
    enabled: query.length >= 3,
    staleTime: 60_000,
    retry: false,
    queryFn: () =>
      api.get<{ results: SuggestedArticle[] }>(
        `/api/v2/help_center/articles/suggestions?source=agent&per_page=3&query=${encodeURIComponent(query)}${locale ? `&locale=${encodeURIComponent(locale)}` : ''}`,
      ),
  });
  // An agent who finds an article wrong or out of date flags it; flags form the review queue.
  const flag = useMutation({
    mutationFn: (articleId: number) =>
      api.post(`/api/v2/help_center/articles/${articleId}/flags`, {
        flag: { ticket_id: ticketId ?? null, reason: ticketId ? `Flagged from ticket #${ticketId}` : '' },
      }),
  });
  const results = suggestions.data?.results ?? [];
  if (suggestions.isError || results.length === 0) return null;
  return (
    <Paper withBorder p="sm" data-testid="suggested-articles">
      <Group gap="xs" mb="xs">
        <IconBook size={16} />
        <Text fw={600} size="sm">
          {t('kb.suggested')}
        </Text>
      </Group>
      <Stack gap="xs">
        {results.map((article) => (
          <div key={article.id}>
            <Anchor href={article.html_url} target="_blank" rel="noopener" size="sm">
              {article.title}
            </Anchor>
            {article.snippet && (
              <Text size="xs" c="dimmed" lineClamp={2}>
                {article.snippet}
              </Text>
            )}
            <Group gap="xs" mt={4}>
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => onInsert(`${article.title}: ${article.html_url}`)}
              >
                {t('kb.insertLink')}
              </Button>
              <Button size="compact-xs" variant="subtle" onClick={() => onInsert(articleText(article.body))}>
                {t('kb.insertText')}
              </Button>
              {flag.isSuccess && flag.variables === article.id ? (
                <Text size="xs" c="dimmed" data-testid={`flagged-${article.id}`}>
                  {t('kb.flagged')}
                </Text>
              ) : (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="orange"
                  loading={flag.isPending && flag.variables === article.id}
                  onClick={() => flag.mutate(article.id)}
                  data-testid={`flag-${article.id}`}
                >
                  {t('kb.flagOutdated')}
                </Button>
              )}
            </Group>
          </div>
        ))}
      </Stack>
    </Paper>
  );
}
