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
let colleague: TestUser;
let customer: TestUser;
let billing: { id: number };
let tier1: { id: number };

beforeAll(async () => {
  t = await startTestApp();
  billing = await createGroup(t, 'Billing');
  tier1 = await createGroup(t, 'Tier 1', 1);
  admin = await createUser(t, { role: 'admin' });
  agent = await createUser(t, { role: 'agent', name: 'Ana Agent' });
  colleague = await createUser(t, { role: 'agent', name: 'Cole League' });
  customer = await createUser(t, { role: 'end-user' });
});
afterAll(() => t?.close());

const join = (who: TestUser, userId: number, groupId: number, extra: Record<string, unknown> = {}) =>
  api(t, who, 'POST', '/api/v2/group_memberships.json', {
    group_membership: { user_id: userId, group_id: groupId, ...extra },
  });

describe('groups API', () => {
  it.each([
    ['GET', '/api/v2/groups'],
    ['GET', '/api/v2/groups/1'],
    ['POST', '/api/v2/groups'],
    ['GET', '/api/v2/group_memberships'],
    ['POST', '/api/v2/group_memberships'],
  ])('%s %s answers 401 without credentials', async (method, path) => {
    expect((await api(t, null, method, path, method === 'POST' ? {} : undefined)).status).toBe(401);
  });

  it('is for agents only: end-users get 403 everywhere', async () => {
    for (const path of [
      '/api/v2/groups',
      `/api/v2/groups/${billing.id}`,
      '/api/v2/groups/assignable',
      '/api/v2/group_memberships',
    ])
      expect((await api(t, customer, 'GET', path)).status).toBe(403);
    expect((await api(t, agent, 'GET', '/api/v2/groups')).status).toBe(200);
  });

  it('lets admins create tiers (201, Location) and refuses bad tiers and taken names', async () => {
    expect((await api(t, agent, 'POST', '/api/v2/groups', { group: { name: 'Nope' } })).status).toBe(403);
    const res = await api(t, admin, 'POST', '/api/v2/groups.json', {
      group: { name: 'Tier 3', tier: 3, description: 'Defects' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(res.body.group.url);
    expect(res.body.group).toMatchObject({ name: 'Tier 3', tier: 3, default: false, deleted: false });
    const tier = await api(t, admin, 'POST', '/api/v2/groups', { group: { name: 'Tier 4', tier: 4 } });
    expect(tier.status).toBe(422);
    expect(Object.keys(tier.body.details)).toEqual(['tier']);
    const taken = await api(t, admin, 'POST', '/api/v2/groups', { group: { name: 'billing' } });
    expect(taken.status).toBe(422);
    expect(taken.body.details.name[0].error).toBe('DuplicateValue');
    const blank = await api(t, admin, 'POST', '/api/v2/groups', { group: { description: 'x' } });
    expect(Object.keys(blank.body.details)).toEqual(['name']);
  });

  it('keeps one default group', async () => {
    await api(t, admin, 'PUT', `/api/v2/groups/${billing.id}`, { group: { default: true } });
    const res = await api(t, admin, 'PUT', `/api/v2/groups/${tier1.id}.json`, {
      group: { default: true, name: 'Tier One' },
    });
    expect(res.body.group).toMatchObject({ name: 'Tier One', default: true });
    const list = await api(t, agent, 'GET', '/api/v2/groups');
    expect(
      list.body.groups.filter((g: { default: boolean }) => g.default).map((g: { id: number }) => g.id),
    ).toEqual([tier1.id]);
  });

  it('puts only agents and admins in groups; their first group is their default', async () => {
    const first = await join(admin, agent.user.id, billing.id);
    expect(first.status).toBe(201);
    expect(first.body.group_membership).toMatchObject({
      user_id: agent.user.id,
      group_id: billing.id,
      default: true,
    });
    const second = await join(admin, agent.user.id, tier1.id);
    expect(second.body.group_membership.default).toBe(false);
    const endUser = await join(admin, customer.user.id, billing.id);
    expect(endUser.status).toBe(422);
    expect(endUser.body.details.user_id[0].description).toMatch(/only agents and admins/);
    const unknown = await join(admin, agent.user.id, 999_999);
    expect(Object.keys(unknown.body.details)).toEqual(['group_id']);
    const again = await join(admin, agent.user.id, billing.id);
    expect(again.status).toBe(422);
    expect(again.body.details.user_id[0].error).toBe('DuplicateValue');
    expect((await join(agent, colleague.user.id, billing.id)).status).toBe(403);
    const user = await api(t, admin, 'GET', `/api/v2/users/${agent.user.id}`);
    expect(user.body.user.default_group_id).toBe(billing.id);
  });

  it('lists memberships by group, by user and in all, with cursor pages', async () => {
    await join(admin, colleague.user.id, billing.id);
    const byGroup = await api(t, agent, 'GET', `/api/v2/groups/${billing.id}/memberships`);
    expect(byGroup.body.group_memberships.map((m: { user_id: number }) => m.user_id).sort()).toEqual(
      [agent.user.id, colleague.user.id].sort(),
    );
    const byUser = await api(t, agent, 'GET', `/api/v2/users/${agent.user.id}/group_memberships.json`);
    expect(byUser.body.group_memberships.map((m: { group_id: number }) => m.group_id)).toEqual([
      billing.id,
      tier1.id,
    ]);
    const page = await api(t, agent, 'GET', '/api/v2/group_memberships?page[size]=2');
    expect(page.body.group_memberships).toHaveLength(2);
    expect(page.body.meta.has_more).toBe(true);
    const rest = await api(t, agent, 'GET', page.body.links.next.slice(t.url.length));
    expect(rest.body.group_memberships).toHaveLength(1);
    const one = await api(t, agent, 'GET', `/api/v2/group_memberships/${rest.body.group_memberships[0].id}`);
    expect(one.body.group_membership.id).toBe(rest.body.group_memberships[0].id);
    const members = await api(t, agent, 'GET', `/api/v2/groups/${billing.id}/users`);
    expect(members.body.users.map((u: { name: string }) => u.name).sort()).toEqual([
      'Ana Agent',
      'Cole League',
    ]);
    const groups = await api(t, agent, 'GET', `/api/v2/users/${agent.user.id}/groups`);
    expect(groups.body.groups.map((g: { id: number }) => g.id)).toEqual([billing.id, tier1.id]);
  });

  it('lets an agent pick their own default group, and only an admin someone else’s', async () => {
    const mine = (await api(t, agent, 'GET', `/api/v2/users/${agent.user.id}/group_memberships`)).body
      .group_memberships;
    const tierMembership = mine.find((m: { group_id: number }) => m.group_id === tier1.id);
    const res = await api(
      t,
      agent,
      'PUT',
      `/api/v2/users/${agent.user.id}/group_memberships/${tierMembership.id}/make_default.json`,
    );
    expect(res.status).toBe(200);
    expect(
      res.body.group_memberships
        .filter((m: { default: boolean }) => m.default)
        .map((m: { id: number }) => m.id),
    ).toEqual([tierMembership.id]);
    expect((await api(t, admin, 'GET', `/api/v2/users/${agent.user.id}`)).body.user.default_group_id).toBe(
      tier1.id,
    );
    const other = await api(
      t,
      colleague,
      'PUT',
      `/api/v2/users/${agent.user.id}/group_memberships/${tierMembership.id}/make_default`,
    );
    expect(other.status).toBe(403);
    const mismatch = await api(
      t,
      admin,
      'PUT',
      `/api/v2/users/${colleague.user.id}/group_memberships/${tierMembership.id}/make_default`,
    );
    expect(mismatch.status).toBe(404);
  });

  it('moves the default to another group when the default membership is removed', async () => {
    const mine = (await api(t, agent, 'GET', `/api/v2/users/${agent.user.id}/group_memberships`)).body
      .group_memberships;
    const current = mine.find((m: { default: boolean }) => m.default);
    expect((await api(t, agent, 'DELETE', `/api/v2/group_memberships/${current.id}`)).status).toBe(403);
    expect((await api(t, admin, 'DELETE', `/api/v2/group_memberships/${current.id}.json`)).status).toBe(204);
    expect((await api(t, admin, 'GET', `/api/v2/group_memberships/${current.id}`)).status).toBe(404);
    const after = (await api(t, agent, 'GET', `/api/v2/users/${agent.user.id}/group_memberships`)).body
      .group_memberships;
    expect(after).toHaveLength(1);
    expect(after[0].default).toBe(true);
  });

  it('shows restricted agents only their own groups as assignable', async () => {
    const restricted = await createUser(t, {
      role: 'agent',
      ticketRestriction: 'groups',
      groupIds: [billing.id],
    });
    const mine = await api(t, restricted, 'GET', '/api/v2/groups/assignable.json');
    expect(mine.body.groups.map((g: { id: number }) => g.id)).toEqual([billing.id]);
    const all = await api(t, agent, 'GET', '/api/v2/groups/assignable');
    expect(all.body.groups.length).toBeGreaterThan(1);
  });

  it('deletes a group softly: 204, then 404, and its members leave it', async () => {
    const temp = (await api(t, admin, 'POST', '/api/v2/groups', { group: { name: 'Temp' } })).body.group;
    await join(admin, colleague.user.id, temp.id);
    expect((await api(t, agent, 'DELETE', `/api/v2/groups/${temp.id}`)).status).toBe(403);
    expect((await api(t, admin, 'DELETE', `/api/v2/groups/${temp.id}`)).status).toBe(204);
    expect((await api(t, agent, 'GET', `/api/v2/groups/${temp.id}`)).status).toBe(404);
    const memberships = await api(t, agent, 'GET', `/api/v2/users/${colleague.user.id}/group_memberships`);
    expect(memberships.body.group_memberships.map((m: { group_id: number }) => m.group_id)).not.toContain(
      temp.id,
    );
    const reuse = await api(t, admin, 'POST', '/api/v2/groups', { group: { name: 'Temp' } });
    expect(reuse.status).toBe(201);
  });
});
