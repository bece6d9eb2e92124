import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestApp, type TestApp, type TestUser } from '../harness.js';
import { send } from './http.js';

let t: TestApp;
let admin: TestUser;
let customer: TestUser;
let ticketId: number;

beforeAll(async () => {
  t = await startTestApp();
  admin = await createUser(t, { role: 'admin' });
  customer = await createUser(t, { role: 'end-user' });
  const created = await send(t, customer, 'POST', '/api/v2/tickets', {
    json: { ticket: { subject: 'Mine', comment: { body: 'Hello' } } },
  });
  ticketId = created.json.ticket.id;
});
afterAll(() => t?.close());

describe('mass assignment', () => {
  it('unknown fields are ignored, never written', async () => {
    const res = await send(t, customer, 'POST', '/api/v2/tickets', {
      json: {
        ticket: {
          subject: 'Extra fields',
          comment: { body: 'Hello' },
          id: 999_999,
          deleted_at: '2001-01-01T00:00:00Z',
          merged_into_id: 1,
          is_public: false,
        },
      },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json.ticket.id).not.toBe(999_999);
    expect(res.json.ticket.is_public).toBe(true);
    expect((await send(t, customer, 'GET', `/api/v2/tickets/${res.json.ticket.id}`)).status).toBe(200);
  });

  it('an end-user cannot make themselves an agent, admin, another organization’s member or a restricted-free user', async () => {
    const org = await t.database.db
      .insertInto('organizations')
      .values({ name: 'Elsewhere', domain_names: [] })
      .returningAll()
      .executeTakeFirstOrThrow();
    const attempts: Record<string, unknown>[] = [
      { role: 'admin' },
      { role: 'agent' },
      { role_type: 1 },
      { agent_level: 'senior' },
      { organization_id: org.id },
      { ticket_restriction: 'organization' },
      { default_group_id: 1 },
      { password: 'a new password 123' },
      { moderator: true, only_private_comments: false, suspended: false, verified: true, active: true },
    ];
    for (const user of attempts) {
      const res = await send(t, customer, 'PUT', `/api/v2/users/${customer.user.id}`, { json: { user } });
      expect([403, 422], JSON.stringify(user)).toContain(res.status);
    }
    const me = await send(t, customer, 'GET', '/api/v2/users/me');
    expect(me.json.user).toMatchObject({
      role: 'end-user',
      organization_id: null,
      ticket_restriction: 'requested',
    });
  });

  it('an agent cannot raise their own or another agent’s privileges; an admin can', async () => {
    const agent = await createUser(t, { role: 'agent', level: 'junior', ticketRestriction: 'assigned' });
    const colleague = await createUser(t, { role: 'agent', level: 'junior' });
    for (const [target, user] of [
      [agent, { role: 'admin' }],
      [agent, { agent_level: 'senior' }],
      [agent, { ticket_restriction: null }],
      [colleague, { role: 'admin' }],
      [colleague, { name: 'Renamed by a peer' }],
    ] as const) {
      const res = await send(t, agent, 'PUT', `/api/v2/users/${target.user.id}`, { json: { user } });
      expect(res.status, JSON.stringify(user)).toBe(403);
    }
    const promoted = await send(t, admin, 'PUT', `/api/v2/users/${agent.user.id}`, {
      json: { user: { agent_level: 'senior' } },
    });
    expect(promoted.status).toBe(200);
  });

  it('an end-user cannot set agents’ ticket fields on their own request', async () => {
    const fields: Record<string, unknown>[] = [
      { assignee_id: admin.user.id },
      { group_id: 1 },
      { requester_id: admin.user.id },
      { submitter_id: admin.user.id },
      { organization_id: 1 },
      { tags: ['vip'] },
      { external_id: 'x' },
      { problem_id: 1 },
      { comment: { body: 'as admin', author_id: admin.user.id } },
    ];
    for (const ticket of fields) {
      const res = await send(t, customer, 'PUT', `/api/v2/tickets/${ticketId}`, { json: { ticket } });
      expect(res.status, JSON.stringify(ticket)).toBe(403);
    }
    const note = await send(t, customer, 'PUT', `/api/v2/tickets/${ticketId}`, {
      json: { ticket: { comment: { body: 'secretly', public: false } } },
    });
    expect(note.status).toBe(200);
    const comments = await send(t, admin, 'GET', `/api/v2/tickets/${ticketId}/comments`);
    expect(comments.json.comments.every((c: { public: boolean }) => c.public)).toBe(true);
  });
});
