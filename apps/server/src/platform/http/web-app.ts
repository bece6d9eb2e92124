import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { HttpApp } from './server.js';

/** apps/web/dist, from both src/platform/http and dist/platform/http of the server. */
export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');

/**
 * The agent app's policy: scripts only from this origin, no inline script, no plugins,
 * never framed. Email bodies render in sandboxed iframes (srcdoc) under the same policy,
 * so even sanitized mail cannot run script; remote images in mail may load over https.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': WEB_APP_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Frontline</title></head>
<body><h1>The agent workspace is not built yet</h1><p>Run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload.</p></body></html>`;

/**
 * Serves the built agent app: hashed assets under /agent/assets (cached for a year,
 * pre-compressed .gz/.br when present) and index.html for /login and every /agent/*
 * route, so deep links such as /agent/tickets/42 load the app.
 */
export async function registerWebApp(app: HttpApp, distDir = WEB_DIST) {
  // The agent app marks its requests; a 401 to it must not carry a Basic challenge, or the
  // browser pops its own password dialog over the app's sign-in page.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode === 401 && request.headers['x-requested-with'] === 'XMLHttpRequest')
      reply.removeHeader('www-authenticate');
    return payload;
  });
  const indexFile = path.join(distDir, 'index.html');
  const built = existsSync(indexFile);
  const index = built ? readFileSync(indexFile, 'utf8') : NOT_BUILT;

  if (built) {
    await app.register(fastifyStatic, {
      root: distDir,
      prefix: '/agent/',
      wildcard: false,
      index: false,
      decorateReply: false,
      preCompressed: true,
      setHeaders(reply, file) {
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
        const immutable = file.includes(`${path.sep}assets${path.sep}`);
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  const sendIndex = (reply: FastifyReply) =>
    reply
      .code(built ? 200 : 503)
      .headers({ ...SECURITY_HEADERS, 'cache-control': 'no-cache' })
      .type('text/html; charset=utf-8')
      .send(index);

  const page = { config: { access: 'public' as const }, schema: { hide: true } };
  app.get('/', page, async (_request, reply) => reply.redirect('/agent'));
  app.get('/login', page, async (_request, reply) => sendIndex(reply));
  app.get('/agent', page, async (_request, reply) => sendIndex(reply));
  app.get('/agent/*', page, async (request, reply) => {
    // A missing hashed file is a 404, not the app: a stale tab must not run HTML as script.
    if (request.url.startsWith('/agent/assets/')) return reply.code(404).type('text/plain').send('Not found');
    return sendIndex(reply);
  });
}
