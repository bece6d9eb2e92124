import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { DB, TicketUpdate } from '../../db/schema.js';
import type { Cursor } from '../../platform/http/pagination.js';

/** Which tickets a caller may see, decided by tickets.policy and applied to every list. */
export type TicketScope =
  | { kind: 'all' }
  | { kind: 'requester'; userId: number; organizationId: number | null }
  | { kind: 'groups'; userId: number; groupIds: number[] }
  | { kind: 'assigned'; userId: number };

export type TicketFilter = {
  status?: string[];
  requesterId?: number;
  assigneeId?: number;
  collaboratorId?: number;
  organizationId?: number;
  groupId?: number;
  ids?: number[];
  externalId?: string;
};

export type TicketSort = { column: 'id' | 'created_at' | 'updated_at'; direction: 'asc' | 'desc' };

type TicketQuery = SelectQueryBuilder<DB, 'tickets', object>;

export function scopeCondition(eb: ExpressionBuilder<DB, 'tickets'>, scope: TicketScope) {
  switch (scope.kind) {
    case 'all':
      return eb.lit(true);
    case 'requester':
      return eb.or([
        eb('tickets.requester_id', '=', scope.userId),
        eb('tickets.collaborator_ids', '@>', sql<number[]>`array[${scope.userId}]::bigint[]`),
        ...(scope.organizationId !== null ? [eb('tickets.organization_id', '=', scope.organizationId)] : []),
      ]);
    case 'groups':
      return eb.or([
        eb('tickets.assignee_id', '=', scope.userId),
        ...(scope.groupIds.length > 0 ? [eb('tickets.group_id', 'in', scope.groupIds)] : []),
      ]);
    case 'assigned':
      return eb('tickets.assignee_id', '=', scope.userId);
  }
}

function applyFilter(query: TicketQuery, filter: TicketFilter): TicketQuery {
  let q = query;
  if (filter.status?.length) q = q.where('tickets.status', 'in', filter.status as never);
  if (filter.requesterId !== undefined) q = q.where('tickets.requester_id', '=', filter.requesterId);
  if (filter.assigneeId !== undefined) q = q.where('tickets.assignee_id', '=', filter.assigneeId);
  if (filter.organizationId !== undefined) q = q.where('tickets.organization_id', '=', filter.organizationId);
  if (filter.groupId !== undefined) q = q.where('tickets.group_id', '=', filter.groupId);
  if (filter.ids) q = q.where('tickets.id', 'in', filter.ids.length ? filter.ids : [0]);
  if (filter.externalId !== undefined) q = q.where('tickets.external_id', '=', filter.externalId);
  if (filter.collaboratorId !== undefined) {
    const id = filter.collaboratorId;
    q = q.where('tickets.collaborator_ids', '@>', sql<number[]>`array[${id}]::bigint[]`);
  }
  return q;
}

/** What a ticket's JSON shows beyond its row. */
export type TicketExtras = {
  /** The active custom fields, in order: each ticket lists them all. */
  fieldIds: number[];
  followupIds: number[];
  /** Only a problem has incidents. */
  hasIncidents: boolean;
};

/** `TicketExtras` as columns beside a ticket row (`alias`), so one statement reads both. */
export function extrasColumns(alias: string) {
  const id = sql.ref(`${alias}.id`);
  return [
    sql<number[]>`array(select f.id from ticket_fields f where f.active order by f.position, f.id)`.as(
      'extra_field_ids',
    ),
    sql<
      number[]
    >`array(select f.id from tickets f where f.followup_source_id = ${id} and f.deleted_at is null order by f.id)`.as(
      'extra_followup_ids',
    ),
    sql<boolean>`case when ${sql.ref(`${alias}.type`)} = 'problem' then exists (select from tickets i where i.problem_id = ${id} and i.deleted_at is null) else false end`.as(
      'extra_has_incidents',
    ),
  ] as const;
}

/** The ticket's search tokens plus `tokens`, each once and the list bounded: a value for an UPDATE's SET. */
export function withSearchTokens(tokens: string[]) {
  return sql<
    string[]
  >`(select coalesce(array_agg(distinct t), '{}') from (select unnest(search_tokens || ${sql.val(tokens)}::text[]) t limit 8000) x)`;
}

/** Splits a row read with `extrasColumns` into the ticket and its extras. */
export function splitExtras<
  T extends { extra_field_ids: number[]; extra_followup_ids: number[]; extra_has_incidents: boolean },
>(row: T) {
  const { extra_field_ids, extra_followup_ids, extra_has_incidents, ...ticket } = row;
  const extras: TicketExtras = {
    fieldIds: extra_field_ids,
    followupIds: extra_followup_ids,
    hasIncidents: extra_has_incidents,
  };
  return { ticket, extras };
}

export function createTicketsRepository(db: Executor) {
  const visible = (scope: TicketScope) =>
    db
      .selectFrom('tickets')
      .where('tickets.deleted_at', 'is', null)
      .where((eb) => scopeCondition(eb, scope));

  return {
    findById(id: number, scope: TicketScope = { kind: 'all' }) {
      return visible(scope).selectAll('tickets').where('tickets.id', '=', id).executeTakeFirst();
    },

    /** The row with what its JSON shows beyond it (see `TicketExtras`), in one statement. */
    async findDetailed(id: number, scope: TicketScope = { kind: 'all' }) {
      const row = await visible(scope)
        .selectAll('tickets')
        .select(extrasColumns('tickets'))
        .where('tickets.id', '=', id)
        .executeTakeFirst();
      return row && splitExtras(row);
    },

    /** The row locked for update, inside a transaction. */
    lockById(id: number) {
      return db
        .selectFrom('tickets')
        .selectAll()
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .forUpdate()
        .executeTakeFirst();
    },

    findManyByIds(ids: readonly number[], scope: TicketScope) {
      if (ids.length === 0) return Promise.resolve([]);
      return visible(scope)
        .selectAll('tickets')
        .where('tickets.id', 'in', [...ids])
        .orderBy('tickets.id')
        .execute();
    },

    async count(scope: TicketScope, filter: TicketFilter = {}) {
      const row = await applyFilter(visible(scope), filter)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    listOffset(scope: TicketScope, filter: TicketFilter, sort: TicketSort, page: number, perPage: number) {
      return applyFilter(visible(scope), filter)
        .selectAll('tickets')
        .orderBy(`tickets.${sort.column}`, sort.direction)
        .orderBy('tickets.id', sort.direction)
        .limit(perPage)
        .offset((page - 1) * perPage)
        .execute();
    },

    /** Keyset page: rows after (or before) a cursor, one extra to tell whether more exist. */
    async listCursor(
      scope: TicketScope,
      filter: TicketFilter,
      sort: TicketSort,
      size: number,
      cursor: { after: Cursor | null; before: Cursor | null },
    ) {
      const backward = cursor.before !== null;
      const direction = backward ? (sort.direction === 'asc' ? 'desc' : 'asc') : sort.direction;
      const at = cursor.before ?? cursor.after;
      let q = applyFilter(visible(scope), filter).selectAll('tickets');
      if (at) {
        const op = direction === 'asc' ? '>' : '<';
        const value = sort.column === 'id' ? at.id : at.v === null ? null : new Date(String(at.v));
        q = q.where((eb) =>
          eb(eb.refTuple(`tickets.${sort.column}`, 'tickets.id'), op, eb.tuple(value as never, at.id)),
        );
      }
      const rows = await q
        .orderBy(`tickets.${sort.column}`, direction)
        .orderBy('tickets.id', direction)
        .limit(size + 1)
        .execute();
      const hasMore = rows.length > size;
      const page = rows.slice(0, size);
      if (backward) page.reverse();
      return { rows: page, hasMore, backward };
    },

    update(id: number, changes: TicketUpdate) {
      return db
        .updateTable('tickets')
        .set(changes)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    comments(ticketId: number, options: { publicOnly: boolean; sortOrder?: 'asc' | 'desc' }) {
      let q = db.selectFrom('ticket_comments').selectAll().where('ticket_id', '=', ticketId);
      if (options.publicOnly) q = q.where('public', '=', true);
      return q.orderBy('id', options.sortOrder ?? 'asc').execute();
    },

    commentsByIds(ids: number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('ticket_comments').selectAll().where('id', 'in', ids).execute();
    },

    audits(ticketId: number) {
      return db
        .selectFrom('ticket_audits')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('id')
        .execute();
    },

    eventsOfAudits(auditIds: number[]) {
      if (auditIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('ticket_events')
        .selectAll()
        .where('audit_id', 'in', auditIds)
        .orderBy('id')
        .execute();
    },

    /** Problem IDs among `ids` that have at least one incident linked. */
    async problemsWithIncidents(ids: number[]) {
      if (ids.length === 0) return new Set<number>();
      const rows = await db
        .selectFrom('tickets')
        .select('problem_id')
        .distinct()
        .where('problem_id', 'in', ids)
        .where('deleted_at', 'is', null)
        .execute();
      return new Set(rows.map((r) => r.problem_id!));
    },

    async followupIds(ids: number[]) {
      const map = new Map<number, number[]>();
      if (ids.length === 0) return map;
      const rows = await db
        .selectFrom('tickets')
        .select(['id', 'followup_source_id'])
        .where('followup_source_id', 'in', ids)
        .where('deleted_at', 'is', null)
        .execute();
      for (const r of rows) map.set(r.followup_source_id!, [...(map.get(r.followup_source_id!) ?? []), r.id]);
      return map;
    },

    incidentsOf(problemId: number) {
      return db
        .selectFrom('tickets')
        .selectAll()
        .where('problem_id', '=', problemId)
        .where('deleted_at', 'is', null)
        .orderBy('id')
        .execute();
    },

    activeFields() {
      return db
        .selectFrom('ticket_fields')
        .selectAll()
        .where('active', '=', true)
        .orderBy('position')
        .orderBy('id')
        .execute();
    },
  };
}

export type TicketsRepository = ReturnType<typeof createTicketsRepository>;
