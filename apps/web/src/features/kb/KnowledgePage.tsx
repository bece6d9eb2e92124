import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useScreenStrings } from '../../i18n';
import { ArticlesPanel } from './ArticlesPanel';
import { KnowledgeReport } from './KnowledgeReport';
import { ReviewQueue } from './ReviewQueue';

/** The knowledge base for agents: articles (write, preview, publish), the knowledge report and the review queue. */
export default function KnowledgePage() {
  useScreenStrings();
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1} size="h3">
        {t('knowledge.heading')}
      </Title>
      <Tabs defaultValue="articles" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="articles">{t('knowledge.articles')}</Tabs.Tab>
          <Tabs.Tab value="report">{t('knowledge.report.title')}</Tabs.Tab>
          <Tabs.Tab value="review">{t('knowledge.review.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="articles" pt="md">
          <ArticlesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="report" pt="md">
          <KnowledgeReport />
        </Tabs.Panel>
        <Tabs.Panel value="review" pt="md">
          <ReviewQueue />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
