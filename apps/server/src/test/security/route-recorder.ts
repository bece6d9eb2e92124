import type { RouteOptions } from 'fastify';
import type { Access } from '../../modules/auth/index.js';
import type * as Server from '../../platform/http/server.js';

/** One route as it was registered: what a request needs to reach it and who may call it. */
export type RecordedRoute = {
  method: string;
  url: string;
  /** `config.access` as the route declared it; undefined when it relies on the default. */
  access: Access | undefined;
  hasBody: boolean;
  bodyLimit: number | undefined;
  websocket: boolean;
};

const byServer = new WeakMap<object, RecordedRoute[]>();

/**
 * Wraps the platform's `createHttpServer` so every route registered afterwards is
 * recorded. Use it from a test file as
 * `vi.mock('../../platform/http/server.js', async (load) => (await import('./route-recorder.js')).recordingServer(await load()))`.
 * Routes registered by the server itself before the hook (the OpenAPI document) are
 * added by hand.
 */
export function recordingServer(real: typeof Server): typeof Server {
  return {
    ...real,
    async createHttpServer(...args: Parameters<typeof real.createHttpServer>) {
      const app = await real.createHttpServer(...args);
      const routes: RecordedRoute[] = [
        {
          method: 'GET',
          url: '/api/docs/openapi.json',
          access: 'public',
          hasBody: false,
          bodyLimit: undefined,
          websocket: false,
        },
      ];
      byServer.set(app, routes);
      app.addHook('onRoute', (route: RouteOptions & { websocket?: boolean }) => {
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        for (const method of methods) {
          if (method === 'HEAD') continue;
          routes.push({
            method,
            url: route.url,
            access: (route.config as { access?: Access } | undefined)?.access,
            hasBody: Boolean((route.schema as { body?: unknown } | undefined)?.body),
            bodyLimit: route.bodyLimit,
            websocket: Boolean(route.websocket),
          });
        }
      });
      return app;
    },
  };
}

/** The routes recorded for an app's HTTP server (HEAD twins of GET routes left out). */
export function recordedRoutes(http: object): RecordedRoute[] {
  const routes = byServer.get(http);
  if (!routes)
    throw new Error('routes were not recorded: add the vi.mock of platform/http/server.js to this file');
  return routes;
}

/** Replaces every `:param` of a route with a value: `ids[name]` or `fallback`. */
export function fillPath(url: string, ids: Record<string, string | number>, fallback: string | number) {
  return url.replace(/:([A-Za-z_]+)/g, (_m, name: string) => String(ids[name] ?? fallback));
}
