import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { randomToken } from '../platform/auth/secrets.js';
import { databaseUrlFor, TEST_DATABASE_URL, testEngine } from '../test/databases.js';
import { type Database, openPglite, openPostgres } from './database.js';
import { migrate, pendingMigrations } from './migrate.js';

/**
 * Two nodes booting at once against an empty database. On PostgreSQL they are two
 * pools on one new database (the advisory lock makes them take turns); the embedded
 * engine has one process, so both boots share one fresh instance.
 */
async function twoNodes(): Promise<{ a: Database; b: Database; close(): Promise<void> }> {
  if (testEngine() === 'pglite') {
    const db = await openPglite();
    return { a: db, b: db, close: () => db.close() };
  }
  const name = `fl_mig_${randomToken(6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const a = await openPostgres(databaseUrlFor(name), 2);
  const b = await openPostgres(databaseUrlFor(name), 2);
  return {
    a,
    b,
    async close() {
      await a.close();
      await b.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

describe('migrations', () => {
  it('are applied once when two nodes boot at the same moment', async () => {
    const nodes = await twoNodes();
    try {
      const [first, second] = await Promise.all([migrate(nodes.a), migrate(nodes.b)]);
      expect(first.applied.length + second.applied.length).toBe(first.total);
      expect([first.applied.length, second.applied.length]).toContain(0);
      expect(await pendingMigrations(nodes.a)).toEqual([]);
      const rows = await nodes.b.db.selectFrom('schema_migrations').select('name').execute();
      expect(rows).toHaveLength(first.total);
    } finally {
      await nodes.close();
    }
  });
});
