import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { openTestDatabase } from '../../test/databases.js';
import { ManualClock } from '../clock.js';
import { createJobRunner, enqueue } from './jobs.js';
import { defineQueue } from './queues.js';

let database: Database;
const clock = new ManualClock('2026-03-02T10:00:00Z');
const logger = pino({ level: 'silent' });
for (const queue of ['greet', 'flaky', 'broken', 'report', 'ordered', 'parallel', 'old']) defineQueue(queue);

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

describe('durable jobs', () => {
  it('runs a job once even when it is enqueued twice with one dedupe key', async () => {
    const runner = createJobRunner({ database, clock, logger });
    const seen: unknown[] = [];
    runner.register('greet', async (payload) => {
      seen.push(payload.name);
    });
    await enqueue(database.db, 'greet', { name: 'Ada' }, { dedupeKey: 'a' });
    await enqueue(database.db, 'greet', { name: 'Ada again' }, { dedupeKey: 'a' });
    expect(await runner.runDue()).toBe(1);
    expect(await runner.runDue()).toBe(0);
    expect(seen).toEqual(['Ada']);
  });

  it('retries a failing job with back-off and gives up after its last attempt', async () => {
    const runner = createJobRunner({ database, clock, logger });
    let calls = 0;
    runner.register('flaky', async () => {
      calls += 1;
      if (calls < 3) throw new Error('upstream timed out');
    });
    await enqueue(database.db, 'flaky', {}, { maxAttempts: 5 });
    await runner.runDue();
    expect(calls).toBe(1);
    await runner.runDue();
    expect(calls).toBe(1); // not due until its back-off passes
    clock.advance(10_000);
    await runner.runDue();
    expect(calls).toBe(2);
    clock.advance(40_000);
    await runner.runDue();
    expect(calls).toBe(3);
    const job = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('queue', '=', 'flaky')
      .executeTakeFirstOrThrow();
    expect(job.done_at).not.toBeNull();

    runner.register('broken', async () => {
      throw new Error('always');
    });
    await enqueue(database.db, 'broken', {}, { maxAttempts: 2 });
    await runner.runDue();
    clock.advance(3_600_000);
    await runner.runDue();
    const failed = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('queue', '=', 'broken')
      .executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ attempts: 2, last_error: 'always' });
    expect(failed.failed_at).not.toBeNull();
  });

  it('lets another worker take over a job whose lease ran out', async () => {
    const crashed = createJobRunner({ database, clock, logger, leaseSeconds: 60 });
    crashed.register('report', () => new Promise(() => {})); // never finishes: the process "died"
    await enqueue(database.db, 'report', {});
    void crashed.runDue();
    await new Promise((r) => setTimeout(r, 100));
    const survivor = createJobRunner({ database, clock, logger, leaseSeconds: 60 });
    let ran = 0;
    survivor.register('report', async () => {
      ran += 1;
    });
    expect(await survivor.runDue()).toBe(0);
    clock.advance(61_000);
    expect(await survivor.runDue()).toBe(1);
    expect(ran).toBe(1);
  });

  it('runs jobs with one order key one at a time in order, even while the first waits for a retry', async () => {
    const runner = createJobRunner({ database, clock, logger });
    const ran: string[] = [];
    let failFirst = true;
    runner.register('ordered', async (payload) => {
      if (payload.step === 1 && failFirst) {
        failFirst = false;
        throw new Error('try again');
      }
      ran.push(`${payload.key}:${payload.step}`);
    });
    await enqueue(database.db, 'ordered', { key: 'a', step: 1 }, { orderKey: 'ticket-7' });
    await enqueue(database.db, 'ordered', { key: 'a', step: 2 }, { orderKey: 'ticket-7' });
    await enqueue(database.db, 'ordered', { key: 'b', step: 1 }, { orderKey: 'ticket-8' });
    await runner.runDue();
    expect(ran).toEqual(['b:1']); // a:2 waits behind a:1's retry
    clock.advance(10_000);
    await runner.runDue();
    expect(ran).toEqual(['b:1', 'a:1', 'a:2']);
  });

  it('runs independent jobs side by side', async () => {
    const runner = createJobRunner({ database, clock, logger, concurrency: 2 });
    let inFlight = 0;
    let most = 0;
    runner.register('parallel', async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 50));
      inFlight -= 1;
    });
    for (let i = 0; i < 4; i++) await enqueue(database.db, 'parallel', { i });
    expect(await runner.runDue()).toBe(4);
    expect(most).toBe(2);
  });

  it('prunes jobs finished more than a week ago', async () => {
    const runner = createJobRunner({ database, clock, logger });
    runner.register('old', async () => {});
    await enqueue(database.db, 'old', {});
    await runner.runDue();
    expect(await runner.prune()).toBe(0);
    clock.advance(8 * 86_400_000);
    expect(await runner.prune()).toBeGreaterThan(0);
    const left = await database.db.selectFrom('jobs').select('id').where('queue', '=', 'old').execute();
    expect(left).toEqual([]);
  });

  it('refuses to enqueue to a queue nobody declared', async () => {
    await expect(enqueue(database.db, 'nowhere', {})).rejects.toThrow(/job queue nowhere is not declared/);
  });

  it('refuses to start while a declared queue has no consumer, naming it', async () => {
    const runner = createJobRunner({ database, clock, logger });
    defineQueue('orphan');
    await expect(runner.start()).rejects.toThrow(/without a consumer: .*orphan/);
    expect(runner.missingConsumers()).toContain('orphan');
  });
});
