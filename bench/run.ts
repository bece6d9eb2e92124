// `npm run bench [-- core|email|workflow|web|kb] [--tickets N] [--engine pglite|postgres|both] [--seconds S] [--connections C]`
// Core only: `--database NAME` (PostgreSQL) seeds that database once and keeps it, so later
// runs skip the seed; `--only search,show,list,create` measures just those figures.
// Seeds a database, starts Frontline on it as a child process and measures it against a
// ceiling measured in the same run. Prints a Markdown table for bench/RESULTS.md and
// writes the raw figures to bench/out/.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../apps/server/src/db/database.js';
import { migrate } from '../apps/server/src/db/migrate.js';
import {
  backendSeconds,
  cpuSeconds,
  cpuSpent,
  type LoadResult,
  memoryOf,
  peakRssDuring,
  runLoad,
} from './load.js';
import { seedBench, seededBench } from './seed.js';

const root = path.resolve(import.meta.dirname, '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    tickets: { type: 'string', default: '100000' },
    engine: { type: 'string', default: 'both' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    database: { type: 'string' },
    only: { type: 'string', default: 'show,list,search,create' },
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
  },
});
const area = positionals[0] ?? 'core';
const only = new Set(values.only.split(','));
if (values.database && !/^[a-z_][a-z0-9_]*$/.test(values.database)) {
  throw new Error('--database takes a plain lower-case name such as fl_bench_1m');
}
const log = (message: string) => console.log(`[bench] ${message}`);

async function waitFor(url: string, child: ChildProcess, seconds = 120) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up in ${seconds}s`);
}

function stop(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

function nodeChild(args: string[], env: Record<string, string>) {
  return spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

type EngineFigures = Record<string, number | string>;

async function benchEngine(
  engine: 'pglite' | 'postgres',
  tickets: number,
  seconds: number,
  connections: number,
): Promise<EngineFigures> {
  const figures: EngineFigures = { engine, tickets };
  const workDir = mkdtempSync(path.join(tmpdir(), `frontline-bench-${engine}-`));
  let databaseUrl = '';
  let ceilingUrl = '';
  const admin = new pg.Client({ connectionString: values['database-url'] });
  const keep = engine === 'postgres' && values.database !== undefined;
  const dbName = keep ? values.database! : `fl_bench_${Date.now().toString(36)}`;
  try {
    let database: Database;
    if (engine === 'postgres') {
      await admin.connect();
      for (const name of [dbName, `${dbName}_ceiling`]) {
        const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
        if (exists.rowCount === 0) await admin.query(`create database ${name}`);
      }
      databaseUrl = new URL(`/${dbName}`, values['database-url']).toString();
      ceilingUrl = new URL(`/${dbName}_ceiling`, values['database-url']).toString();
      database = await openPostgres(databaseUrl, 8);
    } else {
      database = await openPglite(path.join(workDir, 'data', 'pgdata'));
    }
    await migrate(database);
    let seed = keep ? await seededBench(database) : null;
    if (seed) {
      log(
        `${engine}: reusing ${dbName} (${seed.maxTicketId.toLocaleString('en-US')} tickets), seeded earlier`,
      );
      figures.seed_seconds = 'reused';
    } else {
      log(`${engine}: seeding ${tickets.toLocaleString('en-US')} tickets`);
      const seedStarted = Date.now();
      seed = await seedBench(database, tickets, (m) => log(`${engine}: ${m}`));
      figures.seed_seconds = Math.round((Date.now() - seedStarted) / 100) / 10;
    }
    await database.close();

    const bench = seed;

    // The ceiling: bare Fastify + one INSERT, same engine (only what a create compares to).
    async function measureCeiling() {
      const ceiling = nodeChild(
        [
          '--import',
          'tsx',
          'bench/ceiling-server.ts',
          '3901',
          engine,
          engine === 'postgres' ? ceilingUrl : path.join(workDir, 'ceiling'),
        ],
        {},
      );
      await waitFor('http://127.0.0.1:3901/healthz', ceiling);
      const body = JSON.stringify({ subject: 'Printer on fire', body: 'x'.repeat(1000) });
      const ceilingResult = await runLoad({
        url: 'http://127.0.0.1:3901',
        connections,
        seconds,
        next: () => ({
          method: 'POST',
          path: '/insert',
          headers: { 'content-type': 'application/json' },
          body,
        }),
      });
      await stop(ceiling);
      report(figures, 'ceiling_insert', ceilingResult);
      return ceilingResult;
    }
    const ceilingResult = only.has('create') ? await measureCeiling() : null;

    const databaseCpu = () => (engine === 'postgres' ? backendSeconds(admin, dbName) : undefined);
    const startServer = (roles: string) =>
      nodeChild(['apps/server/dist/main.js'], {
        PORT: '3902',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        FRONTLINE_SEED_DEMO: 'false',
        RATE_LIMIT_PER_MINUTE: '100000000',
        NODE_ENV: 'production',
        ROLES: roles,
        ...(engine === 'postgres' ? { DATABASE_URL: databaseUrl } : { DATA_DIR: path.join(workDir, 'data') }),
      });
    const server = startServer('api,worker,realtime');
    await waitFor('http://127.0.0.1:3902/readyz', server, 300);
    await new Promise((r) => setTimeout(r, 2000));
    figures.rss_idle_mb = Math.round(memoryOf(server.pid!).rss);
    const auth = {
      authorization: `Basic ${Buffer.from(`${bench.adminEmail}/token:${bench.token}`).toString('base64')}`,
      'content-type': 'application/json',
    };
    const url = 'http://127.0.0.1:3902';
    const random = (n: number) => 1 + Math.floor(Math.random() * n);
    const words = ['refund', 'login', 'export', '退款', '登录', 'استرداد', 'checkout', 'invoice'];

    const createTicket = (i: number) => ({
      method: 'POST',
      path: '/api/v2/tickets',
      headers: auth,
      body: JSON.stringify({
        ticket: {
          subject: `Bench ticket ${i}`,
          comment: { body: 'x'.repeat(1000) },
          requester_id: bench.requesterIds[i % bench.requesterIds.length],
        },
      }),
    });
    // The inbox: the first 25 unsolved tickets, most recently updated first.
    const listPath = `/api/v2/views/${bench.unsolvedViewId}/tickets?page[size]=25&sort=-updated_at`;
    const measured = await peakRssDuring(server.pid!, async () => {
      const reads = {
        show: () => ({ method: 'GET', path: `/api/v2/tickets/${random(bench.maxTicketId)}`, headers: auth }),
        list: () => ({ method: 'GET', path: listPath, headers: auth }),
        search: (i: number) => ({
          method: 'GET',
          path: `/api/v2/search?query=${encodeURIComponent(`${words[i % words.length]} status:open`)}&per_page=25`,
          headers: auth,
        }),
      };
      const names = (['show', 'list', 'search'] as const).filter((name) => only.has(name));
      const saturated: Partial<Record<(typeof names)[number] | 'create', LoadResult>> = {};
      for (const name of names)
        saturated[name] = await runLoad({ url, connections, seconds, next: reads[name] });
      // Latency as an agent feels it: a few requests at a time rather than a saturated server.
      const quiet = { url, connections: 4, seconds: Math.max(3, Math.round(seconds / 2)) };
      const latency: Partial<Record<(typeof names)[number], LoadResult>> = {};
      for (const name of names) {
        // CPU per request (Frontline's process and PostgreSQL's backends): unlike latency,
        // it hardly moves when other work shares the machine.
        const before = { node: cpuSeconds(server.pid!), database: await databaseCpu() };
        latency[name] = await runLoad({ ...quiet, next: reads[name] });
        const perRequest = (seconds: number) =>
          Math.round(((seconds * 1000) / Math.max(latency[name]!.requests, 1)) * 100) / 100;
        figures[`${name}_4conn_frontline_cpu_ms`] = perRequest(cpuSeconds(server.pid!) - before.node);
        if (before.database)
          figures[`${name}_4conn_postgres_cpu_ms`] = perRequest(
            cpuSpent(before.database, (await databaseCpu())!),
          );
      }
      // Writes last: each new ticket also leaves work for the background consumers
      // (routing, SLA, triggers, mail), which would otherwise slow the reads above.
      if (ceilingResult) saturated.create = await runLoad({ url, connections, seconds, next: createTicket });
      return { saturated, latency };
    });
    await stop(server);
    // The API path alone (what the ceiling compares to): a node with only the api role,
    // as when workers run on other nodes.
    async function measureApiRole(ceiling: LoadResult) {
      const apiOnly = startServer('api');
      await waitFor('http://127.0.0.1:3902/readyz', apiOnly, 300);
      await runLoad({ url, connections, seconds: 2, next: createTicket }); // warm-up
      const cpuBefore = { node: cpuSeconds(apiOnly.pid!), database: await databaseCpu() };
      const createApi = await runLoad({ url, connections, seconds, next: createTicket });
      // Where a create's time goes: Frontline's process (with PGlite inside it) and PostgreSQL's backends.
      const perCreate = (cpuSecondsUsed: number) =>
        Math.round(((cpuSecondsUsed * 1000) / Math.max(createApi.requests, 1)) * 100) / 100;
      figures.create_api_role_frontline_cpu_ms = perCreate(cpuSeconds(apiOnly.pid!) - cpuBefore.node);
      if (cpuBefore.database)
        figures.create_api_role_postgres_cpu_ms = perCreate(
          cpuSpent(cpuBefore.database, (await databaseCpu())!),
        );
      await stop(apiOnly);
      report(figures, 'create_api_role', createApi);
      log(
        `${engine}: CPU per create (api role): Frontline ${figures.create_api_role_frontline_cpu_ms} ms${
          cpuBefore.database ? `, PostgreSQL ${figures.create_api_role_postgres_cpu_ms} ms` : ''
        }`,
      );
      figures.create_api_role_vs_ceiling = Math.round((createApi.perSecond / ceiling.perSecond) * 100) / 100;
    }
    if (ceilingResult) await measureApiRole(ceilingResult);
    figures.rss_load_peak_mb = Math.round(measured.peakRss);
    for (const [name, result] of Object.entries(measured.result.saturated)) report(figures, name, result);
    for (const [name, result] of Object.entries(measured.result.latency)) {
      figures[`${name}_4conn_p95_ms`] = Math.round(result.p95 * 10) / 10;
      log(
        `${engine}: ${name} at 4 connections: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms`,
      );
    }
    if (ceilingResult && measured.result.saturated.create)
      figures.create_vs_ceiling =
        Math.round((measured.result.saturated.create.perSecond / ceilingResult.perSecond) * 100) / 100;
    return figures;
  } finally {
    if (engine === 'postgres' && keep) await admin.end().catch(() => {});
    if (engine === 'postgres' && !keep) {
      await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => {});
      await admin.query(`drop database if exists ${dbName}_ceiling with (force)`).catch(() => {});
      await admin.end().catch(() => {});
    }
    rmSync(workDir, { recursive: true, force: true });
  }
}

function report(figures: EngineFigures, name: string, r: LoadResult) {
  figures[`${name}_rps`] = Math.round(r.perSecond);
  figures[`${name}_p50_ms`] = Math.round(r.p50 * 10) / 10;
  figures[`${name}_p95_ms`] = Math.round(r.p95 * 10) / 10;
  figures[`${name}_p99_ms`] = Math.round(r.p99 * 10) / 10;
  if (r.errors) figures[`${name}_errors`] = `${r.errors} ${JSON.stringify(r.statuses)}`;
  log(
    `${figures.engine}: ${name}: ${Math.round(r.perSecond)} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms${r.errors ? `, ${r.errors} errors ${JSON.stringify(r.statuses)}` : ''}`,
  );
}

function markdown(rows: EngineFigures[]) {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [
    `| figure | ${rows.map((r) => r.engine).join(' | ')} |`,
    `|---|${rows.map(() => '---').join('|')}|`,
    ...keys.filter((k) => k !== 'engine').map((k) => `| ${k} | ${rows.map((r) => r[k] ?? '').join(' | ')} |`),
  ].join('\n');
}

async function main() {
  log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  log('building the server');
  const build = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'apps/server'],
    { cwd: root, stdio: 'inherit' },
  );
  if (build.status !== 0) log('warning: the TypeScript build reported errors; measuring what it emitted');
  let rows: EngineFigures[] = [];
  if (area === 'core') {
    const engines =
      values.engine === 'both' ? (['pglite', 'postgres'] as const) : [values.engine as 'pglite' | 'postgres'];
    for (const engine of engines)
      rows.push(
        await benchEngine(engine, Number(values.tickets), Number(values.seconds), Number(values.connections)),
      );
  } else {
    const modules: Record<string, [string, string]> = {
      email: ['./email.js', 'runEmailBench'],
      workflow: ['./workflow.js', 'runWorkflowBench'],
      web: ['./web.js', 'runWebBench'],
      kb: ['./kb.js', 'runKbBench'],
    };
    const entry = modules[area];
    if (!entry) throw new Error(`unknown benchmark ${area}: use core, email, workflow, web or kb`);
    const mod = (await import(entry[0])) as Record<
      string,
      (o: { progress(m: string): void }) => Promise<EngineFigures>
    >;
    rows = [{ engine: area, ...(await mod[entry[1]]!({ progress: log })) }];
  }
  const out = path.join(root, 'bench/out');
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `${area}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), area, rows }, null, 2));
  console.log(`\n${markdown(rows)}\n\n(raw figures in ${path.relative(root, file)})`);
}

main().catch((error) => {
  console.error(`[bench] failed: ${error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
