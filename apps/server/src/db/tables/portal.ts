import type { ColumnType, Generated } from 'kysely';

/**
 * Table types owned by the customer portal (web form, sign-in links); its migrations
 * live in db/migrations (0750–0799). The portal's repository adds them to DB with
 * `withTables`, so the shared schema file needs no edit.
 */
export type PortalSignInLinksTable = {
  id: Generated<number>;
  user_id: number;
  salt: string;
  base_url: string;
  locale: ColumnType<string, string | undefined, string>;
  expires_at: Date;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: ColumnType<Date, Date | undefined, never>;
};

export type PortalTables = { portal_sign_in_links: PortalSignInLinksTable };
