import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { EmptyState, ErrorAlert, PageError, useErrorText } from '../../ui/states';
import { type Article, KB_LOCALES, useArticles, useSections, useSegments } from './kb-api';

type Draft = {
  id: number | null;
  title: string;
  body: string;
  section_id: string | null;
  user_segment_id: string | null;
  draft: boolean;
};

const emptyDraft: Draft = {
  id: null,
  title: '',
  body: '',
  section_id: null,
  user_segment_id: null,
  draft: true,
};

/** Articles of one language, and an editor with a live preview (create, edit, publish). */
export function ArticlesPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [locale, setLocale] = useState<string>('en-us');
  const articles = useArticles(locale);
  const sections = useSections(locale);
  const segments = useSegments();
  const [editing, setEditing] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errorText = useErrorText();

  const open = (a: Article | null) =>
    setEditing(
      a
        ? {
            id: a.id,
            title: a.title,
            body: a.body,
            section_id: String(a.section_id),
            user_segment_id: a.user_segment_id === null ? null : String(a.user_segment_id),
            draft: a.draft,
          }
        : {
            ...emptyDraft,
            section_id: sections.data?.sections[0] ? String(sections.data.sections[0].id) : null,
          },
    );

  async function save(publish: boolean) {
    if (!editing) return;
    setSaving(true);
    setError(null);
    const article = {
      title: editing.title,
      body: editing.body,
      locale,
      draft: publish ? false : editing.draft,
      user_segment_id: editing.user_segment_id === null ? null : Number(editing.user_segment_id),
    };
    try {
      if (editing.id === null)
        await api.post(`/api/v2/help_center/sections/${editing.section_id}/articles`, { article });
      else await api.put(`/api/v2/help_center/articles/${editing.id}`, { article });
      await queryClient.invalidateQueries({ queryKey: ['kb'] });
      setEditing(null);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  const segmentName = (id: number | null) =>
    id === null
      ? t('knowledge.everyone')
      : (segments.data?.user_segments.find((s) => s.id === id)?.name ?? String(id));

  return (
    <Stack>
      <Group justify="space-between">
        <Select
          aria-label={t('knowledge.locale')}
          value={locale}
          onChange={(v) => v && setLocale(v)}
          data={[...KB_LOCALES]}
          w={140}
        />
        <Button onClick={() => open(null)} disabled={!sections.data?.sections.length}>
          {t('knowledge.newArticle')}
        </Button>
      </Group>
      {articles.error && <PageError error={articles.error} onRetry={() => articles.refetch()} />}
      {articles.data && articles.data.articles.length === 0 && (
        <EmptyState title={t('knowledge.noArticles')} />
      )}
      {articles.data && articles.data.articles.length > 0 && (
        <Table highlightOnHover data-testid="kb-articles">
          <Table.Tbody>
            {articles.data.articles.map((a) => (
              <Table.Tr key={a.id} onClick={() => open(a)} style={{ cursor: 'pointer' }}>
                <Table.Td>{a.title}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={a.draft ? 'gray' : 'green'}>
                    {a.draft ? t('knowledge.draft') : t('knowledge.published')}
                  </Badge>
                </Table.Td>
                <Table.Td>{segmentName(a.user_segment_id)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        size="80rem"
        title={editing?.id ? t('knowledge.editArticle') : t('knowledge.newArticle')}
      >
        {editing && (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Stack>
              <TextInput
                label={t('knowledge.title')}
                value={editing.title}
                onChange={(e) => setEditing({ ...editing, title: e.currentTarget.value })}
                required
              />
              {editing.id === null && (
                <Select
                  label={t('knowledge.section')}
                  value={editing.section_id}
                  onChange={(v) => setEditing({ ...editing, section_id: v })}
                  data={(sections.data?.sections ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
                />
              )}
              <Select
                label={t('knowledge.segment')}
                value={editing.user_segment_id ?? 'everyone'}
                onChange={(v) =>
                  setEditing({ ...editing, user_segment_id: !v || v === 'everyone' ? null : v })
                }
                data={[
                  { value: 'everyone', label: t('knowledge.everyone') },
                  ...(segments.data?.user_segments ?? []).map((s) => ({
                    value: String(s.id),
                    label: s.name,
                  })),
                ]}
              />
              <Textarea
                label={t('knowledge.body')}
                value={editing.body}
                onChange={(e) => setEditing({ ...editing, body: e.currentTarget.value })}
                autosize
                minRows={12}
              />
              <Checkbox
                label={t('knowledge.draft')}
                checked={editing.draft}
                onChange={(e) => setEditing({ ...editing, draft: e.currentTarget.checked })}
              />
              {error ? <ErrorAlert message={errorText(error)} /> : null}
              <Group>
                <Button variant="default" onClick={() => void save(false)} loading={saving}>
                  {t('common.save')}
                </Button>
                <Button onClick={() => void save(true)} loading={saving}>
                  {t('knowledge.publish')}
                </Button>
              </Group>
            </Stack>
            <Stack data-testid="kb-preview">
              <Title order={3} size="h4">
                {editing.title || t('knowledge.preview')}
              </Title>
              {/* A frame with no permissions: the body's scripts, if any, never run here. */}
              <iframe
                title={t('knowledge.preview')}
                sandbox=""
                srcDoc={`<!doctype html><meta charset="utf-8"><body style="font-family:system-ui;line-height:1.6">${editing.body}</body>`}
                style={{
                  width: '100%',
                  minHeight: 360,
                  border: '1px solid var(--mantine-color-gray-3)',
                  borderRadius: 4,
                }}
              />
            </Stack>
          </SimpleGrid>
        )}
      </Modal>
    </Stack>
  );
}
