#!/usr/bin/env node
// `npm test`: every test. Unit tests, the integration suite on the embedded engine
// (PGlite) and on PostgreSQL, then the browser flows in e2e/. A missing component
// (PostgreSQL, Chromium, Dovecot) skips its part with a warning on a developer's
// machine and fails the run under CI=true.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const extra = process.argv.slice(2);

async function postgresReachable() {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    return error.message;
  }
}

function missing(what, how) {
  if (ci) {
    console.error(`✗ ${what} is missing and CI=true: ${how}`);
    process.exit(1);
  }
  console.warn(`! skipping tests that need ${what} (${how})`);
}

const projects = ['unit', 'pglite'];
const reachable = await postgresReachable();
if (reachable === true) projects.push('postgres');
else
  missing(
    `PostgreSQL at ${databaseUrl}`,
    `${reachable}; start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
  );

const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
const args = ['run', ...projects.flatMap((p) => ['--project', p]), ...extra];
console.log(`» vitest ${args.join(' ')}`);
const result = spawnSync(process.execPath, [vitest, ...args], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' },
});
if (result.status !== 0) process.exit(result.status ?? 1);

// Browser flows: the agent workspace (run.mjs, which clears e2e/screenshots first), then
// the customer side (web form, portal, suggested articles).
for (const flows of ['e2e/run.mjs', 'e2e/portal-flows.mjs']) {
  if (!existsSync(path.join(root, flows)) || extra.length > 0) continue;
  const e2e = spawnSync(process.execPath, [path.join(root, flows)], { cwd: root, stdio: 'inherit' });
  if (e2e.status !== 0) process.exit(e2e.status ?? 1);
}
