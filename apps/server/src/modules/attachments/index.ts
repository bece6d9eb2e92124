export { attachmentContentPath, attachmentSignature, validAttachmentSignature } from './attachment-links.js';
export { createAttachmentsRepository } from './attachments.repository.js';
export { registerAttachmentRoutes } from './attachments.routes.js';
export { type AttachmentsService, createAttachmentsService, UPLOAD_TTL_MS } from './attachments.service.js';
export { createAttachmentView } from './attachments.view.js';
export { registerUploadRoutes } from './uploads.routes.js';
