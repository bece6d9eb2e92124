import type { Database } from '../../../db/database.js';
import type { InboundSource } from '../../../db/tables/email.js';
import { sha256 } from '../../../platform/auth/secrets.js';
import type { Clock } from '../../../platform/clock.js';
import { defineQueue } from '../../../platform/jobs/queues.js';
import type { Storage } from '../../../platform/storage/storage.js';
import { storableText } from '../../../platform/text/storable.js';
import { createInboundRepository } from './inbound.repository.js';
import { contentHash, parseMail, peekMessageId } from './mail-parse.js';
import { OFFLOAD_ABOVE_BYTES, offloadRaw } from './raw-store.js';
import type { RecentMail } from './recent-mail.js';

export const INBOUND_QUEUE = defineQueue('email-inbound');
export const INBOUND_MAX_ATTEMPTS = 5;

export type Arrival = {
  mailboxId: number | null;
  source: InboundSource;
  sourceRef?: string | null;
  envelopeFrom?: string | null;
  envelopeTo?: string[];
};

export type Accepted = { id: number; duplicate: boolean };

/**
 * Store first, then process. Every channel hands a raw message here; it is written
 * with its dedupe key (the Message-ID, else a hash of the bytes) and its processing
 * job in one statement. The caller acknowledges the sender (SMTP 250, IMAP \Seen,
 * HTTP 202) only after this returns. A redelivered message changes nothing; a
 * Message-ID reused for different content (by a broken mailer, or by someone who
 * wants the real message dropped as a duplicate) is stored too, under a key with its
 * content hash, and points at the first (`reuses_message_of`). With
 * `offload` (the embedded engine), large messages are written to storage first and
 * the row keeps their key. `recent` keeps a copy of what was stored for this node's
 * job, which then need not read it back.
 */
export function createIntake(
  database: Database,
  clock: Clock,
  options: { offload?: Storage | undefined; recent?: RecentMail | undefined } = {},
) {
  const { offload, recent } = options;
  return {
    async accept(raw: Buffer, arrival: Arrival): Promise<Accepted> {
      const messageId = peekMessageId(raw);
      const hash = contentHash(raw);
      const dedupeKey = messageId ? `mid:${messageId}` : `sha256:${sha256(raw)}`;
      const storageKey = offload && raw.length > OFFLOAD_ABOVE_BYTES ? await offloadRaw(offload, raw) : null;
      const inbound = createInboundRepository(database.db);
      const now = clock.now();
      const message = {
        mailbox_id: arrival.mailboxId,
        source: arrival.source,
        source_ref: arrival.sourceRef ?? null,
        dedupe_key: dedupeKey,
        message_id: messageId,
        envelope_from: arrival.envelopeFrom ? storableText(arrival.envelopeFrom) : null,
        envelope_to: (arrival.envelopeTo ?? []).map(storableText),
        raw: storageKey ? Buffer.alloc(0) : raw,
        storage_key: storageKey,
        size: raw.length,
        content_sha256: hash,
        received_at: now,
        updated_at: now,
      };
      const job = {
        queue: INBOUND_QUEUE,
        maxAttempts: INBOUND_MAX_ATTEMPTS,
        // One sender's mail is applied in the order it arrived (a reply after its original).
        orderKey: `${arrival.mailboxId}:${(arrival.envelopeFrom ?? '').toLowerCase()}`,
      };
      let id = await inbound.insertWithJob(message, job);
      if (id === undefined) {
        const existing = await inbound.idOfDedupeKey(dedupeKey);
        // The same content again (or a message stored before hashes were kept): nothing to do.
        if (!messageId || !existing?.content_sha256 || existing.content_sha256 === hash)
          return { id: existing?.id ?? 0, duplicate: true };
        const reuseKey = `mid:${messageId}#${hash}`;
        id = await inbound.insertWithJob(
          { ...message, dedupe_key: reuseKey, reuses_message_of: existing.id },
          job,
        );
        if (id === undefined)
          return { id: (await inbound.idOfDedupeKey(reuseKey))?.id ?? 0, duplicate: true };
      }
      recent?.keep(id, raw);
      return { id, duplicate: false };
    },

    /**
     * Records a message we will not take (over the size limit, from a source that
     * cannot refuse it, such as an IMAP folder): its headers are kept as a failed
     * message with the reason, so admins see it; no job runs.
     */
    async refuse(head: Buffer, arrival: Arrival, reason: string): Promise<Accepted> {
      const messageId = peekMessageId(head);
      const dedupeKey = messageId ? `mid:${messageId}` : `sha256:${sha256(head)}`;
      const inbound = createInboundRepository(database.db);
      const now = clock.now();
      const described = await parseMail(head).catch(() => null);
      const id = await inbound.insertIfNew({
        mailbox_id: arrival.mailboxId,
        source: arrival.source,
        source_ref: arrival.sourceRef ?? null,
        dedupe_key: dedupeKey,
        message_id: messageId,
        envelope_from: arrival.envelopeFrom ?? null,
        envelope_to: arrival.envelopeTo ?? [],
        raw: head,
        size: head.length,
        status: 'failed',
        cause: 'too_large',
        reason,
        from_address: described?.from?.address ?? null,
        from_name: described?.from?.name || null,
        subject: described?.subject.slice(0, 500) ?? null,
        received_at: now,
        updated_at: now,
      });
      if (id === undefined) return { id: (await inbound.idOfDedupeKey(dedupeKey))?.id ?? 0, duplicate: true };
      return { id, duplicate: false };
    },
  };
}

export type Intake = ReturnType<typeof createIntake>;
