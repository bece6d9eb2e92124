import type { ImapSourceJson, MailboxJson, SuspendedTicketJson } from '@frontline/contracts';
import type { ImapSource, InboundMessage, Mailbox } from '../../../db/tables/email.js';
import { iso, isoOrNull } from '../../../platform/http/iso-time.js';

type ReviewRow = Omit<InboundMessage, 'raw'>;

/** Zendesk's suspension causes, and Frontline's own (100+). */
export const CAUSES: Record<string, { id: number; text: string }> = {
  auto_mailer: { id: 3, text: 'Automated response mail' },
  loop: { id: 4, text: 'Detected as mail loop' },
  unknown_user_update: { id: 5, text: 'Unknown user tried to update existing ticket' },
  other_user_update: { id: 6, text: 'End user only allowed to update their own tickets' },
  auto_delivery_failure: { id: 7, text: 'Automated response mail, delivery failed' },
  auto_vacation: { id: 8, text: 'Automated response mail, out of office' },
  unknown_author: { id: 10, text: 'Permission denied for unknown email submitter' },
  blank: { id: 11, text: 'Email has no content' },
  blocklisted: { id: 13, text: 'Email is from a blocklisted sender or domain' },
  unauthenticated_update: {
    id: 100,
    text: 'Sender authentication (SPF/DKIM/DMARC) did not pass for an update',
  },
  throttled: { id: 101, text: 'Too many messages from this sender in a short time' },
  unprocessable: { id: 102, text: 'The message could not be processed' },
  too_large: { id: 103, text: 'The message is over the size limit' },
  unverified_agent: {
    id: 104,
    text: "Mail in an agent's name was not sent to the ticket's reply address and did not pass SPF/DKIM/DMARC",
  },
};

export function imapSourceJson(s: ImapSource, base: string): ImapSourceJson {
  return {
    id: s.id,
    url: `${base}/api/v2/frontline/mailboxes/${s.mailbox_id}/imap_sources/${s.id}.json`,
    mailbox_id: s.mailbox_id,
    host: s.host,
    port: s.port,
    secure: s.secure,
    username: s.username,
    auth_method: s.auth_method,
    secret_set: s.secret_box !== '',
    folder: s.folder,
    move_to: s.move_to,
    poll_seconds: s.poll_seconds,
    active: s.active,
    allow_private_network: s.allow_private_network,
    last_polled_at: isoOrNull(s.last_polled_at),
    last_error: s.last_error,
    created_at: iso(s.created_at),
    updated_at: iso(s.updated_at),
  };
}

export function mailboxJson(m: Mailbox, sources: ImapSource[], base: string): MailboxJson {
  return {
    id: m.id,
    url: `${base}/api/v2/frontline/mailboxes/${m.id}.json`,
    address: m.address,
    name: m.name,
    group_id: m.group_id,
    default: m.is_default,
    active: m.active,
    foreign_reply_action: m.foreign_reply_action,
    unverified_agent_action: m.unverified_agent_action,
    require_authentication: m.require_authentication,
    trusted_authserv_id: m.trusted_authserv_id,
    sender_burst_limit: m.sender_burst_limit,
    inbound_secret_set: m.inbound_secret_hash !== null,
    inbound_url: `${base}/api/v2/frontline/mailboxes/${m.id}/inbound`,
    imap_sources: sources.filter((s) => s.mailbox_id === m.id).map((s) => imapSourceJson(s, base)),
    created_at: iso(m.created_at),
    updated_at: iso(m.updated_at),
  };
}

export function suspendedTicketJson(
  row: ReviewRow,
  mailbox: Mailbox | undefined,
  authorId: number | null,
  base: string,
): SuspendedTicketJson {
  const cause = CAUSES[row.cause ?? 'unprocessable'] ?? CAUSES.unprocessable!;
  return {
    id: row.id,
    url: `${base}/api/v2/suspended_tickets/${row.id}.json`,
    author: { id: authorId, name: row.from_name ?? row.from_address ?? '', email: row.from_address },
    subject: row.subject ?? '',
    content: row.preview ?? '',
    cause: cause.text,
    cause_id: cause.id,
    message_id: row.message_id,
    ticket_id: row.ticket_id,
    recipient: mailbox?.address ?? row.envelope_to[0] ?? null,
    brand_id: null,
    attachments: [],
    error_messages: row.reason ? [row.reason] : null,
    via: {
      channel: 'email',
      source: {
        from: { address: row.from_address, name: row.from_name ?? '' },
        to: { address: mailbox?.address ?? null, name: mailbox?.name ?? '' },
        rel: null,
      },
    },
    status: row.status === 'failed' ? 'failed' : 'suspended',
    original_url: `${base}/api/v2/frontline/inbound_messages/${row.id}/raw`,
    created_at: iso(row.received_at),
    updated_at: iso(row.updated_at),
  };
}
