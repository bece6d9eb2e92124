import type { Database } from './database.js';
import { loadMigrations } from './migrations/index.js';

const MIGRATION_LOCK = 7_301_001;

export type MigrationReport = { applied: string[]; total: number };

/**
 * Applies pending forward-only migrations in name order, each in its own transaction.
 * Safe when several nodes boot at once: they take turns under one advisory lock and
 * the second finds nothing left to do.
 */
export async function migrate(database: Database): Promise<MigrationReport> {
  const migrations = await loadMigrations();
  return database.exclusive(MIGRATION_LOCK, async (exec) => {
    await exec(`create table if not exists schema_migrations (
      name text primary key,
      applied_at timestamptz not null default now()
    )`);
    const rows = await exec('select name from schema_migrations');
    const done = new Set(rows.map((r) => String(r.name)));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      try {
        await exec(`begin;\n${m.sql};\ninsert into schema_migrations (name) values ('${m.name}');\ncommit;`);
      } catch (error) {
        await exec('rollback').catch(() => {});
        throw new Error(`migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(m.name);
    }
    return { applied, total: migrations.length };
  });
}

/** Names of migrations the database has not applied yet (for /readyz). */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const migrations = await loadMigrations();
  const rows = await database.db
    .selectFrom('schema_migrations')
    .select('name')
    .execute()
    .catch(() => []);
  const done = new Set(rows.map((r) => r.name));
  return migrations.filter((m) => !done.has(m.name)).map((m) => m.name);
}
