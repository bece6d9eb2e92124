import rateLimit from '@fastify/rate-limit';
import { sha256 } from '../auth/secrets.js';
import type { HttpApp } from './server.js';

/**
 * Per-caller request budget for /api, with Zendesk's headers on every response
 * (X-Rate-Limit, X-Rate-Limit-Remaining) and Retry-After only on a 429.
 * The count is per node; behind a load balancer each node allows the budget.
 */
export async function registerApiRateLimit(app: HttpApp, perMinute: number) {
  await app.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: 60_000,
    allowList: (request) => !request.url.startsWith('/api/'),
    keyGenerator: (request) => {
      const auth = request.headers.authorization;
      return auth ? `auth:${sha256(auth).slice(0, 24)}` : `ip:${request.ip}`;
    },
    addHeadersOnExceeding: {
      'x-ratelimit-limit': true,
      'x-ratelimit-remaining': true,
      'x-ratelimit-reset': false,
    },
    addHeaders: {
      'x-ratelimit-limit': true,
      'x-ratelimit-remaining': true,
      'x-ratelimit-reset': false,
      'retry-after': true,
    },
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'TooManyRequests',
      description: `Rate limit of ${context.max} requests per minute exceeded; retry in ${Math.ceil(context.ttl / 1000)} s`,
    }),
  });
  app.addHook('onSend', async (_request, reply) => {
    const limit = reply.getHeader('x-ratelimit-limit');
    if (limit !== undefined) {
      reply.header('x-rate-limit', limit);
      reply.header('x-rate-limit-remaining', reply.getHeader('x-ratelimit-remaining'));
    }
    if (reply.statusCode !== 429) reply.removeHeader('retry-after');
  });
}
