import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroup, createUser, startTestApp, type TestApp, type TestUser } from '../harness.js';
import { send } from './http.js';

const MISSING = 987_654_321;

let t: TestApp;
let admin: TestUser;
let agent: TestUser;
let ticketId: number;
let groupId: number;

beforeAll(async () => {
  t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  admin = await createUser(t, { role: 'admin' });
  agent = await createUser(t, { role: 'agent' });
  groupId = (await createGroup(t, 'Support')).id;
  const created = await send(t, admin, 'POST', '/api/v2/tickets', {
    json: { ticket: { subject: 'Refs', comment: { body: 'Hello' } } },
  });
  ticketId = created.json.ticket.id;
});
afterAll(() => t?.close());

/**
 * A reference to a record that does not exist: 422 naming the field, never a 500.
 * Tickets name the record as Zendesk does (`assignee`, `group`, `requester`).
 */
const cases: [string, string, () => string, () => unknown, string][] = [
  [
    'an API token for',
    'POST',
    () => '/api/v2/api_tokens',
    () => ({ api_token: { user_id: MISSING } }),
    'user_id',
  ],
  [
    'a ticket assigned to',
    'POST',
    () => '/api/v2/tickets',
    () => ({ ticket: { subject: 'x', comment: { body: 'x' }, assignee_id: MISSING } }),
    'assignee',
  ],
  [
    'a ticket in',
    'PUT',
    () => `/api/v2/tickets/${ticketId}`,
    () => ({ ticket: { group_id: MISSING } }),
    'group',
  ],
  [
    'a ticket of',
    'PUT',
    () => `/api/v2/tickets/${ticketId}`,
    () => ({ ticket: { organization_id: MISSING } }),
    'organization_id',
  ],
  [
    'a ticket requested by',
    'PUT',
    () => `/api/v2/tickets/${ticketId}`,
    () => ({ ticket: { requester_id: MISSING } }),
    'requester',
  ],
  [
    'a membership of',
    'POST',
    () => '/api/v2/group_memberships',
    () => ({ group_membership: { user_id: MISSING, group_id: groupId } }),
    'user_id',
  ],
  [
    'a membership in',
    'POST',
    () => '/api/v2/group_memberships',
    () => ({ group_membership: { user_id: agent.user.id, group_id: MISSING } }),
    'group_id',
  ],
  [
    'a user in',
    'POST',
    () => '/api/v2/users',
    () => ({ user: { name: 'x', email: 'refs@example.test', organization_id: MISSING } }),
    'organization_id',
  ],
];

describe('references to missing records', () => {
  for (const [what, method, path, body, field] of cases) {
    it(`${what} a missing record answers 422 naming ${field}`, async () => {
      const res = await send(t, admin, method, path(), { json: body() });
      expect(res.status, res.text).toBe(422);
      expect(res.json.error).toBe('RecordInvalid');
      expect(Object.keys(res.json.details)).toContain(field);
    });
  }
});
