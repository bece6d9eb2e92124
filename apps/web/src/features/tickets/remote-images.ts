/**
 * Remote images in customer mail are tracking pixels as often as pictures: loading one
 * tells the sender the mail was read, when and from where. The agent app shows a mail
 * with them blocked until the agent asks: `src`/`srcset`/`background` pointing at
 * another site move to `data-remote-*` attributes, and the frame's CSP allows images
 * only from our own origin (attachments) and data: URLs. Images from our origin, cid
 * attachments already rewritten to our links, and data: URLs stay.
 */
const IMG_TAG = /<(img|input|image|td|table|body|div)\b[^>]*>/gi;
const URL_ATTR = /(\s)(src|srcset|background|poster)(\s*=\s*)("[^"]*"|'[^']*'|[^\s>]+)/gi;
const STYLE_URL = /url\(\s*(['"]?)((?:https?:)?\/\/[^'")]+)\1\s*\)/gi;

function unquote(value: string) {
  return value.replace(/^["']|["']$/g, '').trim();
}

/** Whether a URL (or every URL of a srcset) would fetch from somewhere other than `origin`. */
function isRemote(value: string, origin: string) {
  return value
    .split(',')
    .map((part) => part.trim().split(/\s+/)[0] ?? '')
    .some((url) => {
      const decoded = url.replace(/&amp;/g, '&').replace(/&#x?[0-9a-f]+;/gi, '');
      if (!/^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(decoded)) return false;
      try {
        return new URL(decoded, origin).origin !== origin;
      } catch {
        return true;
      }
    });
}

/** The mail's HTML with remote images blocked, and how many were blocked. */
export function blockRemoteImages(html: string, origin: string): { html: string; blocked: number } {
  let blocked = 0;
  const out = html.replace(IMG_TAG, (tag) =>
    tag
      .replace(URL_ATTR, (match, space: string, name: string, eq: string, value: string) => {
        if (!isRemote(unquote(value), origin)) return match;
        blocked += 1;
        return `${space}data-remote-${name.toLowerCase()}${eq}${value}`;
      })
      .replace(STYLE_URL, (match, _q: string, url: string) => {
        if (!isRemote(url, origin)) return match;
        blocked += 1;
        return 'none';
      }),
  );
  return { html: out, blocked };
}

/** The Content-Security-Policy of the mail's frame: images from us and data: only, unless shown. */
export function emailFramePolicy(showRemote: boolean) {
  const images = showRemote ? 'img-src * data: blob:' : "img-src 'self' data: blob:";
  return `default-src 'none'; ${images}; style-src 'unsafe-inline'; font-src data:`;
}
