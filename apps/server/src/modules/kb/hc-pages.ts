import { iso } from '../../platform/http/iso-time.js';
import { escapeHtml as e } from '../../platform/text/html.js';
import { crumbs, type HcContext, page } from './hc-layout.js';
import { snippet } from './kb.presenter.js';
import type { ArticleRow, ContainerRow, HcNames } from './kb.repository.js';

/** The help center's pages as HTML strings: every value escaped, article bodies sanitized on save. */
const articleLink = (ctx: HcContext, a: ArticleRow) =>
  `<a href="/hc/${ctx.locale}/articles/${a.id}">${e(a.title)}</a>`;
const list = (items: string[], empty: string) =>
  items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : `<p>${e(empty)}</p>`;

export function homePage(ctx: HcContext, categories: ContainerRow[], sections: ContainerRow[]) {
  const cards = categories.map((c) => {
    const own = sections
      .filter((s) => s.parent_id === c.id)
      .map((s) => `<a href="/hc/${ctx.locale}/sections/${s.id}">${e(s.name)}</a>`);
    return `<li><h2><a href="/hc/${ctx.locale}/categories/${c.id}">${e(c.name)}</a></h2><p>${e(c.description)}</p>${list(own, '')}</li>`;
  });
  const body = `<h1>${e(ctx.theme.name)}</h1>${cards.length ? `<ul class="grid">${cards.join('')}</ul>` : `<p>${e(ctx.t.empty)}</p>`}`;
  return page(ctx, { title: ctx.t.home, path: '', body });
}

export function categoryPage(
  ctx: HcContext,
  category: ContainerRow,
  sections: ContainerRow[],
  articles: ArticleRow[],
) {
  const blocks = sections.map((s) => {
    const own = articles.filter((a) => Number(a.section_id) === s.id).map((a) => articleLink(ctx, a));
    return `<section><h2><a href="/hc/${ctx.locale}/sections/${s.id}">${e(s.name)}</a></h2>${list(own, ctx.t.empty)}</section>`;
  });
  const body = `${crumbs(ctx, [])}<h1>${e(category.name)}</h1><p>${e(category.description)}</p>${blocks.join('') || `<p>${e(ctx.t.empty)}</p>`}`;
  return page(ctx, {
    title: category.name,
    path: `/categories/${category.id}`,
    body,
    description: category.description,
  });
}

export function sectionPage(
  ctx: HcContext,
  section: ContainerRow,
  category: ContainerRow | undefined,
  articles: ArticleRow[],
) {
  const trail = category
    ? [{ href: `/hc/${ctx.locale}/categories/${category.id}`, label: category.name }]
    : [];
  const body = `${crumbs(ctx, trail)}<h1>${e(section.name)}</h1><p>${e(section.description)}</p>${list(
    articles.map((a) => articleLink(ctx, a)),
    ctx.t.empty,
  )}`;
  return page(ctx, {
    title: section.name,
    path: `/sections/${section.id}`,
    body,
    description: section.description,
  });
}

export function articlePage(ctx: HcContext, a: ArticleRow & HcNames, voted: 'up' | 'down' | null) {
  const trail = [
    { href: `/hc/${ctx.locale}/categories/${a.category_id}`, label: a.category_name ?? '' },
    { href: `/hc/${ctx.locale}/sections/${a.section_id}`, label: a.section_name ?? '' },
  ];
  const up = (a.vote_count + a.vote_sum) / 2;
  const action = `/hc/${ctx.locale}/articles/${a.id}/vote`;
  const vote = voted
    ? `<p role="status">${e(ctx.t.thanks)}</p>`
    : `<p>${e(ctx.t.helpful)}</p><form method="post" action="${action}"><input type="hidden" name="value" value="up"><button type="submit">${e(ctx.t.yes)}</button></form>
<form method="post" action="${action}"><input type="hidden" name="value" value="down"><button type="submit">${e(ctx.t.no)}</button></form>`;
  const body = `${crumbs(ctx, trail)}<article lang="${e(a.locale)}"><h1>${e(a.title)}</h1>
<p class="snippet">${e(ctx.t.updated)} <time datetime="${iso(new Date(a.edited_at))}">${iso(new Date(a.edited_at)).slice(0, 10)}</time></p>
<div class="body">${a.body}</div></article>
<div class="vote">${vote}<p class="snippet">${e(ctx.t.votes(up, a.vote_count))}</p></div>`;
  return page(ctx, {
    title: a.title,
    path: `/articles/${a.id}`,
    locales: a.locales,
    body,
    description: snippet(a.body.slice(0, 1500), ''),
  });
}

export function searchPage(
  ctx: HcContext,
  query: string,
  rows: ArticleRow[],
  count: number,
  searchId: number | null,
) {
  const items = rows.map((a) => {
    const href = searchId
      ? `/hc/${ctx.locale}/search/click?search_id=${searchId}&article_id=${a.id}`
      : `/hc/${ctx.locale}/articles/${a.id}`;
    return `<h2><a href="${e(href)}">${e(a.title)}</a></h2><p class="snippet">${e(snippet(a.body, query))}</p>`;
  });
  const body = `<h1>${e(ctx.t.results(count, query))}</h1>${items.length ? items.join('') : `<p>${e(ctx.t.noResults)}</p><p><a class="button" href="/hc/${ctx.locale}/requests/new">${e(ctx.t.submitRequest)}</a></p>`}`;
  return page(
    { ...ctx, query },
    { title: ctx.t.search, path: `/search?query=${encodeURIComponent(query)}`, body, noindex: true },
  );
}

export function notFoundPage(ctx: HcContext) {
  return page(ctx, {
    title: ctx.t.notFound,
    path: '',
    body: `<h1>${e(ctx.t.notFound)}</h1><p><a href="/hc/${ctx.locale}">${e(ctx.t.home)}</a></p>`,
    noindex: true,
  });
}

export function sitemapXml(base: string, rows: { id: string; locale: string; updated_at: Date }[]) {
  const urls = rows.map(
    (r) =>
      `<url><loc>${e(`${base}/hc/${r.locale}/articles/${r.id}`)}</loc><lastmod>${iso(new Date(r.updated_at))}</lastmod></url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}</urlset>\n`;
}
