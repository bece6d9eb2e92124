// Agent app figures: the JavaScript a first visit downloads (gzipped), how long the
// inbox takes to show its tickets, and how long a ticket takes to open from the inbox.
// Times come from the browser's Performance API (Debian's Chromium via playwright-core)
// against a throw-away Frontline with the demo workspace.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
// @ts-expect-error: plain JavaScript helpers shared with the e2e flows
import * as frontline from '../e2e/lib/frontline.mjs';

type Page = {
  goto(url: string): Promise<unknown>;
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  locator(selector: string): { first(): { waitFor(o?: object): Promise<void> }; count(): Promise<number> };
  waitForURL(url: RegExp): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  press(selector: string, key: string): Promise<void>;
  close(): Promise<void>;
};
type Browser = { context: { newPage(): Promise<Page> }; close(): Promise<void> };

const RUNS = 5;
/** How long a pointer rests on a row before the click, as a person's does (the app prefetches on hover). */
const HOVER_MS = 150;
const dist = path.join(frontline.root as string, 'apps/web/dist');

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const round = (n: number) => Math.round(n * 10) / 10;

/** Gzipped bytes of the scripts index.html loads up front (entry + modulepreload), and of all chunks. */
export function bundleSizes() {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/agent\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const gz = (file: string) => {
    const full = path.join(dist, `${file}.gz`);
    return existsSync(full) ? statSync(full).size : Number.NaN;
  };
  const all = (ext: string) =>
    readdirSync(path.join(dist, 'assets'))
      .filter((f) => f.endsWith(ext))
      .reduce((sum, f) => sum + gz(`assets/${f}`), 0);
  return {
    firstLoadJs: initial.reduce((sum, f) => sum + gz(f), 0),
    allJs: all('.js'),
    css: all('.css'),
    initialFiles: initial.length,
  };
}

/** Milliseconds from navigation start until the selector is in the page (measured in the page). */
async function loadUntil(page: Page, url: string, selector: string) {
  await page.goto('about:blank');
  await page.goto(url);
  await page.locator(selector).first().waitFor({ timeout: 30_000 });
  return page.evaluate(() => {
    const mark = performance.getEntriesByName('fl-seen')[0];
    return mark ? mark.startTime : performance.now();
  });
}

/**
 * Clicks a ticket in the inbox and measures until its conversation is on screen. Kept as
 * source text: the TypeScript loader would wrap a function's inner names in a helper the
 * page does not have.
 */
const OPEN_TICKET = `(i, hoverMs) => new Promise(async (resolve, reject) => {
  const rows = document.querySelectorAll('tbody tr[data-ticket-id]');
  const row = rows[i % rows.length];
  if (!row) return reject(new Error('no ticket rows'));
  const id = row.dataset.ticketId;
  if (hoverMs > 0) {
    row.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    await new Promise((r) => setTimeout(r, hoverMs));
  }
  const start = performance.now();
  const observer = new MutationObserver(() => {
    if (location.pathname.endsWith('/tickets/' + id) && document.querySelector('[data-comment-id]')) {
      observer.disconnect();
      resolve(performance.now() - start);
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  row.click();
  setTimeout(() => reject(new Error('ticket did not open in 20 s')), 20000);
})`;

/** Milliseconds from the click until the conversation shows; `hoverMs` of pointer rest first (0: a cold click). */
function openTicket(page: Page, index: number, hoverMs: number) {
  return page.evaluate(`(${OPEN_TICKET})(${index}, ${hoverMs})` as never) as Promise<number>;
}

export async function runWebBench(options: {
  progress(msg: string): void;
}): Promise<Record<string, number | string>> {
  const { progress } = options;
  if (!frontline.chromiumAvailable()) return { web_skipped: `no Chromium at ${frontline.CHROMIUM}` };
  frontline.buildWebApp(progress);
  const sizes = bundleSizes();
  progress(`first-load JS ${round(sizes.firstLoadJs / 1024)} KB gzipped in ${sizes.initialFiles} files`);

  const { chromium } = await import('playwright-core');
  const server = await frontline.startFrontline(progress);
  let browser: Browser | undefined;
  try {
    const api = await frontline.apiSession(server.url, 'admin@example.com');
    const views = (await api.call('GET', '/api/v2/views')).views as { id: number; builtin: string | null }[];
    const inboxUrl = `${server.url}/agent/views/${views.find((v) => v.builtin === 'all_unsolved')!.id}`;

    browser = (await frontline.launchChromium(chromium)) as Browser;
    const page = await browser.context.newPage();
    // Marks the first moment a ticket row exists, however the page gets there.
    await (page as unknown as { addInitScript(fn: () => void): Promise<void> }).addInitScript(() => {
      new MutationObserver((_m, observer) => {
        if (document.querySelector('tbody tr[data-ticket-id]')) {
          performance.mark('fl-seen');
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${server.url}/login`);
    await page.fill('input[name="email"]', 'admin@example.com');
    await page.fill('input[name="password"]', frontline.PASSWORD);
    await page.press('input[name="password"]', 'Enter');
    await page.waitForURL(/\/agent/);

    const inbox: number[] = [];
    for (let i = 0; i < RUNS; i++) inbox.push(await loadUntil(page, inboxUrl, 'tbody tr[data-ticket-id]'));
    progress(`inbox shows tickets after ${inbox.map(Math.round).join(', ')} ms`);

    const open: number[] = [];
    const hovered: number[] = [];
    for (let i = 0; i < RUNS * 2; i++) {
      await loadUntil(page, inboxUrl, 'tbody tr[data-ticket-id]');
      open.push(await openTicket(page, i, 0));
      await loadUntil(page, inboxUrl, 'tbody tr[data-ticket-id]');
      hovered.push(await openTicket(page, i + RUNS * 2, HOVER_MS));
    }
    progress(`tickets open ${open.map(Math.round).join(', ')} ms after a cold click`);

    // A settings screen: its chunk and the on-demand strings are fetched when it opens.
    const admin: number[] = [];
    for (let i = 0; i < RUNS; i++)
      admin.push(await loadUntil(page, `${server.url}/agent/admin/triggers`, '[data-testid="add-rule"]'));
    progress(`the triggers screen shows after ${admin.map(Math.round).join(', ')} ms (full page load)`);
    progress(`tickets open ${hovered.map(Math.round).join(', ')} ms after ${HOVER_MS} ms of hover`);

    return {
      web_first_load_js_gzip_kb: round(sizes.firstLoadJs / 1024),
      web_all_js_gzip_kb: round(sizes.allJs / 1024),
      web_css_gzip_kb: round(sizes.css / 1024),
      web_inbox_interactive_ms_median: Math.round(median(inbox)),
      web_inbox_interactive_ms_max: Math.round(Math.max(...inbox)),
      web_ticket_open_ms_median: Math.round(median(open)),
      web_ticket_open_ms_max: Math.round(Math.max(...open)),
      web_ticket_open_after_hover_ms_median: Math.round(median(hovered)),
      web_admin_screen_load_ms_median: Math.round(median(admin)),
      web_runs: RUNS,
    };
  } finally {
    await browser?.close();
    await server.stop();
  }
}
