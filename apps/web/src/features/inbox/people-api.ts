import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Group, User } from '../../api/types';

/** Agents and admins, for assignee pickers. Falls back to nobody if the people API is unavailable. */
export function useAgents() {
  return useQuery({
    queryKey: ['agents'],
    queryFn: async () => {
      const [agents, admins] = await Promise.all(
        ['agent', 'admin'].map((role) =>
          api
            .get<{ users: User[] }>(`/api/v2/users?role=${role}&per_page=100`)
            .then((r) => r.users)
            .catch(() => [] as User[]),
        ),
      );
      return [...(agents ?? []), ...(admins ?? [])]
        .filter((u) => u.id > 0 && u.active !== false)
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    staleTime: 5 * 60_000,
  });
}

export function useGroups() {
  return useQuery({
    queryKey: ['groups'],
    queryFn: () =>
      api
        .get<{ groups: Group[] }>('/api/v2/groups?per_page=100')
        .then((r) => r.groups)
        .catch(() => [] as Group[]),
    staleTime: 5 * 60_000,
  });
}
