import { Liquid } from 'liquidjs';
import type { Group, Organization, Ticket, User } from '../../../db/schema.js';

/**
 * Liquid placeholders with Zendesk's names: `{{ticket.id}}`, `{{ticket.title}}`,
 * `{{ticket.requester.first_name}}`, `{{ticket.assignee.name}}`, `{{ticket.group.name}}`,
 * `{{ticket.latest_comment}}`, `{{current_user.name}}` … Unknown names render empty, as
 * in Zendesk. Templates run with limits, so a rule cannot stall a worker.
 */
const liquid = new Liquid({
  strictFilters: false,
  strictVariables: false,
  ownPropertyOnly: true,
  parseLimit: 100_000,
  renderLimit: 1_000,
  memoryLimit: 10_000_000,
});

export type PlaceholderSources = {
  ticket: Ticket;
  requester: User | undefined;
  assignee: User | undefined;
  group: Group | undefined;
  organization: Organization | undefined;
  currentUser: User | undefined;
  latestComment: string;
  latestPublicComment: string;
  baseUrl: string;
};

function person(user: User | undefined) {
  if (!user) return { name: '', first_name: '', last_name: '', email: '', language: '', phone: '' };
  const [first = '', ...rest] = user.name.trim().split(/\s+/);
  return {
    id: user.id,
    name: user.name,
    first_name: first,
    last_name: rest.join(' '),
    email: user.email ?? '',
    language: user.locale,
    phone: user.phone ?? '',
    external_id: user.external_id ?? '',
    details: user.details,
    notes: user.notes,
    tags: user.tags.join(' '),
  };
}

/** The object templates render against. */
export function placeholderContext(s: PlaceholderSources) {
  const t = s.ticket;
  const agentUrl = `${s.baseUrl}/agent/tickets/${t.id}`;
  return {
    ticket: {
      id: t.id,
      title: t.subject,
      description: t.description,
      status: t.status,
      priority: t.priority ?? '',
      ticket_type: t.type ?? '',
      via: t.via_channel,
      tags: t.tags.join(' '),
      external_id: t.external_id ?? '',
      url: agentUrl.replace(/^https?:\/\//, ''),
      link: agentUrl,
      created_at: t.created_at.toISOString(),
      updated_at: t.updated_at.toISOString(),
      due_date: t.due_at ? t.due_at.toISOString().slice(0, 10) : '',
      latest_comment: s.latestComment,
      latest_public_comment: s.latestPublicComment,
      requester: person(s.requester),
      assignee: person(s.assignee),
      group: { id: s.group?.id ?? '', name: s.group?.name ?? '' },
      organization: { id: s.organization?.id ?? '', name: s.organization?.name ?? '' },
      tier: t.tier ?? '',
    },
    current_user: person(s.currentUser),
  };
}

/** Why a template does not parse, or null when it does. */
export function templateProblem(source: string): string | null {
  try {
    liquid.parse(source);
    return null;
  } catch (error) {
    return (error as Error).message.split('\n')[0] ?? 'invalid template';
  }
}

/** Renders a template; a template that fails at render time renders as written. */
export function renderTemplate(source: string, context: ReturnType<typeof placeholderContext>): string {
  if (!source.includes('{')) return source;
  try {
    return liquid.parseAndRenderSync(source, context) as string;
  } catch {
    return source;
  }
}
