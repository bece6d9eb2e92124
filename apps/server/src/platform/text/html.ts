import { compile } from 'html-to-text';
import sanitizeHtml from 'sanitize-html';

/**
 * HTML from outside (agents' rich text, customers' mail) is cleaned on the way in:
 * formatting, links and images stay; scripts, event handlers, styles that can hide or
 * overlay content, forms and frames go. Links open in a new tab without an opener.
 */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'a',
    'abbr',
    'b',
    'blockquote',
    'br',
    'caption',
    'code',
    'col',
    'colgroup',
    'dd',
    'del',
    'div',
    'dl',
    'dt',
    'em',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'i',
    'img',
    'ins',
    'kbd',
    'li',
    'mark',
    'ol',
    'p',
    'pre',
    's',
    'small',
    'span',
    'strike',
    'strong',
    'sub',
    'sup',
    'table',
    'tbody',
    'td',
    'tfoot',
    'th',
    'thead',
    'tr',
    'u',
    'ul',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'name'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan', 'align'],
    th: ['colspan', 'rowspan', 'align', 'scope'],
    '*': ['dir', 'lang'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'cid', 'data'] },
  allowProtocolRelative: false,
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }),
  },
};

export function sanitize(html: string) {
  return sanitizeHtml(html, {
    ...SANITIZE,
    allowedAttributes: { ...SANITIZE.allowedAttributes, a: ['href', 'title', 'name', 'target', 'rel'] },
  });
}

/** Plain text of an HTML body, for search, previews and the `body` of a comment. */
/**
 * Compiled once: `convert(html, options)` compiles its options on every call, which
 * cost ~1 ms an article (25 search snippets: 20–90 ms) against ~0.1 ms compiled.
 */
const toText = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
  ],
});

export function htmlToText(html: string) {
  return toText(html)
    .replace(/\u00a0/g, ' ')
    .trim();
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** HTML for a plain-text body: paragraphs on blank lines, line breaks kept, links made clickable. */
export function textToHtml(text: string) {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/);
  return paragraphs
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${linkify(escapeHtml(p)).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function linkify(escaped: string) {
  return escaped.replace(
    /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g,
    (url) => `<a href="${url}" target="_blank" rel="noopener noreferrer nofollow">${url}</a>`,
  );
}

/** Hosts whose players a help-center article may embed (videos); every other iframe is removed. */
export const ARTICLE_IFRAME_HOSTS = [
  'www.youtube.com',
  'www.youtube-nocookie.com',
  'player.vimeo.com',
  'www.loom.com',
];

/**
 * Knowledge-base article HTML: the comment rules plus headings' ids, and iframes only
 * over https from an allow-list of video hosts, sandboxed.
 */
export function sanitizeArticle(html: string, iframeHosts: readonly string[] = ARTICLE_IFRAME_HOSTS) {
  return sanitizeHtml(html, {
    ...SANITIZE,
    allowedTags: [...(SANITIZE.allowedTags as string[]), 'iframe', 'figure', 'figcaption'],
    allowedAttributes: {
      ...SANITIZE.allowedAttributes,
      a: ['href', 'title', 'name', 'target', 'rel'],
      h2: ['id'],
      h3: ['id'],
      iframe: ['src', 'width', 'height', 'title', 'allowfullscreen', 'sandbox', 'referrerpolicy'],
    },
    allowedSchemesByTag: { img: ['http', 'https', 'cid', 'data'], iframe: ['https'] },
    allowedIframeHostnames: [...iframeHosts],
    allowIframeRelativeUrls: false,
    transformTags: {
      ...(SANITIZE.transformTags ?? {}),
      iframe: sanitizeHtml.simpleTransform('iframe', {
        sandbox: 'allow-scripts allow-same-origin allow-presentation',
        referrerpolicy: 'no-referrer',
      }),
    },
  }).replace(/<iframe(?![^>]*\ssrc=)[^>]*><\/iframe>/g, '');
}
