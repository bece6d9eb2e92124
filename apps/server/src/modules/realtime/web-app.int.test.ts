import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.js';
import { createHttpServer, type HttpApp } from '../../platform/http/server.js';
import { registerWebApp } from '../../platform/http/web-app.js';
import { createLogger } from '../../platform/logger.js';
import { startTestApp, type TestApp } from '../../test/harness.js';

const INDEX =
  '<!doctype html><html><body><div id="root"></div><script src="/agent/assets/app-abc123.js"></script></body></html>';
let dist: string;
let built: HttpApp;
let unbuilt: HttpApp;
let t: TestApp;

async function server(distDir: string) {
  const app = await createHttpServer(
    loadConfig({ LOG_LEVEL: 'silent' }),
    createLogger('silent'),
    'x'.repeat(32),
  );
  await registerWebApp(app, distDir);
  await app.ready();
  return app;
}

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'frontline-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), INDEX);
  writeFileSync(path.join(dist, 'assets/app-abc123.js'), 'console.log("agent app")');
  writeFileSync(path.join(dist, 'assets/app-abc123.js.gz'), gzipSync('console.log("agent app")'));
  built = await server(dist);
  unbuilt = await server(path.join(dist, 'nowhere'));
  t = await startTestApp();
});
afterAll(async () => {
  await built?.close();
  await unbuilt?.close();
  await t?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the agent app as the server serves it', () => {
  it.each(['/login', '/agent', '/agent/tickets/42', '/agent/users/7?tab=history'])(
    'answers %s with the app under a strict policy',
    async (url) => {
      const res = await built.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(INDEX);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers['cache-control']).toBe('no-cache');
    },
  );

  it('sends a visitor of the bare address to the agent app', async () => {
    const res = await built.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/agent');
  });

  it('serves hashed assets for a year, gzipped when the browser accepts it', async () => {
    const res = await built.inject({
      method: 'GET',
      url: '/agent/assets/app-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('answers 404 for a missing asset instead of the app', async () => {
    const res = await built.inject({ method: 'GET', url: '/agent/assets/app-old999.js' });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('<html');
  });

  it('says how to build the app when it is not built', async () => {
    const res = await unbuilt.inject({ method: 'GET', url: '/agent' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build');
  });

  it("does not trigger the browser's password dialog for the app's own requests", async () => {
    const fromApp = await fetch(`${t.url}/auth/session`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    expect(fromApp.status).toBe(401);
    expect(fromApp.headers.get('www-authenticate')).toBeNull();
    const fromClient = await fetch(`${t.url}/api/v2/views`);
    expect(fromClient.status).toBe(401);
    expect(fromClient.headers.get('www-authenticate')).toMatch(/^Basic/);
  });
});
