import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../test/harness.js';

let t: TestApp;
let agent: TestUser;
let customer: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  agent = await createUser(t, { role: 'agent' });
  customer = await createUser(t, { role: 'end-user' });
  const tagged = [['billing', 'vip'], ['billing', 'refund'], ['billing'], ['bug_report']];
  for (const tags of tagged) {
    await api(t, agent, 'POST', '/api/v2/tickets', { ticket: { comment: { body: 'x' }, tags } });
  }
  const gone = await api(t, agent, 'POST', '/api/v2/tickets', {
    ticket: { comment: { body: 'x' }, tags: ['deleted_only'] },
  });
  await api(t, agent, 'DELETE', `/api/v2/tickets/${gone.body.ticket.id}`);
});
afterAll(() => t?.close());

describe('tags', () => {
  it('lists the most used tags of live tickets with their counts', async () => {
    const res = await api(t, agent, 'GET', '/api/v2/tags.json');
    expect(res.status).toBe(200);
    expect(res.body.tags).toEqual([
      { name: 'billing', count: 3 },
      { name: 'bug_report', count: 1 },
      { name: 'refund', count: 1 },
      { name: 'vip', count: 1 },
    ]);
    expect(res.body.count).toBe(4);
  });

  it('pages the list with absolute links', async () => {
    const res = await api(t, agent, 'GET', '/api/v2/tags?per_page=2');
    expect(res.body.tags.map((x: { name: string }) => x.name)).toEqual(['billing', 'bug_report']);
    expect(res.body.next_page).toBe(`${t.url}/api/v2/tags?per_page=2&page=2`);
    const next = await api(t, agent, 'GET', res.body.next_page.slice(t.url.length));
    expect(next.body.tags.map((x: { name: string }) => x.name)).toEqual(['refund', 'vip']);
  });

  it('autocompletes tag names by their start', async () => {
    const res = await api(t, agent, 'GET', '/api/v2/autocomplete/tags.json?name=BU');
    expect(res.body).toEqual({ tags: ['bug_report'] });
    const wild = await api(t, agent, 'GET', '/api/v2/autocomplete/tags?name=b%25');
    expect(wild.body).toEqual({ tags: [] });
    const short = await api(t, agent, 'GET', '/api/v2/autocomplete/tags?name=b');
    expect(short.status).toBe(422);
    expect(Object.keys(short.body.details)).toEqual(['name']);
  });

  it('answers 403 to end-users', async () => {
    expect((await api(t, customer, 'GET', '/api/v2/tags')).status).toBe(403);
    expect((await api(t, customer, 'GET', '/api/v2/autocomplete/tags?name=bi')).status).toBe(403);
  });
});
