import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

/**
 * A throwaway Dovecot IMAP server for tests: its own config, mail directory and
 * password file under a temporary directory, listening on a free loopback port,
 * running in the foreground as a child of the test. Works as root (CI), where
 * Dovecot drops privileges to its own users, and as an ordinary user.
 */
export type TestDovecot = {
  host: string;
  port: number;
  /** Puts a message into a user's folder over IMAP (APPEND), as a mail server's delivery would. */
  deliver(user: string, raw: string | Buffer, folder?: string): Promise<void>;
  /** UIDs of the messages in a folder that carry a flag (e.g. \Seen). */
  flagged(user: string, flag: string, folder?: string): Promise<number[]>;
  count(user: string, folder?: string): Promise<number>;
  stop(): Promise<void>;
};

export const DOVECOT_BINARY = '/usr/sbin/dovecot';

/** Why Dovecot cannot run here, or null when it can. */
export function dovecotMissing(): string | null {
  const found = spawnSync(DOVECOT_BINARY, ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0)
    return `Dovecot is not installed (${DOVECOT_BINARY}); apt-get install dovecot-imapd`;
  return null;
}

async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

function idOf(name: string, flag: '-u' | '-g') {
  const out = spawnSync('id', [flag, name], { encoding: 'utf8' });
  return out.status === 0 ? Number(out.stdout.trim()) : null;
}

export async function startDovecot(users: { user: string; password: string }[]): Promise<TestDovecot> {
  const root = await mkdtemp(path.join(tmpdir(), 'frontline-dovecot-'));
  await chmod(root, 0o755);
  const mail = path.join(root, 'mail');
  await mkdir(mail);
  await mkdir(path.join(root, 'run'));
  await mkdir(path.join(root, 'state'));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const me = userInfo();
  // As root Dovecot needs unprivileged users to run as; mail belongs to nobody.
  const mailUid = asRoot ? (idOf('nobody', '-u') ?? 65534) : me.uid;
  const mailGid = asRoot ? (idOf('nobody', '-g') ?? 65534) : me.gid;
  if (asRoot) await chown(mail, mailUid, mailGid);
  const internal = asRoot ? 'dovecot' : me.username;
  const login = asRoot ? (idOf('dovenull', '-u') !== null ? 'dovenull' : 'dovecot') : me.username;
  await writeFile(
    path.join(root, 'passwd'),
    users.map((u) => `${u.user}:{PLAIN}${u.password}::::::`).join('\n'),
  );
  await writeFile(
    path.join(root, 'dovecot.conf'),
    `base_dir = ${root}/run
state_dir = ${root}/state
log_path = ${root}/dovecot.log
instance_name = frontline-test-${port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${mail}/%u
first_valid_uid = 1
default_internal_user = ${internal}
default_login_user = ${login}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${root}/passwd
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${mail}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
  );
  const child: ChildProcess = spawn(DOVECOT_BINARY, ['-F', '-c', path.join(root, 'dovecot.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const passwords = new Map(users.map((u) => [u.user, u.password]));

  async function session<T>(user: string, fn: (imap: ImapFlow) => Promise<T>) {
    const imap = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user, pass: passwords.get(user) ?? '' },
      logger: false,
    });
    imap.on('error', () => {});
    await imap.connect();
    try {
      return await fn(imap);
    } finally {
      await imap.logout().catch(() => imap.close());
    }
  }

  // Wait until it answers a login.
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Dovecot exited: ${stderr}`);
    try {
      await session(users[0]!.user, async () => undefined);
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        const log = await readFile(path.join(root, 'dovecot.log'), 'utf8').catch(() => '');
        throw new Error(`Dovecot did not come up: ${(error as Error).message}\n${stderr}\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  return {
    host: '127.0.0.1',
    port,
    deliver: (user, raw, folder = 'INBOX') =>
      session(user, async (imap) => {
        await imap.append(folder, raw);
      }),
    flagged: (user, flag, folder = 'INBOX') =>
      session(user, async (imap) => {
        const lock = await imap.getMailboxLock(folder);
        try {
          const found = await imap.search({ [flag === '\\Seen' ? 'seen' : 'flagged']: true }, { uid: true });
          return found || [];
        } finally {
          lock.release();
        }
      }),
    count: (user, folder = 'INBOX') =>
      session(user, async (imap) => {
        const status = await imap.status(folder, { messages: true });
        return status ? (status.messages ?? 0) : 0;
      }),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(root, { recursive: true, force: true });
    },
  };
}
