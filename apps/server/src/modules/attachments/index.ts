export {
  ATTACHMENT_LINK_TTL_MS,
  attachmentContentPath,
  attachmentSignature,
  checkAttachmentSignature,
  freshAttachmentLinks,
} from './attachment-links.js';
export { type AttachmentsRepository, createAttachmentsRepository } from './attachments.repository.js';
export { registerAttachmentRoutes } from './attachments.routes.js';
export { type AttachmentsService, createAttachmentsService, UPLOAD_TTL_MS } from './attachments.service.js';
export { createAttachmentView } from './attachments.view.js';
export { registerUploadRoutes } from './uploads.routes.js';
