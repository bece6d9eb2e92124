import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL, testEngine } from '../test/databases.js';
import { prepareStatements } from './prepared-statements.js';

/** Statement preparation is node-postgres's; PGlite runs in-process and has no such cost. */
describe.runIf(testEngine() === 'postgres')('prepared statements per connection', () => {
  let client: pg.Client;
  const prepared = async () =>
    (
      await client.query<{ statement: string }>('select statement from pg_prepared_statements order by name')
    ).rows.map((r) => r.statement);

  beforeEach(async () => {
    client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    prepareStatements(client, 3);
  });
  afterEach(async () => {
    await client.end();
  });

  it('prepares a statement once and answers each call with its own values', async () => {
    const sums = [];
    for (const n of [1, 2, 3]) sums.push((await client.query('select $1::int + 1 as sum', [n])).rows[0].sum);
    expect(sums).toEqual([2, 3, 4]);
    expect(await prepared()).toEqual(['select $1::int + 1 as sum']);
  });

  it('keeps at most its limit, dropping the least recently used, and still answers a dropped one', async () => {
    for (const n of [1, 2, 3, 4, 5]) await client.query(`select $1::int * ${n} as product`, [2]);
    expect(await prepared()).toEqual([
      'select $1::int * 3 as product',
      'select $1::int * 4 as product',
      'select $1::int * 5 as product',
    ]);
    expect((await client.query('select $1::int * 1 as product', [7])).rows[0].product).toBe(7);
    expect(await prepared()).toHaveLength(3);
  });

  it('answers a select * after another node adds a column to its table', async () => {
    await client.query('create temporary table notes (id int, body text)');
    await client.query('insert into notes values (1, $1)', ['first']);
    expect((await client.query('select * from notes where id = $1', [1])).rows).toEqual([
      { id: 1, body: 'first' },
    ]);
    await client.query('alter table notes add column author text');
    expect((await client.query('select * from notes where id = $1', [1])).rows).toEqual([
      { id: 1, body: 'first', author: null },
    ]);
  });

  it('leaves statements without parameters unprepared', async () => {
    await client.query('select 1');
    expect(await prepared()).toEqual([]);
  });
});
