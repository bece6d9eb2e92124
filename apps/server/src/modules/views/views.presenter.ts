import type { TicketJson, ViewCountJson, ViewJson } from '@frontline/contracts';
import { iso } from '../../platform/http/iso-time.js';
import type { View } from './views.repository.js';

const COLUMN_TITLES: Record<string, string> = {
  nice_id: 'ID',
  subject: 'Subject',
  requester: 'Requester',
  assignee: 'Assignee',
  group: 'Group',
  organization: 'Organization',
  status: 'Status',
  priority: 'Priority',
  type: 'Type',
  created: 'Requested',
  updated: 'Updated',
};
export const DEFAULT_COLUMNS = ['status', 'subject', 'requester', 'updated', 'assignee'];

export function viewJson(view: View, base: string): ViewJson {
  const e = view.execution;
  return {
    id: view.id,
    url: `${base}/api/v2/views/${view.id}.json`,
    title: view.title,
    raw_title: view.title,
    description: view.description,
    active: view.active,
    position: view.position,
    default: view.builtin !== null,
    builtin: view.builtin,
    conditions: {
      all: view.conditions.all.map((c) => ({ ...c, value: (c.value ?? null) as string | null })),
      any: view.conditions.any.map((c) => ({ ...c, value: (c.value ?? null) as string | null })),
    },
    execution: {
      sort_by: (e.sort_by ?? 'updated_at') as ViewJson['execution']['sort_by'],
      sort_order: e.sort_order ?? 'desc',
      group_by: e.group_by ?? null,
      group_order: e.group_order ?? 'asc',
      columns: (e.columns ?? DEFAULT_COLUMNS).map((id) => ({ id, title: COLUMN_TITLES[id] ?? id })),
    },
    restriction: view.restriction,
    created_at: iso(view.created_at),
    updated_at: iso(view.updated_at),
  };
}

export function viewCountJson(
  count: { view: View; value: number; capped: boolean },
  base: string,
): ViewCountJson {
  return {
    view_id: count.view.id,
    url: `${base}/api/v2/views/${count.view.id}/count.json`,
    value: count.value,
    pretty: count.capped ? `${count.value.toLocaleString('en-US')}+` : String(count.value),
    fresh: true,
    active: count.view.active,
  };
}

/** A row of `/views/{id}/execute`, Zendesk's tabular shape: the ticket plus its column values. */
export function executeRow(ticket: TicketJson) {
  return {
    ticket: {
      id: ticket.id,
      subject: ticket.subject,
      description: ticket.description,
      status: ticket.status,
      type: ticket.type,
      priority: ticket.priority,
      url: ticket.url,
    },
    ticket_id: ticket.id,
    subject: ticket.subject,
    requester_id: ticket.requester_id,
    assignee_id: ticket.assignee_id,
    group_id: ticket.group_id,
    organization_id: ticket.organization_id,
    status: ticket.status,
    priority: ticket.priority,
    type: ticket.type,
    created: ticket.created_at,
    updated: ticket.updated_at,
  };
}
