import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from 'node-zendesk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import { createUser, startTestApp, type TestApp, type TestUser } from '../../test/harness.js';

/** The calls of this area driven by the real node-zendesk client, as integrations use them. */
let t: TestApp;
let dataDir: string;
let clock: ManualClock;
let admin: TestUser;

const clientFor = (who: TestUser) =>
  createClient({ username: who.user.email!, token: who.token, endpointUri: `${t.url}/api/v2` });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'frontline-zd-'));
  clock = new ManualClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  t = await startTestApp({ clock, env: { DATA_DIR: dataDir } });
  admin = await createUser(t, { role: 'admin' });
});
afterAll(async () => {
  await t?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('node-zendesk against the exports area', () => {
  it('creates tickets in bulk, polls the job, and reads them back from a cursor export', async () => {
    const client = clientFor(admin);
    const start = Math.floor(clock.now().getTime() / 1000);
    const created = (await client.tickets.createMany({
      tickets: [
        { subject: 'From a script 1', comment: { body: 'one' } },
        { subject: 'From a script 2', comment: { body: 'two' } },
      ],
    } as never)) as unknown as { result: { job_status: { id: string } } };
    await t.app.jobs.runDue();
    const job = (await client.jobstatuses.show(created.result.job_status.id)) as unknown as {
      result: { job_status: { status: string; results: { id: number; success: boolean }[] } };
    };
    const { job_status: status } = job.result;
    expect(status.status).toBe('completed');
    const ids = status.results.map((r) => r.id);
    expect(status.results.every((r) => r.success)).toBe(true);

    clock.advance(2 * 60 * 1000);
    const page = (await client.ticketexport.exportCursor(start, undefined as never)) as unknown as {
      result: { id: number }[] | { tickets: { id: number }[] };
    };
    const rows = Array.isArray(page.result) ? page.result : page.result.tickets;
    expect(rows.map((r) => r.id)).toEqual(ids);
  });

  it('uploads a file the way the client sends it', async () => {
    const client = clientFor(admin);
    const file = path.join(dataDir, 'notes.txt');
    await writeFile(file, 'call back on Monday\n');
    const uploaded = (await client.attachments.upload(file, {
      filename: 'notes.txt',
      binary: true,
    } as never)) as unknown as {
      upload: { token: string; attachment: { content_type: string; size: number } };
    };
    expect(uploaded.upload.token).toEqual(expect.any(String));
    expect(uploaded.upload.attachment).toMatchObject({ content_type: 'text/plain', size: 20 });
  });
});
