import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Automation, MacroRecord, Organization, Trigger, Webhook } from '../../api/types';
import { useAgents, useGroups } from '../inbox/people-api';
import { useTicketFields } from '../tickets/tickets-api';

export type RuleTable = 'triggers' | 'automations';

/** Triggers or automations, in the order they run. */
export function useRules(table: RuleTable) {
  return useQuery({
    queryKey: ['rules', table],
    queryFn: () =>
      api
        .get<Record<RuleTable, (Trigger | Automation)[]>>(`/api/v2/${table}`)
        .then((r) => r[table] as (Trigger & Automation)[]),
  });
}

/** Every macro the agent may use or edit (shared, their groups', their own), with usage. */
export function useAllMacros() {
  return useQuery({
    queryKey: ['macros', 'all'],
    queryFn: () => api.get<{ macros: MacroRecord[] }>('/api/v2/macros?per_page=100').then((r) => r.macros),
  });
}

export function useWebhooks(enabled = true) {
  return useQuery({
    queryKey: ['webhooks'],
    enabled,
    queryFn: () => api.get<{ webhooks: Webhook[] }>('/api/v2/webhooks').then((r) => r.webhooks),
  });
}

export function useOrganizationList() {
  return useQuery({
    queryKey: ['organizations', 'pick'],
    staleTime: 5 * 60_000,
    queryFn: () =>
      api
        .get<{ organizations: Organization[] }>('/api/v2/organizations?per_page=100')
        .then((r) => r.organizations),
  });
}

/** What the condition and action builders offer as values: groups, agents, organizations, fields, webhooks. */
export function useRuleOptions({ webhooks = false } = {}) {
  const groups = useGroups();
  const agents = useAgents();
  const organizations = useOrganizationList();
  const fields = useTicketFields();
  const hooks = useWebhooks(webhooks);
  return {
    groups: (groups.data ?? []).map((g) => ({ value: String(g.id), label: g.name })),
    agents: (agents.data ?? []).map((a) => ({ value: String(a.id), label: a.name })),
    organizations: (organizations.data ?? []).map((o) => ({ value: String(o.id), label: o.name })),
    fields: fields.data ?? [],
    webhooks: (hooks.data ?? []).map((w) => ({ value: String(w.id), label: w.name })),
  };
}

export type RuleOptions = ReturnType<typeof useRuleOptions>;
