import { describe, expect, it } from 'vitest';
import type { TicketScope } from '../tickets/index.js';
import { inScope, type TicketAudienceRow } from './ticket-audience.js';

const ticket: TicketAudienceRow = {
  id: 1,
  requester_id: 10,
  collaborator_ids: [11],
  organization_id: 20,
  assignee_id: 30,
  group_id: 40,
};

describe('inScope', () => {
  it.each<[string, TicketScope, Partial<TicketAudienceRow>, boolean]>([
    ['an unrestricted agent sees everything', { kind: 'all' }, {}, true],
    ['the requester', { kind: 'requester', userId: 10, organizationId: null }, {}, true],
    ['a CC', { kind: 'requester', userId: 11, organizationId: null }, {}, true],
    ['another customer', { kind: 'requester', userId: 12, organizationId: null }, {}, false],
    [
      'a colleague when the organization shares',
      { kind: 'requester', userId: 12, organizationId: 20 },
      {},
      true,
    ],
    ['a customer of another organization', { kind: 'requester', userId: 12, organizationId: 21 }, {}, false],
    ['a group agent in the group', { kind: 'groups', userId: 99, groupIds: [40] }, {}, true],
    ['a group agent assigned outside their groups', { kind: 'groups', userId: 30, groupIds: [41] }, {}, true],
    ['a group agent elsewhere', { kind: 'groups', userId: 99, groupIds: [41] }, {}, false],
    [
      'a group agent, ticket without group',
      { kind: 'groups', userId: 99, groupIds: [40] },
      { group_id: null },
      false,
    ],
    ['an assigned-only agent, assigned', { kind: 'assigned', userId: 30 }, {}, true],
    ['an assigned-only agent, not assigned', { kind: 'assigned', userId: 31 }, {}, false],
  ])('%s', (_name, scope, change, expected) => {
    expect(inScope(scope, { ...ticket, ...change })).toBe(expected);
  });
});
