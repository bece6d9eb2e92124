import type { AttachmentJson } from '@frontline/contracts';
import type { Attachment } from '../../db/schema.js';
import { attachmentJson } from '../tickets/index.js';
import { attachmentContentPath } from './attachment-links.js';

/** Attachment JSON with its signed content URL, as comments show it. */
export function createAttachmentView(secret: () => string) {
  return {
    json(attachment: Attachment, base: string): AttachmentJson {
      return attachmentJson(attachment, base, attachmentContentPath(attachment, secret()));
    },
  };
}

export type AttachmentView = ReturnType<typeof createAttachmentView>;
