#!/usr/bin/env node
// Browser flows of the customer side: the web form in Chinese and Arabic (the page's
// own proof-of-work script runs), magic-link sign-in with the link read from an SMTP
// sink, my requests, a reply, the agent seeing that reply, and an agent inserting a
// suggested article. Own Frontline (SMTP_URL → the sink); screenshots under
// e2e/screenshots/portal-*.png. Run: node e2e/portal-flows.mjs
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import {
  apiSession,
  buildWebApp,
  chromiumAvailable,
  launchChromium,
  PASSWORD,
  root,
  startFrontline,
} from './lib/frontline.mjs';
import { login, until, WAIT } from './lib/ui.mjs';

if (!chromiumAvailable()) {
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  console[ci ? 'error' : 'warn'](
    `${ci ? '✗' : '!'} portal e2e: no Chromium at /usr/bin/chromium (apt-get install -y chromium)`,
  );
  process.exit(ci ? 1 : 0);
}
const { chromium } = await import('playwright-core');
const screenshots = path.join(root, 'e2e/screenshots');
mkdirSync(screenshots, { recursive: true });
const shot = (page, name) => page.screenshot({ path: path.join(screenshots, `portal-${name}.png`) });

/** An SMTP server keeping what Frontline sends. */
async function startSink() {
  const mails = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        mails.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { mails, url: `smtp://127.0.0.1:${server.server.address().port}`, close: () => server.close() };
}

const sink = await startSink();
const email = `lin.${Date.now().toString(36)}@customers.example`;
const subject = '无法重置密码 password reset email never arrives';
const results = [];
let frontline;
let browsers = [];

async function step(name, run) {
  const t0 = Date.now();
  try {
    const note = await run();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name}${note ? ` (${note})` : ''} ${Date.now() - t0} ms`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(
      `  ✗ ${name}\n      ${String(error.message ?? error)
        .split('\n')
        .slice(0, 6)
        .join('\n      ')}`,
    );
  }
}

try {
  buildWebApp();
  frontline = await startFrontline(console.log, { SMTP_URL: sink.url, MAIL_DOMAIN: 'help.example' });
  const { url } = frontline;
  const admin = await apiSession(url, 'admin@example.com', PASSWORD);
  const customer = await launchChromium(chromium, { locale: 'zh-CN' });
  const agent = await launchChromium(chromium, { locale: 'en-US' });
  browsers = [customer, agent];
  const page = customer.context.pages()[0] ?? (await customer.context.newPage());
  const agentPage = agent.context.pages()[0] ?? (await agent.context.newPage());
  let ticketId = null;

  await step(
    'the help center in English, Chinese and Arabic: search finds the article, a vote counts',
    async () => {
      for (const [locale, query, title] of [
        ['en-us', 'reset password', 'How to reset your password'],
        ['zh-cn', '重置密码', '如何重置密码'],
        ['ar', 'كلمة المرور', 'كيفية إعادة تعيين كلمة المرور'],
      ]) {
        await page.goto(`${url}/hc/${locale}`);
        const dir = await page.locator('html').getAttribute('dir');
        if ((locale === 'ar') !== (dir === 'rtl')) throw new Error(`/hc/${locale} has dir=${dir}`);
        await shot(page, `hc-home-${locale}`);
        await page.goto(`${url}/hc/${locale}/search?query=${encodeURIComponent(query)}`);
        await page.getByRole('link', { name: title }).first().waitFor({ timeout: WAIT });
        await shot(page, `hc-search-${locale}`);
      }
      await page.getByRole('link', { name: 'كيفية إعادة تعيين كلمة المرور' }).first().click();
      await page.waitForURL(/\/hc\/ar\/articles\/\d+/, { timeout: WAIT });
      const articleId = Number(page.url().match(/articles\/(\d+)/)[1]);
      const votes = async () =>
        (await (await fetch(`${url}/api/v2/help_center/articles/${articleId}.json`)).json()).article
          .vote_count;
      const before = await votes();
      await page.locator('form[action$="/vote"] button').first().click();
      await page.waitForLoadState();
      await until(async () => (await votes()) === before + 1, 'the vote to count');
      await shot(page, 'hc-article-voted-ar');
    },
  );

  await step('the web form in Arabic renders right-to-left', async () => {
    await page.goto(`${url}/hc/ar/requests/new`);
    if ((await page.locator('html').getAttribute('dir')) !== 'rtl') throw new Error('Arabic form is not rtl');
    await shot(page, 'form-ar');
  });

  await step('submit the web form in Chinese (proof-of-work solved by the page)', async () => {
    await page.goto(`${url}/hc/zh-cn/requests/new`);
    await page.locator('#name').fill('林小姐');
    await page.locator('#email').fill(email);
    await page.locator('#subject').fill(subject);
    await page.locator('#description').fill('我点击了“忘记密码”，但一直没有收到邮件。');
    await shot(page, 'form-zh-filled');
    await page.locator('form[data-request-form] button[type=submit]').click();
    await page.getByText('已收到请求').first().waitFor({ timeout: 30_000 });
    ticketId = Number(/#(\d+)/.exec(await page.locator('main').innerText())?.[1]);
    await shot(page, 'form-zh-thanks');
    const ticket = (await admin.call('GET', `/api/v2/tickets/${ticketId}`)).ticket;
    if (ticket.via.channel !== 'web') throw new Error(`via is ${ticket.via.channel}`);
    return `ticket #${ticketId}, via web`;
  });

  await step('sign in by magic link and see the request', async () => {
    await page.goto(`${url}/hc/zh-cn/signin`);
    await page.locator('#link-email').fill(email);
    const before = sink.mails.length;
    await page.locator('form[action$="/signin/link"] button').click();
    await page.locator('.notice').waitFor({ timeout: WAIT });
    let link = null;
    await until(() => {
      link = sink.mails
        .slice(before)
        .map((m) => /http:\/\/\S+\/signin\/link\/\S+/.exec(m.text ?? '')?.[0])
        .find(Boolean);
      return Boolean(link);
    }, 'the sign-in mail');
    await page.goto(link);
    await shot(page, 'magic-link-confirm');
    await page.locator('main form button').click();
    await page.waitForURL(/\/hc\/zh-cn\/requests$/);
    await page.getByText(subject).waitFor({ timeout: WAIT });
    await shot(page, 'my-requests');
    const acknowledged = sink.mails.some(
      (m) => m.to?.text?.includes(email) && /Request received/.test(m.subject),
    );
    return acknowledged ? 'acknowledgement mailed' : 'no acknowledgement mail seen';
  });

  await step('reply on the request page; the agent sees the reply', async () => {
    await page.getByText(subject).click();
    await page.locator('#body').fill('还是没有收到，请帮忙检查。');
    await page.locator('main form button[type=submit]').click();
    await page.getByText('还是没有收到').first().waitFor({ timeout: WAIT });
    await shot(page, 'request-replied');
    await login(agentPage, url, 'admin@example.com', PASSWORD);
    await agentPage.goto(`${url}/agent/tickets/${ticketId}`);
    await agentPage.getByText('还是没有收到，请帮忙检查。').first().waitFor({ timeout: WAIT });
    await shot(agentPage, 'agent-sees-reply');
  });

  await step('the agent inserts a suggested article into the reply and flags one as outdated', async () => {
    // The demo knowledge base has a password article in Chinese: it must be suggested.
    const box = agentPage.locator('[data-testid="suggested-articles"]');
    await box.waitFor({ timeout: WAIT });
    await box.getByRole('button').first().click();
    const html = await agentPage.locator('[contenteditable="true"]').first().innerText();
    if (!/\/hc\//.test(html))
      throw new Error(`the reply does not contain the article link: ${html.slice(0, 200)}`);
    await shot(agentPage, 'agent-inserted-article');
    await box.locator('[data-testid^="flag-"]').first().click();
    await box.locator('[data-testid^="flagged-"]').first().waitFor({ timeout: WAIT });
  });

  await step(
    'the agent writes an article with a preview, reads the knowledge report and the review queue',
    async () => {
      await fetch(`${url}/hc/en-us/search?query=${encodeURIComponent('zzqx flux capacitor')}`);
      await agentPage.goto(`${url}/agent/knowledge`);
      const rows = agentPage.locator('[data-testid="kb-articles"] tbody tr');
      await rows.first().waitFor({ timeout: WAIT });
      await shot(agentPage, 'knowledge-articles');
      await rows.first().click();
      await agentPage.locator('[data-testid="kb-preview"] iframe').waitFor({ timeout: WAIT });
      await shot(agentPage, 'knowledge-editor-preview');
      await agentPage.keyboard.press('Escape');
      await agentPage.getByRole('tab').nth(1).click();
      const report = agentPage.locator('[data-testid="knowledge-report"]');
      await report.waitFor({ timeout: WAIT });
      await report.getByText('zzqx flux capacitor').first().waitFor({ timeout: WAIT });
      await shot(agentPage, 'knowledge-report');
      await agentPage.getByRole('tab').nth(2).click();
      const queue = agentPage.locator('[data-testid="review-queue"]');
      await queue.getByText(`#${ticketId}`).first().waitFor({ timeout: WAIT });
      await shot(agentPage, 'knowledge-review-queue');
    },
  );
} catch (error) {
  results.push({ name: 'setup', ok: false });
  console.log(`  ✗ setup: ${error.message}`);
  if (frontline) console.log(frontline.output.slice(-20).join(''));
} finally {
  for (const b of browsers) await b.close();
  await frontline?.stop();
  sink.close();
}
const failed = results.filter((r) => !r.ok);
console.log(`portal e2e: ${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
