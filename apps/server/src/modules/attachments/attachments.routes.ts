import { attachmentEnvelope, idParams } from '@frontline/contracts';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/actor.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { baseUrl } from '../../platform/http/pagination.js';
import type { HttpApp } from '../../platform/http/server.js';
import type { AttachmentsService } from './attachments.service.js';
import type { AttachmentView } from './attachments.view.js';
import { contentHeaders } from './content-headers.js';

export type AttachmentRoutesDeps = {
  attachments: AttachmentsService;
  view: AttachmentView;
  publicUrl?: string | undefined;
};

const contentParams = z.object({ id: z.string(), signature: z.string(), filename: z.string() });

export function registerAttachmentRoutes(
  app: HttpApp,
  { attachments, view, publicUrl }: AttachmentRoutesDeps,
) {
  app.get(
    '/api/v2/attachments/:id',
    { schema: { params: idParams, response: { 200: attachmentEnvelope } } },
    async (request) => {
      const attachment = await attachments.show(actorOf(request), request.params.id);
      return { attachment: view.json(attachment, baseUrl(request, publicUrl)) };
    },
  );

  /**
   * The file itself, for whoever holds the signed link (a browser, a mail client).
   * Any malformed part answers the same 404 as a wrong signature.
   */
  app.get(
    '/attachments/:id/:signature/:filename',
    { config: { access: 'public' }, schema: { hide: true, params: contentParams } },
    async (request, reply) => {
      const { id, signature } = request.params;
      if (!/^\d{1,15}$/.test(id)) throw new NotFoundError();
      const file = await attachments.content(Number(id), signature);
      return reply.headers(contentHeaders(file.attachment)).send(file.stream);
    },
  );
}
