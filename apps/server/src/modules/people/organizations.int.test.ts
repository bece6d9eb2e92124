import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createOrganization,
  createUser,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../../test/harness.js';

let t: TestApp;
let admin: TestUser;
let agent: TestUser;
let light: TestUser;
let member: TestUser;
let outsider: TestUser;
let globex: { id: number };

beforeAll(async () => {
  t = await startTestApp();
  globex = await createOrganization(t, 'Globex', ['globex.test']);
  admin = await createUser(t, { role: 'admin' });
  agent = await createUser(t, { role: 'agent' });
  light = await createUser(t, { role: 'agent', lightAgent: true });
  member = await createUser(t, { name: 'Gina', email: 'gina@globex.test', organizationId: globex.id });
  outsider = await createUser(t, { name: 'Otto' });
  await t.database.db
    .updateTable('organizations')
    .set({ notes: 'renewal in May' })
    .where('id', '=', globex.id)
    .execute();
});
afterAll(() => t?.close());

const create = (who: TestUser, organization: Record<string, unknown>) =>
  api(t, who, 'POST', '/api/v2/organizations.json', { organization });

describe('organizations API', () => {
  it.each([
    ['GET', '/api/v2/organizations'],
    ['GET', '/api/v2/organizations/1'],
    ['GET', '/api/v2/organizations/count'],
    ['POST', '/api/v2/organizations'],
    ['DELETE', '/api/v2/organizations/1'],
  ])('%s %s answers 401 without credentials', async (method, path) => {
    expect((await api(t, null, method, path, method === 'POST' ? {} : undefined)).status).toBe(401);
  });

  it('creates an organization with 201 and Location, and refuses a blank or taken name', async () => {
    const res = await create(agent, { name: 'Initech', external_id: 'org-1', tags: ['Enterprise'] });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(res.body.organization.url);
    expect(res.body.organization).toMatchObject({
      name: 'Initech',
      external_id: 'org-1',
      tags: ['enterprise'],
    });
    const blank = await create(agent, { details: 'no name' });
    expect(blank.status).toBe(422);
    expect(Object.keys(blank.body.details)).toEqual(['name']);
    const taken = await create(agent, { name: 'INITECH' });
    expect(taken.status).toBe(422);
    expect(taken.body.details.name[0].error).toBe('DuplicateValue');
    const external = await create(agent, { name: 'Other', external_id: 'org-1' });
    expect(Object.keys(external.body.details)).toEqual(['external_id']);
  });

  it('keeps each domain to one organization, naming the domain', async () => {
    const bad = await create(agent, { name: 'Bad Domain', domain_names: ['not a domain'] });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.details)).toEqual(['domain_names.0']);
    const res = await create(agent, { name: 'Globex Copy', domain_names: ['umbrella.test', 'GLOBEX.test'] });
    expect(res.status).toBe(422);
    expect(res.body.details.domain_names[0].description).toMatch(
      /globex\.test already belongs to the organization Globex/,
    );
  });

  it('gives a domain to one of several organizations created at once', async () => {
    const results = await Promise.all(
      ['Race A', 'Race B', 'Race C', 'Race D'].map((name) =>
        create(agent, { name, domain_names: ['race.test'] }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 422, 422, 422]);
  });

  it('takes in existing end-users of a domain it gains, and nobody else', async () => {
    const loose = await createUser(t, { name: 'Una', email: 'una@umbrella.test' });
    const elsewhere = await createUser(t, {
      name: 'Ed',
      email: 'ed@umbrella.test',
      organizationId: globex.id,
    });
    const staff = await createUser(t, { role: 'agent', email: 'staff@umbrella.test' });
    const res = await create(admin, { name: 'Umbrella' });
    const umbrella = res.body.organization.id;
    const updated = await api(t, agent, 'PUT', `/api/v2/organizations/${umbrella}.json`, {
      organization: { domain_names: ['umbrella.test'] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.organization.domain_names).toEqual(['umbrella.test']);
    const orgOf = async (who: TestUser) =>
      (await api(t, admin, 'GET', `/api/v2/users/${who.user.id}`)).body.user.organization_id;
    expect(await orgOf(loose)).toBe(umbrella);
    expect(await orgOf(elsewhere)).toBe(globex.id);
    expect(await orgOf(staff)).toBeNull();
    const users = await api(t, agent, 'GET', `/api/v2/organizations/${umbrella}/users`);
    expect(users.body.users.map((u: { name: string }) => u.name)).toEqual(['Una']);
  });

  it('lists with offset and cursor pages, counts, and finds by IDs, external ID, name and prefix', async () => {
    const cursor = await api(t, agent, 'GET', '/api/v2/organizations.json?page[size]=1');
    expect(cursor.body.organizations).toHaveLength(1);
    expect(cursor.body.links.next).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/api\/v2\/organizations\.json\?page\[size\]=1&page\[after\]=/,
    );
    const count = await api(t, agent, 'GET', '/api/v2/organizations/count.json');
    expect(count.body.count.value).toBeGreaterThanOrEqual(3);
    expect(count.body.count.refreshed_at).toMatch(/Z$/);
    const many = await api(t, agent, 'GET', `/api/v2/organizations/show_many?ids=${globex.id}`);
    expect(many.body.organizations.map((o: { name: string }) => o.name)).toEqual(['Globex']);
    const byExternal = await api(t, agent, 'GET', '/api/v2/organizations/search?external_id=org-1');
    expect(byExternal.body.organizations.map((o: { name: string }) => o.name)).toEqual(['Initech']);
    const byName = await api(t, agent, 'GET', '/api/v2/organizations/search?name=globex');
    expect(byName.body.organizations.map((o: { id: number }) => o.id)).toEqual([globex.id]);
    const prefix = await api(t, agent, 'GET', '/api/v2/organizations/autocomplete?name=umb');
    expect(prefix.body.organizations.map((o: { name: string }) => o.name)).toEqual(['Umbrella']);
    const blank = await api(t, agent, 'GET', '/api/v2/organizations/search');
    expect(blank.status).toBe(422);
  });

  it('creates or updates by external ID or ID: 201 then 200', async () => {
    const first = await api(t, agent, 'POST', '/api/v2/organizations/create_or_update', {
      organization: { name: 'Hooli', external_id: 'hooli-1' },
    });
    expect(first.status).toBe(201);
    const byExternal = await api(t, agent, 'POST', '/api/v2/organizations/create_or_update.json', {
      organization: { external_id: 'hooli-1', details: 'big' },
    });
    expect(byExternal.status).toBe(200);
    expect(byExternal.body.organization).toMatchObject({
      id: first.body.organization.id,
      name: 'Hooli',
      details: 'big',
    });
    const byId = await api(t, agent, 'POST', '/api/v2/organizations/create_or_update', {
      organization: { id: first.body.organization.id, name: 'Hooli XYZ' },
    });
    expect(byId.body.organization.name).toBe('Hooli XYZ');
  });

  it('shows an end-user their own organization only, without internal notes', async () => {
    const list = await api(t, member, 'GET', '/api/v2/organizations');
    expect(list.body.organizations.map((o: { id: number }) => o.id)).toEqual([globex.id]);
    const own = await api(t, member, 'GET', `/api/v2/organizations/${globex.id}`);
    expect(own.status).toBe(200);
    expect(own.body.organization.notes).toBe('');
    expect((await api(t, agent, 'GET', `/api/v2/organizations/${globex.id}`)).body.organization.notes).toBe(
      'renewal in May',
    );
    expect((await api(t, outsider, 'GET', `/api/v2/organizations/${globex.id}`)).status).toBe(404);
    expect((await api(t, outsider, 'GET', '/api/v2/organizations')).body.organizations).toEqual([]);
    for (const path of [
      '/api/v2/organizations/count',
      '/api/v2/organizations/search?name=x',
      `/api/v2/organizations/${globex.id}/users`,
    ])
      expect((await api(t, member, 'GET', path)).status).toBe(403);
    expect((await create(member, { name: 'Mine' })).status).toBe(403);
    const edit = await api(t, member, 'PUT', `/api/v2/organizations/${globex.id}`, {
      organization: { notes: 'x' },
    });
    expect(edit.status).toBe(403);
  });

  it('lets light agents read but not write, and only admins delete', async () => {
    expect((await api(t, light, 'GET', `/api/v2/organizations/${globex.id}`)).status).toBe(200);
    const write = await create(light, { name: 'Light Co' });
    expect(write.status).toBe(403);
    expect(write.body.description).toMatch(/Light agents/);
    expect((await api(t, agent, 'DELETE', `/api/v2/organizations/${globex.id}`)).status).toBe(403);
  });

  it('deletes softly: 204, then 404; its people leave it and its tickets keep it', async () => {
    const doomed = (await create(admin, { name: 'Doomed', domain_names: ['doomed.test'] })).body.organization;
    const person = await createUser(t, { name: 'Dora', organizationId: doomed.id });
    const ticket = await api(t, person, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'Hi', comment: { body: 'x' } },
    });
    expect(ticket.body.ticket.organization_id).toBe(doomed.id);
    const res = await api(t, admin, 'DELETE', `/api/v2/organizations/${doomed.id}.json`);
    expect(res.status).toBe(204);
    expect((await api(t, admin, 'GET', `/api/v2/organizations/${doomed.id}`)).status).toBe(404);
    expect(
      (await api(t, admin, 'GET', `/api/v2/users/${person.user.id}`)).body.user.organization_id,
    ).toBeNull();
    const kept = await api(t, admin, 'GET', `/api/v2/tickets/${ticket.body.ticket.id}`);
    expect(kept.body.ticket.organization_id).toBe(doomed.id);
    const reuse = await create(admin, { name: 'Doomed', domain_names: ['doomed.test'] });
    expect(reuse.status).toBe(201);
  });
});
