import type { TicketField } from '../../db/schema.js';
import { escapeHtml as e } from '../../platform/text/html.js';
import { csrfField, errorList, type PortalContext, portalPage } from './portal-layout.js';
import { fill } from './portal-strings.js';

export type FormValues = Record<string, string>;

export type FormView = {
  fields: TicketField[];
  values: FormValues;
  errors: string[];
  challenge: string;
  powBits: number;
};

const PATH = '/requests/new';

function customInput(field: TicketField, value: string) {
  const name = `cf_${field.id}`;
  const required = field.required ? ' required' : '';
  const label = `<label for="${name}">${e(field.title)}</label>${field.description ? `<p class="hint">${e(field.description)}</p>` : ''}`;
  switch (field.type) {
    case 'textarea':
      return `${label}<textarea id="${name}" name="${name}" maxlength="10000"${required}>${e(value)}</textarea>`;
    case 'integer':
    case 'decimal':
      return `${label}<input type="number" id="${name}" name="${name}" value="${e(value)}"${field.type === 'decimal' ? ' step="any"' : ''}${required}>`;
    case 'date':
      return `${label}<input type="date" id="${name}" name="${name}" value="${e(value)}"${required}>`;
    case 'checkbox':
      return `<label class="check"><input type="checkbox" name="${name}" value="true"${value === 'true' ? ' checked' : ''}>${e(field.title)}</label>`;
    case 'tagger': {
      const options = field.custom_field_options
        .map(
          (o) => `<option value="${e(o.value)}"${o.value === value ? ' selected' : ''}>${e(o.name)}</option>`,
        )
        .join('');
      return `${label}<select id="${name}" name="${name}"${required}><option value="">-</option>${options}</select>`;
    }
    default:
      return `${label}<input type="text" id="${name}" name="${name}" value="${e(value)}" maxlength="10000"${required}>`;
  }
}

/** The web form: who (when not signed in), subject with suggestions, description, custom fields, files. */
export function requestFormPage(ctx: PortalContext, view: FormView) {
  const { t, locale } = ctx;
  const v = (key: string) => view.values[key] ?? '';
  const who = ctx.user
    ? ''
    : `<label for="name">${e(t.yourName)}</label><input type="text" id="name" name="name" autocomplete="name" maxlength="255" required value="${e(v('name'))}">
<label for="email">${e(t.yourEmail)}</label><input type="email" id="email" name="email" autocomplete="email" maxlength="254" required value="${e(v('email'))}">`;
  const body = `<h1>${e(t.submitRequest)}</h1>
${errorList(ctx, view.errors)}
<form method="post" action="/hc/${locale}${PATH}" enctype="multipart/form-data" data-request-form data-pow-bits="${view.powBits}">
${csrfField(ctx)}
${who}
<label for="subject">${e(t.subject)}</label><input type="text" id="subject" name="subject" maxlength="500" required autocomplete="off" value="${e(v('subject'))}">
<div id="suggestions" class="suggestions" hidden aria-live="polite"><p>${e(t.suggestions)}</p><ul></ul></div>
<label for="description">${e(t.description)}</label><p class="hint">${e(t.descriptionHint)}</p>
<textarea id="description" name="description" maxlength="65536" required>${e(v('description'))}</textarea>
${view.fields.map((f) => customInput(f, v(`cf_${f.id}`))).join('\n')}
<label for="attachments">${e(t.attachments)} <span class="hint">${e(t.optional)}</span></label>
<input type="file" id="attachments" name="attachments" multiple>
<div class="trap" aria-hidden="true"><label for="fl_website">Website</label><input type="text" id="fl_website" name="fl_website" tabindex="-1" autocomplete="off"></div>
<input type="hidden" name="pow_challenge" value="${e(view.challenge)}"><input type="hidden" name="pow_nonce" value="">
<p class="hint" data-pow-status hidden>${e(t.checking)}</p>
<noscript><p class="hint">${e(t.noScript)}</p></noscript>
<div class="actions"><button type="submit">${e(t.submit)}</button></div>
</form>`;
  return portalPage(ctx, { title: t.submitRequest, path: PATH, body, script: '/hc/assets/portal-form.js' });
}

export function thanksPage(ctx: PortalContext, ticketId: number, email: string) {
  const { t, locale } = ctx;
  const body = `<h1>${e(t.thanksTitle)}</h1><p class="notice" role="status">${e(fill(t.thanks, { id: ticketId, email }))}</p>
<p><a href="/hc/${locale}/requests">${e(t.myRequests)}</a></p>`;
  return portalPage(ctx, { title: t.thanksTitle, path: PATH, body });
}

export function closedFormPage(ctx: PortalContext) {
  const { t, locale } = ctx;
  const body = `<h1>${e(t.submitRequest)}</h1><p class="notice">${e(t.closed)}</p><p><a class="button" href="/hc/${locale}/signin">${e(t.signIn)}</a></p>`;
  return portalPage(ctx, { title: t.submitRequest, path: PATH, body });
}
