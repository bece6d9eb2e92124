#!/usr/bin/env node
// Browser flows of the agent workspace (`npm test` runs this after vitest).
// Starts its own Frontline (fresh DATA_DIR, demo workspace, random port), drives
// Debian's Chromium through playwright-core, and saves screenshots to
// e2e/screenshots/. Without Chromium it skips with a warning, or fails under CI=true.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { flows } from './flows.mjs';
import {
  apiSession,
  buildWebApp,
  CHROMIUM,
  chromiumAvailable,
  launchChromium,
  PASSWORD,
  root,
  startFrontline,
} from './lib/frontline.mjs';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const only = process.argv[2];

if (!chromiumAvailable()) {
  const message = `Chromium is missing at ${CHROMIUM}: apt-get install -y chromium`;
  if (ci) {
    console.error(`✗ e2e: ${message} (CI=true)`);
    process.exit(1);
  }
  console.warn(`! e2e skipped: ${message}`);
  process.exit(0);
}

const { chromium } = await import('playwright-core');
const screenshots = path.join(root, 'e2e/screenshots');
rmSync(screenshots, { recursive: true, force: true });
mkdirSync(screenshots, { recursive: true });

let shotNumber = 0;
async function shot(page, name) {
  shotNumber += 1;
  const file = path.join(screenshots, `${String(shotNumber).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
}

/** The demo workspace when it is there; otherwise the data the flows need, made through the API. */
async function prepare(url) {
  const api = await apiSession(url, 'admin@example.com');
  if (!api) throw new Error('cannot sign in as admin@example.com');
  let agentEmail = 'priya@example.com';
  if (!(await apiSession(url, agentEmail))) {
    agentEmail = 'e2e.agent@example.com';
    await api.call('POST', '/api/v2/users', {
      user: { name: 'Eli Agent', email: agentEmail, role: 'agent', agent_level: 'mid', password: PASSWORD },
    });
  }
  const agentApi = await apiSession(url, agentEmail);
  const views = Object.fromEntries(
    (await api.call('GET', '/api/v2/views')).views.map((v) => [v.builtin ?? `view${v.id}`, v.id]),
  );
  let tickets = (await api.call('GET', `/api/v2/views/${views.all_unsolved}/tickets?page[size]=100`)).tickets;
  if (tickets.length < 3) {
    for (const [subject, body] of [
      ['Charged twice for my subscription', 'My card was charged twice this month.'],
      ['Cannot reset my password', 'The reset email never arrives.'],
      ['Export to CSV is missing columns', 'The order export has no VAT column.'],
    ])
      await api.call('POST', '/api/v2/tickets', {
        ticket: {
          subject,
          comment: { body },
          requester: { name: 'Dana Customer', email: 'dana@example.org' },
        },
      });
    tickets = (await api.call('GET', `/api/v2/views/${views.all_unsolved}/tickets?page[size]=100`)).tickets;
  }
  const open = tickets.filter((t) => t.status !== 'pending');
  const email = tickets.find((t) => t.via.channel === 'email');
  return {
    url,
    api,
    views,
    password: PASSWORD,
    adminEmail: 'admin@example.com',
    adminName: api.user.name,
    agentEmail,
    agentName: agentApi.user.name,
    ticket: (open[0] ?? tickets[0]).id,
    emailTicket: email?.id ?? null,
    notes: [],
  };
}

const started = Date.now();
const results = [];
let frontline;
let browsers = [];
try {
  buildWebApp();
  frontline = await startFrontline();
  const state = await prepare(frontline.url);
  const admin = await launchChromium(chromium, { locale: 'en-US' });
  const agent = await launchChromium(chromium, { locale: 'en-US' });
  browsers = [admin, agent];
  const pages = {
    admin: admin.context.pages()[0] ?? (await admin.context.newPage()),
    agent: agent.context.pages()[0] ?? (await agent.context.newPage()),
  };
  const consoleErrors = [];
  for (const [who, page] of Object.entries(pages))
    page.on('pageerror', (error) => consoleErrors.push(`${who}: ${error.message}`));

  for (const flow of flows) {
    if (only && !flow.name.includes(only) && flow !== flows[0]) continue;
    const t0 = Date.now();
    try {
      const note = await flow.run({ ...pages, shot, state });
      results.push({ name: flow.name, ok: true, note });
      console.log(`  ✓ ${flow.name}${note ? ` (${note})` : ''} ${Date.now() - t0} ms`);
    } catch (error) {
      results.push({ name: flow.name, ok: false, error });
      console.log(
        `  ✗ ${flow.name}\n      ${String(error.message ?? error)
          .split('\n')
          .slice(0, 6)
          .join('\n      ')}`,
      );
      for (const [who, page] of Object.entries(pages)) await shot(page, `FAILED-${who}`).catch(() => {});
    }
  }
  if (consoleErrors.length) {
    results.push({
      name: 'no uncaught errors in the page',
      ok: false,
      error: new Error(consoleErrors.join('\n')),
    });
    console.log(`  ✗ uncaught page errors:\n      ${consoleErrors.join('\n      ')}`);
  }
  for (const note of state.notes) console.log(`  ! ${note}`);
} catch (error) {
  results.push({ name: 'e2e setup', ok: false, error });
  console.error(`✗ e2e setup failed: ${error.stack ?? error}`);
} finally {
  for (const b of browsers) await b.close();
  await frontline?.stop();
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(
  `\nbrowser flows took ${Math.round((Date.now() - started) / 1000)} s; screenshots in e2e/screenshots/`,
);
// The closing line CI reads: "N passed, N failed" alone on its line.
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
