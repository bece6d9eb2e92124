import { Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { EmptyState, PageError } from '../../ui/states';
import { useKnowledgeReport } from './kb-api';

type Row = { id?: number; query?: string; title?: string } & Record<string, string | number | undefined>;

function ReportTable({ title, rows, columns }: { title: string; rows: Row[]; columns: [string, string][] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper withBorder p="sm">
      <Title order={2} size="h5" mb="xs">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('knowledge.report.none')}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              {columns.map(([key, label]) => (
                <Table.Th key={key}>{label}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={String(row.id ?? row.query ?? row.title)}>
                {columns.map(([key]) => (
                  <Table.Td key={key}>
                    {typeof row[key] === 'number' ? format.number(row[key] as number) : row[key]}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

/** The knowledge report: what customers search, where they get stuck, which articles help. */
export function KnowledgeReport() {
  const { t } = useTranslation();
  const format = useFormat();
  const [days, setDays] = useState('30');
  const report = useKnowledgeReport(Number(days));
  if (report.error) return <PageError error={report.error} onRetry={() => report.refetch()} />;
  const r = report.data?.knowledge_report;
  if (!r) return <EmptyState title={t('common.loading')} />;
  const q = t('knowledge.report.query');
  const n = t('knowledge.report.searches');
  const totals: [string, number][] = [
    [t('knowledge.report.searches'), r.totals.searches],
    [t('knowledge.report.noResults'), r.totals.no_results],
    [t('knowledge.report.followed'), r.totals.followed_by_request],
    [t('knowledge.report.deflections'), r.totals.deflections],
  ];
  return (
    <Stack data-testid="knowledge-report">
      <Group justify="flex-end">
        <SegmentedControl
          value={days}
          onChange={setDays}
          data={['7', '30', '90'].map((d) => ({
            value: d,
            label: t('knowledge.report.days', { count: Number(d) }),
          }))}
        />
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {totals.map(([label, value]) => (
          <Paper withBorder p="sm" key={label}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text fw={700} size="xl">
              {format.number(value)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <ReportTable
        title={t('knowledge.report.top')}
        rows={r.top_searches}
        columns={[
          ['query', q],
          ['searches', n],
          ['clicks', t('knowledge.report.clicks')],
          ['requests', t('knowledge.report.requests')],
        ]}
      />
      <ReportTable
        title={t('knowledge.report.noResults')}
        rows={r.no_result_searches}
        columns={[
          ['query', q],
          ['searches', n],
        ]}
      />
      <ReportTable
        title={t('knowledge.report.stuck')}
        rows={r.searches_followed_by_request}
        columns={[
          ['query', q],
          ['searches', n],
          ['requests', t('knowledge.report.requests')],
        ]}
      />
      <ReportTable
        title={t('knowledge.report.articles')}
        rows={r.articles}
        columns={[
          ['title', t('knowledge.title')],
          ['views', t('knowledge.report.views')],
          ['vote_sum', t('knowledge.report.votes')],
        ]}
      />
    </Stack>
  );
}
