import type { JsonObject, User } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { ForbiddenError, InvalidError, UnauthorizedError } from '../../platform/http/errors.js';
import type { PageRequest } from '../../platform/http/pagination.js';
import type { AttachmentsService } from '../attachments/index.js';
import type { TicketsModule } from '../tickets/index.js';
import type { PortalRepository } from './portal.repository.js';
import type { SubmissionGuard } from './submission-limits.js';

export type NewRequest = {
  subject: string;
  body: string;
  /** HTML instead of `body` (sanitized by the tickets service). */
  html?: string | undefined;
  /** Upload tokens the submitter owns (the API) … */
  uploads?: string[] | undefined;
  /** … or files sent with the form. */
  files?: { fileName: string; bytes: Buffer }[] | undefined;
  customFields?: { id: number; value: unknown }[] | undefined;
  /** Who an anonymous submission is from. */
  requester?: { name?: string | undefined; email: string; locale?: string | undefined } | undefined;
  channel: 'web' | 'api';
};

/** A comment's text as the tickets service takes it: HTML when given, else plain text. */
function textOf(input: { body?: string | undefined; html?: string | undefined }) {
  return input.html !== undefined ? { html_body: input.html } : { body: input.body ?? '' };
}

export type RequestsServiceDeps = {
  tickets: TicketsModule;
  attachments: AttachmentsService;
  portal: PortalRepository;
  /** The people module's find-or-create of a requester by address. */
  requesterByEmail(input: {
    email: string;
    name?: string | undefined;
    locale?: string | undefined;
  }): Promise<User>;
  anonymousLimit: SubmissionGuard;
  clock: Clock;
};

/**
 * Zendesk's requests: a customer's own view of their tickets. Every read and write goes
 * through the tickets service with the customer as the actor, so its scope (own and, when
 * allowed, the organization's tickets) and its rules (public comments only, end users
 * may only mark solved) hold here exactly as on /api/v2/tickets.
 */
export function createRequestsService(deps: RequestsServiceDeps) {
  const { tickets } = deps;

  /** The actor an anonymous submission acts as: its requester, never with more than an end user's rights. */
  async function anonymousActor(requester: NonNullable<NewRequest['requester']>, ip: string): Promise<Actor> {
    const settings = await deps.portal.settings();
    if (!settings.anyone_can_submit) throw new UnauthorizedError();
    deps.anonymousLimit.take(ip, requester.email);
    const user = await deps.requesterByEmail(requester);
    if (!user.active || user.suspended || user.deleted_at)
      throw InvalidError.field('requester', 'this address cannot submit requests', 'InvalidValue');
    return { user: { ...user, role: 'end-user', light_agent: false }, groupIds: [], method: 'system' };
  }

  async function uploadFiles(actor: Actor, files: NonNullable<NewRequest['files']>) {
    let token: string | undefined;
    for (const file of files) {
      const stored = await deps.attachments.upload(actor, { ...file, token });
      token = stored.upload.token;
    }
    return token ? [token] : [];
  }

  return {
    /** Creates a request as the signed-in actor, or anonymously for `input.requester`. */
    async create(actor: Actor | null, input: NewRequest, ip: string) {
      if (!actor && !input.requester) throw new UnauthorizedError();
      const submitter = actor ?? (await anonymousActor(input.requester!, ip));
      if (!submitter.user.email && !actor) throw new ForbiddenError();
      const uploads = [...(input.uploads ?? []), ...(await uploadFiles(submitter, input.files ?? []))];
      const source: JsonObject = {
        from: { name: submitter.user.name, address: submitter.user.email },
        to: {},
        rel: input.channel === 'web' ? 'web_form' : null,
      };
      return tickets.service.create(
        submitter,
        {
          subject: input.subject,
          comment: { ...textOf(input), uploads },
          ...(input.customFields?.length ? { custom_fields: input.customFields } : {}),
        } as Parameters<TicketsModule['service']['create']>[1],
        { channel: 'web', source },
      );
    },

    /** The actor's requests: their own, or with `organization` their organization's where shared. */
    list(actor: Actor, filter: { status?: string[]; organization?: boolean }, page: PageRequest) {
      const scope = filter.organization
        ? actor.user.organization_id !== null
          ? { organizationId: actor.user.organization_id }
          : { ids: [] }
        : { requesterId: actor.user.id };
      return tickets.service.list(
        actor,
        { ...scope, ...(filter.status?.length ? { status: filter.status } : {}) },
        { column: 'updated_at', direction: 'desc' },
        page,
      );
    },

    show(actor: Actor, id: number) {
      return tickets.service.visibleTicket(actor, id);
    },

    /** Public comments only, whoever asks: an agent reading a request sees what its requester sees. */
    async comments(actor: Actor, id: number) {
      const all = await tickets.service.comments(actor, id, 'asc');
      return all.filter((c) => c.public);
    },

    /** A customer's reply, and/or "mark as solved". */
    update(
      actor: Actor,
      id: number,
      input: {
        body?: string | undefined;
        html?: string | undefined;
        uploads?: string[] | undefined;
        solved?: boolean | undefined;
      },
      files: NonNullable<NewRequest['files']> = [],
    ) {
      return (async () => {
        const uploads = [...(input.uploads ?? []), ...(await uploadFiles(actor, files))];
        const written = (input.html ?? input.body ?? '').trim();
        const comment = written || uploads.length ? { ...textOf(input), uploads } : undefined;
        if (!comment && !input.solved)
          throw InvalidError.field(
            'comment',
            'cannot be blank: write a reply or mark the request solved',
            'BlankValue',
          );
        return tickets.service.update(
          actor,
          id,
          { ...(comment ? { comment } : {}), ...(input.solved ? { status: 'solved' } : {}) } as Parameters<
            TicketsModule['service']['update']
          >[2],
          { channel: 'web' },
        );
      })();
    },
  };
}

export type RequestsService = ReturnType<typeof createRequestsService>;
