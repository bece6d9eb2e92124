import type { AttachmentJson } from '@frontline/contracts';
import type { Attachment } from '../../db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { attachmentContentPath, freshAttachmentLinks } from './attachment-links.js';

function attachmentJson(a: Attachment, base: string, contentPath: string): AttachmentJson {
  const contentUrl = `${base}${contentPath}`;
  return {
    id: a.id,
    url: `${base}/api/v2/attachments/${a.id}.json`,
    file_name: a.file_name,
    content_url: contentUrl,
    mapped_content_url: contentUrl,
    content_type: a.content_type,
    size: a.size,
    inline: a.inline,
    deleted: false,
  };
}

/** Attachment JSON with its signed content URL (fresh on every call), as comments show it. */
export function createAttachmentView(secret: () => string, clock: Clock) {
  return {
    json(attachment: Attachment, base: string): AttachmentJson {
      return attachmentJson(attachment, base, attachmentContentPath(attachment, secret(), clock.now()));
    },
    /** Stored HTML with its attachment links (inline images) re-signed for today. */
    html(html: string): string {
      return freshAttachmentLinks(html, secret(), clock.now());
    },
  };
}

export type AttachmentView = ReturnType<typeof createAttachmentView>;
