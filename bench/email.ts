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

const root = path.resolve(import.meta.dirname, '..');
const RT5_MAILS_PER_SECOND = 4.3;
const ADMIN_PASSWORD = 'bench-email-password';
const SMALL = Number(process.env.BENCH_EMAIL_MESSAGES ?? 300);
const LARGE = Number(process.env.BENCH_EMAIL_ATTACHMENT_MESSAGES ?? 100);
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

async function until(what: string, probe: () => Promise<boolean>, child: ChildProcess, seconds = 600) {
  const deadline = performance.now() + seconds * 1000;
  while (!(await probe().catch(() => false))) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what}: the process exited`);
    if (performance.now() > deadline) throw new Error(`${what}: timed out`);
    await new Promise((r) => setTimeout(r, 50));
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
    await send(port, count, (i) => make('run', i));
    const perSecond = count / ((performance.now() - started) / 1000);
    progress(`ceiling ${label}: ${perSecond.toFixed(0)} msgs/s (bare smtp-server + mailparser)`);
    return perSecond;
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
  const child = node(['--conditions=source', '--import', 'tsx', 'apps/server/src/main.ts'], {
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
  const headers = {
    authorization: `Basic ${Buffer.from(`admin@example.com:${ADMIN_PASSWORD}`).toString('base64')}`,
    'content-type': 'application/json',
  };
  const tickets = async () => {
    const res = await fetch(`${url}/api/v2/tickets?per_page=1`, { headers });
    return res.ok ? ((await res.json()) as { count: number }).count : -1;
  };
  try {
    await until(
      `${engine}: Frontline`,
      async () => (await fetch(`${url}/readyz`)).ok && (await smtpUp(ports.smtp)),
      child,
      300,
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
    await until(`${engine}: warm-up`, async () => (await tickets()) >= expected, child);

    for (const [label, count, make] of [
      ['5kb', SMALL, small],
      ['200kb_attachment', LARGE, large],
    ] as const) {
      const started = performance.now();
      await send(ports.smtp, count, (i) => make(`${engine}-${label}`, i));
      const received = performance.now() - started;
      expected += count;
      await until(`${engine}: ${label} tickets`, async () => (await tickets()) >= expected, child);
      const stored = performance.now() - started;
      figures[`${engine}_${label}_received_msgs_per_s`] = Math.round(count / (received / 1000));
      figures[`${engine}_${label}_stored_msgs_per_s`] = Math.round((count / (stored / 1000)) * 10) / 10;
      progress(
        `${engine} ${label}: ${count} messages received at ${(count / (received / 1000)).toFixed(0)}/s, stored as tickets at ${(count / (stored / 1000)).toFixed(1)}/s`,
      );
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
  const ceiling5k = await measureCeiling(progress, '5kb', SMALL, small);
  const ceilingLarge = await measureCeiling(progress, '200kb_attachment', LARGE, large);
  figures.ceiling_5kb_msgs_per_s = Math.round(ceiling5k);
  figures.ceiling_200kb_attachment_msgs_per_s = Math.round(ceilingLarge);
  const engines: ('pglite' | 'postgres')[] = (await postgresReachable())
    ? ['pglite', 'postgres']
    : ['pglite'];
  for (const engine of engines) {
    const measured = await measureFrontline(progress, engine);
    Object.assign(figures, measured);
    for (const [label, ceiling] of [
      ['5kb', ceiling5k],
      ['200kb_attachment', ceilingLarge],
    ] as const) {
      const stored = Number(measured[`${engine}_${label}_stored_msgs_per_s`]);
      figures[`${engine}_${label}_vs_ceiling`] = Math.round((stored / ceiling) * 1000) / 1000;
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
