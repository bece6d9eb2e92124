import { fileTypeFromBuffer } from 'file-type';
import type { Attachment, Ticket, TicketComment } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { randomToken, sha256 } from '../../platform/auth/secrets.js';
import type { Clock } from '../../platform/clock.js';
import { GoneError, InvalidError, NotFoundError } from '../../platform/http/errors.js';
import type { Storage } from '../../platform/storage/storage.js';
import { checkAttachmentSignature } from './attachment-links.js';
import { ownsUpload, seesAttachment } from './attachments.policy.js';
import type { AttachmentsRepository } from './attachments.repository.js';
import { cleanFileName } from './content-headers.js';
import { sniffContentType } from './content-type.js';

/** How long an upload token can be put on a comment (Zendesk: three days). */
export const UPLOAD_TTL_MS = 3 * 24 * 60 * 60 * 1000;

export type AttachmentsServiceDeps = {
  attachments: AttachmentsRepository;
  storage: Storage;
  /** The tickets module's service and store: attachments are seen through their ticket. */
  tickets: { visibleTicket(actor: Actor, ticketId: number): Promise<Ticket> };
  ticketStore: {
    tickets: {
      commentsByIds(ids: number[]): Promise<TicketComment[]>;
      findById(id: number): Promise<Ticket | undefined>;
    };
  };
  clock: Clock;
  secret: () => string;
};

/** Bytes are stored once per content (by SHA-256); rows say who uploaded what under which name. */
export const storageKeyOf = (hash: string) => `sha256/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`;

export function createAttachmentsService(deps: AttachmentsServiceDeps) {
  const { attachments, storage, tickets, ticketStore, clock, secret } = deps;

  async function ownUpload(actor: Actor, token: string) {
    const upload = await attachments.findUpload(token);
    if (!upload || !ownsUpload(actor, upload) || upload.expires_at < clock.now()) return null;
    return upload;
  }

  /** A file not on a comment lives only as long as its upload token. */
  async function stillAvailable(attachment: Attachment) {
    if (attachment.comment_id !== null) return true;
    const upload =
      attachment.upload_id !== null ? await attachments.findUploadById(attachment.upload_id) : null;
    return upload !== null && upload !== undefined && upload.expires_at >= clock.now();
  }

  return {
    /** Stores one file, in a new upload or added to the caller's existing one (`token`). */
    async upload(actor: Actor, input: { fileName: string; bytes: Buffer; token?: string | undefined }) {
      if (input.bytes.length === 0) {
        throw InvalidError.field('file', 'is empty: send the file itself as the request body');
      }
      let upload = input.token ? await ownUpload(actor, input.token) : null;
      if (input.token && !upload) throw InvalidError.field('token', 'is unknown or expired');
      const hash = sha256(input.bytes);
      const storageKey = storageKeyOf(hash);
      const contentType = sniffContentType(input.bytes, await fileTypeFromBuffer(input.bytes));
      await storage.put(storageKey, input.bytes);
      const now = clock.now();
      upload ??= await attachments.insertUpload({
        token: randomToken(18),
        uploader_id: actor.user.id,
        expires_at: new Date(now.getTime() + UPLOAD_TTL_MS),
        created_at: now,
      });
      const attachment = await attachments.insert({
        upload_id: upload.id,
        uploader_id: actor.user.id,
        file_name: cleanFileName(input.fileName),
        content_type: contentType,
        size: input.bytes.length,
        sha256: hash,
        storage_key: storageKey,
        created_at: now,
      });
      return { upload, attachment, attachments: await attachments.ofUpload(upload.id) };
    },

    /** Deletes an upload and its files not yet on a comment; files on comments stay. */
    async removeUpload(actor: Actor, token: string) {
      const upload = await attachments.findUpload(token);
      if (!upload || !ownsUpload(actor, upload)) throw new NotFoundError();
      await attachments.deleteUpload(upload.id);
    },

    /** The attachment if the caller may see it; 404 otherwise, as for a missing one. */
    async show(actor: Actor, id: number): Promise<Attachment> {
      const attachment = await attachments.findById(id);
      if (!attachment) throw new NotFoundError();
      let attached = null;
      if (attachment.comment_id !== null && attachment.ticket_id !== null) {
        const ticket = await tickets.visibleTicket(actor, attachment.ticket_id);
        const [comment] = await ticketStore.tickets.commentsByIds([attachment.comment_id]);
        if (!comment) throw new NotFoundError();
        attached = { ticket, comment };
      }
      if (!seesAttachment(actor, attachment, attached) || !(await stillAvailable(attachment)))
        throw new NotFoundError();
      return attachment;
    },

    /**
     * The file behind a signed link, while its ticket exists and the link is in date.
     * A forged link or a file that is gone answers 404; an expired link to a file that
     * is still there answers 410, so its holder knows to fetch a fresh one.
     */
    async content(id: number, signature: string) {
      const link = checkAttachmentSignature(id, signature, secret(), clock.now());
      if (link === 'invalid') throw new NotFoundError();
      const attachment = await attachments.findById(id);
      if (!attachment || !(await stillAvailable(attachment))) throw new NotFoundError();
      if (attachment.ticket_id !== null && !(await ticketStore.tickets.findById(attachment.ticket_id))) {
        throw new NotFoundError();
      }
      if (link === 'expired')
        throw new GoneError(
          'This attachment link has expired: open the ticket again for a fresh link',
          'LinkExpired',
        );
      const stream = await storage.get(attachment.storage_key);
      if (!stream) throw new NotFoundError();
      return { attachment, stream };
    },
  };
}

export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
