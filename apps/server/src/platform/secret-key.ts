import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { randomToken } from './auth/secrets.js';

/**
 * The key that signs cookies, attachment links and mail reply tokens. SECRET_KEY wins;
 * otherwise one is made on first boot and kept in the database, so every node shares it.
 */
export async function loadSecretKey(database: Database, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const candidate = JSON.stringify(randomToken(48));
  await sql`insert into settings (key, value) values ('secret_key', ${candidate}::jsonb) on conflict (key) do nothing`.execute(
    database.db,
  );
  const row = await database.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'secret_key')
    .executeTakeFirstOrThrow();
  return String(row.value);
}
