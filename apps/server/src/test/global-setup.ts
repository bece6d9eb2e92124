import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { databaseUrlFor, TEST_DATABASE_URL } from './databases.js';

/**
 * Runs once per test run: migrates a template database for the engine under test,
 * which every test file then clones. Fails loudly when PostgreSQL is unreachable.
 */
export default async function setup(project: TestProject) {
  const engine = project.name === 'postgres' ? 'postgres' : 'pglite';
  if (engine === 'pglite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'frontline-test-'));
    const database = await openPglite();
    await migrate(database);
    const file = path.join(dir, 'template.tar.gz');
    const blob = await database.dump!();
    await writeFile(file, Buffer.from(await blob.arrayBuffer()));
    await database.close();
    project.provide('pgliteTemplate', file);
    return async () => {
      await rm(dir, { recursive: true, force: true });
    };
  }

  const run = `${process.pid}${Date.now().toString(36)}`;
  const template = `fl_tpl_${run}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${(error as Error).message}). Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
    );
  }
  await admin.query(`create database ${template}`);
  const database = await openPostgres(databaseUrlFor(template), 2);
  await migrate(database);
  await database.close();
  await admin.end();
  project.provide('pgTemplate', template);
  project.provide('testRun', run);
  return async () => {
    const cleanup = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await cleanup.connect();
    const { rows } = await cleanup.query<{ datname: string }>(
      `select datname from pg_database where datname like $1 or datname = $2`,
      [`fl_t_${run}_%`, template],
    );
    for (const row of rows)
      await cleanup.query(`drop database if exists ${row.datname} with (force)`).catch(() => {});
    await cleanup.end();
  };
}
