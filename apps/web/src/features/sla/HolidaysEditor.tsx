import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useFormat } from '../../i18n/format';
import { ErrorAlert } from '../../ui/states';
import { useAdminForm } from '../admin/admin-form';
import { useHolidays } from './sla-api';

/** A schedule's holidays: whole local days when business-hours clocks stop. */
export function HolidaysEditor({ scheduleId }: { scheduleId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const holidays = useHolidays(scheduleId);
  const form = useAdminForm(['schedules']);
  const path = `/api/v2/business_hours/schedules/${scheduleId}/holidays`;
  const [draft, setDraft] = useState({ name: '', start_date: '', end_date: '' });
  const day = (iso: string) => format.date(`${iso}T12:00:00Z`);
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {t('admin.schedules.holidays')}
      </Text>
      <ErrorAlert message={form.message} />
      {holidays.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('admin.schedules.noHolidays')}
        </Text>
      )}
      {(holidays.data ?? []).length > 0 && (
        <Table aria-label={t('admin.schedules.holidays')}>
          <Table.Tbody>
            {(holidays.data ?? []).map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>{h.name}</Table.Td>
                <Table.Td>
                  {h.start_date === h.end_date
                    ? day(h.start_date)
                    : `${day(h.start_date)} – ${day(h.end_date)}`}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => void form.run(() => api.delete(`${path}/${h.id}`), t('admin.deleted'))}
                  >
                    {t('admin.delete')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const ok = await form.run(
            () => api.post(path, { holiday: { ...draft, end_date: draft.end_date || draft.start_date } }),
            t('admin.schedules.holidayAdded'),
          );
          if (ok) setDraft({ name: '', start_date: '', end_date: '' });
        }}
      >
        <Group align="flex-start" gap="xs">
          <TextInput
            size="xs"
            label={t('people.name')}
            required
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
            error={form.errors.name}
          />
          <TextInput
            size="xs"
            type="date"
            label={t('admin.schedules.from')}
            required
            value={draft.start_date}
            onChange={(e) => setDraft({ ...draft, start_date: e.currentTarget.value })}
            error={form.errors.start_date}
          />
          <TextInput
            size="xs"
            type="date"
            label={t('admin.schedules.to')}
            value={draft.end_date}
            onChange={(e) => setDraft({ ...draft, end_date: e.currentTarget.value })}
            error={form.errors.end_date}
          />
          <Button size="xs" type="submit" mt={22} variant="light" loading={form.busy}>
            {t('admin.schedules.addHoliday')}
          </Button>
        </Group>
      </form>
    </Stack>
  );
}
