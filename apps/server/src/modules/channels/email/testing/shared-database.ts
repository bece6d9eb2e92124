import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../../../../db/database.js';
import { randomToken } from '../../../../platform/auth/secrets.js';

/**
 * A migrated database that outlives one Frontline: tests stop an app (or kill its
 * process) and start another on the same data. PostgreSQL: a database cloned from the
 * test run's template. PGlite: a data directory restored from the template dump
 * (`DATA_DIR` for a child process is `dataDir`; the database sits in its `pgdata`).
 */
export type SharedDatabase = {
  engine: 'pglite' | 'postgres';
  /** For a child process: DATABASE_URL (PostgreSQL) or DATA_DIR (PGlite). */
  env: Record<string, string>;
  dataDir: string;
  open(): Promise<Database>;
  drop(): Promise<void>;
};

export async function createSharedDatabase(options: {
  engine: 'pglite' | 'postgres';
  pgliteTemplate?: string;
  pgTemplate?: string;
  adminUrl: string;
}): Promise<SharedDatabase> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'frontline-shared-'));
  if (options.engine === 'pglite') {
    const pgdata = path.join(dataDir, 'pgdata');
    const first = await openPglite(pgdata, new Blob([await readFile(options.pgliteTemplate!)]));
    await first.close();
    return {
      engine: 'pglite',
      env: { DATA_DIR: dataDir },
      dataDir,
      open: () => openPglite(pgdata),
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `fl_shared_${randomToken(6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${options.pgTemplate}`);
  await admin.end();
  const url = new URL(options.adminUrl);
  url.pathname = `/${name}`;
  return {
    engine: 'postgres',
    env: { DATABASE_URL: url.toString(), DATA_DIR: dataDir },
    dataDir,
    open: () => openPostgres(url.toString(), 8),
    async drop() {
      const cleanup = new pg.Client({ connectionString: options.adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await cleanup.end();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
