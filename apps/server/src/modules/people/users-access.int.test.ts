import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createGroup,
  createOrganization,
  createUser,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../../test/harness.js';

let t: TestApp;
let admin: TestUser;
let agent: TestUser;
let otherAgent: TestUser;
let light: TestUser;
let customer: TestUser;
let stranger: TestUser;
let org: { id: number };

beforeAll(async () => {
  t = await startTestApp();
  const tier1 = await createGroup(t, 'Tier 1', 1);
  org = await createOrganization(t, 'Acme');
  admin = await createUser(t, { role: 'admin' });
  agent = await createUser(t, { role: 'agent', groupIds: [tier1.id] });
  otherAgent = await createUser(t, { role: 'agent', groupIds: [tier1.id] });
  light = await createUser(t, { role: 'agent', lightAgent: true });
  customer = await createUser(t, { role: 'end-user', name: 'Carla' });
  stranger = await createUser(t, { role: 'end-user', name: 'Stan' });
  await t.database.db
    .updateTable('users')
    .set({ notes: 'VIP, handle with care' })
    .where('id', '=', customer.user.id)
    .execute();
});
afterAll(() => t?.close());

const get = async (who: TestUser, path: string) => api(t, who, 'GET', path);

describe('who may reach the users API', () => {
  it.each([
    ['GET', '/api/v2/users'],
    ['GET', '/api/v2/users/me.json'],
    ['GET', '/api/v2/users/1'],
    ['GET', '/api/v2/users/search?query=a'],
    ['GET', '/api/v2/users/show_many?ids=1'],
    ['POST', '/api/v2/users'],
    ['PUT', '/api/v2/users/1'],
    ['DELETE', '/api/v2/users/1'],
    ['PUT', '/api/v2/users/1/password'],
  ])('%s %s answers 401 without credentials', async (method, path) => {
    const res = await api(t, null, method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("Couldn't authenticate you");
  });

  it('keeps end-users out of lists, searches and other people', async () => {
    for (const path of [
      '/api/v2/users',
      '/api/v2/users/search?query=carla',
      '/api/v2/users/autocomplete?name=ca',
    ]) {
      const res = await get(stranger, path);
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('Forbidden');
    }
    const other = await get(stranger, `/api/v2/users/${customer.user.id}.json`);
    expect(other.status).toBe(404);
    expect(other.body).toEqual({ error: 'RecordNotFound', description: 'Not found' });
    expect((await get(stranger, `/api/v2/users/${agent.user.id}`)).status).toBe(404);
    expect(
      (await api(t, stranger, 'PUT', `/api/v2/users/${customer.user.id}`, { user: { name: 'Hacked' } }))
        .status,
    ).toBe(404);
    expect((await api(t, stranger, 'DELETE', `/api/v2/users/${customer.user.id}`)).status).toBe(403);
    expect((await api(t, stranger, 'POST', '/api/v2/users', { user: { name: 'New' } })).status).toBe(403);
    const password = await api(t, stranger, 'PUT', `/api/v2/users/${customer.user.id}/password`, {
      previous_password: 'x',
      password: 'long-enough-1',
    });
    expect(password.status).toBe(404);
  });

  it('shows an end-user their own record without the agents’ notes', async () => {
    const self = await get(customer, `/api/v2/users/${customer.user.id}`);
    expect(self.status).toBe(200);
    expect(self.body.user.notes).toBe('');
    const asAgent = await get(agent, `/api/v2/users/${customer.user.id}`);
    expect(asAgent.body.user.notes).toBe('VIP, handle with care');
  });
});

describe('what end-users may change on themselves', () => {
  it('edits their own name, locale, time zone and phone', async () => {
    const res = await api(t, customer, 'PUT', `/api/v2/users/${customer.user.id}.json`, {
      user: { name: 'Carla C.', locale: 'ar', time_zone: 'Africa/Cairo', phone: '+20 100 000 0000' },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ name: 'Carla C.', locale: 'ar', time_zone: 'Africa/Cairo' });
  });

  it('refuses any privilege, naming each field, and changes nothing (mass assignment)', async () => {
    const res = await api(t, customer, 'PUT', `/api/v2/users/${customer.user.id}`, {
      user: {
        name: 'Carla Admin',
        role: 'admin',
        agent_level: 'senior',
        organization_id: org.id,
        ticket_restriction: 'organization',
        verified: true,
        tags: ['vip'],
        notes: 'mine now',
      },
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('Forbidden');
    for (const field of [
      'role',
      'agent_level',
      'organization_id',
      'ticket_restriction',
      'verified',
      'tags',
      'notes',
    ])
      expect(res.body.description).toContain(field);
    const after = await get(agent, `/api/v2/users/${customer.user.id}`);
    expect(after.body.user).toMatchObject({
      name: 'Carla C.',
      role: 'end-user',
      organization_id: null,
      verified: false,
    });
    expect(after.body.user.notes).toBe('VIP, handle with care');
  });

  it('accepts their own record sent back whole, with only the name edited', async () => {
    const mine = (await get(customer, '/api/v2/users/me')).body.user;
    const res = await api(t, customer, 'PUT', `/api/v2/users/${customer.user.id}`, {
      user: { ...mine, name: 'Carla' },
    });
    expect(res.status).toBe(200);
    expect(res.body.user.name).toBe('Carla');
  });

  it('edits their own locale at /users/me but cannot raise their role there', async () => {
    const res = await api(t, customer, 'PUT', '/api/v2/users/me.json', { user: { locale: 'ar' } });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: customer.user.id, locale: 'ar' });
    const raise = await api(t, customer, 'PUT', '/api/v2/users/me', { user: { role: 'admin' } });
    expect(raise.status).toBe(403);
    expect(raise.body.description).toMatch(/role/);
  });

  it('ignores unknown fields rather than storing them', async () => {
    const res = await api(t, customer, 'PUT', `/api/v2/users/${customer.user.id}`, {
      user: { name: 'Carla', is_admin: true, password_hash: 'x', id: agent.user.id },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: customer.user.id, role: 'end-user' });
  });
});

describe('what agents, light agents and admins may change', () => {
  it('lets an agent manage customers but not privileges', async () => {
    const ok = await api(t, agent, 'PUT', `/api/v2/users/${stranger.user.id}`, {
      user: { organization_id: org.id, notes: 'asked about invoices', tags: ['billing'] },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ organization_id: org.id, tags: ['billing'] });
    const promote = await api(t, agent, 'PUT', `/api/v2/users/${stranger.user.id}`, {
      user: { role: 'agent' },
    });
    expect(promote.status).toBe(403);
    expect(promote.body.description).toMatch(/role/);
    const makeAgent = await api(t, agent, 'POST', '/api/v2/users', {
      user: { name: 'Sneaky', role: 'admin', agent_level: 'senior' },
    });
    expect(makeAgent.status).toBe(403);
    expect(makeAgent.body.description).toBe('Agents cannot change role, agent_level');
  });

  it('keeps an agent from raising their own level or moving their own organization', async () => {
    const level = await api(t, agent, 'PUT', `/api/v2/users/${agent.user.id}`, {
      user: { agent_level: 'senior' },
    });
    expect(level.status).toBe(403);
    expect(level.body.description).toMatch(/agent_level/);
    const orgMove = await api(t, agent, 'PUT', `/api/v2/users/${agent.user.id}`, {
      user: { organization_id: org.id },
    });
    expect(orgMove.status).toBe(403);
    const signature = await api(t, agent, 'PUT', `/api/v2/users/${agent.user.id}`, {
      user: { signature: 'Best, A.' },
    });
    expect(signature.status).toBe(200);
    expect((await get(admin, `/api/v2/users/${agent.user.id}`)).body.user.agent_level).toBe('mid');
  });

  it('keeps agents off other agents and away from passwords and deletes of agents', async () => {
    const edit = await api(t, agent, 'PUT', `/api/v2/users/${otherAgent.user.id}`, {
      user: { name: 'Renamed' },
    });
    expect(edit.status).toBe(403);
    expect((await api(t, agent, 'DELETE', `/api/v2/users/${otherAgent.user.id}`)).status).toBe(403);
    const password = await api(t, agent, 'POST', `/api/v2/users/${customer.user.id}/password`, {
      password: 'long-enough-1',
    });
    expect(password.status).toBe(403);
  });

  it('lets a light agent read everyone but change only their own profile', async () => {
    expect((await get(light, '/api/v2/users')).status).toBe(200);
    expect((await get(light, `/api/v2/users/${customer.user.id}`)).status).toBe(200);
    const edit = await api(t, light, 'PUT', `/api/v2/users/${customer.user.id}`, { user: { name: 'X' } });
    expect(edit.status).toBe(403);
    expect(edit.body.description).toMatch(/Light agents/);
    expect((await api(t, light, 'POST', '/api/v2/users', { user: { name: 'New' } })).status).toBe(403);
    expect(
      (await api(t, light, 'PUT', `/api/v2/users/${light.user.id}`, { user: { locale: 'zh-CN' } })).status,
    ).toBe(200);
  });

  it('lets an admin demote an agent, who then leaves their groups and level', async () => {
    const demoted = await api(t, admin, 'PUT', `/api/v2/users/${otherAgent.user.id}`, {
      user: { role: 'end-user' },
    });
    expect(demoted.status).toBe(200);
    expect(demoted.body.user).toMatchObject({ role: 'end-user', agent_level: null, default_group_id: null });
    const memberships = await api(t, admin, 'GET', `/api/v2/users/${otherAgent.user.id}/group_memberships`);
    expect(memberships.body.group_memberships).toEqual([]);
  });

  it('demotes an admin whose whole record is sent back with another role', async () => {
    const second = await createUser(t, { role: 'admin', groupIds: [] });
    const record = (await get(admin, `/api/v2/users/${second.user.id}`)).body.user;
    const agentNow = await api(t, admin, 'PUT', `/api/v2/users/${second.user.id}`, {
      user: { ...record, role: 'agent' },
    });
    expect(agentNow.status).toBe(200);
    expect(agentNow.body.user).toMatchObject({ role: 'agent', role_type: null, agent_level: 'mid' });
    const endUserNow = await api(t, admin, 'PUT', `/api/v2/users/${second.user.id}`, {
      user: { ...agentNow.body.user, role: 'end-user' },
    });
    expect(endUserNow.status).toBe(200);
    expect(endUserNow.body.user).toMatchObject({
      role: 'end-user',
      agent_level: null,
      ticket_restriction: 'requested',
    });
  });

  it('keeps at least one admin, and nobody deletes themselves', async () => {
    const self = await api(t, admin, 'PUT', `/api/v2/users/${admin.user.id}`, { user: { role: 'agent' } });
    expect(self.status).toBe(422);
    expect(Object.keys(self.body.details)).toEqual(['role']);
    expect((await api(t, admin, 'DELETE', `/api/v2/users/${admin.user.id}`)).status).toBe(403);
  });

  it('never shows, changes or deletes the system user', async () => {
    for (const [method, body] of [['GET'], ['PUT', { user: { name: 'Mine' } }], ['DELETE']] as const) {
      const res = await api(t, admin, method, '/api/v2/users/-1', body);
      expect(res.status).toBe(422);
    }
    const listed = await api(t, admin, 'GET', '/api/v2/users?per_page=100');
    expect(listed.body.users.map((u: { id: number }) => u.id)).not.toContain(-1);
    const system = await t.database.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', -1)
      .executeTakeFirstOrThrow();
    expect(system).toMatchObject({ name: 'Frontline', deleted_at: null });
  });
});
