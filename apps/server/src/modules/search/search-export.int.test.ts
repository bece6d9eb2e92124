import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../test/harness.js';
import { searchContext } from './search.policy.js';
import { createSearchRepository } from './search.repository.js';
import { parseSearchQuery } from './search-query.js';

let t: TestApp;
let agent: TestUser;
let ann: TestUser;
let ben: TestUser;
const annTickets: number[] = [];
const benTickets: number[] = [];
const BULK = 1005;

/** Follows `links.next` from a first export page; returns every result and the pages seen. */
async function exportAll(who: TestUser, path: string) {
  const results: { id: number; result_type: string }[] = [];
  let next: string | null = path;
  let pages = 0;
  while (next) {
    const res = await api(t, who, 'GET', next.replace(t.url, ''));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.facets).toBeNull();
    expect(res.body.links.prev).toBeNull();
    results.push(...res.body.results);
    pages += 1;
    next = res.body.meta.has_more ? res.body.links.next : null;
    if (next) expect(next).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v2\/search\/export(\.json)?\?/);
    expect(pages).toBeLessThan(20);
  }
  return { results, pages };
}

beforeAll(async () => {
  t = await startTestApp();
  agent = await createUser(t, { role: 'agent' });
  ann = await createUser(t, { role: 'end-user', name: 'Ann Exporter' });
  ben = await createUser(t, { role: 'end-user', name: 'Ben Exporter' });
  for (const [who, list] of [
    [ann, annTickets],
    [ben, benTickets],
    [ann, annTickets],
    [ann, annTickets],
    [ben, benTickets],
  ] as const) {
    const res = await api(t, agent, 'POST', '/api/v2/tickets', {
      ticket: {
        subject: 'Widget broken',
        comment: { body: 'The widget does not start' },
        requester_id: who.user.id,
      },
    });
    list.push(res.body.ticket.id);
  }
  // Many tickets at once, straight into the table, to pass the 1,000-result limit of offset search.
  await sql`insert into tickets (subject, requester_id, submitter_id, search_tokens, created_at, updated_at)
    select 'Bulk ' || g, ${agent.user.id}, ${agent.user.id}, array['bulk', 'b' || g],
      timestamptz '2026-01-01' + g * interval '1 second', timestamptz '2026-01-01' + g * interval '1 second'
    from generate_series(1, ${BULK}) g`.execute(t.database.db);
});
afterAll(() => t?.close());

describe('search export', () => {
  it('walks every result across cursor pages, oldest first, each once', async () => {
    const { results, pages } = await exportAll(
      agent,
      '/api/v2/search/export.json?query=widget&filter[type]=ticket&page[size]=2',
    );
    expect(pages).toBe(3);
    expect(results.map((r) => r.id)).toEqual([...annTickets, ...benTickets].sort((a, b) => a - b));
    expect(results.every((r) => r.result_type === 'ticket')).toBe(true);
  });

  it('gives an end-user only their own tickets', async () => {
    const asAnn = await exportAll(ann, '/api/v2/search/export?query=widget&filter[type]=ticket&page[size]=1');
    expect(asAnn.results.map((r) => r.id)).toEqual(annTickets);
    const asBen = await exportAll(ben, '/api/v2/search/export?query=widget&filter[type]=ticket');
    expect(asBen.results.map((r) => r.id)).toEqual(benTickets);
    const bulk = await api(t, ben, 'GET', '/api/v2/search/export?query=bulk&filter[type]=ticket');
    expect(bulk.body.results).toEqual([]);
    const users = await api(t, ben, 'GET', '/api/v2/search/export?query=ann&filter[type]=user');
    expect(users.status).toBe(403);
  });

  it('exports users', async () => {
    const { results } = await exportAll(
      agent,
      '/api/v2/search/export?query=exporter&filter[type]=user&page[size]=1',
    );
    expect(results.map((r) => r.id)).toEqual([ann.user.id, ben.user.id]);
    expect(results.every((r) => r.result_type === 'user')).toBe(true);
  });

  it('goes past the first 1,000 results, which offset search cannot', async () => {
    const first = await api(
      t,
      agent,
      'GET',
      '/api/v2/search/export?query=bulk&filter[type]=ticket&page[size]=1000',
    );
    expect(first.body.results).toHaveLength(1000);
    expect(first.body.meta.has_more).toBe(true);
    const rest = await api(t, agent, 'GET', first.body.links.next.replace(t.url, ''));
    expect(rest.body.results).toHaveLength(BULK - 1000);
    expect(rest.body.meta.has_more).toBe(false);
    expect(rest.body.links.next).toBeNull();
  });

  const bad: [string, string, number, string][] = [
    ['no filter[type]', '/api/v2/search/export?query=widget', 422, 'filter'],
    ['an unknown filter[type]', '/api/v2/search/export?query=widget&filter[type]=group', 422, 'filter.type'],
    [
      'type: in the query',
      '/api/v2/search/export?query=type:ticket%20widget&filter[type]=ticket',
      422,
      'query',
    ],
    ['keywords of another type', '/api/v2/search/export?query=status:open&filter[type]=user', 422, 'filter'],
    [
      'a page larger than 1000',
      '/api/v2/search/export?query=widget&filter[type]=ticket&page[size]=1001',
      422,
      'page.size',
    ],
    ['a forged cursor', '/api/v2/search/export?query=widget&filter[type]=ticket&page[after]=bm9wZQ', 400, ''],
    [
      'a cursor with an id out of range',
      `/api/v2/search/export?query=widget&filter[type]=ticket&page[after]=${Buffer.from('["2026-01-01T00:00:00.000000Z",1e308]').toString('base64url')}`,
      400,
      '',
    ],
    [
      'a cursor with an impossible time',
      `/api/v2/search/export?query=widget&filter[type]=ticket&page[after]=${Buffer.from('["2026-99-99T00:00:00.000000Z",1]').toString('base64url')}`,
      400,
      '',
    ],
    [
      'a cursor with a value that is not a time',
      `/api/v2/search/export?query=widget&filter[type]=ticket&page[after]=${Buffer.from('["x",1]').toString('base64url')}`,
      400,
      '',
    ],
  ];
  it.each(bad)('refuses %s', async (_name, path, status, field) => {
    const res = await api(t, agent, 'GET', path);
    expect(res.status).toBe(status);
    if (status === 422) expect(Object.keys(res.body.details)).toContain(field);
    else expect(res.body.error).toBe('InvalidPaginationParameter');
  });
});

describe('offset search at the 1,000-result limit', () => {
  it('counts to 1,001 ("more than 1,000"), in search and count alike', async () => {
    const res = await api(t, agent, 'GET', '/api/v2/search?query=bulk&per_page=25');
    expect(res.body.count).toBe(1001);
    expect((await api(t, agent, 'GET', '/api/v2/search/count?query=bulk')).body.count).toBe(1001);
    // Below the cap the count is exact.
    expect((await api(t, agent, 'GET', '/api/v2/search/count?query=widget')).body.count).toBe(5);
  });

  it('pages through the first 1,000, newest first, each once, with no next page after the tenth', async () => {
    const seen: number[] = [];
    for (let page = 1; page <= 10; page++) {
      const res = await api(t, agent, 'GET', `/api/v2/search?query=bulk&page=${page}&per_page=100`);
      expect(res.status).toBe(200);
      expect(res.body.results).toHaveLength(100);
      if (page < 10) expect(res.body.next_page).toMatch(new RegExp(`page=${page + 1}`));
      else expect(res.body.next_page).toBeNull();
      seen.push(...res.body.results.map((r: { id: number }) => r.id));
    }
    expect(seen).toEqual([...seen].sort((a, b) => b - a)); // bulk tickets are updated in id order
    expect(new Set(seen).size).toBe(1000);
    const last = await api(t, agent, 'GET', '/api/v2/search?query=bulk&page=10&per_page=100');
    expect(last.body.previous_page).toMatch(/page=9/);
  });

  it('stops a page that straddles the limit at the 1,000th result', async () => {
    const res = await api(t, agent, 'GET', '/api/v2/search?query=bulk&page=34&per_page=30');
    expect(res.body.results).toHaveLength(10);
    expect(res.body.next_page).toBeNull();
  });

  it('refuses the page after the limit', async () => {
    const res = await api(t, agent, 'GET', '/api/v2/search?query=bulk&page=11&per_page=100');
    expect(res.status).toBe(422);
    expect(res.body.details.page[0].description).toMatch(/export/);
  });
});

describe('the ticket word query', () => {
  it('finds a rare word through the GIN index on search_tokens', async () => {
    await sql`analyze tickets`.execute(t.database.db);
    const actor = { user: agent.user, groupIds: [], method: 'api_token' as const };
    const query = parseSearchQuery('b17', new Date());
    const compiled = createSearchRepository(t.database.db)
      .pageQuery(
        ['ticket'],
        query.clauses,
        searchContext(actor),
        { by: 'updated', direction: 'desc' },
        {
          offset: 0,
          limit: 25,
          countLimit: 1001,
        },
      )
      .compile(t.database.db);
    // A small test table makes a sequential scan cheapest; with it ruled out, the plan
    // shows whether the predicate can use the index at all, which is what matters at scale.
    const result = await t.database.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      return trx.executeQuery(CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]));
    });
    const plan = result.rows.map((r) => Object.values(r as object)[0]).join('\n');
    expect(plan).toContain('Bitmap Index Scan on tickets_search_idx');
  });
});
