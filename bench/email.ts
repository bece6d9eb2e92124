// `npm run bench -- email` (or `node --import tsx bench/email.ts`): mail from SMTP
// receipt to ticket stored, in messages per second, for 5 KB mails and for mails with
// a 200 KB attachment. Frontline runs as its own process (SMTP listener, API and job
// worker on one node) on PGlite, and on PostgreSQL when one is reachable. The ceiling,
// measured in the same run, is a bare smtp-server that parses each message with
// mailparser and does nothing else. Request Tracker 5 on this machine class: 4.3 mails/s.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { simpleParser } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { backendSeconds, cpuSeconds, cpuSpent } from './load.js';

const root = path.resolve(import.meta.dirname, '..');
const RT5_MAILS_PER_SECOND = 4.3;
const ADMIN_PASSWORD = 'bench-email-password';
const SMALL = Number(process.env.BENCH_EMAIL_MESSAGES ?? 1000);
const LARGE = Number(process.env.BENCH_EMAIL_ATTACHMENT_MESSAGES ?? 300);
const CONNECTIONS = 10;
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

type Figures = Record<string, number | string>;
type Progress = (message: string) => void;

const text5k = 'Hello, my order has not arrived and the tracking page shows nothing. '
  .repeat(75)
  .slice(0, 5 * 1024);
const attachment = randomBytes(200 * 1024);
const small = (run: string, i: number): SendMailOptions => ({
  from: `customer${i}@bench.test`,
  to: 'support@example.com',
  subject: `Order ${i} has not arrived`,
  text: text5k,
  messageId: `<${run}-s${i}@bench.test>`,
});
const large = (run: string, i: number): SendMailOptions => ({
  ...small(run, i),
  subject: `Invoice ${i} attached`,
  text: 'Please see the attached invoice.',
  messageId: `<${run}-l${i}@bench.test>`,
  attachments: [{ filename: `invoice-${i}.pdf`, content: attachment, contentType: 'application/pdf' }],
});

async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const smtpUp = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('220'));
    });
    socket.once('error', () => resolve(false));
  });

async function until(
  what: string,
  probe: () => Promise<boolean>,
  child: ChildProcess,
  seconds = 600,
  everyMs = 50,
) {
  const deadline = performance.now() + seconds * 1000;
  while (!(await probe().catch(() => false))) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what}: the process exited`);
    if (performance.now() > deadline) throw new Error(`${what}: timed out`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Waits until the process is idle (under 5% of a core for a second): its background jobs are done. */
async function settle(child: ChildProcess, seconds = 300) {
  const deadline = performance.now() + seconds * 1000;
  let quiet = 0;
  let before = cpuSeconds(child.pid!);
  while (quiet < 4 && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    const now = cpuSeconds(child.pid!);
    quiet = now - before < 0.0125 ? quiet + 1 : 0;
    before = now;
  }
}

function node(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

function stop(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  });
}

/** Sends `count` messages over `CONNECTIONS` pooled connections; resolves when all were answered 250. */
async function send(port: number, count: number, make: (i: number) => SendMailOptions) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    pool: true,
    maxConnections: CONNECTIONS,
    maxMessages: Infinity,
    ignoreTLS: true,
  });
  try {
    await Promise.all(Array.from({ length: count }, (_, i) => transport.sendMail(make(i))));
  } finally {
    transport.close();
  }
}

/** The bare pipeline: an SMTP server that parses each message and answers. Runs as `--ceiling <port>`. */
function serveCeiling(port: number) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 25 * 1024 * 1024,
    onData(stream, _session, callback) {
      simpleParser(stream).then(() => callback(), callback);
    },
  });
  server.listen(port, '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

async function measureCeiling(
  progress: Progress,
  label: string,
  count: number,
  make: (run: string, i: number) => SendMailOptions,
) {
  const port = await freePort();
  const child = node(['--import', 'tsx', 'bench/email.ts', '--ceiling', String(port)], {});
  try {
    await until('ceiling SMTP server', () => smtpUp(port), child, 60);
    await send(port, Math.min(20, count), (i) => make('warm', i));
    const started = performance.now();
    const cpu = cpuSeconds(child.pid!);
    await send(port, count, (i) => make('run', i));
    const perSecond = count / ((performance.now() - started) / 1000);
    const cpuMs = ((cpuSeconds(child.pid!) - cpu) * 1000) / count;
    progress(
      `ceiling ${label}: ${perSecond.toFixed(0)} msgs/s, ${cpuMs.toFixed(1)} ms CPU per message (bare smtp-server + mailparser)`,
    );
    return { perSecond, cpuMs };
  } finally {
    await stop(child);
  }
}

async function measureFrontline(progress: Progress, engine: 'pglite' | 'postgres') {
  const figures: Figures = {};
  const workDir = mkdtempSync(path.join(tmpdir(), 'frontline-bench-email-'));
  const dbName = `fl_bench_email_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  const env: Record<string, string> = { DATA_DIR: workDir };
  if (engine === 'postgres') {
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    env.DATABASE_URL = new URL(`/${dbName}`, databaseUrl).toString();
  }
  const ports = { http: await freePort(), smtp: await freePort() };
  // BENCH_EMAIL_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/out/prof" profiles the Frontline process.
  const nodeArgs = process.env.BENCH_EMAIL_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = node([...nodeArgs, '--conditions=source', '--import', 'tsx', 'apps/server/src/main.ts'], {
    ...env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(ports.http),
    SMTP_PORT: String(ports.smtp),
    ROLES: 'api,worker,smtp',
    FRONTLINE_SEED_DEMO: 'false',
    FRONTLINE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    API_PASSWORD_AUTH: 'true',
    RATE_LIMIT_PER_MINUTE: '100000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const url = `http://127.0.0.1:${ports.http}`;
  const basic = (user: string, secret: string) => ({
    authorization: `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`,
    'content-type': 'application/json',
  });
  // The password only creates an API token: every password check is an argon2 hash
  // (~35 ms of CPU here), which polling would spend on the cores the mail needs.
  let headers = basic('admin@example.com', ADMIN_PASSWORD);
  /** How many tickets exist. */
  const tickets = async () => {
    const res = await fetch(`${url}/api/v2/tickets?per_page=1`, { headers });
    if (!res.ok) return -1;
    return ((await res.json()) as { count: number }).count;
  };
  const databaseCpu = async () => (engine === 'postgres' ? backendSeconds(admin, dbName) : undefined);
  /**
   * When the `expected`-th ticket was seen, polling every 100 ms (so at most that late).
   * Not the newest ticket's created_at: the API gives it to the second, which on a run
   * of a few seconds would flatter the figure by up to a second.
   */
  const stored = async (expected: number) => {
    await until(`${engine}: ${expected} tickets`, async () => (await tickets()) >= expected, child, 600, 100);
    return Date.now();
  };
  try {
    await until(
      `${engine}: Frontline`,
      async () => (await fetch(`${url}/readyz`)).ok && (await smtpUp(ports.smtp)),
      child,
      300,
    );
    const token = await fetch(`${url}/api/v2/api_tokens`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ api_token: { description: 'bench' } }),
    });
    if (!token.ok) throw new Error(`creating an API token: ${token.status} ${await token.text()}`);
    headers = basic(
      'admin@example.com/token',
      ((await token.json()) as { api_token: { token: string } }).api_token.token,
    );
    const created = await fetch(`${url}/api/v2/frontline/mailboxes`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        mailbox: { address: 'support@example.com', name: 'Support', sender_burst_limit: 0 },
      }),
    });
    if (!created.ok) throw new Error(`creating the mailbox: ${created.status} ${await created.text()}`);

    let expected = 20;
    await send(ports.smtp, 20, (i) => small('warm', i));
    await stored(expected);
    await settle(child);

    for (const [label, count, make] of [
      ['5kb', SMALL, small],
      ['200kb_attachment', LARGE, large],
    ] as const) {
      const cpu = { node: cpuSeconds(child.pid!), database: await databaseCpu() };
      const started = Date.now();
      await send(ports.smtp, count, (i) => make(`${engine}-${label}`, i));
      const received = Date.now() - started;
      expected += count;
      const storedMs = (await stored(expected)) - started;
      figures[`${engine}_${label}_received_msgs_per_s`] = Math.round(count / (received / 1000));
      figures[`${engine}_${label}_stored_msgs_per_s`] = Math.round((count / (storedMs / 1000)) * 10) / 10;
      progress(
        `${engine} ${label}: ${count} messages received at ${(count / (received / 1000)).toFixed(0)}/s, stored as tickets at ${(count / (storedMs / 1000)).toFixed(1)}/s`,
      );
      // Triggers, SLA and routing of these tickets finish before the next figure starts;
      // the CPU per message counts all of it (Frontline's process, PostgreSQL's backends).
      await settle(child);
      const nodeMs = ((cpuSeconds(child.pid!) - cpu.node) * 1000) / count;
      figures[`${engine}_${label}_frontline_cpu_ms_per_msg`] = Math.round(nodeMs * 10) / 10;
      let line = `${engine} ${label}: CPU per message, all work included: Frontline ${nodeMs.toFixed(1)} ms`;
      if (cpu.database) {
        const dbMs = (cpuSpent(cpu.database, (await databaseCpu())!) * 1000) / count;
        figures[`${engine}_${label}_postgres_cpu_ms_per_msg`] = Math.round(dbMs * 10) / 10;
        line += `, PostgreSQL ${dbMs.toFixed(1)} ms`;
      }
      progress(line);
    }
    return figures;
  } finally {
    await stop(child);
    if (engine === 'postgres') {
      await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => {});
      await admin.end().catch(() => {});
    }
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function runEmailBench(options: { progress(msg: string): void }): Promise<Figures> {
  const { progress } = options;
  const figures: Figures = {
    messages_5kb: SMALL,
    messages_200kb_attachment: LARGE,
    smtp_connections: CONNECTIONS,
  };
  const ceilings = {
    '5kb': await measureCeiling(progress, '5kb', SMALL, small),
    '200kb_attachment': await measureCeiling(progress, '200kb_attachment', LARGE, large),
  };
  for (const [label, ceiling] of Object.entries(ceilings)) {
    figures[`ceiling_${label}_msgs_per_s`] = Math.round(ceiling.perSecond);
    figures[`ceiling_${label}_cpu_ms_per_msg`] = Math.round(ceiling.cpuMs * 10) / 10;
  }
  // BENCH_EMAIL_ENGINES=postgres (or pglite) measures one engine only.
  const only = process.env.BENCH_EMAIL_ENGINES?.split(',');
  const engines = ((await postgresReachable()) ? ['pglite', 'postgres'] : ['pglite']).filter(
    (engine) => !only || only.includes(engine),
  ) as ('pglite' | 'postgres')[];
  for (const engine of engines) {
    const measured = await measureFrontline(progress, engine);
    Object.assign(figures, measured);
    for (const [label, ceiling] of Object.entries(ceilings)) {
      const stored = Number(measured[`${engine}_${label}_stored_msgs_per_s`]);
      figures[`${engine}_${label}_vs_ceiling`] = Math.round((stored / ceiling.perSecond) * 1000) / 1000;
      figures[`${engine}_${label}_vs_rt5`] = Math.round((stored / RT5_MAILS_PER_SECOND) * 10) / 10;
    }
  }
  return figures;
}

const invoked = process.argv[1] ? import.meta.url === pathToFileURL(process.argv[1]).href : false;
if (invoked && process.argv[2] === '--ceiling') {
  serveCeiling(Number(process.argv[3]));
} else if (invoked) {
  runEmailBench({ progress: (m) => console.log(`[bench] ${m}`) }).then(
    (figures) => {
      console.log('\n| figure | value |\n|---|---|');
      for (const [key, value] of Object.entries(figures)) console.log(`| ${key} | ${value} |`);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
