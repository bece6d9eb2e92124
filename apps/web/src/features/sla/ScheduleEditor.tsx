import { ActionIcon, Button, Checkbox, Divider, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Schedule } from '../../api/types';
import { useAdminForm } from '../admin/admin-form';
import { FormModal } from '../admin/FormModal';
import { HolidaysEditor } from './HolidaysEditor';
import { intervalsOf, OFFICE_WEEK, type Week, weekOf } from './schedule-week';

const ZONES = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

/** Weekday names in the UI language, Sunday first as Zendesk counts (7 Jan 2024 was a Sunday). */
export function useWeekdayNames() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { weekday: 'long', timeZone: 'UTC' });
  return (day: number) => format.format(new Date(Date.UTC(2024, 0, 7 + day)));
}

/** Create or edit a schedule: name, time zone, opening hours per weekday; holidays once it exists. */
export function ScheduleEditor({ schedule, onClose }: { schedule: Schedule | null; onClose(): void }) {
  const { t } = useTranslation();
  const weekday = useWeekdayNames();
  const form = useAdminForm(['schedules']);
  const [name, setName] = useState(schedule?.name ?? '');
  const [zone, setZone] = useState(schedule?.time_zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [week, setWeek] = useState<Week>(() => (schedule ? weekOf(schedule.intervals) : OFFICE_WEEK));
  const [badDay, setBadDay] = useState<number | null>(null);

  const setDay = (day: number, hours: Week[number]) => setWeek(week.map((h, d) => (d === day ? hours : h)));
  const save = async () => {
    const result = intervalsOf(week);
    if ('invalidDay' in result) {
      setBadDay(result.invalidDay);
      return;
    }
    setBadDay(null);
    const body = { schedule: { name, time_zone: zone, intervals: result.intervals } };
    const ok = await form.run(
      () =>
        schedule
          ? api.put(`/api/v2/business_hours/schedules/${schedule.id}`, body)
          : api.post('/api/v2/business_hours/schedules', body),
      schedule ? t('admin.saved') : t('admin.schedules.created'),
    );
    if (ok) onClose();
  };

  return (
    <FormModal
      title={schedule ? t('admin.schedules.edit') : t('admin.schedules.add')}
      size="lg"
      error={form.errors.base}
      onClose={onClose}
      onSubmit={save}
      after={
        <>
          <Divider />
          {schedule ? (
            <HolidaysEditor scheduleId={schedule.id} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('admin.schedules.holidaysLater')}
            </Text>
          )}
        </>
      }
    >
      <TextInput
        label={t('people.name')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={form.errors.name}
        data-autofocus
      />
      <Select
        label={t('admin.schedules.timeZone')}
        searchable
        data={ZONES.includes(zone) ? ZONES : [zone, ...ZONES]}
        value={zone}
        allowDeselect={false}
        onChange={(v) => v && setZone(v)}
        error={form.errors.time_zone}
        limit={50}
        nothingFoundMessage={t('common.noMatches')}
      />
      <Stack gap={6}>
        <Text size="sm" fw={500}>
          {t('admin.schedules.hours')}
        </Text>
        {(form.errors.intervals || Object.keys(form.errors).some((k) => k.startsWith('intervals.'))) && (
          <Text size="xs" c="red.8" role="alert" dir="auto">
            {form.errors.intervals ??
              Object.entries(form.errors).find(([k]) => k.startsWith('intervals.'))?.[1]}
          </Text>
        )}
        {week.map((hours, day) => (
          <Group key={weekday(day)} gap="xs" align="flex-start" wrap="nowrap">
            <Checkbox
              w={150}
              mt={6}
              label={weekday(day)}
              checked={hours.length > 0}
              onChange={(e) => setDay(day, e.currentTarget.checked ? [{ start: '09:00', end: '17:00' }] : [])}
            />
            <Stack gap={4}>
              {hours.length === 0 && (
                <Text size="sm" c="dimmed" mt={6}>
                  {t('admin.schedules.closed')}
                </Text>
              )}
              {hours.map((h, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a day's hours are plain values edited in place
                <Group key={`${day}-${i}`} gap={6} wrap="nowrap">
                  <TextInput
                    type="time"
                    size="xs"
                    aria-label={t('admin.schedules.opens', { day: weekday(day) })}
                    value={h.start}
                    onChange={(e) =>
                      setDay(
                        day,
                        hours.map((x, j) => (j === i ? { ...x, start: e.currentTarget.value } : x)),
                      )
                    }
                    error={badDay === day}
                  />
                  <Text size="sm" aria-hidden>
                    –
                  </Text>
                  <TextInput
                    type="time"
                    size="xs"
                    aria-label={t('admin.schedules.closes', { day: weekday(day) })}
                    value={h.end === '24:00' ? '00:00' : h.end}
                    onChange={(e) =>
                      setDay(
                        day,
                        hours.map((x, j) => (j === i ? { ...x, end: e.currentTarget.value } : x)),
                      )
                    }
                    error={badDay === day}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('admin.schedules.removeHours', { day: weekday(day) })}
                    onClick={() =>
                      setDay(
                        day,
                        hours.filter((_, j) => j !== i),
                      )
                    }
                  >
                    <IconTrash size={14} aria-hidden />
                  </ActionIcon>
                  {i === hours.length - 1 && (
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('admin.schedules.addHours', { day: weekday(day) })}
                      onClick={() => setDay(day, [...hours, { start: '13:00', end: '17:00' }])}
                    >
                      <IconPlus size={14} aria-hidden />
                    </ActionIcon>
                  )}
                </Group>
              ))}
              {badDay === day && (
                <Text size="xs" c="red.8" role="alert" dir="auto">
                  {t('admin.schedules.badHours')}
                </Text>
              )}
            </Stack>
          </Group>
        ))}
      </Stack>
      <Group justify="flex-end">
        <Button variant="subtle" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={form.busy} data-testid="save-schedule">
          {t('common.save')}
        </Button>
      </Group>
    </FormModal>
  );
}
