import { uploadEnvelope, uploadQuery, uploadTokenParams } from '@frontline/contracts';
import type { FastifyError } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/auth/actor.js';
import { HttpError, InvalidError } from '../../platform/http/errors.js';
import { iso } from '../../platform/http/iso-time.js';
import { baseUrl } from '../../platform/http/pagination.js';
import type { HttpApp } from '../../platform/http/server.js';
import type { AttachmentsService } from './attachments.service.js';
import type { AttachmentView } from './attachments.view.js';

export type UploadRoutesDeps = {
  attachments: AttachmentsService;
  view: AttachmentView;
  uploadLimitBytes: number;
  publicUrl?: string | undefined;
};

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * `POST /api/v2/uploads?filename=` takes the raw file as the body, whatever its
 * declared type (clients send `application/binary`), up to UPLOAD_LIMIT_BYTES. The
 * routes live in their own scope so that this body parser applies to them only.
 */
export async function registerUploadRoutes(app: HttpApp, deps: UploadRoutesDeps) {
  const { attachments, view, uploadLimitBytes, publicUrl } = deps;
  await app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: FastifyError) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        throw new HttpError(413, {
          error: 'PayloadTooLarge',
          description: `The file is larger than the upload limit of ${megabytes(uploadLimitBytes)}`,
        });
      }
      throw error;
    });

    scope.post(
      '/api/v2/uploads',
      {
        bodyLimit: uploadLimitBytes,
        schema: { querystring: uploadQuery, response: { 201: uploadEnvelope } },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) {
          throw InvalidError.field('file', 'is missing: send the file itself as the request body');
        }
        const stored = await attachments.upload(actorOf(request), {
          fileName: request.query.filename,
          bytes: request.body,
          token: request.query.token,
        });
        const base = baseUrl(request, publicUrl);
        const list = stored.attachments.map((a) => view.json(a, base));
        return reply.code(201).send({
          upload: {
            token: stored.upload.token,
            expires_at: iso(stored.upload.expires_at),
            attachments: list,
            attachment: view.json(stored.attachment, base),
          },
        });
      },
    );

    scope.delete(
      '/api/v2/uploads/:token',
      { schema: { params: uploadTokenParams } },
      async (request, reply) => {
        await attachments.removeUpload(actorOf(request), request.params.token);
        return reply.code(204).send();
      },
    );
  });
}
