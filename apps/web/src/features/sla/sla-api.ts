import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Holiday, Schedule, SlaPolicy } from '../../api/types';

export function useSlaPolicies() {
  return useQuery({
    queryKey: ['sla-policies'],
    queryFn: () =>
      api.get<{ sla_policies: SlaPolicy[] }>('/api/v2/slas/policies').then((r) => r.sla_policies),
  });
}

export function useSchedules() {
  return useQuery({
    queryKey: ['schedules'],
    queryFn: () =>
      api.get<{ schedules: Schedule[] }>('/api/v2/business_hours/schedules').then((r) => r.schedules),
  });
}

export function useHolidays(scheduleId: number) {
  return useQuery({
    queryKey: ['schedules', scheduleId, 'holidays'],
    queryFn: () =>
      api
        .get<{ holidays: Holiday[] }>(`/api/v2/business_hours/schedules/${scheduleId}/holidays`)
        .then((r) => r.holidays),
  });
}
