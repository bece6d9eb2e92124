// Starts a throw-away Frontline for browser flows and benchmarks: its own data
// directory, a free port, the demo workspace, stopped (with its data) on close.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const PASSWORD = 'frontline-e2e';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Builds the agent app (a few seconds) so the flows test the code as it is now. */
export function buildWebApp(log = console.log) {
  log('» building the agent app');
  const result = spawnSync('npm', ['run', 'build', '--workspace', '@frontline/web', '--silent'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`agent app build failed:\n${result.stdout}\n${result.stderr}`);
}

/** Launches Debian's Chromium with a fresh profile directory, as the project's flows require. */
export async function launchChromium(chromium, options = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), 'frontline-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1360, height: 860 },
    ...options,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A Frontline on a random port with a fresh DATA_DIR and the demo workspace (`extraEnv` added, e.g. SMTP_URL). */
export async function startFrontline(log = console.log, extraEnv = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'frontline-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const output = [];
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    FRONTLINE_SEED_DEMO: 'true',
    FRONTLINE_ADMIN_PASSWORD: PASSWORD,
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...extraEnv,
  };
  delete env.DATABASE_URL; // the embedded engine: each run starts from nothing
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'apps/server/src/main.ts'],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const keep = (chunk) => {
    output.push(String(chunk));
    if (output.length > 200) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code) => {
    exited = code;
  });

  log(`» starting Frontline on ${url} (data in ${dataDir})`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== null) throw new Error(`Frontline exited (${exited}) while starting:\n${output.join('')}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Frontline did not become ready in 3 minutes:\n${output.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    dataDir,
    output,
    async stop() {
      if (exited === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 15_000);
          child.on('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in API session (cookie + CSRF) for setting up data from Node. */
export async function apiSession(url, email, password = PASSWORD) {
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) return null;
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf, user } = await res.json();
  const call = async (method, pathname, body) => {
    const r = await fetch(`${url}${pathname}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrf,
        accept: 'application/json',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    const json = text ? JSON.parse(text) : null;
    if (!r.ok) throw new Error(`${method} ${pathname} → ${r.status} ${text.slice(0, 300)}`);
    return json;
  };
  return { user, call };
}

export const chromiumAvailable = () => existsSync(CHROMIUM);
