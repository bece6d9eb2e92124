import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { TicketField, TicketFieldsTable } from '../../db/schema.js';
import { type PageOrder, type PageRequest, pageOf } from '../../platform/http/pagination.js';

/** Fields list in the order agents see them: by position, then by ID. */
export const FIELD_ORDER: PageOrder<TicketField> = {
  id: 'ticket_fields.id',
  column: 'ticket_fields.position',
  cursorValue: (f) => f.position,
};

export function createTicketFieldsRepository(db: Executor) {
  return {
    page(page: PageRequest) {
      return pageOf(db.selectFrom('ticket_fields').selectAll(), FIELD_ORDER, page);
    },
    findById(id: number) {
      return db.selectFrom('ticket_fields').selectAll().where('id', '=', id).executeTakeFirst();
    },
    insert(field: Insertable<TicketFieldsTable>) {
      return db.insertInto('ticket_fields').values(field).returningAll().executeTakeFirstOrThrow();
    },
    update(id: number, changes: Updateable<TicketFieldsTable>) {
      return db
        .updateTable('ticket_fields')
        .set(changes)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    remove(id: number) {
      return db.deleteFrom('ticket_fields').where('id', '=', id).execute();
    },
    /** `count` new dropdown option IDs, unique across fields. */
    async nextOptionIds(count: number) {
      if (count === 0) return [];
      const { rows } = await sql<{
        id: string | number;
      }>`select nextval('custom_field_option_ids') as id from generate_series(1, ${count})`.execute(db);
      return rows.map((r) => Number(r.id));
    },
  };
}

export type TicketFieldsRepository = ReturnType<typeof createTicketFieldsRepository>;
