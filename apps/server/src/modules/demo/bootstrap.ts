import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import type { Clock } from '../../platform/clock.js';

export const ADMIN_EMAIL = 'admin@example.com';

/**
 * First start of a workspace: makes the admin (admin@example.com with
 * FRONTLINE_ADMIN_PASSWORD) when there is no admin yet. Returns whether it did.
 */
export async function ensureAdmin(database: Database, clock: Clock, password: string): Promise<boolean> {
  const existing = await database.db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('id', '>', 0)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (existing) return false;
  const now = clock.now();
  const inserted = await database.db
    .insertInto('users')
    .values({
      name: 'Admin',
      email: ADMIN_EMAIL,
      role: 'admin',
      agent_level: 'senior',
      verified: true,
      password_hash: await hashPassword(password),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.expression(sql`lower(email)`).where('deleted_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Marks a one-time step as done; true the first time only (safe when two nodes race). */
export async function claimOnce(database: Database, key: string): Promise<boolean> {
  const result =
    await sql`insert into settings (key, value) values (${key}, 'true'::jsonb) on conflict (key) do nothing`.execute(
      database.db,
    );
  return Number(result.numAffectedRows ?? 0) > 0;
}
