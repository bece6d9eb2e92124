import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { TicketComment } from '../../../db/schema.js';
import type { OutboxEmail } from '../../../db/tables/email.js';
import type { Clock } from '../../../platform/clock.js';
import type { JobContext } from '../../../platform/jobs/jobs.js';
import type { Storage } from '../../../platform/storage/storage.js';
import { escapeHtml } from '../../../platform/text/html.js';
import type { TicketStore } from '../../tickets/index.js';
import { SEND_MAX_ATTEMPTS } from './outbound.js';
import type { OutboxRepository } from './outbox.repository.js';

export type MailSenderDeps = {
  outbox: OutboxRepository;
  store: TicketStore;
  storage: Storage;
  clock: Clock;
  smtpUrl: string | undefined;
  logger: Logger;
  /** Told when automatic mail (kind `notification`) is sent, fails for good, or will be retried. */
  onNotificationSettled?: (outboxId: number, outcome: SendOutcome) => Promise<unknown>;
};

export type SendOutcome = { status: 'sent' } | { status: 'failed' | 'retrying'; reason: string };

const bracket = (id: string) => `<${id}>`;

/**
 * RFC 3834 marks on automatic mail: `Auto-Submitted` (auto-replied when it answers the
 * recipient's mail, else auto-generated), and Microsoft's X-Auto-Response-Suppress so
 * out-of-office replies do not answer it.
 */
function automaticHeaders(row: OutboxEmail): Record<string, string> {
  const value = row.auto_submitted ?? (row.kind === 'notification' ? 'auto-generated' : null);
  return value ? { 'Auto-Submitted': value, 'X-Auto-Response-Suppress': 'All' } : {};
}

/**
 * Sends one outbox row through SMTP_URL (a pooled nodemailer transport). A row is
 * sent at most once: a sent row is never touched again; a failure goes back to the
 * queue and the job runner retries with back-off; a 5xx refusal or the last attempt
 * marks it failed with the reason. A crash in the instant between the server's
 * acceptance and our "sent" mark resends with the same Message-ID, which mail
 * clients show once.
 */
export function createMailSender(deps: MailSenderDeps) {
  const { outbox, store, clock } = deps;
  let transport: Transporter | undefined;

  function transportOf() {
    if (!deps.smtpUrl) return null;
    transport ??= nodemailer.createTransport({ url: deps.smtpUrl, pool: true, maxConnections: 5 });
    return transport;
  }

  /** The customer's last message before this reply, quoted under it. */
  async function quoted(row: OutboxEmail, comment: TicketComment) {
    const comments = await store.tickets.comments(row.ticket_id, { publicOnly: true, sortOrder: 'desc' });
    const previous = comments.find((c) => c.id < comment.id && c.author_id !== comment.author_id);
    if (!previous) return { text: '', html: '' };
    const author = await store.users.findById(previous.author_id);
    const line = `On ${previous.created_at.toUTCString()}, ${author?.name ?? 'you'} wrote:`;
    return {
      text: `\n\n${line}\n${previous.body
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\n')}`,
      html: `<div style="margin-top:1.5em;color:#555">${escapeHtml(line)}</div><blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">${previous.html_body}</blockquote>`,
    };
  }

  async function attachmentsOf(comment: TicketComment) {
    const files = await store.attachments.ofComments([comment.id]);
    const out = [];
    for (const file of files) {
      const content = await deps.storage.get(file.storage_key);
      if (content) out.push({ filename: file.file_name, contentType: file.content_type, content });
    }
    return out;
  }

  /** A reply: its comment, the customer's last message quoted, its files. A notification: its own text. */
  async function contentOf(row: OutboxEmail) {
    if (row.kind === 'notification') {
      return { text: row.body_text ?? '', html: row.body_html ?? '', attachments: [] };
    }
    const [comment] = row.comment_id ? await store.tickets.commentsByIds([row.comment_id]) : [];
    if (!comment) return null;
    const history = await quoted(row, comment);
    return {
      text: `${comment.body}${history.text}`,
      html: `${comment.html_body}${history.html}`,
      attachments: await attachmentsOf(comment),
    };
  }

  async function settled(row: OutboxEmail, outcome: SendOutcome) {
    if (row.kind === 'notification') await deps.onNotificationSettled?.(row.id, outcome);
  }

  async function send(id: number, job: Pick<JobContext, 'attempt'>) {
    const row = await outbox.findById(id);
    if (!row || row.status === 'sent' || row.status === 'failed') return;
    const now = () => clock.now();
    const smtp = transportOf();
    if (!smtp) {
      const reason = 'Outbound mail is off: SMTP_URL is not set';
      await outbox.setStatus(id, 'failed', now(), { last_error: reason });
      await settled(row, { status: 'failed', reason });
      return;
    }
    const content = await contentOf(row);
    if (!content) {
      await outbox.setStatus(id, 'failed', now(), { last_error: 'The comment no longer exists' });
      return;
    }
    await outbox.setStatus(id, 'sending', now(), { attempt: true });
    try {
      await smtp.sendMail({
        from: { name: row.from_name, address: row.from_address },
        to: row.to_addresses,
        cc: row.cc_addresses,
        ...(row.reply_to ? { replyTo: row.reply_to } : {}),
        subject: row.subject,
        messageId: bracket(row.message_id),
        ...(row.in_reply_to ? { inReplyTo: bracket(row.in_reply_to) } : {}),
        ...(row.reference_ids.length > 0 ? { references: row.reference_ids.map(bracket) } : {}),
        headers: {
          'X-Frontline-Ticket-Id': String(row.ticket_id),
          ...automaticHeaders(row),
        },
        text: content.text,
        html: content.html,
        attachments: content.attachments,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const code = (error as { responseCode?: number }).responseCode ?? 0;
      const final = code >= 500 || job.attempt >= SEND_MAX_ATTEMPTS;
      await outbox.setStatus(id, final ? 'failed' : 'queued', now(), { last_error: message });
      await settled(row, { status: final ? 'failed' : 'retrying', reason: message });
      deps.logger.warn({ outbox: id, final, err: message }, 'sending mail failed');
      if (!final) throw error;
      return;
    }
    await outbox.setStatus(id, 'sent', now(), { sent_at: now(), last_error: null });
    await settled(row, { status: 'sent' });
  }

  return {
    send,
    close() {
      transport?.close();
    },
  };
}
