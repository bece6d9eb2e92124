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

/**
 * Walks every knowledge-base route (Guide API, suggestions, help-center pages, sitemap)
 * as each kind of reader and checks that what they may not read never shows.
 */
let t: TestApp;
let ids: Record<string, number>;
let categoryId: number;
let sectionId: number;
let anonymous: null;
let customer: TestUser;
let agent: TestUser;
const hc = '/api/v2/help_center';

const MARKERS = [
  'zebrapublic',
  'zebradraft',
  'zebrainternal',
  'zebrateam',
  'zebraorg',
  'zebrasignedin',
] as const;
type Marker = (typeof MARKERS)[number];

async function get(who: TestUser | null, path: string) {
  const headers: Record<string, string> = who ? { authorization: who.authorization } : {};
  const res = await fetch(`${t.url}${path}`, { headers, redirect: 'manual' });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  t = await startTestApp();
  const admin = await createUser(t, { role: 'admin' });
  const team = await createGroup(t, 'Team');
  const other = await createGroup(t, 'Other team');
  const orgA = await createOrganization(t, 'Org A');
  const orgB = await createOrganization(t, 'Org B');
  customer = await createUser(t, { role: 'end-user', organizationId: orgA.id });
  agent = await createUser(t, { role: 'agent', groupIds: [team.id] });
  anonymous = null;
  const segment = async (body: Record<string, unknown>) =>
    (await api(t, admin, 'POST', `${hc}/user_segments`, { user_segment: body })).body.user_segment
      .id as number;
  const otherTeam = await segment({ name: 'Other team only', user_type: 'staff', group_ids: [other.id] });
  const orgBOnly = await segment({
    name: 'Org B',
    user_type: 'signed_in_users',
    organization_ids: [orgB.id],
  });
  const segments = (await api(t, admin, 'GET', `${hc}/user_segments`)).body.user_segments as {
    id: number;
    user_type: string;
    built_in: boolean;
  }[];
  const staff = segments.find((s) => s.built_in && s.user_type === 'staff')!.id;
  const signedIn = segments.find((s) => s.built_in && s.user_type === 'signed_in_users')!.id;
  categoryId = (await api(t, admin, 'POST', `${hc}/categories`, { category: { name: 'Help' } })).body.category
    .id;
  sectionId = (
    await api(t, admin, 'POST', `${hc}/categories/${categoryId}/sections`, { section: { name: 'All' } })
  ).body.section.id;
  const specs: Record<Marker, Record<string, unknown>> = {
    zebrapublic: { user_segment_id: null },
    zebradraft: { user_segment_id: null, draft: true },
    zebrainternal: { user_segment_id: staff },
    zebrateam: { user_segment_id: otherTeam },
    zebraorg: { user_segment_id: orgBOnly },
    zebrasignedin: { user_segment_id: signedIn },
  };
  ids = {};
  for (const marker of MARKERS) {
    const res = await api(t, admin, 'POST', `${hc}/sections/${sectionId}/articles`, {
      article: {
        title: `Refund help ${marker}`,
        body: `<p>How to get a refund, ${marker}.</p>`,
        ...specs[marker],
      },
    });
    expect(res.status).toBe(201);
    ids[marker] = res.body.article.id;
  }
});
afterAll(() => t?.close());

const readers = () =>
  [
    [
      'anonymous',
      () => anonymous,
      ['zebrapublic'],
      ['zebradraft', 'zebrainternal', 'zebrateam', 'zebraorg', 'zebrasignedin'],
    ],
    [
      'customer of org A',
      () => customer,
      ['zebrapublic', 'zebrasignedin'],
      ['zebradraft', 'zebrainternal', 'zebrateam', 'zebraorg'],
    ],
    [
      'agent',
      () => agent,
      ['zebrapublic', 'zebrasignedin', 'zebrainternal', 'zebraorg'],
      ['zebradraft', 'zebrateam'],
    ],
  ] as const;

/** Every list-like route a reader can reach, API and pages. */
const listRoutes = () => [
  `${hc}/articles`,
  `${hc}/en-us/articles?per_page=100`,
  `${hc}/sections/${sectionId}/articles`,
  `${hc}/categories/${categoryId}/articles`,
  `${hc}/articles/search?query=refund`,
  `${hc}/articles/search?query=refund&locale=en-us`,
  `${hc}/articles/suggestions?query=${encodeURIComponent('I need a refund please')}&per_page=10`,
  '/hc/en-us',
  `/hc/en-us/categories/${categoryId}`,
  `/hc/en-us/sections/${sectionId}`,
  '/hc/en-us/search?query=refund',
];

describe.each(readers())('as %s', (_name, reader, visible, hidden) => {
  it('lists, searches and suggests only what the reader may read', async () => {
    const who = reader();
    for (const path of listRoutes()) {
      const res = await get(who, path);
      expect(res.status, path).toBe(200);
      for (const marker of hidden) expect(res.text, `${marker} on ${path}`).not.toContain(marker);
      if (
        !path.startsWith('/hc/en-us') ||
        path.includes('search') ||
        path.includes('sections') ||
        path.includes('categories')
      )
        for (const marker of visible) expect(res.text, `${marker} on ${path}`).toContain(marker);
    }
  });

  it('cannot open a hidden article by id, through the API or the page, nor vote on it', async () => {
    const who = reader();
    for (const marker of hidden) {
      const id = ids[marker]!;
      const page = await get(who, `/hc/en-us/articles/${id}`);
      expect(page.status, marker).toBe(404);
      expect(page.text).not.toContain(marker);
      if (!(marker === 'zebradraft' && who === agent)) {
        expect((await get(who, `${hc}/articles/${id}`)).status, marker).toBe(404);
      }
      if (who) expect((await api(t, who, 'POST', `${hc}/articles/${id}/up`)).status, marker).toBe(404);
    }
    for (const marker of visible) {
      expect((await get(who, `/hc/en-us/articles/${ids[marker]}`)).status, marker).toBe(200);
      expect((await get(who, `${hc}/articles/${ids[marker]}`)).status, marker).toBe(200);
    }
  });

  it('sees only public articles in the sitemap', async () => {
    const who = reader();
    const res = await get(who, '/hc/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.text).toContain(`/hc/en-us/articles/${ids.zebrapublic}<`);
    for (const marker of MARKERS.filter((m) => m !== 'zebrapublic'))
      expect(res.text, marker).not.toContain(`/articles/${ids[marker]}<`);
  });
});
