import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../test/harness.js';

let t: TestApp;
let admin: TestUser;
let articleId: number;
let categoryId: number;
const hc = '/api/v2/help_center';

const page = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${t.url}${path}`, { headers, redirect: 'manual' });
  return { status: res.status, headers: res.headers, text: await res.text() };
};

beforeAll(async () => {
  t = await startTestApp();
  admin = await createUser(t, { role: 'admin' });
  categoryId = (
    await api(t, admin, 'POST', `${hc}/categories`, { category: { name: 'Account <b>&</b> sign-in' } })
  ).body.category.id;
  await api(t, admin, 'PUT', `${hc}/categories/${categoryId}/translations/ar`, {
    translation: { title: 'x' },
  });
  await api(t, admin, 'POST', `${hc}/categories/${categoryId}/translations`, {
    translation: { locale: 'ar', title: 'الحساب' },
  });
  const sectionId = (
    await api(t, admin, 'POST', `${hc}/categories/${categoryId}/sections`, { section: { name: 'Passwords' } })
  ).body.section.id;
  const made = await api(t, admin, 'POST', `${hc}/sections/${sectionId}/articles`, {
    article: {
      title: 'Reset your password <script>',
      body: '<p>Use the <strong>Forgot password</strong> link.</p>',
    },
  });
  articleId = made.body.article.id;
  await api(t, admin, 'POST', `${hc}/articles/${articleId}/translations`, {
    translation: {
      locale: 'ar',
      title: 'إعادة تعيين كلمة المرور',
      body: '<p>استخدم رابط نسيت كلمة المرور.</p>',
    },
  });
});
afterAll(() => t?.close());

describe('help center pages', () => {
  it('sends /hc to the browser language', async () => {
    expect((await page('/hc', { 'accept-language': 'ar-EG,ar;q=0.9' })).headers.get('location')).toBe(
      '/hc/ar',
    );
    expect((await page('/hc', { 'accept-language': 'zh-CN' })).headers.get('location')).toBe('/hc/zh-cn');
    expect((await page('/hc')).headers.get('location')).toBe('/hc/en-us');
    expect((await page(`/hc/en-US/articles/${articleId}`)).headers.get('location')).toBe(
      `/hc/en-us/articles/${articleId}`,
    );
  });

  it('renders the home page escaped, readable without script, with SEO basics', async () => {
    const res = await page('/hc/en-us');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.text).toContain('Account &lt;b&gt;&amp;&lt;/b&gt; sign-in');
    expect(res.text).not.toContain('<script');
    expect(res.text).toContain('<link rel="canonical" href="http://127.0.0.1');
    expect(res.text).toContain('hreflang="zh-cn"');
    expect(res.text).toContain('href="/hc/en-us/requests/new"');
  });

  it('renders an Arabic article right-to-left with its alternates', async () => {
    const res = await page(`/hc/ar/articles/${articleId}-reset-password`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="ar" dir="rtl">');
    expect(res.text).toContain('إعادة تعيين كلمة المرور');
    expect(res.text).toContain(`<link rel="alternate" hreflang="en-us" href="http://127.0.0.1`);
    expect(res.text).not.toContain('hreflang="zh-cn" href');
    const en = await page(`/hc/en-us/articles/${articleId}`);
    expect(en.text).toContain('<html lang="en-us" dir="ltr">');
    expect(en.text).toContain('Reset your password &lt;script&gt;');
  });

  it('counts a "was this helpful?" vote posted by a plain form', async () => {
    const res = await fetch(`${t.url}/hc/en-us/articles/${articleId}/vote`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'value=up',
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/hc/en-us/articles/${articleId}?voted=up`);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    await fetch(`${t.url}/hc/en-us/articles/${articleId}/vote`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: 'value=up',
      redirect: 'manual',
    });
    const article = await api(t, null, 'GET', `${hc}/articles/${articleId}`);
    expect(article.body.article).toMatchObject({ vote_sum: 1, vote_count: 1 });
    expect((await page(`/hc/en-us/articles/${articleId}?voted=up`)).text).toContain(
      'Thanks for your feedback.',
    );
  });

  it('searches in Arabic, logs the search and the click, and reports a no-result search', async () => {
    const res = await page(`/hc/ar/search?query=${encodeURIComponent('كلمة المرور')}`);
    expect(res.status).toBe(200);
    const link = /href="(\/hc\/ar\/search\/click\?search_id=\d+&amp;article_id=\d+)"/.exec(res.text);
    expect(link).not.toBeNull();
    const click = await page(link![1]!.replace('&amp;', '&'));
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe(`/hc/ar/articles/${articleId}`);
    const none = await page('/hc/en-us/search?query=teleport');
    expect(none.text).toContain('No articles matched');
    expect((await page(`/hc/en-us/search?query=${'x'.repeat(600)}`)).status).toBe(422);
    const report = (await api(t, admin, 'GET', '/api/v2/frontline/knowledge_report')).body.knowledge_report;
    expect(report.no_result_searches).toContainEqual({ query: 'teleport', searches: 1 });
    expect(report.totals).toMatchObject({ clicked: 1, deflections: 1 });
  });

  it('marks searches followed by a request in the same session', async () => {
    const res = await page('/hc/en-us/search?query=unicorns');
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const { markSearchFollowedByRequest } = await import('./index.js');
    const marked = await markSearchFollowedByRequest(
      t.database.db,
      `hc:${cookie.split('=')[1]}`,
      4242,
      t.clock.now(),
    );
    expect(marked).toBe(1);
    const report = (await api(t, admin, 'GET', '/api/v2/frontline/knowledge_report')).body.knowledge_report;
    expect(report.searches_followed_by_request).toContainEqual({
      query: 'unicorns',
      searches: 1,
      requests: 1,
    });
  });

  it('takes its name and colours from the admin settings', async () => {
    const bad = await api(t, admin, 'PUT', '/api/v2/frontline/help_center/settings', {
      help_center: { brand_color: 'red;}body{' },
    });
    expect(bad.status).toBe(422);
    const ok = await api(t, admin, 'PUT', '/api/v2/frontline/help_center/settings', {
      help_center: { name: 'Acme Support', brand_color: '#aa3300' },
    });
    expect(ok.body.help_center).toMatchObject({
      name: 'Acme Support',
      brand_color: '#aa3300',
      logo_url: null,
    });
    const res = await page('/hc/en-us');
    expect(res.text).toContain('--brand:#aa3300');
    expect(res.text).toContain('Acme Support');
  });

  it('answers a missing page with an HTML 404', async () => {
    const res = await page('/hc/en-us/articles/987654');
    expect(res.status).toBe(404);
    expect(res.text).toContain('We could not find that page.');
    expect((await page(`/hc/en-us/categories/${categoryId}`)).status).toBe(200);
  });
});
