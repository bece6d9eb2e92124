import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AgentProfile, GroupSettings, RoutingRule } from '../../api/types';

export type Presence = AgentProfile['presence'];

/** The signed-in agent's routing profile: presence, level, skills, capacity and load. */
export function useMyAgent() {
  return useQuery({
    queryKey: ['agent-profiles', 'me'],
    queryFn: () => api.get<{ agent: AgentProfile }>('/api/v2/frontline/agents/me').then((r) => r.agent),
    staleTime: 60_000,
  });
}

/** Sets presence: online agents get assignments; away and offline agents do not. */
export function useSetPresence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, presence }: { userId: number | 'me'; presence: Presence }) =>
      api
        .put<{ agent: AgentProfile }>(`/api/v2/frontline/agents/${userId}/presence`, { presence })
        .then((r) => r.agent),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['agent-profiles'] }),
  });
}

export function useAgentProfiles() {
  return useQuery({
    queryKey: ['agent-profiles', 'all'],
    queryFn: () => api.get<{ agents: AgentProfile[] }>('/api/v2/frontline/agents').then((r) => r.agents),
  });
}

/** Each group's tier, time limit, swarm mode, assignment mode and queue. */
export function useGroupSettings() {
  return useQuery({
    queryKey: ['group-settings'],
    queryFn: () => api.get<{ groups: GroupSettings[] }>('/api/v2/frontline/groups').then((r) => r.groups),
  });
}

export function useRoutingRules() {
  return useQuery({
    queryKey: ['routing-rules'],
    queryFn: () =>
      api
        .get<{ routing_rules: RoutingRule[] }>('/api/v2/frontline/routing_rules')
        .then((r) => r.routing_rules),
  });
}
