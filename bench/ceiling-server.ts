// The ceiling each benchmark compares against: a bare Fastify route that validates a
// small JSON body and does one INSERT into the same kind of database, nothing else.
// Usage: node --import tsx bench/ceiling-server.ts <port> pglite <dataDir> | postgres <url>
import Fastify from 'fastify';
import { sql } from 'kysely';
import { openPglite, openPostgres } from '../apps/server/src/db/database.js';

const [port, engine, where] = process.argv.slice(2);
const database = engine === 'postgres' ? await openPostgres(where!, 16) : await openPglite(where);
await sql`create table if not exists bench_ceiling (id bigint generated always as identity primary key, subject text not null, body text not null, created_at timestamptz not null default now())`.execute(
  database.db,
);
const app = Fastify();
app.post(
  '/insert',
  {
    schema: {
      body: {
        type: 'object',
        required: ['subject', 'body'],
        properties: { subject: { type: 'string' }, body: { type: 'string' } },
      },
    },
  },
  async (request, reply) => {
    const { subject, body } = request.body as { subject: string; body: string };
    const row = await database.db
      .insertInto('bench_ceiling' as never)
      .values({ subject, body } as never)
      .returning('id' as never)
      .executeTakeFirstOrThrow();
    return reply.code(201).send(row);
  },
);
app.get('/healthz', async () => ({ ok: true }));
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.on('SIGTERM', async () => {
  await app.close();
  await database.close();
  process.exit(0);
});
