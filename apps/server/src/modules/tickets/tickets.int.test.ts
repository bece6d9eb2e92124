import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createGroup,
  createUser,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../../test/harness.js';

let t: TestApp;
let admin: TestUser;
let agent: TestUser;
let customer: TestUser;
let stranger: TestUser;
let tier1: { id: number };

beforeAll(async () => {
  t = await startTestApp();
  tier1 = await createGroup(t, 'Tier 1', 1);
  admin = await createUser(t, { role: 'admin' });
  agent = await createUser(t, { role: 'agent', groupIds: [tier1.id] });
  customer = await createUser(t, { role: 'end-user' });
  stranger = await createUser(t, { role: 'end-user' });
});
afterAll(() => t?.close());

describe('tickets API', () => {
  it('creates a ticket with its first comment and answers 201 with Location and an audit', async () => {
    const res = await api(t, agent, 'POST', '/api/v2/tickets.json', {
      ticket: {
        subject: 'Refund please',
        comment: { body: 'I was charged twice' },
        requester_id: customer.user.id,
        priority: 'high',
        tags: ['Billing', 'VIP customer'],
      },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(res.body.ticket.url);
    expect(res.body.ticket).toMatchObject({
      subject: 'Refund please',
      description: 'I was charged twice',
      status: 'new',
      priority: 'high',
      requester_id: customer.user.id,
      submitter_id: agent.user.id,
      tags: ['billing', 'vip', 'customer'],
      via: { channel: 'api' },
    });
    const types = res.body.audit.events.map((e: { type: string }) => e.type);
    expect(types).toContain('Create');
    expect(types).toContain('Comment');
  });

  it('requires a comment on create and names the field', async () => {
    const res = await api(t, agent, 'POST', '/api/v2/tickets', { ticket: { subject: 'No body' } });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('RecordInvalid');
    expect(Object.keys(res.body.details)).toContain('comment');
  });

  it('rejects wrong types with 422 naming the field, never 500', async () => {
    const res = await api(t, agent, 'POST', '/api/v2/tickets', {
      ticket: { comment: { body: 'x' }, priority: 'whenever' },
    });
    expect(res.status).toBe(422);
    expect(res.body.details.priority[0].description).toMatch(/priority/);
    const bad = await fetch(`${t.url}/api/v2/tickets`, {
      method: 'POST',
      headers: { authorization: agent.authorization, 'content-type': 'application/json' },
      body: '{"ticket": ',
    });
    expect(bad.status).toBe(400);
  });

  it('adds public replies and internal notes through a ticket update, and lists them', async () => {
    const created = await api(t, customer, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'Login broken', comment: { body: 'Cannot log in' } },
    });
    const id = created.body.ticket.id;
    const note = await api(t, agent, 'PUT', `/api/v2/tickets/${id}.json`, {
      ticket: { comment: { body: 'Checking the logs', public: false } },
    });
    expect(note.status).toBe(200);
    expect(note.body.ticket.status).toBe('new');
    const reply = await api(t, agent, 'PUT', `/api/v2/tickets/${id}`, {
      ticket: { comment: { body: 'Fixed, try again' }, status: 'pending' },
    });
    expect(reply.body.ticket.status).toBe('pending');
    expect(reply.body.ticket.assignee_id).toBeNull();

    const asAgent = await api(t, agent, 'GET', `/api/v2/tickets/${id}/comments.json`);
    expect(asAgent.body.comments.map((c: { public: boolean }) => c.public)).toEqual([true, false, true]);
    const asCustomer = await api(t, customer, 'GET', `/api/v2/tickets/${id}/comments.json`);
    expect(asCustomer.body.comments.map((c: { body: string }) => c.body)).toEqual([
      'Cannot log in',
      'Fixed, try again',
    ]);
  });

  it('reopens a solved ticket when the requester replies, and keeps closed final', async () => {
    const created = await api(t, customer, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'Question', comment: { body: 'How do I export?' } },
    });
    const id = created.body.ticket.id;
    const solved = await api(t, agent, 'PUT', `/api/v2/tickets/${id}`, {
      ticket: { status: 'solved', comment: { body: 'Settings → Export' } },
    });
    expect(solved.body.ticket.status).toBe('solved');
    expect(solved.body.ticket.assignee_id).toBe(agent.user.id);
    const back = await api(t, customer, 'PUT', `/api/v2/tickets/${id}`, {
      ticket: { comment: { body: 'That menu is missing' } },
    });
    expect(back.body.ticket.status).toBe('open');
    await api(t, agent, 'PUT', `/api/v2/tickets/${id}`, { ticket: { status: 'closed' } });
    const late = await api(t, agent, 'PUT', `/api/v2/tickets/${id}`, {
      ticket: { comment: { body: 'one more' } },
    });
    expect(late.status).toBe(422);
    expect(late.body.details.status[0].description).toMatch(/closed/);
  });

  it('writes an audit for every change with old and new values', async () => {
    const created = await api(t, agent, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'Audit me', comment: { body: 'x' } },
    });
    const id = created.body.ticket.id;
    await api(t, agent, 'PUT', `/api/v2/tickets/${id}`, {
      ticket: { priority: 'urgent', assignee_id: agent.user.id },
    });
    const audits = await api(t, agent, 'GET', `/api/v2/tickets/${id}/audits`);
    expect(audits.body.audits).toHaveLength(2);
    const change = audits.body.audits[1].events.find(
      (e: { field_name: string }) => e.field_name === 'priority',
    );
    expect(change).toMatchObject({ type: 'Change', value: 'urgent', previous_value: null });
    expect(audits.body.audits[1].author_id).toBe(agent.user.id);
  });

  it('answers 409 to a safe update with a stale stamp', async () => {
    const created = await api(t, agent, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'Race', comment: { body: 'x' } },
    });
    const stamp = created.body.ticket.updated_at;
    (t.clock as { advance(ms: number): void }).advance(2000);
    await api(t, agent, 'PUT', `/api/v2/tickets/${created.body.ticket.id}`, { ticket: { priority: 'low' } });
    const stale = await api(t, agent, 'PUT', `/api/v2/tickets/${created.body.ticket.id}`, {
      ticket: { priority: 'high', safe_update: true, updated_stamp: stamp },
    });
    expect(stale.status).toBe(409);
  });

  it('checks that the assignee belongs to the group', async () => {
    const other = await createGroup(t, 'Tier 2', 2);
    const res = await api(t, admin, 'POST', '/api/v2/tickets', {
      ticket: { comment: { body: 'x' }, group_id: other.id, assignee_id: agent.user.id },
    });
    expect(res.status).toBe(422);
    expect(res.body.details.assignee[0].description).toMatch(/not a member/);
  });
});

describe('merge and follow-ups', () => {
  it('closes the source into the target with a note on each and answers a completed job status', async () => {
    const target = await api(t, customer, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'Printer jam', comment: { body: 'It jams on page 2' } },
    });
    const colleague = await createUser(t, { role: 'end-user' });
    const source = await api(t, colleague, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'Printer jam again', comment: { body: 'Same here' } },
    });
    const res = await api(t, agent, 'POST', `/api/v2/tickets/${target.body.ticket.id}/merge.json`, {
      ids: [source.body.ticket.id],
    });
    expect(res.status).toBe(200);
    expect(res.body.job_status).toMatchObject({
      status: 'completed',
      results: [{ id: source.body.ticket.id, success: true }],
    });
    const closed = await api(t, agent, 'GET', `/api/v2/tickets/${source.body.ticket.id}`);
    expect(closed.body.ticket.status).toBe('closed');
    expect(closed.body.ticket.tags).toContain('merged');
    const merged = await api(t, agent, 'GET', `/api/v2/tickets/${target.body.ticket.id}`);
    expect(merged.body.ticket.collaborator_ids).toContain(colleague.user.id);
    const notes = await api(t, agent, 'GET', `/api/v2/tickets/${target.body.ticket.id}/comments`);
    expect(notes.body.comments.at(-1)).toMatchObject({ public: false });
    expect(notes.body.comments.at(-1).body).toContain(`#${source.body.ticket.id}`);
    const again = await api(t, agent, 'POST', `/api/v2/tickets/${target.body.ticket.id}/merge`, {
      ids: [source.body.ticket.id],
    });
    expect(again.status).toBe(422);
  });

  it('creates a follow-up for a closed ticket, keeping its requester', async () => {
    const first = await api(t, customer, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'Old issue', comment: { body: 'x' } },
    });
    await api(t, agent, 'PUT', `/api/v2/tickets/${first.body.ticket.id}`, { ticket: { status: 'closed' } });
    const followup = await api(t, agent, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'It is back', comment: { body: 'y' }, via_followup_source_id: first.body.ticket.id },
    });
    expect(followup.status).toBe(201);
    expect(followup.body.ticket).toMatchObject({
      requester_id: customer.user.id,
      via_followup_source_id: first.body.ticket.id,
      via: { channel: 'closed_ticket' },
    });
    const source = await api(t, agent, 'GET', `/api/v2/tickets/${first.body.ticket.id}`);
    expect(source.body.ticket.followup_ids).toEqual([followup.body.ticket.id]);
  });
});

describe('ticket access', () => {
  it('hides another customer’s ticket behind the same 404 as a missing one', async () => {
    const created = await api(t, customer, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'Private', comment: { body: 'mine' } },
    });
    const id = created.body.ticket.id;
    const seen = await api(t, stranger, 'GET', `/api/v2/tickets/${id}`);
    const missing = await api(t, stranger, 'GET', '/api/v2/tickets/999999');
    expect(seen.status).toBe(404);
    expect(seen.body).toEqual(missing.body);
    expect((await api(t, stranger, 'GET', `/api/v2/tickets/${id}/comments`)).status).toBe(404);
    expect((await api(t, stranger, 'GET', `/api/v2/tickets/${id}/audits`)).status).toBe(404);
    expect(
      (await api(t, stranger, 'PUT', `/api/v2/tickets/${id}`, { ticket: { comment: { body: 'hijack' } } }))
        .status,
    ).toBe(404);
    const list = await api(t, stranger, 'GET', '/api/v2/tickets');
    expect(list.body.tickets.map((x: { id: number }) => x.id)).not.toContain(id);
    const many = await api(t, stranger, 'GET', `/api/v2/tickets/show_many?ids=${id}`);
    expect(many.body.tickets).toEqual([]);
    const requested = await api(t, stranger, 'GET', `/api/v2/users/${customer.user.id}/tickets/requested`);
    expect(requested.body.tickets).toEqual([]);
  });

  it('stops an end-user from setting agent fields', async () => {
    const res = await api(t, customer, 'POST', '/api/v2/tickets', {
      ticket: { comment: { body: 'x' }, assignee_id: agent.user.id },
    });
    expect(res.status).toBe(403);
    expect(res.body.description).toMatch(/assignee_id/);
  });

  it('lets a light agent add internal notes only', async () => {
    const light = await createUser(t, { role: 'agent', lightAgent: true });
    const created = await api(t, agent, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'x', comment: { body: 'x' } },
    });
    const id = created.body.ticket.id;
    const note = await api(t, light, 'PUT', `/api/v2/tickets/${id}`, {
      ticket: { comment: { body: 'FYI' } },
    });
    expect(note.status).toBe(200);
    expect(note.body.audit.events.find((e: { type: string }) => e.type === 'Comment').public).toBe(false);
    expect(
      (await api(t, light, 'PUT', `/api/v2/tickets/${id}`, { ticket: { status: 'solved' } })).status,
    ).toBe(403);
  });

  it('answers 401 in Zendesk’s shape without credentials or with a wrong token', async () => {
    const none = await api(t, null, 'GET', '/api/v2/tickets');
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ error: "Couldn't authenticate you" });
    const wrong = await api(
      t,
      `Basic ${Buffer.from(`${agent.user.email}/token:nope`).toString('base64')}`,
      'GET',
      '/api/v2/tickets',
    );
    expect(wrong.status).toBe(401);
  });

  it('lets an admin token act as another user by email, and a personal token only as its owner', async () => {
    const res = await api(
      t,
      `Basic ${Buffer.from(`${customer.user.email}/token:${admin.token}`).toString('base64')}`,
      'GET',
      '/api/v2/tickets',
    );
    expect(res.status).toBe(200);
    const asOther = await api(
      t,
      `Basic ${Buffer.from(`${stranger.user.email}/token:${customer.token}`).toString('base64')}`,
      'GET',
      '/api/v2/tickets',
    );
    expect(asOther.status).toBe(401);
  });
});

describe('pagination', () => {
  it('follows cursor links across pages without gaps or repeats', async () => {
    for (let i = 0; i < 7; i++) {
      await api(t, agent, 'POST', '/api/v2/tickets', {
        ticket: { subject: `Page ${i}`, comment: { body: 'x' } },
      });
    }
    const all = await api(t, agent, 'GET', '/api/v2/tickets?per_page=100');
    const seen: number[] = [];
    let next: string | null = `${t.url}/api/v2/tickets.json?page[size]=3`;
    while (next) {
      expect(next.startsWith(`${t.url}/api/v2/tickets.json`)).toBe(true);
      const page = await api(t, agent, 'GET', next.slice(t.url.length));
      seen.push(...page.body.tickets.map((x: { id: number }) => x.id));
      next = page.body.meta.has_more ? page.body.links.next : null;
    }
    expect(seen).toEqual(all.body.tickets.map((x: { id: number }) => x.id));
    expect(all.body.count).toBe(seen.length);
  });

  it('gives absolute offset links', async () => {
    const res = await api(t, agent, 'GET', '/api/v2/tickets.json?per_page=2&page=2');
    expect(res.body.next_page).toBe(`${t.url}/api/v2/tickets.json?per_page=2&page=3`);
    expect(res.body.previous_page).toBe(`${t.url}/api/v2/tickets.json?per_page=2&page=1`);
  });
});
