import type { PGlite } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';

/**
 * Kysely dialect for PGlite. PGlite has one connection, so the driver hands it out to
 * one holder at a time: a transaction owns it until commit or rollback and every other
 * query waits its turn. Keep transactions short and never hold one across I/O.
 */
export class PgliteDialect implements Dialect {
  constructor(private readonly pg: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PgliteDriver(this.pg);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PgliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private readonly connection: PgliteConnection;

  constructor(pg: PGlite) {
    this.connection = new PgliteConnection(pg);
  }

  async init() {}

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.queue;
    this.queue = previous.then(() => turn);
    await previous;
    this.connection.release = release;
    return this.connection;
  }

  async beginTransaction(conn: DatabaseConnection) {
    await (conn as PgliteConnection).run('begin');
  }
  async commitTransaction(conn: DatabaseConnection) {
    await (conn as PgliteConnection).run('commit');
  }
  async rollbackTransaction(conn: DatabaseConnection) {
    await (conn as PgliteConnection).run('rollback');
  }
  async savepoint(conn: DatabaseConnection, name: string) {
    await (conn as PgliteConnection).run(`savepoint "${name}"`);
  }
  async rollbackToSavepoint(conn: DatabaseConnection, name: string) {
    await (conn as PgliteConnection).run(`rollback to savepoint "${name}"`);
  }
  async releaseSavepoint(conn: DatabaseConnection, name: string) {
    await (conn as PgliteConnection).run(`release savepoint "${name}"`);
  }

  async releaseConnection(conn: DatabaseConnection) {
    (conn as PgliteConnection).release();
  }

  async destroy() {}
}

class PgliteConnection implements DatabaseConnection {
  release: () => void = () => {};
  constructor(private readonly pg: PGlite) {}

  async run(sql: string) {
    await this.pg.query(sql);
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pg.query<R>(compiled.sql, [...compiled.parameters]);
    const affected = result.affectedRows;
    const isWrite = /^\s*(insert|update|delete|merge|with)/i.test(compiled.sql);
    return {
      rows: result.rows,
      ...(isWrite && affected !== undefined ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }

  // biome-ignore lint/correctness/useYield: streaming is not supported by PGlite
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not support streaming queries');
  }
}
