import type { FastifyReply } from 'fastify';
import type { User } from '../../db/schema.js';
import { escapeHtml as e } from '../../platform/text/html.js';
import { PORTAL_LOCALES, type PortalLocale, type PortalStrings, portalStrings } from './portal-strings.js';

/** What every portal page knows: its language, its words and who is signed in. */
export type PortalContext = {
  locale: PortalLocale;
  t: PortalStrings;
  user: User | null;
  csrf: string | null;
};

export const portalContext = (
  locale: PortalLocale,
  session: { user: User; csrfToken?: string | undefined } | null,
): PortalContext => ({
  locale,
  t: portalStrings(locale),
  user: session?.user ?? null,
  csrf: session?.csrfToken ?? null,
});

const NAMES: Record<PortalLocale, string> = { 'en-us': 'English', 'zh-cn': '简体中文', ar: 'العربية' };

/** Scripts only from this server (the form's spam check and suggestions); no inline script. */
export const PORTAL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A hidden field that proves a signed-in customer's form came from this page. */
export const csrfField = (ctx: PortalContext) =>
  ctx.csrf ? `<input type="hidden" name="_csrf" value="${e(ctx.csrf)}">` : '';

/** One portal page in the help center's frame; `path` is after /hc/{locale} (for the language links). */
export function portalPage(
  ctx: PortalContext,
  spec: { title: string; path: string; body: string; script?: string },
) {
  const { locale, t } = ctx;
  const languages = PORTAL_LOCALES.map((l) =>
    l === locale
      ? `<strong>${NAMES[l]}</strong>`
      : `<a href="/hc/${l}${e(spec.path)}" hreflang="${l}" lang="${l}">${NAMES[l]}</a>`,
  ).join(' · ');
  const account = ctx.user
    ? `<span>${e(ctx.user.name)}</span><form method="post" action="/hc/${locale}/signout">${csrfField(ctx)}<button class="link" type="submit">${e(t.signOut)}</button></form>`
    : `<a href="/hc/${locale}/signin">${e(t.signIn)}</a>`;
  return `<!doctype html>
<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${e(spec.title)} – ${e(t.helpCenter)}</title>
<style>${CSS}</style>
${spec.script ? `<script src="${e(spec.script)}" defer></script>` : ''}
</head>
<body>
<header class="top"><a class="brand" href="/hc/${locale}">${e(t.helpCenter)}</a>
<nav><a href="/hc/${locale}/requests">${e(t.myRequests)}</a> <a class="button" href="/hc/${locale}/requests/new">${e(t.submitRequest)}</a> ${account}</nav></header>
<main>${spec.body}</main>
<footer><p>${languages}</p></footer>
</body></html>`;
}

/** Sends a page as HTML with the portal's security headers; never cached (it may show someone's requests). */
export function sendPage(reply: FastifyReply, status: number, html: string) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', PORTAL_CSP)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .send(html);
}

export const errorList = (ctx: PortalContext, errors: string[]) =>
  errors.length
    ? `<div class="errors" role="alert"><p>${e(ctx.t.errorsTitle)}</p><ul>${errors.map((m) => `<li>${e(m)}</li>`).join('')}</ul></div>`
    : '';

const CSS = `:root{--brand:#1f73b7;--text:#2f3941}
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans SC","Noto Naskh Arabic",sans-serif;color:var(--text)}
a{color:var(--brand)}main,footer{max-width:860px;margin:0 auto;padding:0 16px}
.top{display:flex;justify-content:space-between;align-items:center;padding:12px 16px;border-bottom:3px solid var(--brand)}
.brand{font-weight:600;text-decoration:none;color:var(--text)}.top nav{display:flex;gap:12px;align-items:center}.top form{display:inline}
.button,button{background:var(--brand);color:#fff;border:0;border-radius:4px;padding:6px 12px;text-decoration:none;font:inherit;cursor:pointer}
button.link{background:none;color:var(--brand);padding:0}button[disabled]{opacity:.6}
label{display:block;font-weight:600;margin-top:16px}.hint{color:#68737d;font-size:14px;margin:0}
input[type=text],input[type=email],input[type=password],input[type=number],input[type=date],select,textarea{width:100%;padding:8px;font:inherit;border:1px solid #c2c8cc;border-radius:4px}
textarea{min-height:160px}.actions{margin:24px 0}.check{font-weight:400}.check input{margin-inline-end:8px}
.errors{border:1px solid #cc3340;background:#fff0f1;border-radius:4px;padding:8px 16px;margin:16px 0}
.notice{border:1px solid #038153;background:#edf8f4;border-radius:4px;padding:8px 16px;margin:16px 0}
.trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.suggestions{border:1px solid #e0e4e6;border-radius:6px;padding:8px 16px;margin-top:8px}.suggestions[hidden]{display:none}
table{width:100%;border-collapse:collapse}th,td{text-align:start;padding:8px;border-bottom:1px solid #e0e4e6}
.comment{border:1px solid #e0e4e6;border-radius:6px;padding:8px 16px;margin:12px 0}.comment.mine{background:#f8f9f9}
.meta{color:#68737d;font-size:14px}.status{display:inline-block;border-radius:4px;padding:0 8px;background:#e9ebed;font-size:14px}
footer{border-top:1px solid #e0e4e6;margin-top:48px;color:#68737d;font-size:14px}`;
