import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../test/harness.js';

let t: TestApp;
let admin: TestUser;
let agent: TestUser;
let customer: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  admin = await createUser(t, { role: 'admin' });
  agent = await createUser(t, { role: 'agent' });
  customer = await createUser(t, { role: 'end-user' });
});
afterAll(() => t?.close());

const createField = (ticket_field: Record<string, unknown>, who: TestUser = admin) =>
  api(t, who, 'POST', '/api/v2/ticket_fields.json', { ticket_field });

describe('ticket fields API', () => {
  it.each([
    ['GET', '/api/v2/ticket_fields'],
    ['GET', '/api/v2/ticket_fields/1'],
    ['POST', '/api/v2/ticket_fields'],
    ['DELETE', '/api/v2/ticket_fields/1'],
  ])('%s %s answers 401 without credentials', async (method, path) => {
    expect((await api(t, null, method, path, method === 'POST' ? {} : undefined)).status).toBe(401);
  });

  it('lets agents read and only admins write; end-users get 403', async () => {
    expect((await api(t, customer, 'GET', '/api/v2/ticket_fields')).status).toBe(403);
    expect((await api(t, agent, 'GET', '/api/v2/ticket_fields')).status).toBe(200);
    const res = await createField({ type: 'text', title: 'Order number' }, agent);
    expect(res.status).toBe(403);
  });

  it('creates a text field with 201 and Location, and names missing or wrong type and title', async () => {
    const res = await createField({ type: 'text', title: 'Order number', position: 2 });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(res.body.ticket_field.url);
    expect(res.body.ticket_field).toMatchObject({
      type: 'text',
      title: 'Order number',
      active: true,
      position: 2,
    });
    expect(res.body.ticket_field.custom_field_options).toBeUndefined();
    const missing = await createField({ description: 'no type, no title' });
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.details).sort()).toEqual(['title', 'type']);
    const wrong = await createField({ type: 'multiselect', title: 'X' });
    expect(Object.keys(wrong.body.details)).toEqual(['type']);
  });

  it('creates a dropdown with option IDs, and refuses repeated or untaggable values', async () => {
    const res = await createField({
      type: 'dropdown',
      title: 'Plan',
      position: 1,
      custom_field_options: [
        { name: 'Gold', value: 'plan_gold' },
        { name: 'Silver', value: 'plan_silver', default: true },
      ],
    });
    expect(res.status).toBe(201);
    const field = res.body.ticket_field;
    expect(field.type).toBe('tagger');
    expect(
      field.custom_field_options.map((o: { value: string; default: boolean }) => [o.value, o.default]),
    ).toEqual([
      ['plan_gold', false],
      ['plan_silver', true],
    ]);
    const [gold, silver] = field.custom_field_options as { id: number }[];
    expect(gold!.id).toBeGreaterThan(0);
    expect(silver!.id).not.toBe(gold!.id);
    const repeated = await createField({
      type: 'tagger',
      title: 'Tier',
      custom_field_options: [
        { name: 'One', value: 'one' },
        { name: 'Uno', value: 'ONE' },
        { name: 'Two words', value: 'two words' },
      ],
    });
    expect(repeated.status).toBe(422);
    expect(Object.keys(repeated.body.details).sort()).toEqual([
      'custom_field_options.1.value',
      'custom_field_options.2.value',
    ]);
    const empty = await createField({ type: 'tagger', title: 'Empty' });
    expect(Object.keys(empty.body.details)).toEqual(['custom_field_options']);
  });

  it('checks regexp patterns and checkbox tags', async () => {
    const bad = await createField({ type: 'regexp', title: 'SKU', regexp_for_validation: '([A-Z' });
    expect(bad.status).toBe(422);
    expect(bad.body.details.regexp_for_validation[0].description).toMatch(/not a valid pattern/);
    const none = await createField({ type: 'regexp', title: 'SKU' });
    expect(Object.keys(none.body.details)).toEqual(['regexp_for_validation']);
    const good = await createField({
      type: 'regexp',
      title: 'SKU',
      regexp_for_validation: '^[A-Z]{3}-\\d+$',
    });
    expect(good.status).toBe(201);
    const checkbox = await createField({ type: 'checkbox', title: 'Escalated', tag: 'escalated' });
    expect(checkbox.body.ticket_field.tag).toBe('escalated');
    const misplaced = await createField({ type: 'integer', title: 'Seats', tag: 'seats' });
    expect(Object.keys(misplaced.body.details)).toEqual(['tag']);
  });

  it('lists fields by position with offset and cursor pages', async () => {
    const all = await api(t, agent, 'GET', '/api/v2/ticket_fields.json');
    const positions = all.body.ticket_fields.map((f: { position: number }) => f.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(all.body.count).toBe(all.body.ticket_fields.length);
    const first = await api(t, agent, 'GET', '/api/v2/ticket_fields?page[size]=2');
    expect(first.body.ticket_fields).toHaveLength(2);
    const rest = await api(t, agent, 'GET', first.body.links.next.slice(t.url.length));
    const ids = [...first.body.ticket_fields, ...rest.body.ticket_fields].map((f: { id: number }) => f.id);
    expect(ids).toEqual(all.body.ticket_fields.map((f: { id: number }) => f.id).slice(0, ids.length));
  });

  it('updates a field, keeps option IDs it is given, and refuses a type change or a foreign option ID', async () => {
    const field = (
      await createField({
        type: 'tagger',
        title: 'Region',
        custom_field_options: [{ name: 'EU', value: 'eu' }],
      })
    ).body.ticket_field;
    const euId = field.custom_field_options[0].id;
    const res = await api(t, admin, 'PUT', `/api/v2/ticket_fields/${field.id}.json`, {
      ticket_field: {
        title: 'Customer region',
        custom_field_options: [
          { id: euId, name: 'Europe', value: 'eu' },
          { name: 'Asia', value: 'asia' },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.ticket_field.title).toBe('Customer region');
    expect(res.body.ticket_field.custom_field_options[0]).toMatchObject({ id: euId, name: 'Europe' });
    const typeChange = await api(t, admin, 'PUT', `/api/v2/ticket_fields/${field.id}`, {
      ticket_field: { type: 'text' },
    });
    expect(typeChange.status).toBe(422);
    expect(Object.keys(typeChange.body.details)).toEqual(['type']);
    const foreign = await api(t, admin, 'PUT', `/api/v2/ticket_fields/${field.id}`, {
      ticket_field: { custom_field_options: [{ id: 987_654, name: 'X', value: 'x' }] },
    });
    expect(Object.keys(foreign.body.details)).toEqual(['custom_field_options.0.id']);
    expect(
      (await api(t, agent, 'PUT', `/api/v2/ticket_fields/${field.id}`, { ticket_field: { title: 'x' } }))
        .status,
    ).toBe(403);
  });

  it('is what tickets validate their custom field values against', async () => {
    const plan = (
      await createField({
        type: 'tagger',
        title: 'Support plan',
        custom_field_options: [{ name: 'Premium', value: 'premium' }],
      })
    ).body.ticket_field;
    const bad = await api(t, agent, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'x', comment: { body: 'x' }, custom_fields: [{ id: plan.id, value: 'basic' }] },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.details)).toEqual([`custom_fields.${plan.id}`]);
    const good = await api(t, agent, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'x', comment: { body: 'x' }, custom_fields: [{ id: plan.id, value: 'premium' }] },
    });
    expect(good.status).toBe(201);
    expect(good.body.ticket.custom_fields).toContainEqual({ id: plan.id, value: 'premium' });
    await api(t, admin, 'PUT', `/api/v2/ticket_fields/${plan.id}`, { ticket_field: { active: false } });
    const inactive = await api(t, agent, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'x', comment: { body: 'x' }, custom_fields: [{ id: plan.id, value: 'premium' }] },
    });
    expect(inactive.status).toBe(422);
  });

  it('deletes a field: 204, then 404', async () => {
    const field = (await createField({ type: 'date', title: 'Renewal date' })).body.ticket_field;
    expect((await api(t, agent, 'DELETE', `/api/v2/ticket_fields/${field.id}`)).status).toBe(403);
    expect((await api(t, admin, 'DELETE', `/api/v2/ticket_fields/${field.id}.json`)).status).toBe(204);
    expect((await api(t, agent, 'GET', `/api/v2/ticket_fields/${field.id}`)).status).toBe(404);
    expect((await api(t, admin, 'DELETE', `/api/v2/ticket_fields/${field.id}`)).status).toBe(404);
  });
});
