import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schedule } from '../../api/types';
import { EmptyState, PageError } from '../../ui/states';
import { ScheduleEditor, useWeekdayNames } from './ScheduleEditor';
import { weekOf } from './schedule-week';
import { useSchedules } from './sla-api';

/** Business-hours schedules (weekly hours in a time zone, and holidays) that SLA targets count in. */
export function SchedulesAdmin() {
  const { t } = useTranslation();
  const schedules = useSchedules();
  const weekday = useWeekdayNames();
  const [editing, setEditing] = useState<Schedule | 'new' | null>(null);
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('admin.schedules.explain')}
      </Text>
      <Group>
        <Button
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setEditing('new')}
          data-testid="add-schedule"
        >
          {t('admin.schedules.add')}
        </Button>
      </Group>
      {schedules.error && <PageError error={schedules.error} onRetry={() => schedules.refetch()} />}
      {schedules.data?.length === 0 && (
        <EmptyState title={t('admin.schedules.none')} hint={t('admin.schedules.noneHint')} />
      )}
      {(schedules.data ?? []).map((s, i) => (
        <Paper key={s.id} withBorder p="sm" data-testid={`schedule-${s.id}`}>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={2}>
              <Group gap="xs">
                <Text fw={500}>{s.name}</Text>
                {i === 0 && (
                  <Text size="xs" c="dimmed">
                    {t('admin.schedules.default')}
                  </Text>
                )}
              </Group>
              <Text size="sm" c="dimmed" dir="ltr" ta="start">
                {s.time_zone}
              </Text>
              {weekOf(s.intervals).map((hours, day) =>
                hours.length ? (
                  <Text key={weekday(day)} size="sm">
                    {weekday(day)}:{' '}
                    <span dir="ltr">{hours.map((h) => `${h.start}–${h.end}`).join(', ')}</span>
                  </Text>
                ) : null,
              )}
            </Stack>
            <Button size="compact-sm" variant="light" onClick={() => setEditing(s)}>
              {t('admin.edit')}
            </Button>
          </Group>
        </Paper>
      ))}
      {editing && (
        <ScheduleEditor schedule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}
