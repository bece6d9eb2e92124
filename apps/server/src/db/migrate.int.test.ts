import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { randomToken } from '../platform/auth/secrets.js';
import { databaseUrlFor, TEST_DATABASE_URL, testEngine } from '../test/databases.js';
import { openPostgres } from './database.js';
import { migrate, pendingMigrations } from './migrate.js';

describe.runIf(testEngine() === 'postgres')('migrations on PostgreSQL', () => {
  it('are applied once when two nodes boot at the same moment', async () => {
    const name = `fl_mig_${randomToken(6)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, 'x')}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const nodeA = await openPostgres(databaseUrlFor(name), 2);
    const nodeB = await openPostgres(databaseUrlFor(name), 2);
    try {
      const [a, b] = await Promise.all([migrate(nodeA), migrate(nodeB)]);
      expect(a.applied.length + b.applied.length).toBe(a.total);
      expect([a.applied.length, b.applied.length]).toContain(0);
      expect(await pendingMigrations(nodeA)).toEqual([]);
      const rows = await nodeB.db.selectFrom('schema_migrations').select('name').execute();
      expect(rows).toHaveLength(a.total);
    } finally {
      await nodeA.close();
      await nodeB.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
