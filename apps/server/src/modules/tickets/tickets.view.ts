import type { CommentJson } from '@frontline/contracts';
import type { Attachment, Ticket, TicketComment } from '../../db/schema.js';
import { type Actor, isAgent } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { createAttachmentView } from '../attachments/index.js';
import {
  groupJson,
  memberOrganizationJson,
  organizationJson,
  publicUserJson,
  userJson,
} from '../people/index.js';
import { commentJson, ticketJson } from './tickets.presenter.js';
import type { TicketExtras } from './tickets.repository.js';
import type { TicketStore } from './tickets.store.js';

/**
 * Fields another module adds inside each ticket's JSON when `?include=` names them
 * (`slas` from the workflow module), keyed by ticket ID; registered at start, so tickets
 * needs no import of the module that provides them.
 */
export type TicketInclude = (actor: Actor, rows: Ticket[]) => Promise<Map<number, Record<string, unknown>>>;

/** Builds response objects for tickets and their comments, loading what the JSON needs in batches. */
export function createTicketsView(store: TicketStore, secret: () => string, clock: Clock) {
  const attachmentView = createAttachmentView(secret, clock);
  const includes = new Map<string, TicketInclude>();

  /** The tickets' JSON with what `include` asks of other modules merged into each ticket. */
  async function withIncludes<T extends { id: number }>(
    actor: Actor,
    include: string | undefined,
    rows: Ticket[],
    bodies: T[],
  ): Promise<T[]> {
    const wanted = new Set((include ?? '').split(',').map((s) => s.trim()));
    let out = bodies;
    for (const [name, load] of includes) {
      if (!wanted.has(name) || rows.length === 0) continue;
      const extra = await load(actor, rows);
      out = out.map((body) => ({ ...body, ...extra.get(body.id) }));
    }
    return out;
  }

  async function tickets(rows: Ticket[], base: string) {
    const ids = rows.map((r) => r.id);
    const [fields, problems, followups] = await Promise.all([
      store.tickets.activeFields(),
      store.tickets.problemsWithIncidents(rows.filter((r) => r.type === 'problem').map((r) => r.id)),
      store.tickets.followupIds(ids),
    ]);
    const ctx = {
      base,
      fieldIds: fields.map((f) => f.id),
      problemsWithIncidents: problems,
      followupIds: followups,
    };
    return rows.map((r) => ticketJson(r, ctx));
  }

  /** One ticket whose extras were read with its row: no further look-ups. */
  function detailed(row: Ticket, extras: TicketExtras, base: string) {
    return ticketJson(row, {
      base,
      fieldIds: extras.fieldIds,
      problemsWithIncidents: new Set(extras.hasIncidents ? [row.id] : []),
      followupIds: new Map([[row.id, extras.followupIds]]),
    });
  }

  /** The comments' JSON; `known` are their attachments when the caller has them. */
  async function comments(rows: TicketComment[], base: string, known?: Attachment[]): Promise<CommentJson[]> {
    const attachments = known ?? (await store.attachments.ofComments(rows.map((c) => c.id)));
    return rows.map((c) =>
      commentJson(
        { ...c, html_body: attachmentView.html(c.html_body) },
        attachments.filter((a) => a.comment_id === c.id).map((a) => attachmentView.json(a, base)),
      ),
    );
  }

  /** `?include=users,groups,organizations` side-loads for a set of tickets. */
  async function sideloads(
    actor: Actor,
    include: string | undefined,
    rows: Ticket[],
    base: string,
    extraUserIds: number[] = [],
  ) {
    const wanted = new Set((include ?? '').split(',').map((s) => s.trim()));
    const out: Record<string, unknown[]> = {};
    if (wanted.has('users')) {
      const userIds = rows.flatMap((r) => [
        r.requester_id,
        r.submitter_id,
        r.assignee_id ?? 0,
        ...r.collaborator_ids,
      ]);
      const users = await store.users.findManyByIds([...userIds, ...extraUserIds].filter(Boolean));
      out.users = users.map((u) => (isAgent(actor) ? userJson(u, base) : publicUserJson(u, base)));
    }
    if (wanted.has('groups')) {
      const groups = await store.groups.findManyByIds(rows.map((r) => r.group_id ?? 0).filter(Boolean));
      out.groups = groups.map((g) => groupJson(g, base));
    }
    if (wanted.has('organizations')) {
      const orgs = await store.organizations.findManyByIds(
        rows.map((r) => r.organization_id ?? 0).filter(Boolean),
      );
      // End-users see an organization's name and domains, never the agents' notes on it.
      out.organizations = orgs.map((o) =>
        isAgent(actor) ? organizationJson(o, base) : memberOrganizationJson(o, base),
      );
    }
    return out;
  }

  return {
    tickets,
    detailed,
    comments,
    sideloads,
    withIncludes,
    registerInclude: (name: string, load: TicketInclude) => void includes.set(name, load),
  };
}

export type TicketsView = ReturnType<typeof createTicketsView>;
