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
let customer: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  admin = await createUser(t, { role: 'admin' });
  customer = await createUser(t, { role: 'end-user' });
});
afterAll(() => t?.close());

type Event = { type: string; field_name?: string; body?: string; value?: unknown; public?: boolean };
type Audit = { id: number; events: Event[]; metadata: Record<string, unknown> };

describe("a customer's view of their request's audits", () => {
  it('shows public comments and request-page fields only: no internal notes, tags, groups, assignees or agent fields', async () => {
    const group = await createGroup(t, 'Escalations');
    const agent = await createUser(t, { role: 'agent', groupIds: [group.id] });
    const field = async (title: string, visible: boolean) =>
      (
        await api(t, admin, 'POST', '/api/v2/ticket_fields', {
          ticket_field: { type: 'text', title, visible_in_portal: visible },
        })
      ).body.ticket_field.id as number;
    const portalField = await field('Order number', true);
    const agentField = await field('Fraud score', false);

    const created = await api(t, customer, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'Refund please', comment: { body: 'My order arrived broken' } },
    });
    expect(created.status).toBe(201);
    const id = created.body.ticket.id;
    const internal = await api(t, admin, 'PUT', `/api/v2/tickets/${id}`, {
      ticket: {
        comment: { body: 'SECRET-NOTE: customer flagged for abuse', public: false },
        tags: ['abuse-watch'],
        group_id: group.id,
        assignee_id: agent.user.id,
        custom_fields: [{ id: agentField, value: 'SECRET-SCORE-97' }],
      },
    });
    expect(internal.status, JSON.stringify(internal.body)).toBe(200);
    const publicReply = await api(t, admin, 'PUT', `/api/v2/tickets/${id}`, {
      ticket: {
        comment: { body: 'We are on it', public: true },
        status: 'pending',
        priority: 'high',
        custom_fields: [{ id: portalField, value: 'A-1001' }],
      },
    });
    expect(publicReply.status, JSON.stringify(publicReply.body)).toBe(200);

    const noteOnly = await api(t, admin, 'PUT', `/api/v2/tickets/${id}`, {
      ticket: { comment: { body: 'SECRET-NOTE two', public: false } },
    });
    expect(noteOnly.status).toBe(200);

    const mine = await api(t, customer, 'GET', `/api/v2/tickets/${id}/audits`);
    expect(mine.status).toBe(200);
    const text = JSON.stringify(mine.body);
    for (const secret of ['SECRET-NOTE', 'SECRET-SCORE', 'abuse-watch']) expect(text).not.toContain(secret);
    const audits: Audit[] = mine.body.audits;
    // The note-only audit is not there at all; the internal update shows only what it did to the request's status (new → open).
    expect(audits.map((a) => a.events.map((e) => e.field_name ?? e.type))).toEqual([
      expect.arrayContaining(['subject', 'status', 'Comment']),
      ['status'],
      expect.arrayContaining(['status', 'priority', String(portalField), 'Comment']),
    ]);
    const fields = audits.flatMap((a) => a.events.map((e) => e.field_name ?? e.type));
    expect(fields).toEqual(
      expect.arrayContaining(['subject', 'status', 'priority', String(portalField), 'Comment']),
    );
    for (const hidden of ['tags', 'group_id', 'assignee_id', String(agentField)])
      expect(fields).not.toContain(hidden);
    expect(audits.every((a) => Object.keys(a.metadata).length === 0)).toBe(true);
    expect(
      audits
        .flatMap((a) => a.events)
        .filter((e) => e.type === 'Comment')
        .every((e) => e.public),
    ).toBe(true);

    // Agents see the whole trail.
    const agents = await api(t, admin, 'GET', `/api/v2/tickets/${id}/audits`);
    expect(agents.body.audits).toHaveLength(4);
    const all = JSON.stringify(agents.body);
    for (const secret of ['SECRET-NOTE', 'SECRET-SCORE', 'abuse-watch']) expect(all).toContain(secret);
  });
});
