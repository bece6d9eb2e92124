import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../test/harness.js';
import { ensureDemoMailbox } from '../channels/email/index.js';
import { type SmtpSink, startSmtpSink } from '../channels/email/testing/smtp-sink.js';
import { seedWorkflowDefaults } from '../workflow/index.js';

let t: TestApp;
let sink: SmtpSink;
let dataDir: string;
let admin: TestUser;
let agent: TestUser;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  sink = await startSmtpSink();
  dataDir = await mkdtemp(path.join(tmpdir(), 'frontline-requests-'));
  t = await startTestApp({
    env: { SMTP_URL: sink.url, DATA_DIR: dataDir, MAIL_DOMAIN: 'mail.frontline.test' },
  });
  await ensureDemoMailbox(t.database);
  await seedWorkflowDefaults(t.database);
  admin = await createUser(t, { role: 'admin' });
  agent = await createUser(t, { role: 'agent', name: 'Sam Agent' });
  alice = await createUser(t, { name: 'Alice Customer' });
  bob = await createUser(t, { name: 'Bob Customer' });
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const newRequest = (who: TestUser | null, request: Record<string, unknown>) =>
  api(t, who, 'POST', '/api/v2/requests.json', { request });

describe('Requests API (end users)', () => {
  it('creates a request as the signed-in customer, via web, and lists only their own', async () => {
    const mine = await newRequest(alice, { subject: 'Printer on fire', comment: { body: 'It smokes.' } });
    expect(mine.status).toBe(201);
    expect(mine.body.request).toMatchObject({
      subject: 'Printer on fire',
      requester_id: alice.user.id,
      status: 'new',
      via: { channel: 'web' },
    });
    expect(mine.headers.get('location')).toBe(mine.body.request.url);
    expect(mine.body.request).not.toHaveProperty('tags');
    const theirs = await newRequest(bob, { subject: 'Bob only', comment: { body: 'Private to Bob' } });

    const list = await api(t, alice, 'GET', '/api/v2/requests.json');
    expect(list.status).toBe(200);
    const ids = list.body.requests.map((r: { id: number }) => r.id);
    expect(ids).toContain(mine.body.request.id);
    expect(ids).not.toContain(theirs.body.request.id);
    expect((await api(t, alice, 'GET', `/api/v2/requests/${theirs.body.request.id}`)).status).toBe(404);
    expect((await api(t, alice, 'GET', `/api/v2/requests/${theirs.body.request.id}/comments`)).status).toBe(
      404,
    );
    const reply = { request: { comment: { body: 'me too' } } };
    expect((await api(t, alice, 'PUT', `/api/v2/requests/${theirs.body.request.id}`, reply)).status).toBe(
      404,
    );
  });

  it('filters by ?status= and names an unknown status', async () => {
    const made = await newRequest(alice, { subject: 'Status filter', comment: { body: 'x' } });
    const open = await api(t, alice, 'GET', '/api/v2/requests?status=new,open');
    expect(open.body.requests.map((r: { id: number }) => r.id)).toContain(made.body.request.id);
    const solved = await api(t, alice, 'GET', '/api/v2/requests?status=solved');
    expect(solved.body.requests.map((r: { id: number }) => r.id)).not.toContain(made.body.request.id);
    const wrong = await api(t, alice, 'GET', '/api/v2/requests?status=burning');
    expect(wrong.status).toBe(422);
    expect(JSON.stringify(wrong.body)).toContain('unknown status burning');
  });

  it('shows public comments only: an internal note never reaches the requester', async () => {
    const made = await newRequest(alice, { subject: 'Notes', comment: { body: 'first' } });
    const id = made.body.request.id;
    const note = { ticket: { comment: { body: 'INTERNAL: customer is grumpy', public: false } } };
    expect((await api(t, agent, 'PUT', `/api/v2/tickets/${id}`, note)).status).toBe(200);
    const answer = { ticket: { comment: { body: 'We are on it', public: true } } };
    expect((await api(t, agent, 'PUT', `/api/v2/tickets/${id}`, answer)).status).toBe(200);

    for (const who of [alice, agent]) {
      const comments = await api(t, who, 'GET', `/api/v2/requests/${id}/comments.json`);
      expect(comments.status).toBe(200);
      expect(comments.body.comments.map((c: { body: string }) => c.body)).toEqual(['first', 'We are on it']);
      expect(comments.body.comments[0]).toMatchObject({ request_id: id, public: true, type: 'Comment' });
      expect(JSON.stringify(comments.body)).not.toContain('INTERNAL');
    }
  });

  it('takes a reply and "solved" from the requester; solved needs an assignee first', async () => {
    const made = await newRequest(alice, { subject: 'Solve me', comment: { body: 'help' } });
    const id = made.body.request.id;
    expect(made.body.request.can_be_solved_by_me).toBe(false);
    const early = await api(t, alice, 'PUT', `/api/v2/requests/${id}`, { request: { solved: true } });
    expect(early.status).toBe(422);
    expect(JSON.stringify(early.body)).toContain('Assignee');

    await api(t, agent, 'PUT', `/api/v2/tickets/${id}`, { ticket: { assignee_id: agent.user.id } });
    const reply = await api(t, alice, 'PUT', `/api/v2/requests/${id}.json`, {
      request: { comment: { body: 'Thanks, that fixed it' }, solved: true },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.request).toMatchObject({ status: 'solved', solved: true, can_be_solved_by_me: false });
    const comments = await api(t, agent, 'GET', `/api/v2/tickets/${id}/comments`);
    expect(comments.body.comments.at(-1)).toMatchObject({
      body: 'Thanks, that fixed it',
      author_id: alice.user.id,
    });

    const blank = await api(t, alice, 'PUT', `/api/v2/requests/${id}`, { request: {} });
    expect(blank.status).toBe(422);
  });

  it('refuses what an end user may not do with a request', async () => {
    expect((await api(t, null, 'GET', '/api/v2/requests')).status).toBe(401);
    const noSubject = await newRequest(alice, { comment: { body: 'x' } });
    expect(noSubject.status).toBe(422);
    expect(JSON.stringify(noSubject.body)).toContain('subject');
    const noBody = await newRequest(alice, { subject: 'Empty', comment: {} });
    expect(noBody.status).toBe(422);
    expect((await api(t, alice, 'GET', '/api/v2/requests/abc')).status).toBeGreaterThanOrEqual(400);
  });
});

describe('anonymous requests', () => {
  it('creates the requester and the ticket via web without credentials, and acknowledges it by mail', async () => {
    const before = sink.received.length;
    const res = await newRequest(null, {
      subject: 'Anonymous question',
      comment: { body: 'Can I get a refund?' },
      requester: { name: 'Nora Newcomer', email: 'nora@customers.test' },
    });
    expect(res.status).toBe(201);
    expect(res.body.request).toMatchObject({ via: { channel: 'web' }, status: 'new' });
    const user = await t.database.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'nora@customers.test')
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ name: 'Nora Newcomer', role: 'end-user' });
    expect(res.body.request.requester_id).toBe(user.id);

    await t.app.jobs.runDue();
    await t.app.jobs.runDue();
    const mails = await sink.waitFor(before + 1);
    const ack = mails.slice(before).find((m) => m.to.includes('nora@customers.test'));
    expect(ack?.parsed.subject).toContain('[Request received] Anonymous question');
    expect(ack?.parsed.text).toContain(`#${res.body.request.id}`);
  });

  it('never gives an anonymous submitter more than an end user can do, even with an agent address', async () => {
    const res = await newRequest(null, {
      subject: 'Pretending',
      comment: { body: 'I am an agent' },
      requester: { email: agent.user.email! },
    });
    expect(res.status).toBe(201);
    // The ticket is the agent's as requester; the request API never exposed agent powers.
    expect(res.body.request.requester_id).toBe(agent.user.id);
    const agentTickets = await api(t, agent, 'GET', `/api/v2/tickets/${res.body.request.id}/comments`);
    expect(agentTickets.body.comments[0].public).toBe(true);
  });

  it('needs a requester without credentials, and is refused when the admin turns anonymous requests off', async () => {
    const missing = await newRequest(null, { subject: 'Who am I', comment: { body: 'x' } });
    expect(missing.status).toBe(422);
    expect(JSON.stringify(missing.body)).toContain('Requester');

    const off = await api(t, admin, 'PUT', '/api/v2/frontline/portal_settings', {
      portal_settings: { anyone_can_submit: false },
    });
    expect(off.body.portal_settings.anyone_can_submit).toBe(false);
    expect(
      (await api(t, agent, 'PUT', '/api/v2/frontline/portal_settings', { portal_settings: {} })).status,
    ).toBe(403);
    const refused = await newRequest(null, {
      subject: 'Closed door',
      comment: { body: 'x' },
      requester: { email: 'someone@customers.test' },
    });
    expect(refused.status).toBe(401);
    // A signed-in customer still can.
    expect((await newRequest(alice, { subject: 'Still fine', comment: { body: 'x' } })).status).toBe(201);
    await api(t, admin, 'PUT', '/api/v2/frontline/portal_settings', {
      portal_settings: { anyone_can_submit: true },
    });
  });

  it('limits anonymous requests per email address with 429 and Retry-After', async () => {
    const send = () =>
      newRequest(null, {
        subject: 'Spam?',
        comment: { body: 'x' },
        requester: { email: 'flood@customers.test' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await send()).status);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    const last = await send();
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
