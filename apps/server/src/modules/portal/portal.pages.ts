import type { CommentJson, TicketJson } from '@frontline/contracts';
import { escapeHtml as e } from '../../platform/text/html.js';
import { csrfField, errorList, type PortalContext, portalPage } from './portal-layout.js';
import { fill } from './portal-strings.js';

export function signInPage(
  ctx: PortalContext,
  view: { email?: string; notice?: string; errors?: string[] } = {},
) {
  const { t, locale } = ctx;
  const email = e(view.email ?? '');
  const body = `<h1>${e(t.signInTitle)}</h1>
${view.notice ? `<p class="notice" role="status">${e(view.notice)}</p>` : ''}${errorList(ctx, view.errors ?? [])}
<form method="post" action="/hc/${locale}/signin/link">
<label for="link-email">${e(t.yourEmail)}</label><input type="email" id="link-email" name="email" autocomplete="email" maxlength="254" required value="${email}">
<div class="actions"><button type="submit">${e(t.emailMeLink)}</button></div></form>
<details><summary>${e(t.signInWithPassword)}</summary>
<form method="post" action="/hc/${locale}/signin/password">
<label for="pw-email">${e(t.yourEmail)}</label><input type="email" id="pw-email" name="email" autocomplete="email" maxlength="254" required value="${email}">
<label for="password">${e(t.password)}</label><input type="password" id="password" name="password" autocomplete="current-password" maxlength="200" required>
<div class="actions"><button type="submit">${e(t.signIn)}</button></div></form></details>`;
  return portalPage(ctx, { title: t.signIn, path: '/signin', body });
}

/** The page a mailed link opens: one button, so a mail scanner's GET does not use the link. */
export function confirmLinkPage(ctx: PortalContext, token: string, email: string) {
  const { t, locale } = ctx;
  const body = `<h1>${e(t.signIn)}</h1><form method="post" action="/hc/${locale}/signin/link/${e(token)}">
<div class="actions"><button type="submit">${e(fill(t.continueAs, { email }))}</button></div></form>`;
  return portalPage(ctx, { title: t.signIn, path: '/signin', body });
}

const status = (ctx: PortalContext, value: string) =>
  `<span class="status">${e(ctx.t.statuses[value] ?? value)}</span>`;
const when = (iso: string) => `<time datetime="${e(iso)}">${e(iso.slice(0, 16).replace('T', ' '))}</time>`;

export function requestListPage(
  ctx: PortalContext,
  view: { rows: TicketJson[]; organization: boolean; organizationShared: boolean },
) {
  const { t, locale } = ctx;
  const tabs = view.organizationShared
    ? `<p>${view.organization ? `<a href="/hc/${locale}/requests">${e(t.myRequests)}</a> · <strong>${e(t.organizationRequests)}</strong>` : `<strong>${e(t.myRequests)}</strong> · <a href="/hc/${locale}/requests?organization=1">${e(t.organizationRequests)}</a>`}</p>`
    : '';
  const rows = view.rows
    .map(
      (r) =>
        `<tr><td><a href="/hc/${locale}/requests/${r.id}">${e(r.subject)}</a></td><td>#${r.id}</td><td>${when(r.updated_at)}</td><td>${status(ctx, r.status)}</td></tr>`,
    )
    .join('');
  const table = view.rows.length
    ? `<table><thead><tr><th>${e(t.subject)}</th><th>#</th><th>${e(t.updated)}</th><th>${e(t.status)}</th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p>${e(t.noRequests)}</p>`;
  const title = view.organization ? t.organizationRequests : t.myRequests;
  return portalPage(ctx, { title, path: '/requests', body: `<h1>${e(title)}</h1>${tabs}${table}` });
}

export type RequestPageView = {
  ticket: TicketJson;
  comments: CommentJson[];
  authors: Map<number, string>;
  errors?: string[];
  values?: Record<string, string>;
};

/** One request: its public conversation, a reply form with files, and "mark as solved". */
export function requestPage(ctx: PortalContext, view: RequestPageView) {
  const { t, locale } = ctx;
  const { ticket } = view;
  const comments = view.comments
    .map((c) => {
      const mine = c.author_id === ctx.user?.id;
      const who = mine ? t.you : (view.authors.get(c.author_id) ?? t.support);
      const files = c.attachments.length
        ? `<ul>${c.attachments.map((a) => `<li><a href="${e(a.content_url)}">${e(a.file_name)}</a></li>`).join('')}</ul>`
        : '';
      return `<article class="comment${mine ? ' mine' : ''}"><p class="meta">${e(who)} · ${when(c.created_at)}</p><div>${c.html_body}</div>${files}</article>`;
    })
    .join('');
  const closed = ticket.status === 'closed';
  const canSolve = ticket.assignee_id !== null && ticket.status !== 'solved' && !closed;
  const form = closed
    ? `<p class="notice">${e(t.closedNote)}</p>`
    : `${ticket.status === 'solved' ? `<p class="notice">${e(t.solvedNote)}</p>` : ''}${errorList(ctx, view.errors ?? [])}
<form method="post" action="/hc/${locale}/requests/${ticket.id}" enctype="multipart/form-data">${csrfField(ctx)}
<label for="body">${e(t.reply)}</label><textarea id="body" name="body" maxlength="65536">${e(view.values?.body ?? '')}</textarea>
<label for="attachments">${e(t.attachments)} <span class="hint">${e(t.optional)}</span></label><input type="file" id="attachments" name="attachments" multiple>
${canSolve ? `<label class="check"><input type="checkbox" name="solved" value="true">${e(t.markSolved)}</label>` : ''}
<div class="actions"><button type="submit">${e(t.send)}</button></div></form>`;
  const body = `<p><a href="/hc/${locale}/requests">${e(t.myRequests)}</a></p>
<h1>${e(ticket.subject)}</h1><p class="meta">#${ticket.id} · ${status(ctx, ticket.status)}</p>${comments}${form}`;
  return portalPage(ctx, { title: ticket.subject, path: `/requests/${ticket.id}`, body });
}
