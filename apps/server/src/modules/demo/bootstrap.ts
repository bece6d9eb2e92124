import type { Database } from '../../db/database.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import type { Clock } from '../../platform/clock.js';
import { createDemoRepository } from './demo.repository.js';

export const ADMIN_EMAIL = 'admin@example.com';

/**
 * First start of a workspace: makes the admin (admin@example.com with
 * FRONTLINE_ADMIN_PASSWORD) when there is no admin yet. Returns whether it did.
 */
export async function ensureAdmin(database: Database, clock: Clock, password: string): Promise<boolean> {
  const repo = createDemoRepository(database.db);
  if (await repo.anyAdmin()) return false;
  const now = clock.now();
  const inserted = await repo.insertUserIfNew({
    name: 'Admin',
    email: ADMIN_EMAIL,
    role: 'admin',
    agent_level: 'senior',
    verified: true,
    password_hash: await hashPassword(password),
    created_at: now,
    updated_at: now,
  });
  return inserted !== undefined;
}

/** Marks a one-time step as done; true the first time only (safe when two nodes race). */
export function claimOnce(database: Database, key: string): Promise<boolean> {
  return createDemoRepository(database.db).claimOnce(key);
}

/** Takes a one-time step's mark back (it failed; the next start tries again). */
export async function forgetClaim(database: Database, key: string) {
  await createDemoRepository(database.db).forgetClaim(key);
}
