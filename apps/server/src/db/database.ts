import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PgliteDialect } from './pglite-driver.js';
import { prepareStatements } from './prepared-statements.js';
import type { DB } from './schema.js';

export type Engine = 'pglite' | 'postgres';

export type Notification = { channel: string; payload: string };

export type Database = {
  db: Kysely<DB>;
  engine: Engine;
  /** Subscribes to PostgreSQL NOTIFY on a channel; returns the unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Runs `fn` alone: on PGlite while holding its one connection, on PostgreSQL on a
   * dedicated connection under a session advisory lock, so two nodes booting at once
   * take turns. `exec` runs a multi-statement script and returns the last result's rows.
   */
  /** PGlite only: the whole data directory as a tarball (tests restore it instead of migrating). */
  dump?: () => Promise<Blob>;
  exclusive<T>(
    lockKey: number,
    fn: (exec: (script: string) => Promise<Record<string, unknown>[]>) => Promise<T>,
  ): Promise<T>;
  close(): Promise<void>;
};

const INT8 = 20;
const INT8_ARRAY = 1016;
const NUMERIC = 1700;

export type DatabaseOptions = { databaseUrl?: string | undefined; dataDir?: string; poolSize?: number };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 16)
    : openPglite(options.dataDir ? path.join(options.dataDir, 'pgdata') : undefined);
}

/** The embedded engine. `dataDir` undefined means in memory. `loadDataDir` restores a dump (tests). */
export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<Database> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: { pg_trgm },
    parsers: { [INT8]: Number, [NUMERIC]: Number },
  });
  const db = new Kysely<DB>({ dialect: new PgliteDialect(client) });
  return {
    db,
    engine: 'pglite',
    async listen(channel, onPayload) {
      const unlisten = await client.listen(channel, onPayload);
      return () => unlisten();
    },
    dump: () => client.dumpDataDir('gzip'),
    async exclusive(_lockKey, fn) {
      return db
        .connection()
        .execute(() => fn(async (script) => (await client.exec(script)).at(-1)?.rows ?? []));
    },
    async close() {
      await db.destroy();
      await client.close();
    },
  };
}

const parseInt8Array = pg.types.getTypeParser(INT8_ARRAY as Parameters<typeof pg.types.getTypeParser>[0]);

export async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === INT8 || oid === NUMERIC) return Number;
      if (oid === INT8_ARRAY) return (v: string) => (parseInt8Array(v) as string[]).map(Number);
      return pg.types.getTypeParser(oid as Parameters<typeof pg.types.getTypeParser>[0], format);
    },
  };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
  pool.on('error', () => {}); // idle client errors surface on the next query
  pool.on('connect', (client) => prepareStatements(client));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let listener: Promise<pg.Client> | undefined;
  let closed = false;

  // One connection LISTENs for every channel. If PostgreSQL drops it (restart,
  // failover), it reconnects and listens again; notifications sent meanwhile are lost,
  // so consumers also poll (the job runner does).
  function connectListener(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    const ready = (async () => {
      await client.connect();
      client.on('notification', (n) => {
        for (const h of handlers.get(n.channel) ?? []) h(n.payload ?? '');
      });
      for (const channel of handlers.keys()) await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      return client;
    })();
    const reconnect = () => {
      if (closed || listener !== ready) return;
      listener = undefined;
      setTimeout(() => {
        if (!closed && !listener && handlers.size > 0) listener = connectListener();
      }, 1000).unref();
    };
    client.on('error', reconnect);
    client.on('end', reconnect);
    ready.catch(reconnect);
    return ready;
  }

  return {
    db,
    engine: 'postgres',
    async listen(channel, onPayload) {
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        if (listener) await (await listener).query(`listen ${pg.escapeIdentifier(channel)}`);
      }
      set.add(onPayload);
      listener ??= connectListener();
      await listener;
      return async () => {
        set.delete(onPayload);
      };
    },
    async exclusive(lockKey, fn) {
      const client = new pg.Client({ connectionString: url, types });
      client.on('error', () => {}); // surfaces as the failing query's error
      await client.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [lockKey]);
        return await fn(async (script) => {
          const result = await client.query(script);
          const last = Array.isArray(result) ? result.at(-1) : result;
          return last?.rows ?? [];
        });
      } finally {
        await client.end().catch(() => {});
      }
    },
    async close() {
      closed = true;
      const client = await listener?.catch(() => undefined);
      await client?.end().catch(() => {});
      await db.destroy();
    },
  };
}
