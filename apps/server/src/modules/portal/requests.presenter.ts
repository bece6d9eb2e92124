import type { CommentJson, TicketJson } from '@frontline/contracts';

/** A ticket as Zendesk's Requests API shows it to its requester: no tags, group or agent-only fields. */
export function requestJson(ticket: TicketJson, base: string) {
  const open = ticket.status !== 'solved' && ticket.status !== 'closed';
  return {
    id: ticket.id,
    url: `${base}/api/v2/requests/${ticket.id}.json`,
    subject: ticket.subject,
    description: ticket.description,
    status: ticket.status,
    priority: ticket.priority,
    type: ticket.type,
    organization_id: ticket.organization_id,
    requester_id: ticket.requester_id,
    assignee_id: ticket.assignee_id,
    collaborator_ids: ticket.collaborator_ids,
    email_cc_ids: ticket.email_cc_ids,
    is_public: ticket.is_public,
    due_at: ticket.due_at,
    custom_fields: ticket.custom_fields,
    fields: ticket.fields,
    via: ticket.via,
    recipient: ticket.recipient,
    followup_source_id: ticket.via_followup_source_id,
    can_be_solved_by_me: open && ticket.assignee_id !== null,
    solved: !open,
    created_at: ticket.created_at,
    updated_at: ticket.updated_at,
  };
}

/** A public comment on a request (Zendesk's request comment: `request_id`, no audit or metadata). */
export function requestCommentJson(comment: CommentJson, requestId: number, base: string) {
  return {
    id: comment.id,
    type: 'Comment',
    url: `${base}/api/v2/requests/${requestId}/comments/${comment.id}.json`,
    request_id: requestId,
    author_id: comment.author_id,
    body: comment.body,
    html_body: comment.html_body,
    plain_body: comment.plain_body,
    public: true,
    attachments: comment.attachments,
    created_at: comment.created_at,
  };
}
