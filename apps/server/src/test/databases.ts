import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openPglite, openPostgres } from '../db/database.js';
import { randomToken } from '../platform/auth/secrets.js';

/**
 * Test databases, one per test file, so files run in parallel without sharing state.
 * PostgreSQL: a new database cloned from a migrated template (see global-setup.ts).
 * PGlite: an in-memory instance restored from a migrated dump.
 */
export type TestEngine = 'pglite' | 'postgres';

export function testEngine(): TestEngine {
  return process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function databaseUrlFor(name: string) {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function openTestDatabase(engine: TestEngine = testEngine()): Promise<Database> {
  if (engine === 'pglite') {
    const dump = inject('pgliteTemplate');
    if (!dump) throw new Error('no PGlite template: run tests through vitest (global setup makes it)');
    return openPglite(undefined, new Blob([await readFile(dump)]));
  }
  const template = inject('pgTemplate');
  if (!template) throw new Error('no PostgreSQL template: run tests through vitest (global setup makes it)');
  const name = `fl_t_${inject('testRun')}_${randomToken(6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const database = await openPostgres(databaseUrlFor(name), 8);
  const close = database.close;
  return {
    ...database,
    async close() {
      await close();
      const cleanup = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await cleanup.end();
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
    testRun: string;
  }
}
