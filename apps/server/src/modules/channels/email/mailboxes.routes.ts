import {
  id,
  idParams,
  imapSource,
  imapSourceCreate,
  imapSourceUpdate,
  mailbox,
  mailboxCreate,
  mailboxUpdate,
} from '@frontline/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../../platform/auth/actor.js';
import { baseUrl } from '../../../platform/http/pagination.js';
import type { HttpApp } from '../../../platform/http/server.js';
import { imapSourceJson, mailboxJson } from './email.presenter.js';
import type { MailboxesService } from './mailboxes.service.js';

const one = z.object({ mailbox });
const oneSource = z.object({ imap_source: imapSource });
const sourceParams = z.object({ id, source_id: id });

/**
 * Admin API for mailboxes (Frontline's own, under /api/v2/frontline): the addresses
 * customers write to, how their mail arrives (IMAP sources, the SMTP listener, the
 * inbound webhook) and how strictly it is screened. Passwords, tokens and inbound
 * secrets are accepted and never returned.
 */
export function registerMailboxRoutes(
  app: HttpApp,
  deps: { mailboxes: MailboxesService; publicUrl?: string | undefined },
) {
  const { mailboxes } = deps;
  const admin = { access: 'admin' as const };
  const base = (request: FastifyRequest) => baseUrl(request, deps.publicUrl);

  app.get(
    '/api/v2/frontline/mailboxes',
    {
      config: admin,
      schema: { response: { 200: z.object({ mailboxes: z.array(mailbox), count: z.number().int() }) } },
    },
    async (request) => {
      const { mailboxes: rows, sources } = await mailboxes.list(actorOf(request));
      return { mailboxes: rows.map((m) => mailboxJson(m, sources, base(request))), count: rows.length };
    },
  );

  app.get(
    '/api/v2/frontline/mailboxes/:id',
    { config: admin, schema: { params: idParams, response: { 200: one } } },
    async (request) => {
      const { mailbox: row, sources } = await mailboxes.show(actorOf(request), request.params.id);
      return { mailbox: mailboxJson(row, sources, base(request)) };
    },
  );

  app.post(
    '/api/v2/frontline/mailboxes',
    { config: admin, schema: { body: z.object({ mailbox: mailboxCreate }), response: { 201: one } } },
    async (request, reply) => {
      const { mailbox: row, sources } = await mailboxes.create(actorOf(request), request.body.mailbox);
      const body = { mailbox: mailboxJson(row, sources, base(request)) };
      return reply.code(201).header('location', body.mailbox.url).send(body);
    },
  );

  app.put(
    '/api/v2/frontline/mailboxes/:id',
    {
      config: admin,
      schema: { params: idParams, body: z.object({ mailbox: mailboxUpdate }), response: { 200: one } },
    },
    async (request) => {
      const { mailbox: row, sources } = await mailboxes.update(
        actorOf(request),
        request.params.id,
        request.body.mailbox,
      );
      return { mailbox: mailboxJson(row, sources, base(request)) };
    },
  );

  app.delete(
    '/api/v2/frontline/mailboxes/:id',
    { config: admin, schema: { params: idParams } },
    async (request, reply) => {
      await mailboxes.remove(actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v2/frontline/mailboxes/:id/imap_sources',
    {
      config: admin,
      schema: {
        params: idParams,
        body: z.object({ imap_source: imapSourceCreate }),
        response: { 201: oneSource },
      },
    },
    async (request, reply) => {
      const row = await mailboxes.createSource(actorOf(request), request.params.id, request.body.imap_source);
      const body = { imap_source: imapSourceJson(row, base(request)) };
      return reply.code(201).header('location', body.imap_source.url).send(body);
    },
  );

  app.get(
    '/api/v2/frontline/mailboxes/:id/imap_sources/:source_id',
    { config: admin, schema: { params: sourceParams, response: { 200: oneSource } } },
    async (request) => {
      const row = await mailboxes.source(actorOf(request), request.params.id, request.params.source_id);
      return { imap_source: imapSourceJson(row, base(request)) };
    },
  );

  app.put(
    '/api/v2/frontline/mailboxes/:id/imap_sources/:source_id',
    {
      config: admin,
      schema: {
        params: sourceParams,
        body: z.object({ imap_source: imapSourceUpdate }),
        response: { 200: oneSource },
      },
    },
    async (request) => {
      const { id: mailboxId, source_id } = request.params;
      const row = await mailboxes.updateSource(
        actorOf(request),
        mailboxId,
        source_id,
        request.body.imap_source,
      );
      return { imap_source: imapSourceJson(row, base(request)) };
    },
  );

  app.delete(
    '/api/v2/frontline/mailboxes/:id/imap_sources/:source_id',
    { config: admin, schema: { params: sourceParams } },
    async (request, reply) => {
      await mailboxes.removeSource(actorOf(request), request.params.id, request.params.source_id);
      return reply.code(204).send();
    },
  );
}
