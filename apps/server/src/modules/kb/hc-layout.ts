import { escapeHtml as e } from '../../platform/text/html.js';
import { type HcStrings, LANGUAGE_NAMES, stringsFor } from './hc-strings.js';
import type { HcTheme } from './hc-theme.js';
import { HC_LOCALES, type HcLocale, isRtl } from './kb-locale.js';

/** Everything a help-center page needs besides its own content. */
export type HcContext = { locale: HcLocale; base: string; theme: HcTheme; t: HcStrings; query?: string };

export const hcContext = (locale: HcLocale, base: string, theme: HcTheme): HcContext => ({
  locale,
  base,
  theme,
  t: stringsFor(locale),
});

/** No scripts at all; styles inline; images over https; video frames only from the article allow-list. */
export const HC_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self' https: data:",
  'frame-src https://www.youtube.com https://www.youtube-nocookie.com https://player.vimeo.com https://www.loom.com',
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export type PageSpec = {
  title: string;
  /** The path after /hc/{locale}, e.g. `/articles/12`; alternates use the same path in other locales. */
  path: string;
  /** Locales this page exists in (hreflang alternates); all help-center locales by default. */
  locales?: readonly string[];
  body: string;
  description?: string;
  noindex?: boolean;
};

export function page(ctx: HcContext, spec: PageSpec) {
  const { locale, base, theme, t } = ctx;
  const url = (l: string) => `${base}/hc/${l}${spec.path}`;
  const alternates = (spec.locales ?? HC_LOCALES)
    .filter((l): l is HcLocale => (HC_LOCALES as readonly string[]).includes(l))
    .map((l) => `<link rel="alternate" hreflang="${l}" href="${e(url(l))}">`)
    .join('');
  const languages = HC_LOCALES.map((l) =>
    l === locale
      ? `<strong>${LANGUAGE_NAMES[l]}</strong>`
      : `<a href="/hc/${l}${e(spec.path)}" hreflang="${l}" lang="${l}">${LANGUAGE_NAMES[l]}</a>`,
  ).join(' · ');
  const logo = theme.logo_url ? `<img src="${e(theme.logo_url)}" alt="" height="32">` : '';
  return `<!doctype html>
<html lang="${locale}" dir="${isRtl(locale) ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(spec.title)} – ${e(theme.name)}</title>
${spec.description ? `<meta name="description" content="${e(spec.description.slice(0, 160))}">` : ''}
${spec.noindex ? '<meta name="robots" content="noindex">' : ''}
<link rel="canonical" href="${e(url(locale))}">
${alternates}
<style>${css(theme)}</style>
</head>
<body>
<header class="top"><a class="brand" href="/hc/${locale}">${logo}<span>${e(theme.name)}</span></a>
<nav><a href="/hc/${locale}/requests">${e(t.myRequests)}</a> <a class="button" href="/hc/${locale}/requests/new">${e(t.submitRequest)}</a></nav></header>
<form class="search" action="/hc/${locale}/search" method="get" role="search">
<input type="search" name="query" maxlength="500" value="${e(ctx.query ?? '')}" placeholder="${e(t.searchPlaceholder)}" aria-label="${e(t.search)}">
<button type="submit">${e(t.search)}</button></form>
<main>${spec.body}</main>
<footer><p>${e(t.stillNeedHelp)} <a href="/hc/${locale}/requests/new">${e(t.submitRequest)}</a></p>
<p>${e(t.language)}: ${languages}</p></footer>
</body></html>`;
}

/** Breadcrumbs: Home › category › section. */
export function crumbs(ctx: HcContext, items: { href: string; label: string }[]) {
  const all = [{ href: `/hc/${ctx.locale}`, label: ctx.t.home }, ...items];
  return `<nav class="crumbs" aria-label="breadcrumbs">${all.map((i) => `<a href="${e(i.href)}">${e(i.label)}</a>`).join(' › ')}</nav>`;
}

function css(theme: HcTheme) {
  // Colours were checked as #rrggbb by readTheme, so they are safe inside CSS.
  return `:root{--brand:${theme.brand_color};--text:${theme.text_color}}
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans SC","Noto Naskh Arabic",sans-serif;color:var(--text)}
a{color:var(--brand)}main,.search,footer{max-width:860px;margin:0 auto;padding:0 16px}
.top{display:flex;justify-content:space-between;align-items:center;padding:12px 16px;border-bottom:3px solid var(--brand)}
.brand{display:flex;gap:8px;align-items:center;font-weight:600;text-decoration:none;color:var(--text)}
.top nav{display:flex;gap:12px;align-items:center}.button,button{background:var(--brand);color:#fff;border:0;border-radius:4px;padding:6px 12px;text-decoration:none;font:inherit;cursor:pointer}
.search{display:flex;gap:8px;margin:24px auto}.search input{flex:1;padding:8px;font:inherit;border:1px solid #c2c8cc;border-radius:4px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:16px;padding:0;list-style:none}
.grid li{border:1px solid #e0e4e6;border-radius:6px;padding:12px}.crumbs{font-size:14px;margin:8px 0}
.snippet{color:#68737d;margin:0 0 12px}article img{max-width:100%;height:auto}article iframe{max-width:100%;border:0}
.vote{border-top:1px solid #e0e4e6;margin-top:32px;padding-top:16px}.vote form{display:inline}
footer{border-top:1px solid #e0e4e6;margin-top:48px;color:#68737d;font-size:14px}`;
}
