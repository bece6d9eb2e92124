import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredQueues, defineQueue } from '../platform/jobs/queues.js';
import { startTestApp, type TestApp } from './harness.js';

// Every queue a job can be sent to has a consumer in a built app, or the worker does
// not start. Notifications once piled up in a queue nothing consumed; this keeps that
// class of bug from coming back.

const SRC = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !/\.test\.ts$|\.testing\.ts$/.test(entry.name) ? [full] : [];
  });
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('job queues', () => {
  const files = sourceFiles(SRC).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

  it('declares every queue in the code, and the built app loads every declaration', () => {
    const literal = files.flatMap(({ text }) =>
      [...text.matchAll(/defineQueue\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!),
    );
    expect(literal.length).toBeGreaterThanOrEqual(6);
    expect(declaredQueues()).toEqual(expect.arrayContaining(literal));
  });

  it('sends jobs only to named, declared queues: no queue name written inline at a call site', () => {
    const inline = files.flatMap(({ file, text }) =>
      [...text.matchAll(/\b(enqueue|register)\(\s*[\w.]+\s*,\s*['"`]/g)].map(
        (m) => `${path.relative(SRC, file)}: ${m[0]}`,
      ),
    );
    expect(inline).toEqual([]);
  });

  it('has a consumer for every declared queue in a built app', () => {
    expect(declaredQueues()).toEqual(
      expect.arrayContaining(['notification-email', 'email-send', 'email-inbound', 'ticket-change:workflow']),
    );
    expect(t.app.jobs.missingConsumers()).toEqual([]);
  });

  it('refuses to start a worker while a queue has no consumer, naming it', async () => {
    defineQueue('nobody-consumes-this');
    await expect(t.app.start(['worker'])).rejects.toThrow(/without a consumer: nobody-consumes-this/);
  });
});
