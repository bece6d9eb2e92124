import { type ChildProcess, spawn } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_DATABASE_URL, testEngine } from '../../../test/databases.js';
import { ensureDemoMailbox } from './index.js';
import { createSharedDatabase, type SharedDatabase } from './testing/shared-database.js';

/**
 * Kill -9 while 500 messages arrive, then restart: every message ends on a ticket
 * exactly once. Frontline runs as a real child process (SMTP listener, API and job
 * worker) on a database this test made; the sender behaves like a mail server: what
 * was not acknowledged with 250 is sent again, and some acknowledged mail is sent
 * again too (an acknowledgement lost on the way), and Frontline must not double it.
 * Runs on both engines: PGlite (fsync off) keeps what was written when its process is
 * killed, and that is what this proves.
 */
const TOTAL = 500;
const KILL_AFTER = 150;
const ADMIN_PASSWORD = 'crash-test-password';
const root = path.resolve(import.meta.dirname, '../../../../../..');

let shared: SharedDatabase;
let child: ChildProcess | undefined;
let ports: { http: number; smtp: number };

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

function startFrontline() {
  const proc = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'apps/server/src/main.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        ...shared.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'error',
        HOST: '127.0.0.1',
        PORT: String(ports.http),
        SMTP_PORT: String(ports.smtp),
        ROLES: 'api,worker,smtp',
        FRONTLINE_SEED_DEMO: 'false',
        FRONTLINE_ADMIN_PASSWORD: ADMIN_PASSWORD,
        API_PASSWORD_AUTH: 'true',
        SECRET_KEY: 'crash-test-secret-key-0123456789abcdef',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  proc.stderr?.on('data', (d: Buffer) => process.stderr.write(`[frontline] ${d}`));
  child = proc;
  return proc;
}

const gone = (proc: ChildProcess | undefined) => !proc || proc.exitCode !== null || proc.signalCode !== null;

/** Resolves when the process has exited (also if it already had). */
function exited(proc: ChildProcess) {
  return gone(proc) ? Promise.resolve() : new Promise<void>((resolve) => proc.once('exit', () => resolve()));
}

async function until(what: string, probe: () => Promise<boolean>, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await probe().catch(() => false))) {
    if (gone(child))
      throw new Error(`Frontline exited (${child?.exitCode ?? child?.signalCode}) while waiting for ${what}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const smtpUp = () =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: ports.smtp });
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('220'));
    });
    socket.once('error', () => resolve(false));
  });

async function ticketCount() {
  const auth = `Basic ${Buffer.from(`admin@example.com:${ADMIN_PASSWORD}`).toString('base64')}`;
  const res = await fetch(`http://127.0.0.1:${ports.http}/api/v2/tickets?per_page=1`, {
    headers: { authorization: auth },
  });
  return res.ok ? ((await res.json()) as { count: number }).count : -1;
}

const message = (i: number) => ({
  from: `customer${i}@crash.test`,
  to: 'support@example.com',
  subject: `Crash test ${i}`,
  text: `Message number ${i}. ${'Lorem ipsum dolor sit amet. '.repeat(30)}`,
  messageId: `<crash-${i}@crash.test>`,
});

beforeAll(async () => {
  shared = await createSharedDatabase({
    engine: testEngine(),
    pgliteTemplate: inject('pgliteTemplate'),
    pgTemplate: inject('pgTemplate'),
    adminUrl: TEST_DATABASE_URL,
  });
  const database = await shared.open();
  await ensureDemoMailbox(database);
  await database.close();
  ports = { http: await freePort(), smtp: await freePort() };
});
afterAll(async () => {
  if (child && !gone(child)) {
    child.kill('SIGKILL');
    await exited(child);
  }
  await shared?.drop();
});

describe('a crash while mail arrives', () => {
  it('after kill -9 and a restart, every message is on a ticket exactly once', {
    timeout: 120_000,
  }, async () => {
    startFrontline();
    await until('the SMTP listener', smtpUp);
    const acked = new Set<number>();
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: ports.smtp,
      pool: true,
      maxConnections: 5,
      ignoreTLS: true,
    });
    let killed = false;
    const sending = Array.from({ length: TOTAL }, (_, i) =>
      transport.sendMail(message(i)).then(
        () => {
          acked.add(i);
          if (acked.size >= KILL_AFTER && !killed) {
            killed = true;
            child!.kill('SIGKILL');
          }
        },
        () => undefined,
      ),
    );
    await Promise.all(sending);
    transport.close();
    expect(killed).toBe(true);
    expect(acked.size).toBeLessThan(TOTAL);
    await exited(child!);

    if (shared.engine === 'postgres') {
      // The dead worker's job leases would run out after a minute; let that minute pass.
      const database = await shared.open();
      await database.db
        .updateTable('jobs')
        .set({ locked_until: new Date(0) })
        .where('done_at', 'is', null)
        .execute();
      await database.close();
    }

    startFrontline();
    await until('the SMTP listener after the restart', smtpUp);
    const retry = nodemailer.createTransport({
      host: '127.0.0.1',
      port: ports.smtp,
      pool: true,
      maxConnections: 5,
      ignoreTLS: true,
    });
    const again = [...Array(TOTAL).keys()].filter((i) => !acked.has(i) || i % 10 === 0);
    const results = await Promise.allSettled(again.map((i) => retry.sendMail(message(i))));
    retry.close();
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(0);
    await until(`${TOTAL} tickets`, async () => (await ticketCount()) >= TOTAL, 90_000);

    child!.kill('SIGTERM');
    await exited(child!);
    const database = await shared.open();
    try {
      const inbound = await database.db
        .selectFrom('inbound_messages')
        .select(['message_id', 'status', 'ticket_id', 'comment_id'])
        .execute();
      expect(inbound).toHaveLength(TOTAL);
      expect(inbound.filter((m) => m.status !== 'processed')).toEqual([]);
      const tickets = await database.db.selectFrom('tickets').select(['id', 'subject']).execute();
      expect(tickets).toHaveLength(TOTAL);
      expect(new Set(tickets.map((t) => t.subject)).size).toBe(TOTAL);
      const comments = await database.db.selectFrom('ticket_comments').select(['id', 'ticket_id']).execute();
      expect(comments).toHaveLength(TOTAL);
      expect(new Set(inbound.map((m) => m.ticket_id)).size).toBe(TOTAL);
      expect(new Set(inbound.map((m) => m.comment_id)).size).toBe(TOTAL);
    } finally {
      await database.close();
    }
  });
});
