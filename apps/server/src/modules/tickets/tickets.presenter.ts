import type { AttachmentJson, AuditJson, CommentJson, TicketJson } from '@frontline/contracts';
import type { JsonObject, Ticket, TicketAudit, TicketComment, TicketEvent } from '../../db/schema.js';
import { iso, isoOrNull } from '../../platform/http/iso-time.js';

export type TicketContext = {
  base: string;
  fieldIds: number[];
  problemsWithIncidents: Set<number>;
  followupIds: Map<number, number[]>;
};

export function viaJson(channel: string, source: JsonObject) {
  return {
    channel,
    source: {
      from: (source.from as Record<string, unknown>) ?? {},
      to: (source.to as Record<string, unknown>) ?? {},
      rel: (source.rel as string | null) ?? null,
    },
  };
}

export function ticketJson(t: Ticket, ctx: TicketContext): TicketJson {
  const ids = new Set([...ctx.fieldIds, ...Object.keys(t.custom_fields).map(Number)]);
  const custom = [...ids]
    .sort((a, b) => a - b)
    .map((id) => ({ id, value: t.custom_fields[String(id)] ?? null }));
  return {
    id: t.id,
    url: `${ctx.base}/api/v2/tickets/${t.id}.json`,
    external_id: t.external_id,
    type: t.type,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.description,
    priority: t.priority,
    status: t.status,
    recipient: (t.via_source.to as { address?: string } | undefined)?.address ?? null,
    requester_id: t.requester_id,
    submitter_id: t.submitter_id,
    assignee_id: t.assignee_id,
    organization_id: t.organization_id,
    group_id: t.group_id,
    collaborator_ids: t.collaborator_ids,
    follower_ids: t.follower_ids,
    email_cc_ids: t.email_cc_ids,
    problem_id: t.problem_id,
    has_incidents: ctx.problemsWithIncidents.has(t.id),
    is_public: t.is_public,
    due_at: isoOrNull(t.due_at),
    tags: t.tags,
    custom_fields: custom,
    fields: custom,
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    followup_ids: ctx.followupIds.get(t.id) ?? [],
    via_followup_source_id: t.followup_source_id,
    via: viaJson(t.via_channel, t.via_source),
    allow_channelback: false,
    allow_attachments: true,
    generated_timestamp: Math.floor(t.updated_at.getTime() / 1000),
    created_at: iso(t.created_at),
    updated_at: iso(t.updated_at),
  };
}

export function commentJson(c: TicketComment, attachments: AttachmentJson[]): CommentJson {
  return {
    id: c.id,
    type: 'Comment',
    author_id: c.author_id,
    body: c.body,
    html_body: c.html_body,
    plain_body: c.body,
    public: c.public,
    audit_id: c.audit_id,
    attachments,
    via: viaJson(c.via_channel, c.via_source),
    metadata: c.metadata,
    created_at: iso(c.created_at),
  };
}

/** An audit with its events; a Comment event carries the comment as Zendesk does. */
export function auditJson(
  audit: TicketAudit,
  events: TicketEvent[],
  comments: Map<number, CommentJson>,
  showPrivate: boolean,
): AuditJson {
  const out: AuditJson['events'] = [];
  for (const e of events) {
    if (e.type === 'Comment') {
      const comment = comments.get(Number((e.value as { comment_id?: number } | null)?.comment_id));
      if (!comment || (!comment.public && !showPrivate)) continue;
      out.push({
        id: comment.id,
        type: 'Comment',
        author_id: comment.author_id,
        body: comment.body,
        html_body: comment.html_body,
        plain_body: comment.plain_body,
        public: comment.public,
        attachments: comment.attachments,
        audit_id: audit.id,
      });
    } else {
      out.push({
        id: e.id,
        type: e.type,
        field_name: e.field_name,
        value: e.value,
        ...(e.type === 'Change' ? { previous_value: e.previous_value } : {}),
      });
    }
  }
  return {
    id: audit.id,
    ticket_id: audit.ticket_id,
    author_id: audit.author_id,
    created_at: iso(audit.created_at),
    via: viaJson(audit.via_channel, audit.via_source),
    metadata: audit.metadata,
    events: out,
  };
}
