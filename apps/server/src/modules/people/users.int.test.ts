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
let customer: TestUser;
let tier1: { id: number };
let tier2: { id: number };

beforeAll(async () => {
  t = await startTestApp();
  tier1 = await createGroup(t, 'Tier 1', 1);
  tier2 = await createGroup(t, 'Tier 2', 2);
  admin = await createUser(t, { role: 'admin' });
  agent = await createUser(t, { role: 'agent', name: 'Agent Smith', groupIds: [tier1.id, tier2.id] });
  customer = await createUser(t, { role: 'end-user', name: 'Carla Customer' });
});
afterAll(() => t?.close());

describe('users API', () => {
  it('creates an end-user by default, answers 201 with Location, and finds them by ID', async () => {
    const res = await api(t, agent, 'POST', '/api/v2/users.json', {
      user: { name: 'Nina New', email: 'Nina.New@Example.test', locale: 'zh-cn', time_zone: 'Asia/Shanghai' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(res.body.user.url);
    expect(res.body.user).toMatchObject({
      name: 'Nina New',
      email: 'nina.new@example.test',
      role: 'end-user',
      agent_level: null,
      locale: 'zh-CN',
      time_zone: 'Asia/Shanghai',
      active: true,
      ticket_restriction: 'requested',
    });
    const shown = await api(t, agent, 'GET', `/api/v2/users/${res.body.user.id}.json`);
    expect(shown.body.user.email).toBe('nina.new@example.test');
  });

  it('refuses a second user with the same address in any case, naming email', async () => {
    await api(t, agent, 'POST', '/api/v2/users', { user: { name: 'Dup', email: 'dup@example.test' } });
    const res = await api(t, agent, 'POST', '/api/v2/users', {
      user: { name: 'Dup 2', email: 'DUP@example.test' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('RecordInvalid');
    expect(res.body.details.email[0]).toMatchObject({ error: 'DuplicateValue' });
    expect(res.body.details.email[0].description).toMatch(/has already been taken/);
  });

  it('lets one of several simultaneous creates with one address win; the rest get 422, never 500', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api(t, agent, 'POST', '/api/v2/users', { user: { name: `Racer ${i}`, email: 'racer@example.test' } }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 422, 422, 422, 422, 422]);
    for (const r of results.filter((x) => x.status === 422))
      expect(Object.keys(r.body.details)).toEqual(['email']);
  });

  it('describes its routes in the OpenAPI document', async () => {
    const res = await api(t, admin, 'GET', '/api/docs/openapi.json');
    expect(res.status).toBe(200);
    for (const path of [
      '/api/v2/users',
      '/api/v2/users/create_many',
      '/api/v2/organizations/{id}',
      '/api/v2/group_memberships',
    ])
      expect(Object.keys(res.body.paths)).toContain(path);
  });

  it('names each bad field in one 422: blank name, unsupported locale, unknown zone, level for an end-user', async () => {
    const res = await api(t, admin, 'POST', '/api/v2/users', {
      user: { email: 'bad@example.test', agent_level: 'senior', time_zone: 'Mars/Olympus' },
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.details).sort()).toEqual(['agent_level', 'name', 'time_zone']);
    const locale = await api(t, admin, 'POST', '/api/v2/users', { user: { name: 'Fr', locale: 'fr-FR' } });
    expect(locale.status).toBe(422);
    expect(locale.body.details.locale[0].description).toMatch(/en-US, zh-CN or ar/);
    const email = await api(t, admin, 'POST', '/api/v2/users', {
      user: { name: 'X', email: 'not-an-address' },
    });
    expect(email.status).toBe(422);
    expect(Object.keys(email.body.details)).toEqual(['email']);
  });

  it('lets an admin create an agent with a level and default group, shown as default_group_id', async () => {
    const res = await api(t, admin, 'POST', '/api/v2/users', {
      user: {
        name: 'Lee Senior',
        email: 'lee@example.test',
        role: 'agent',
        agent_level: 'senior',
        default_group_id: tier2.id,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ role: 'agent', agent_level: 'senior', default_group_id: tier2.id });
    const light = await api(t, admin, 'POST', '/api/v2/users', {
      user: { name: 'Lucy Light', role: 'agent', role_type: 1 },
    });
    expect(light.body.user).toMatchObject({
      role: 'agent',
      role_type: 1,
      only_private_comments: true,
      agent_level: 'junior',
    });
  });

  it('puts a new end-user in the organization that owns their mail domain', async () => {
    const org = await createOrganization(t, 'Initech', ['initech.test']);
    const res = await api(t, agent, 'POST', '/api/v2/users', {
      user: { name: 'Peter', email: 'peter@initech.test' },
    });
    expect(res.body.user.organization_id).toBe(org.id);
  });

  it('creates or updates by address or external ID: 201 then 200', async () => {
    const first = await api(t, agent, 'POST', '/api/v2/users/create_or_update.json', {
      user: { name: 'Omar', email: 'omar.c@example.test', external_id: 'crm-1' },
    });
    expect(first.status).toBe(201);
    const again = await api(t, agent, 'POST', '/api/v2/users/create_or_update', {
      user: { name: 'Omar Haddad', external_id: 'crm-1' },
    });
    expect(again.status).toBe(200);
    expect(again.body.user).toMatchObject({ id: first.body.user.id, name: 'Omar Haddad' });
  });

  it('lists users with role filters, offset and cursor pagination, never the system user', async () => {
    const agents = await api(t, admin, 'GET', '/api/v2/users?role=agent');
    expect(agents.body.users.every((u: { role: string }) => u.role === 'agent')).toBe(true);
    const both = await api(t, admin, 'GET', '/api/v2/users?role[]=agent&role[]=admin');
    const roles = new Set(both.body.users.map((u: { role: string }) => u.role));
    expect([...roles].sort()).toEqual(['admin', 'agent']);
    expect(both.body.users.map((u: { id: number }) => u.id)).not.toContain(-1);
    const bad = await api(t, admin, 'GET', '/api/v2/users?role=owner');
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.details)).toEqual(['role']);

    const page1 = await api(t, admin, 'GET', '/api/v2/users.json?per_page=2');
    expect(page1.body.users).toHaveLength(2);
    expect(page1.body.count).toBeGreaterThan(4);
    expect(page1.body.next_page).toBe(`${t.url}/api/v2/users.json?per_page=2&page=2`);
    const cursor = await api(t, admin, 'GET', '/api/v2/users?page[size]=2');
    expect(cursor.body.meta.has_more).toBe(true);
    const next = await api(t, admin, 'GET', cursor.body.links.next.slice(t.url.length));
    expect(next.body.users[0].id).toBeGreaterThan(cursor.body.users[1].id);
  });

  it('shows the caller at /users/me and many users at once by ID or external ID', async () => {
    const me = await api(t, customer, 'GET', '/api/v2/users/me.json');
    expect(me.body.user).toMatchObject({ id: customer.user.id, role: 'end-user' });
    const many = await api(
      t,
      agent,
      'GET',
      `/api/v2/users/show_many?ids=${customer.user.id},${agent.user.id}`,
    );
    expect(many.body.users.map((u: { id: number }) => u.id).sort()).toEqual(
      [agent.user.id, customer.user.id].sort(),
    );
    const byExternal = await api(t, agent, 'GET', '/api/v2/users/show_many.json?external_ids=crm-1');
    expect(byExternal.body.users.map((u: { name: string }) => u.name)).toEqual(['Omar Haddad']);
    const bad = await api(t, agent, 'GET', '/api/v2/users/show_many?ids=1,x');
    expect(bad.status).toBe(422);
  });

  it('side-loads organizations and groups, with the default group in the user', async () => {
    const res = await api(t, admin, 'GET', `/api/v2/users/${agent.user.id}?include=organizations,groups`);
    expect(res.body.user.default_group_id).toBe(tier1.id);
    expect(res.body.groups.map((g: { name: string }) => g.name).sort()).toEqual(['Tier 1', 'Tier 2']);
    expect(res.body.organizations).toEqual([]);
  });

  it('searches names and addresses by substring in any case and script, and by external ID', async () => {
    await createUser(t, { name: '陈丽华', email: 'lihua@example.test' });
    await createUser(t, { name: 'فاطمة السيد', email: 'fatima.s@example.test' });
    const names = async (query: string) =>
      (await api(t, agent, 'GET', `/api/v2/users/search?query=${encodeURIComponent(query)}`)).body.users.map(
        (u: { name: string }) => u.name,
      );
    expect(await names('carla')).toEqual(['Carla Customer']);
    expect(await names('INITECH.test')).toEqual(['Peter']);
    expect(await names('丽华')).toEqual(['陈丽华']);
    expect(await names('فاطمة')).toEqual(['فاطمة السيد']);
    expect(await names('100%')).toEqual([]);
    expect(await names('frontline')).toEqual([]);
    expect(await names('role:agent smith')).toEqual(['Agent Smith']);
    const external = await api(t, agent, 'GET', '/api/v2/users/search.json?external_id=crm-1');
    expect(external.body.users).toHaveLength(1);
    const blank = await api(t, agent, 'GET', '/api/v2/users/search');
    expect(blank.status).toBe(422);
    expect(Object.keys(blank.body.details)).toEqual(['query']);
  });

  it('autocompletes names from the start of any word', async () => {
    const res = await api(t, agent, 'GET', '/api/v2/users/autocomplete?name=smi');
    expect(res.body.users.map((u: { name: string }) => u.name)).toEqual(['Agent Smith']);
    const missing = await api(t, agent, 'GET', '/api/v2/users/autocomplete');
    expect(missing.status).toBe(422);
  });

  it('creates many users in a job and reports each result', async () => {
    const res = await api(t, agent, 'POST', '/api/v2/users/create_many.json', {
      users: [
        { name: 'Bulk One', email: 'bulk1@example.test' },
        { name: 'Bulk Two', email: 'nina.new@example.test' },
        { name: 'Bulk Three' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.job_status).toMatchObject({ status: 'queued', total: 3, results: null });
    await t.app.jobs.runDue();
    const job = await api(t, agent, 'GET', `/api/v2/job_statuses/${res.body.job_status.id}.json`);
    const row = job.body.job_status as {
      status: string;
      results: { id?: number; index: number; status: string; details?: string }[];
    };
    expect(row.status).toBe('completed');
    expect(row.results.map((r) => [r.index, r.status])).toEqual([
      [0, 'Created'],
      [1, 'Failed'],
      [2, 'Created'],
    ]);
    expect(String(row.results[1]!.details)).toMatch(/has already been taken/);
    const created = await api(t, agent, 'GET', `/api/v2/users/${row.results[0]!.id}`);
    expect(created.body.user.name).toBe('Bulk One');
    const withPassword = await api(t, admin, 'POST', '/api/v2/users/create_many', {
      users: [{ name: 'P', password: 'a-long-password' }],
    });
    expect(withPassword.status).toBe(422);
    expect(Object.keys(withPassword.body.details)).toEqual(['users.0.password']);
  });

  it('deletes softly: the user is inactive, then 404, and their tickets stay', async () => {
    const leaving = await createUser(t, { name: 'Leaving Soon' });
    const ticket = await api(t, leaving, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'Bye', comment: { body: 'closing my account' } },
    });
    const res = await api(t, agent, 'DELETE', `/api/v2/users/${leaving.user.id}.json`);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: leaving.user.id, active: false });
    expect((await api(t, agent, 'GET', `/api/v2/users/${leaving.user.id}`)).status).toBe(404);
    expect((await api(t, agent, 'DELETE', `/api/v2/users/${leaving.user.id}`)).status).toBe(404);
    const kept = await api(t, agent, 'GET', `/api/v2/tickets/${ticket.body.ticket.id}`);
    expect(kept.body.ticket.requester_id).toBe(leaving.user.id);
    expect((await api(t, leaving, 'GET', '/api/v2/users/me')).status).toBe(401);
  });

  it('lets an admin set a password and a user change their own with the old one', async () => {
    const person = await createUser(t, { name: 'Pass Word' });
    const set = await api(t, admin, 'POST', `/api/v2/users/${person.user.id}/password.json`, {
      password: 'first-secret-1',
    });
    expect(set.status).toBe(200);
    const wrong = await api(t, person, 'PUT', `/api/v2/users/${person.user.id}/password`, {
      previous_password: 'not-it',
      password: 'second-secret-2',
    });
    expect(wrong.status).toBe(422);
    expect(Object.keys(wrong.body.details)).toEqual(['previous_password']);
    const short = await api(t, person, 'PUT', `/api/v2/users/${person.user.id}/password`, {
      previous_password: 'first-secret-1',
      password: 'short',
    });
    expect(short.status).toBe(422);
    expect(Object.keys(short.body.details)).toEqual(['password']);
    const ok = await api(t, person, 'PUT', `/api/v2/users/${person.user.id}/password`, {
      previous_password: 'first-secret-1',
      password: 'second-secret-2',
    });
    expect(ok.status).toBe(200);
    const login = await fetch(`${t.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person.user.email, password: 'second-secret-2' }),
    });
    expect(login.status).toBe(200);
  });
});
