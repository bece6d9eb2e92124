import type { Kysely } from 'kysely';
import type { DB, TicketField } from '../../db/schema.js';
import type { PortalTables } from '../../db/tables/portal.js';

export type PortalSettings = {
  /** Zendesk's "anyone can submit tickets": anonymous requests by form and API. */
  anyone_can_submit: boolean;
  /** Leading zero bits the web form's proof-of-work must find (0 turns it off). */
  proof_of_work_bits: number;
};

export const DEFAULT_PORTAL_SETTINGS: PortalSettings = { anyone_can_submit: true, proof_of_work_bits: 18 };
const SETTINGS_KEY = 'portal';

/** The portal's rows: its settings, the fields customers fill in, and sign-in links. */
export function createPortalRepository(database: Kysely<DB>) {
  const db = database.withTables<PortalTables>();
  return {
    async settings(): Promise<PortalSettings> {
      const row = await db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', SETTINGS_KEY)
        .executeTakeFirst();
      return { ...DEFAULT_PORTAL_SETTINGS, ...((row?.value as Partial<PortalSettings>) ?? {}) };
    },

    async saveSettings(settings: PortalSettings, now: Date) {
      await db
        .insertInto('settings')
        .values({ key: SETTINGS_KEY, value: JSON.stringify(settings), updated_at: now })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({ value: JSON.stringify(settings), updated_at: now }),
        )
        .execute();
    },

    /** Active custom fields an admin made editable by customers, in their order. */
    customerFields(): Promise<TicketField[]> {
      return db
        .selectFrom('ticket_fields')
        .selectAll()
        .where('active', '=', true)
        .where('editable_in_portal', '=', true)
        .orderBy('position')
        .orderBy('id')
        .execute();
    },

    insertLink(link: { user_id: number; salt: string; base_url: string; locale: string; expires_at: Date }) {
      return db.insertInto('portal_sign_in_links').values(link).returningAll().executeTakeFirstOrThrow();
    },

    findLink(id: number) {
      return db.selectFrom('portal_sign_in_links').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Marks a link used, once: the second caller gets undefined. */
    useLink(id: number, now: Date) {
      return db
        .updateTable('portal_sign_in_links')
        .set({ used_at: now })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returningAll()
        .executeTakeFirst();
    },
  };
}

export type PortalRepository = ReturnType<typeof createPortalRepository>;
