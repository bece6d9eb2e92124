import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { pendingMigrations } from '../../db/migrate.js';
import type { HttpApp } from './server.js';

export function registerHealthRoutes(app: HttpApp, database: Database) {
  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));

  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(database.db);
      const pending = await pendingMigrations(database);
      if (pending.length > 0) return reply.code(503).send({ status: 'migrating', pending });
      return { status: 'ready', engine: database.engine };
    } catch {
      return reply.code(503).send({ status: 'database unreachable' });
    }
  });
}
