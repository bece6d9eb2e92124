import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../test/harness.js';

let t: TestApp;
let admin: TestUser;
let agent: TestUser;
let customer: TestUser;
let sectionId: number;
const hc = '/api/v2/help_center';

async function article(fields: Record<string, unknown>) {
  const res = await api(t, agent, 'POST', `${hc}/sections/${sectionId}/articles.json`, {
    article: fields,
    notify_subscribers: false,
  });
  expect(res.status).toBe(201);
  return res.body.article as { id: number; title: string; locale: string; draft: boolean };
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await createUser(t, { role: 'admin' });
  agent = await createUser(t, { role: 'agent' });
  customer = await createUser(t, { role: 'end-user' });
  const category = await api(t, agent, 'POST', `${hc}/categories`, {
    category: { name: 'Billing', description: 'Money' },
  });
  expect(category.status).toBe(201);
  const section = await api(t, agent, 'POST', `${hc}/categories/${category.body.category.id}/sections`, {
    section: { name: 'Refunds' },
  });
  expect(section.status).toBe(201);
  sectionId = section.body.section.id;
});
afterAll(() => t?.close());

describe('Guide API', () => {
  it('creates an article with Zendesk fields, sanitizes its body and lists it publicly', async () => {
    const made = await article({
      title: 'Refund policy',
      body: '<p onclick="x()">Refunds within 30 days.</p><script>alert(1)</script><iframe src="https://evil.example/x"></iframe><iframe src="https://www.youtube.com/embed/abc"></iframe>',
      locale: 'en-us',
      label_names: ['refund', 'policy'],
      user_segment_id: null,
    });
    const res = await api(t, null, 'GET', `${hc}/articles/${made.id}.json`);
    expect(res.status).toBe(200);
    expect(res.body.article).toMatchObject({
      id: made.id,
      title: 'Refund policy',
      locale: 'en-us',
      draft: false,
      section_id: sectionId,
      label_names: ['refund', 'policy'],
      user_segment_id: null,
      vote_sum: 0,
    });
    expect(res.body.article.html_url).toMatch(new RegExp(`/hc/en-us/articles/${made.id}$`));
    expect(res.body.article.body).not.toMatch(/<script|onclick|evil\.example/);
    expect(res.body.article.body).toContain('https://www.youtube.com/embed/abc');
    const listed = await api(t, null, 'GET', `${hc}/sections/${sectionId}/articles`);
    expect(listed.body.articles.map((a: { id: number }) => a.id)).toContain(made.id);
    expect(listed.body).toHaveProperty('next_page', null);
    const labels = await api(t, agent, 'GET', `${hc}/articles/labels`);
    expect(labels.body.labels.map((l: { name: string }) => l.name)).toEqual(
      expect.arrayContaining(['refund', 'policy']),
    );
  });

  it('keeps translations per locale and finds Chinese and Arabic queries', async () => {
    const made = await article({
      title: 'How to request a refund',
      body: '<p>Open Orders and choose Request refund.</p>',
    });
    const zh = await api(t, agent, 'POST', `${hc}/articles/${made.id}/translations`, {
      translation: { locale: 'zh-CN', title: '如何申请退款', body: '<p>打开订单页面，点击申请退款。</p>' },
    });
    expect(zh.status).toBe(201);
    expect(zh.body.translation).toMatchObject({
      locale: 'zh-cn',
      source_type: 'article',
      source_id: made.id,
    });
    const ar = await api(t, agent, 'POST', `${hc}/articles/${made.id}/translations`, {
      translation: {
        locale: 'ar',
        title: 'كيفية طلب استرداد المبلغ',
        body: '<p>افتح الطلبات واختر طلب استرداد.</p>',
      },
    });
    expect(ar.status).toBe(201);
    const again = await api(t, agent, 'POST', `${hc}/articles/${made.id}/translations`, {
      translation: { locale: 'ar', title: 'x' },
    });
    expect(again.status).toBe(422);

    const inChinese = await api(
      t,
      null,
      'GET',
      `${hc}/articles/search.json?query=${encodeURIComponent('退款')}&locale=zh-cn`,
    );
    expect(inChinese.status).toBe(200);
    expect(inChinese.body.results.map((r: { id: number }) => r.id)).toEqual([made.id]);
    expect(inChinese.body.results[0]).toMatchObject({
      title: '如何申请退款',
      locale: 'zh-cn',
      result_type: 'article',
    });
    expect(inChinese.body.count).toBe(1);

    // Hamza and teh marbuta are folded: استرداد / طلب find the Arabic article written with other letter forms.
    const inArabic = await api(
      t,
      null,
      'GET',
      `${hc}/ar/articles/search?query=${encodeURIComponent('طلب استرداد')}`,
    );
    expect(inArabic.body.results.map((r: { id: number; locale: string }) => [r.id, r.locale])).toEqual([
      [made.id, 'ar'],
    ]);

    const localized = await api(t, null, 'GET', `${hc}/zh-cn/articles/${made.id}`);
    expect(localized.body.article.title).toBe('如何申请退款');
    const list = await api(t, agent, 'GET', `${hc}/articles/${made.id}/translations`);
    expect(list.body.translations.map((x: { locale: string }) => x.locale)).toEqual(['ar', 'en-us', 'zh-cn']);
  });

  it('ranks title matches first, then helpful votes, and counts a vote once per voter', async () => {
    const a = await article({ title: 'Shipping times', body: '<p>Parcels about invoices travel fast.</p>' });
    const b = await article({ title: 'Invoices explained', body: '<p>Where to find invoices.</p>' });
    const search = await api(t, null, 'GET', `${hc}/articles/search?query=invoices`);
    expect(search.body.results.map((r: { id: number }) => r.id)).toEqual([b.id, a.id]);

    const up = await api(t, customer, 'POST', `${hc}/articles/${a.id}/up.json`);
    expect(up.status).toBe(200);
    expect(up.body.vote).toMatchObject({
      value: 1,
      item_id: a.id,
      item_type: 'Article',
      user_id: customer.user.id,
    });
    await api(t, customer, 'POST', `${hc}/articles/${a.id}/up`);
    await api(t, agent, 'POST', `${hc}/articles/${a.id}/down`);
    const after = await api(t, null, 'GET', `${hc}/articles/${a.id}`);
    expect(after.body.article).toMatchObject({ vote_sum: 0, vote_count: 2 });
    await api(t, agent, 'POST', `${hc}/articles/${a.id}/up`);
    const tie = await api(t, null, 'GET', `${hc}/articles/search?query=shipping%20invoices`);
    expect(tie.body.results.map((r: { id: number }) => r.id)).toEqual([a.id]);
    expect((await api(t, null, 'POST', `${hc}/articles/${a.id}/up`)).status).toBe(401);
  });

  it('keeps a history row per published version and hides drafts from readers', async () => {
    const made = await article({ title: 'Draft policy', body: '<p>v1</p>', draft: true });
    expect((await api(t, null, 'GET', `${hc}/articles/${made.id}`)).status).toBe(404);
    expect((await api(t, customer, 'GET', `${hc}/articles/${made.id}`)).status).toBe(404);
    expect((await api(t, agent, 'GET', `${hc}/articles/${made.id}`)).body.article.draft).toBe(true);
    const published = await api(t, agent, 'PUT', `${hc}/articles/${made.id}`, {
      article: { draft: false, body: '<p>v2</p>' },
    });
    expect(published.body.article).toMatchObject({ draft: false, body: '<p>v2</p>' });
    await api(t, agent, 'PUT', `${hc}/articles/${made.id}/translations/en-us`, {
      translation: { body: '<p>v3</p>' },
    });
    const versions = await api(t, agent, 'GET', `/api/v2/frontline/kb/articles/${made.id}/versions`);
    expect(versions.body.versions.map((v: { body: string }) => v.body)).toEqual(['<p>v3</p>', '<p>v2</p>']);
    expect(versions.body.versions[0].author_id).toBe(agent.user.id);
  });

  it('manages user segments (admins) and lists permission groups', async () => {
    const made = await api(t, admin, 'POST', `${hc}/user_segments`, {
      user_segment: { name: 'VIP', user_type: 'signed_in_users', tags: ['vip'] },
    });
    expect(made.status).toBe(201);
    expect(made.body.user_segment).toMatchObject({
      name: 'VIP',
      user_type: 'signed_in_users',
      tags: ['vip'],
      built_in: false,
    });
    expect(
      (
        await api(t, agent, 'POST', `${hc}/user_segments`, {
          user_segment: { name: 'x', user_type: 'staff' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api(t, admin, 'POST', `${hc}/user_segments`, {
          user_segment: { name: 'x', user_type: 'robots' },
        })
      ).status,
    ).toBe(422);
    const all = await api(t, agent, 'GET', `${hc}/user_segments`);
    expect(all.body.user_segments.map((s: { user_type: string }) => s.user_type)).toEqual([
      'signed_in_users',
      'staff',
      'signed_in_users',
    ]);
    const groups = await api(t, agent, 'GET', '/api/v2/guide/permission_groups.json');
    expect(groups.body.permission_groups[0]).toMatchObject({ name: 'Admins', built_in: true });
  });

  it('answers bad input with 4xx', async () => {
    expect((await api(t, null, 'GET', `${hc}/articles/999999`)).status).toBe(404);
    expect((await api(t, null, 'GET', `${hc}/articles/abc`)).status).toBe(422);
    expect((await api(t, null, 'GET', `${hc}/articles/search?query=${'a'.repeat(501)}`)).status).toBe(422);
    expect((await api(t, null, 'GET', `${hc}/articles/search`)).status).toBe(422);
    expect(
      (await api(t, null, 'GET', `${hc}/articles/suggestions?query=${'word '.repeat(1200)}`)).status,
    ).toBe(422);
    expect(
      (await api(t, agent, 'POST', `${hc}/sections/999999/articles`, { article: { title: 'x' } })).status,
    ).toBe(404);
    expect(
      (
        await api(t, agent, 'POST', `${hc}/sections/${sectionId}/articles`, {
          article: { title: 'x', user_segment_id: 999999 },
        })
      ).status,
    ).toBe(422);
    expect(
      (await api(t, agent, 'POST', `${hc}/sections/${sectionId}/articles`, { article: { body: 'no title' } }))
        .status,
    ).toBe(422);
    expect(
      (await api(t, customer, 'POST', `${hc}/sections/${sectionId}/articles`, { article: { title: 'x' } }))
        .status,
    ).toBe(403);
    expect((await api(t, null, 'GET', `${hc}/xx-bad-locale-!/articles`)).status).toBe(404);
  });

  it('logs searches, flags outdated articles and reports them', async () => {
    const made = await article({ title: 'Delivery to Mars', body: '<p>We do not ship to Mars.</p>' });
    await api(t, customer, 'GET', `${hc}/articles/search?query=mars`);
    const none = await api(t, customer, 'GET', `${hc}/articles/search?query=zzqx`);
    expect(none.body.count).toBe(0);
    const clicked = await api(
      t,
      null,
      'POST',
      `/api/v2/frontline/kb/searches/${none.body.search_id}/clicks`,
      { article_id: made.id },
    );
    expect(clicked.status).toBe(204);
    const flag = await api(t, agent, 'POST', `${hc}/articles/${made.id}/flags`, {
      flag: { reason: 'We ship to Mars now' },
    });
    expect(flag.status).toBe(201);
    const queue = await api(t, agent, 'GET', '/api/v2/frontline/kb/review_queue');
    expect(queue.body.flags).toContainEqual(
      expect.objectContaining({
        article_id: made.id,
        article_title: made.title,
        reason: 'We ship to Mars now',
      }),
    );
    const report = await api(t, agent, 'GET', '/api/v2/frontline/knowledge_report');
    expect(report.status).toBe(200);
    const r = report.body.knowledge_report;
    expect(r.no_result_searches).toContainEqual({ query: 'zzqx', searches: 1 });
    expect(r.top_searches.map((x: { query: string }) => x.query)).toContain('mars');
    expect(r.articles.find((a: { id: number }) => a.id === made.id).open_flags).toBe(1);
    expect((await api(t, customer, 'GET', '/api/v2/frontline/knowledge_report')).status).toBe(403);
    await api(t, agent, 'DELETE', `${hc}/articles/${made.id}/flags`);
    expect(
      (await api(t, agent, 'GET', '/api/v2/frontline/kb/review_queue')).body.flags.map(
        (f: { article_id: number }) => f.article_id,
      ),
    ).not.toContain(made.id);
  });

  it('suggests articles from a ticket subject', async () => {
    const res = await api(
      t,
      null,
      'GET',
      `${hc}/articles/suggestions?query=${encodeURIComponent('Hi, how do I get a refund for my order?')}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { title: string }) => r.title)).toContain('How to request a refund');
    expect(res.body.results.length).toBeLessThanOrEqual(5);
  });
});
