import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../test/harness.js';

let t: TestApp;
let admin: TestUser;
let agent: TestUser;
let otherAgent: TestUser;
let customer: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  admin = await createUser(t, { role: 'admin' });
  agent = await createUser(t, { role: 'agent' });
  otherAgent = await createUser(t, { role: 'agent' });
  customer = await createUser(t, { role: 'end-user' });
});
afterAll(() => t?.close());

/** Runs the queued jobs, as the worker would, and reads the job status back. */
async function completed(jobStatus: { id: string; url: string }, who: TestUser = agent) {
  expect(jobStatus.url).toBe(`${t.url}/api/v2/job_statuses/${jobStatus.id}.json`);
  await t.app.jobs.runDue();
  const res = await api(t, who, 'GET', `/api/v2/job_statuses/${jobStatus.id}.json`);
  expect(res.status).toBe(200);
  expect(res.body.job_status.status).toBe('completed');
  return res.body.job_status;
}

async function ticket(subject: string, who: TestUser = agent) {
  const res = await api(t, who, 'POST', '/api/v2/tickets', {
    ticket: { subject, comment: { body: subject }, requester_id: customer.user.id },
  });
  return res.body.ticket.id as number;
}

describe('bulk ticket calls', () => {
  it('creates many tickets in a job, reporting a bad item without failing the rest', async () => {
    const res = await api(t, agent, 'POST', '/api/v2/tickets/create_many.json', {
      tickets: [
        { subject: 'Bulk A', comment: { body: 'first' }, requester_id: customer.user.id },
        { subject: 'Bulk B (no description)' },
        { subject: 'Bulk C', comment: { body: 'third' }, tags: ['imported'] },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.job_status).toMatchObject({ status: 'queued', total: 3, progress: 0, results: null });
    const job = await completed(res.body.job_status);
    expect(job.progress).toBe(3);
    expect(job.results).toEqual([
      { index: 0, id: expect.any(Number), action: 'create', success: true, status: 'Created' },
      expect.objectContaining({
        index: 1,
        action: 'create',
        success: false,
        status: 'Failed',
        error: 'RecordInvalid',
      }),
      { index: 2, id: expect.any(Number), action: 'create', success: true, status: 'Created' },
    ]);
    expect(job.results[1].errors).toMatch(/Comment/);
    expect(Object.keys(job.results[1].details)).toEqual(['comment']);
    const created = await api(t, agent, 'GET', `/api/v2/tickets/${job.results[2].id}`);
    expect(created.body.ticket).toMatchObject({
      subject: 'Bulk C',
      tags: ['imported'],
      submitter_id: agent.user.id,
    });
  });

  it('applies one change to ?ids= and reports a ticket that does not exist', async () => {
    const a = await ticket('Update me A');
    const b = await ticket('Update me B');
    const res = await api(t, agent, 'PUT', `/api/v2/tickets/update_many?ids=${a},${b},999999`, {
      ticket: {
        status: 'open',
        additional_tags: ['bulk_touched'],
        comment: { body: 'Looking into it', public: false },
      },
    });
    expect(res.status).toBe(200);
    const job = await completed(res.body.job_status);
    expect(job.results).toEqual([
      { index: 0, id: a, action: 'update', success: true, status: 'Updated' },
      { index: 1, id: b, action: 'update', success: true, status: 'Updated' },
      expect.objectContaining({ index: 2, id: 999999, success: false, error: 'RecordNotFound' }),
    ]);
    for (const id of [a, b]) {
      const shown = await api(t, agent, 'GET', `/api/v2/tickets/${id}`);
      expect(shown.body.ticket.status).toBe('open');
      expect(shown.body.ticket.tags).toContain('bulk_touched');
      const comments = await api(t, agent, 'GET', `/api/v2/tickets/${id}/comments`);
      expect(comments.body.comments.at(-1)).toMatchObject({ body: 'Looking into it', public: false });
    }
  });

  it('applies a different change to each ticket given in "tickets"', async () => {
    const a = await ticket('Each A');
    const b = await ticket('Each B');
    const res = await api(t, agent, 'PUT', '/api/v2/tickets/update_many', {
      tickets: [
        { id: a, priority: 'urgent' },
        { id: b, priority: 'low', assignee_id: agent.user.id },
      ],
    });
    await completed(res.body.job_status);
    expect((await api(t, agent, 'GET', `/api/v2/tickets/${a}`)).body.ticket.priority).toBe('urgent');
    const shownB = (await api(t, agent, 'GET', `/api/v2/tickets/${b}`)).body.ticket;
    expect(shownB).toMatchObject({ priority: 'low', assignee_id: agent.user.id });
  });

  it('destroys many tickets, and a light agent’s items fail with Forbidden', async () => {
    const a = await ticket('Delete A');
    const b = await ticket('Delete B');
    const light = await createUser(t, { role: 'agent', lightAgent: true });
    const denied = await api(t, light, 'DELETE', `/api/v2/tickets/destroy_many?ids=${a}`);
    const deniedJob = await completed(denied.body.job_status, light);
    expect(deniedJob.results).toEqual([
      expect.objectContaining({ id: a, success: false, error: 'Forbidden' }),
    ]);
    expect((await api(t, agent, 'GET', `/api/v2/tickets/${a}`)).status).toBe(200);

    const res = await api(t, agent, 'DELETE', `/api/v2/tickets/destroy_many.json?ids=${a},${b}`);
    const job = await completed(res.body.job_status);
    expect(job.results.map((r: { status: string }) => r.status)).toEqual(['Deleted', 'Deleted']);
    expect((await api(t, agent, 'GET', `/api/v2/tickets/${a}`)).status).toBe(404);
    expect((await api(t, agent, 'GET', `/api/v2/tickets/${b}`)).status).toBe(404);
  });

  it('runs the job as the user who asked, with the rights they have when it runs', async () => {
    const demoted = await createUser(t, { role: 'agent' });
    const id = await ticket('Demotion');
    const res = await api(t, demoted, 'PUT', `/api/v2/tickets/update_many?ids=${id}`, {
      ticket: { priority: 'high' },
    });
    await t.database.db
      .updateTable('users')
      .set({ role: 'end-user' })
      .where('id', '=', demoted.user.id)
      .execute();
    await t.app.jobs.runDue();
    const job = await api(t, admin, 'GET', `/api/v2/job_statuses/${res.body.job_status.id}`);
    expect(job.body.job_status.results).toEqual([expect.objectContaining({ id, success: false })]);
    expect((await api(t, agent, 'GET', `/api/v2/tickets/${id}`)).body.ticket.priority).toBeNull();
  });

  it('runs the job as the system user when the account that asked is gone', async () => {
    const leaver = await createUser(t, { role: 'agent' });
    const res = await api(t, leaver, 'POST', '/api/v2/tickets/create_many', {
      tickets: [{ subject: 'Queued before leaving', comment: { body: 'x' }, requester_id: customer.user.id }],
    });
    await t.database.db
      .updateTable('users')
      .set({ deleted_at: new Date() })
      .where('id', '=', leaver.user.id)
      .execute();
    await t.app.jobs.runDue();
    const job = await api(t, admin, 'GET', `/api/v2/job_statuses/${res.body.job_status.id}`);
    const [result] = job.body.job_status.results;
    expect(result).toMatchObject({ success: true, status: 'Created' });
    const created = await api(t, agent, 'GET', `/api/v2/tickets/${result.id}`);
    expect(created.body.ticket).toMatchObject({ submitter_id: -1, requester_id: customer.user.id });
  });

  it.each([
    ['POST', '/api/v2/tickets/create_many', { tickets: [] }, 'tickets'],
    [
      'POST',
      '/api/v2/tickets/create_many',
      { tickets: Array.from({ length: 101 }, () => ({ comment: { body: 'x' } })) },
      'tickets',
    ],
    [
      'POST',
      '/api/v2/tickets/create_many',
      { tickets: [{ comment: { body: 'x' }, priority: 'soon' }] },
      'tickets.0.priority',
    ],
    ['PUT', '/api/v2/tickets/update_many', { ticket: { status: 'open' } }, 'tickets'],
    ['PUT', '/api/v2/tickets/update_many?ids=1', { tickets: [{ id: 1, status: 'open' }] }, 'tickets'],
    ['PUT', '/api/v2/tickets/update_many?ids=1,x', { ticket: { status: 'open' } }, 'ids'],
    ['PUT', '/api/v2/tickets/update_many', { tickets: [{ status: 'open' }] }, 'tickets.0.id'],
    ['DELETE', '/api/v2/tickets/destroy_many', undefined, 'ids'],
  ])('answers 422 to a malformed %s %s, naming %s', async (method, path, body, field) => {
    const res = await api(t, agent, method, path, body);
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('RecordInvalid');
    expect(Object.keys(res.body.details)).toContain(field);
  });

  it('answers 403 to an end-user', async () => {
    const res = await api(t, customer, 'POST', '/api/v2/tickets/create_many', {
      tickets: [{ comment: { body: 'x' } }],
    });
    expect(res.status).toBe(403);
  });
});

describe('job statuses', () => {
  it('lists the caller’s jobs and hides them from other agents', async () => {
    const res = await api(t, otherAgent, 'POST', '/api/v2/tickets/create_many', {
      tickets: [{ subject: 'Mine', comment: { body: 'x' } }],
    });
    const id = res.body.job_status.id;
    const list = await api(t, otherAgent, 'GET', '/api/v2/job_statuses.json');
    expect(list.body.job_statuses.map((j: { id: string }) => j.id)).toEqual([id]);
    expect((await api(t, agent, 'GET', `/api/v2/job_statuses/${id}`)).status).toBe(404);
    expect((await api(t, agent, 'GET', '/api/v2/job_statuses/nosuchjob')).status).toBe(404);
    const many = await api(t, agent, 'GET', `/api/v2/job_statuses/show_many?ids=${id},nosuchjob`);
    expect(many.body.job_statuses).toEqual([]);
    const asAdmin = await api(t, admin, 'GET', `/api/v2/job_statuses/show_many.json?ids=${id}`);
    expect(asAdmin.body.job_statuses.map((j: { id: string }) => j.id)).toEqual([id]);
    expect((await api(t, agent, 'GET', '/api/v2/job_statuses/show_many?ids=a;b')).status).toBe(422);
  });
});
