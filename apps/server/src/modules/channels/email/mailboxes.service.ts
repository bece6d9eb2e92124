import type { ImapSourceCreate, ImapSourceUpdate, MailboxCreate, MailboxUpdate } from '@frontline/contracts';
import type { Updateable } from 'kysely';
import type { MailboxesTable, MailboxImapSourcesTable } from '../../../db/tables/email.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { sha256 } from '../../../platform/auth/secrets.js';
import type { Clock } from '../../../platform/clock.js';
import { InvalidError, NotFoundError } from '../../../platform/http/errors.js';
import { hostProblem } from '../../../platform/net/ssrf.js';
import type { TicketStore } from '../../tickets/index.js';
import { authorizeMailboxAdmin } from './email.policy.js';
import { baseAddress } from './mail-address.js';
import type { MailboxesRepository } from './mailboxes.repository.js';
import { seal } from './secret-box.js';

export type MailboxesServiceDeps = {
  mailboxes: MailboxesRepository;
  store: TicketStore;
  clock: Clock;
  secret: string;
  /** Called after any change, so the SMTP listener and IMAP pollers follow at once. */
  onChange?: () => void;
};

/** Admins configure mailboxes and their IMAP sources; secrets go in and never come out. */
export function createMailboxesService(deps: MailboxesServiceDeps) {
  const { mailboxes, clock } = deps;

  async function checkInput(
    input: MailboxUpdate,
    current: { require_authentication: boolean; trusted_authserv_id: string | null } | null,
  ) {
    if (input.group_id != null && !(await deps.store.groups.findById(input.group_id))) {
      throw InvalidError.field('group_id', `group ${input.group_id} does not exist`);
    }
    if (input.address !== undefined && baseAddress(input.address).tag !== null) {
      throw InvalidError.field('address', 'must be a plain address without a +tag');
    }
    const requires = input.require_authentication ?? current?.require_authentication ?? false;
    const authserv =
      input.trusted_authserv_id !== undefined
        ? input.trusted_authserv_id
        : (current?.trusted_authserv_id ?? null);
    if (requires && !authserv) {
      throw InvalidError.field(
        'trusted_authserv_id',
        'is required when require_authentication is on: name the server whose Authentication-Results to trust (e.g. mx.google.com)',
      );
    }
  }

  function columns(input: MailboxUpdate): Updateable<MailboxesTable> {
    return {
      ...(input.address !== undefined ? { address: input.address.toLowerCase() } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.group_id !== undefined ? { group_id: input.group_id } : {}),
      ...(input.default !== undefined ? { is_default: input.default } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(input.foreign_reply_action !== undefined
        ? { foreign_reply_action: input.foreign_reply_action }
        : {}),
      ...(input.unverified_agent_action !== undefined
        ? { unverified_agent_action: input.unverified_agent_action }
        : {}),
      ...(input.require_authentication !== undefined
        ? { require_authentication: input.require_authentication }
        : {}),
      ...(input.trusted_authserv_id !== undefined
        ? { trusted_authserv_id: input.trusted_authserv_id?.toLowerCase() ?? null }
        : {}),
      ...(input.sender_burst_limit !== undefined ? { sender_burst_limit: input.sender_burst_limit } : {}),
      ...(input.inbound_secret !== undefined
        ? { inbound_secret_hash: input.inbound_secret === null ? null : sha256(input.inbound_secret) }
        : {}),
    };
  }

  async function visible(actor: Actor, id: number) {
    authorizeMailboxAdmin(actor);
    const mailbox = await mailboxes.findById(id);
    if (!mailbox) throw new NotFoundError();
    return mailbox;
  }

  async function source(actor: Actor, mailboxId: number, id: number) {
    await visible(actor, mailboxId);
    const found = await mailboxes.findSource(mailboxId, id);
    if (!found) throw new NotFoundError();
    return found;
  }

  function sourceColumns(input: ImapSourceUpdate): Updateable<MailboxImapSourcesTable> {
    const secret = input.password ?? input.access_token;
    return {
      ...(input.host !== undefined ? { host: input.host } : {}),
      ...(input.port !== undefined ? { port: input.port } : {}),
      ...(input.secure !== undefined ? { secure: input.secure } : {}),
      ...(input.username !== undefined ? { username: input.username } : {}),
      ...(secret !== undefined
        ? {
            secret_box: seal(deps.secret, secret),
            auth_method: input.access_token !== undefined ? 'oauth2' : 'password',
          }
        : {}),
      ...(input.folder !== undefined ? { folder: input.folder } : {}),
      ...(input.move_to !== undefined ? { move_to: input.move_to } : {}),
      ...(input.poll_seconds !== undefined ? { poll_seconds: input.poll_seconds } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(input.allow_private_network !== undefined
        ? { allow_private_network: input.allow_private_network }
        : {}),
    };
  }

  /** The host must not reach into the server's own network (the webhooks' rules): 422 if it does. */
  function checkHost(host: string, allowPrivate: boolean) {
    const problem = hostProblem(host, allowPrivate);
    if (problem) throw InvalidError.field('host', problem);
  }

  return {
    async list(actor: Actor) {
      authorizeMailboxAdmin(actor);
      const rows = await mailboxes.list();
      return { mailboxes: rows, sources: await mailboxes.sourcesOf(rows.map((m) => m.id)) };
    },
    async show(actor: Actor, id: number) {
      const mailbox = await visible(actor, id);
      return { mailbox, sources: await mailboxes.sourcesOf([id]) };
    },
    async create(actor: Actor, input: MailboxCreate) {
      authorizeMailboxAdmin(actor);
      await checkInput(input, null);
      const now = clock.now();
      const mailbox = await mailboxes.insert({
        ...columns(input),
        address: input.address.toLowerCase(),
        created_at: now,
        updated_at: now,
      });
      if (!mailbox)
        throw InvalidError.field('address', `${input.address} is already a mailbox`, 'DuplicateValue');
      if (mailbox.is_default) await mailboxes.clearDefault(mailbox.id);
      deps.onChange?.();
      return { mailbox, sources: [] };
    },
    async update(actor: Actor, id: number, input: MailboxUpdate) {
      const current = await visible(actor, id);
      await checkInput(input, current);
      if (input.address !== undefined && input.address.toLowerCase() !== current.address) {
        const taken = await mailboxes.findByAddress(input.address);
        if (taken)
          throw InvalidError.field('address', `${input.address} is already a mailbox`, 'DuplicateValue');
      }
      const mailbox = await mailboxes.update(id, { ...columns(input), updated_at: clock.now() });
      if (!mailbox) throw new NotFoundError();
      if (input.default === true) await mailboxes.clearDefault(id);
      deps.onChange?.();
      return { mailbox, sources: await mailboxes.sourcesOf([id]) };
    },
    async remove(actor: Actor, id: number) {
      await visible(actor, id);
      await mailboxes.softDelete(id, clock.now());
      deps.onChange?.();
    },

    async createSource(actor: Actor, mailboxId: number, input: ImapSourceCreate) {
      await visible(actor, mailboxId);
      checkHost(input.host, input.allow_private_network ?? false);
      const now = clock.now();
      const secure = input.secure ?? true;
      const created = await mailboxes.insertSource({
        mailbox_id: mailboxId,
        host: input.host,
        port: input.port ?? (secure ? 993 : 143),
        secure,
        username: input.username,
        auth_method: input.access_token !== undefined ? 'oauth2' : 'password',
        secret_box: seal(deps.secret, input.password ?? input.access_token ?? ''),
        folder: input.folder ?? 'INBOX',
        move_to: input.move_to ?? null,
        poll_seconds: input.poll_seconds ?? 60,
        active: input.active ?? true,
        allow_private_network: input.allow_private_network ?? false,
        created_at: now,
        updated_at: now,
      });
      deps.onChange?.();
      return created;
    },
    async updateSource(actor: Actor, mailboxId: number, id: number, input: ImapSourceUpdate) {
      const current = await source(actor, mailboxId, id);
      checkHost(input.host ?? current.host, input.allow_private_network ?? current.allow_private_network);
      const updated = await mailboxes.updateSource(id, { ...sourceColumns(input), updated_at: clock.now() });
      deps.onChange?.();
      return updated;
    },
    async removeSource(actor: Actor, mailboxId: number, id: number) {
      await source(actor, mailboxId, id);
      await mailboxes.updateSource(id, { deleted_at: clock.now(), active: false, updated_at: clock.now() });
      deps.onChange?.();
    },
    source,
  };
}

export type MailboxesService = ReturnType<typeof createMailboxesService>;
