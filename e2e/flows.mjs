// The agent workspace's browser flows. Each takes the shared state and throws on a
// failure; run.mjs runs them in order and saves screenshots under e2e/screenshots/.
import { channelFlows } from './channel-flows.mjs';
import { login, WAIT } from './lib/ui.mjs';
import { workflowFlows } from './workflow-flows.mjs';

export { login };

async function openView(page, builtin, state) {
  const id = state.views[builtin];
  await page.goto(`${state.url}/agent/views/${id}`);
  await page.locator('tbody tr[data-ticket-id]').first().waitFor({ timeout: WAIT });
}

export const flows = [
  {
    name: 'log in and see the inbox with views and counts',
    async run({ admin, shot, state }) {
      await login(admin, state.url, state.adminEmail, state.password);
      const counts = admin.locator('[data-testid^="count-"]');
      await counts.first().waitFor({ timeout: WAIT });
      if ((await admin.locator('nav a').count()) < 8)
        throw new Error('expected the built-in views in the navigation');
      await shot(admin, 'inbox');
    },
  },
  {
    name: 'open a view, move with the keyboard and open a ticket',
    async run({ admin, shot, state }) {
      await openView(admin, 'all_unsolved', state);
      const rows = admin.locator('tbody tr[data-ticket-id]');
      if ((await rows.count()) < 2) throw new Error('the all-unsolved view should list several demo tickets');
      await admin.keyboard.press('j');
      const second = await rows.nth(1).getAttribute('data-ticket-id');
      if ((await rows.nth(1).getAttribute('aria-selected')) !== 'true')
        throw new Error('j did not move the cursor');
      await admin.keyboard.press('Enter');
      await admin.waitForURL(new RegExp(`/agent/tickets/${second}$`));
      await admin.locator('[data-comment-id]').first().waitFor({ timeout: WAIT });
      await shot(admin, 'view-keyboard-open');
      await admin.keyboard.press('Shift+Slash');
      await admin.getByRole('dialog').waitFor({ timeout: WAIT });
      await shot(admin, 'shortcuts');
      await admin.keyboard.press('Escape');
    },
  },
  {
    name: 'email bodies render in a sandboxed frame without scripts',
    async run({ admin, state }) {
      if (!state.emailTicket) return 'skipped: no email ticket in the demo data';
      await admin.goto(`${state.url}/agent/tickets/${state.emailTicket}`);
      const frame = admin.locator('iframe[data-testid="email-frame"]').first();
      await frame.waitFor({ timeout: WAIT });
      const sandbox = await frame.getAttribute('sandbox');
      if (sandbox === null || sandbox.includes('allow-scripts'))
        throw new Error(`email frame sandbox is "${sandbox}"; scripts must not run`);
    },
  },
  {
    name: 'remote images in customer mail load only when the agent asks',
    async run({ admin, shot, state }) {
      // A tracking pixel on another site (https: the app's CSP lets those load once shown).
      const pixelUrl = 'https://pixel.example.net/open.gif?id=42';
      const { mailboxes } = await state.api.call('GET', '/api/v2/frontline/mailboxes');
      const mailbox = mailboxes[0];
      const secret = 'e2e-inbound-secret-for-the-pixel-flow';
      await state.api.call('PUT', `/api/v2/frontline/mailboxes/${mailbox.id}`, {
        mailbox: { inbound_secret: secret },
      });
      const subject = `Newsletter with a pixel ${Date.now()}`;
      const raw = [
        'From: Dana Customer <dana@example.org>',
        `To: ${mailbox.address}`,
        `Subject: ${subject}`,
        `Message-ID: <pixel-${Date.now()}@example.org>`,
        'MIME-Version: 1.0',
        'Content-Type: text/html; charset=utf-8',
        '',
        `<p>Hello, see our offer</p><img src="${pixelUrl}" width="1" height="1" alt="">`,
      ].join('\r\n');
      const sent = await fetch(`${state.url}/api/v2/frontline/mailboxes/${mailbox.id}/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822', 'x-frontline-inbound-secret': secret },
        body: raw,
      });
      if (sent.status !== 202) throw new Error(`inbound mail → ${sent.status} ${await sent.text()}`);
      let ticket;
      for (let i = 0; i < 60 && !ticket; i++) {
        const recent = await state.api.call('GET', '/api/v2/tickets?sort=-updated_at&page[size]=25');
        ticket = recent.tickets.find((x) => x.subject === subject);
        if (!ticket) await new Promise((r) => setTimeout(r, 500));
      }
      if (!ticket) throw new Error('the mail did not become a ticket');
      await admin.goto(`${state.url}/agent/tickets/${ticket.id}`);
      const notice = admin.getByTestId('remote-images-blocked').first();
      await notice.waitFor({ timeout: WAIT });
      const frame = admin.locator('iframe[data-testid="email-frame"]').first();
      const before = (await frame.getAttribute('srcdoc')) ?? '';
      if (before.includes(`src="${pixelUrl}"`) && !before.includes(`data-remote-src="${pixelUrl}"`))
        throw new Error('the pixel is in the frame before the agent asked');
      if (!before.includes("img-src 'self' data: blob:"))
        throw new Error('the frame does not restrict images to Frontline itself');
      await shot(admin, 'remote-images-blocked');
      await notice.getByRole('button', { name: /show remote images/i }).click();
      await notice.waitFor({ state: 'detached', timeout: WAIT });
      const after = (await frame.getAttribute('srcdoc')) ?? '';
      if (!after.includes(` src="${pixelUrl}"`) || !after.includes('img-src * data: blob:'))
        throw new Error('the images are still blocked after Show remote images');
    },
  },
  {
    name: 'reply publicly, add an internal note, and send-and-set-status',
    async run({ admin, shot, state }) {
      await admin.goto(`${state.url}/agent/tickets/${state.ticket}`);
      const body = admin.getByTestId('composer-body');
      await body.waitFor({ timeout: WAIT });
      await body.click();
      await admin.keyboard.type('Thanks for writing in. We have refunded the duplicate charge.');
      await admin.getByTestId('send').click();
      await admin
        .locator('[data-comment-kind="public"]', { hasText: 'refunded the duplicate' })
        .waitFor({ timeout: WAIT });

      await admin.locator('label', { hasText: /internal note/i }).click();
      await body.click();
      await admin.keyboard.type('Refund id R-1042 in the billing console.');
      await admin.keyboard.press('Control+Enter');
      await admin.locator('[data-comment-kind="note"]', { hasText: 'R-1042' }).waitFor({ timeout: WAIT });

      await admin.locator('label', { hasText: /public reply/i }).click();
      await body.click();
      await admin.keyboard.type('Let us know if anything else comes up.');
      await admin.getByTestId('send-as').click();
      await admin.getByTestId('send-as-pending').click();
      await admin
        .locator('[data-comment-kind="public"]', { hasText: 'anything else' })
        .waitFor({ timeout: WAIT });
      const ticket = (await state.api.call('GET', `/api/v2/tickets/${state.ticket}`)).ticket;
      if (ticket.status !== 'pending')
        throw new Error(`expected pending after "send and set to pending", got ${ticket.status}`);
      const comments = (await state.api.call('GET', `/api/v2/tickets/${state.ticket}/comments`)).comments;
      const note = comments.find((c) => c.body.includes('R-1042'));
      if (!note || note.public) throw new Error('the internal note must be stored as private');
      await shot(admin, 'ticket-replied');
    },
  },
  {
    name: 'change ticket fields',
    async run({ admin, shot, state }) {
      await admin.goto(`${state.url}/agent/tickets/${state.ticket}`);
      const priority = admin.getByLabel('Priority', { exact: true }).first();
      await priority.click();
      await admin.getByRole('option', { name: /^urgent$/i }).click();
      const tags = admin.getByLabel('Tags', { exact: true }).first();
      await tags.click();
      await admin.keyboard.type('refund');
      await admin.keyboard.press('Enter');
      await admin.getByTestId('send').click();
      for (let i = 0; i < 30; i++) {
        const t = (await state.api.call('GET', `/api/v2/tickets/${state.ticket}`)).ticket;
        if (t.priority === 'urgent' && t.tags.includes('refund')) {
          await shot(admin, 'ticket-fields');
          return;
        }
        await admin.waitForTimeout(300);
      }
      throw new Error('priority and tag changes were not saved');
    },
  },
  {
    name: 'apply a macro',
    async run({ admin, shot, state }) {
      const listed = await state.api.call('GET', '/api/v2/macros/active').catch(() => null);
      if (!listed) return 'skipped: no macros API';
      const title = 'Ask for the order number';
      if (!listed.macros.some((m) => m.title === title))
        await state.api.call('POST', '/api/v2/macros', {
          macro: {
            title,
            actions: [
              { field: 'comment_value', value: 'Could you send us your order number?' },
              { field: 'status', value: 'pending' },
            ],
          },
        });
      // Earlier flows left the ticket pending; the macro must change something to be seen.
      await state.api.call('PUT', `/api/v2/tickets/${state.ticket}`, { ticket: { status: 'open' } });
      await admin.goto(`${state.url}/agent/tickets/${state.ticket}`);
      await admin.getByRole('button', { name: /apply macro/i }).click();
      await admin.getByRole('menuitem', { name: title }).click();
      await admin.getByTestId('composer-body').filter({ hasText: 'order number' }).waitFor({ timeout: WAIT });
      await admin.locator('[data-changed]').first().waitFor({ timeout: WAIT });
      await shot(admin, 'macro-applied');
      await admin.getByTestId('send').click();
      await admin
        .locator('[data-comment-kind="public"]', { hasText: 'order number' })
        .waitFor({ timeout: WAIT });
      const ticket = (await state.api.call('GET', `/api/v2/tickets/${state.ticket}`)).ticket;
      if (ticket.status !== 'pending')
        throw new Error(`the macro's status change was not applied (${ticket.status})`);
    },
  },
  {
    name: 'a ticket created through the API appears live in a second browser',
    async run({ agent, shot, state }) {
      await login(agent, state.url, state.agentEmail, state.password);
      await openView(agent, 'all_unsolved', state);
      const subject = `Live check ${Date.now()}`;
      const created = await state.api.call('POST', '/api/v2/tickets', {
        ticket: {
          subject,
          comment: { body: 'Created while the agent watches the queue.' },
          requester: { name: 'Live Customer', email: 'live.customer@example.org' },
          priority: 'urgent',
        },
      });
      state.liveTicket = created.ticket.id;
      await agent.locator('tbody tr', { hasText: subject }).waitFor({ timeout: 10_000 });
      await shot(agent, 'live-new-ticket');
    },
  },
  {
    name: 'collision warning between two agents, and the stale reply is blocked',
    async run({ admin, agent, shot, state }) {
      if (!agent.url().includes('/agent')) await login(agent, state.url, state.agentEmail, state.password);
      const id = state.liveTicket ?? state.ticket;
      await admin.goto(`${state.url}/agent/tickets/${id}`);
      await admin.getByTestId('composer-body').waitFor({ timeout: WAIT });
      await agent.goto(`${state.url}/agent/tickets/${id}`);
      await agent.getByTestId('collision').filter({ hasText: state.adminName }).waitFor({ timeout: WAIT });
      await admin.getByTestId('collision').filter({ hasText: state.agentName }).waitFor({ timeout: WAIT });

      await admin.getByTestId('composer-body').click();
      await admin.keyboard.type('Draft started before the other agent replied.');
      await agent.getByTestId('collision').filter({ hasText: state.adminName }).waitFor({ timeout: WAIT });
      await agent.waitForFunction(
        () =>
          document.querySelector('[data-testid="collision"]')?.getAttribute('class')?.includes('orange') ||
          /writ|输入|撰写|يكتب/.test(document.querySelector('[data-testid="collision"]')?.textContent ?? ''),
        null,
        { timeout: WAIT },
      );
      await shot(agent, 'collision-typing');

      await agent.getByTestId('composer-body').click();
      await agent.keyboard.type('I am taking this one.');
      await agent.getByTestId('send').click();
      await agent
        .locator('[data-comment-kind="public"]', { hasText: 'taking this one' })
        .waitFor({ timeout: WAIT });

      await admin.getByTestId('send').click();
      await admin.getByTestId('stale-warning').waitFor({ timeout: WAIT });
      await shot(admin, 'stale-reply-blocked');
      const before = (await state.api.call('GET', `/api/v2/tickets/${id}/comments`)).comments;
      if (before.some((c) => c.body.includes('Draft started before')))
        throw new Error('the stale reply was sent although the ticket changed');
      await admin.getByTestId('stale-warning').getByRole('button').first().click();
      await admin
        .locator('[data-comment-kind="public"]', { hasText: 'Draft started before' })
        .waitFor({ timeout: WAIT });
    },
  },
  {
    name: 'switch to Arabic: the page is right-to-left and mirrored',
    async run({ admin, shot, state }) {
      await admin.goto(`${state.url}/agent/views/${state.views.all_unsolved}`);
      await admin.getByTestId('language-menu').click();
      await admin.getByRole('menuitem', { name: 'العربية' }).click();
      await admin.waitForFunction(() => document.documentElement.dir === 'rtl', null, { timeout: WAIT });
      const lang = await admin.evaluate(() => document.documentElement.lang);
      if (lang !== 'ar') throw new Error(`expected lang="ar", got ${lang}`);
      const nav = await admin.locator('nav').first().boundingBox();
      const width = admin.viewportSize().width;
      if (!nav || nav.x < width / 2)
        throw new Error(`the navigation should sit on the right in Arabic (x=${nav?.x})`);
      await admin.locator('tbody tr[data-ticket-id]').first().waitFor({ timeout: WAIT });
      await shot(admin, 'arabic-inbox');
      const me = (await state.api.call('GET', '/auth/session')).user;
      if (me.locale !== 'ar')
        throw new Error(`the language was not stored on the profile (locale ${me.locale})`);
      await admin.goto(`${state.url}/agent/tickets/${state.ticket}`);
      await admin.locator('[data-comment-id]').first().waitFor({ timeout: WAIT });
      await shot(admin, 'arabic-ticket');
      await admin.goto(`${state.url}/agent/admin/users`);
      await admin.locator('table tbody tr').first().waitFor({ timeout: WAIT });
      await shot(admin, 'arabic-admin');
    },
  },
  {
    name: 'switch to Chinese and back to English',
    async run({ admin, shot, state }) {
      await admin.goto(`${state.url}/agent/views/${state.views.my_open}`);
      await admin.getByTestId('language-menu').click();
      await admin.getByRole('menuitem', { name: '简体中文' }).click();
      await admin.waitForFunction(
        () => document.documentElement.lang === 'zh-CN' && document.documentElement.dir === 'ltr',
        null,
        { timeout: WAIT },
      );
      await admin.getByText('我的未解决工单').first().waitFor({ timeout: WAIT });
      await shot(admin, 'chinese-inbox');
      await admin.goto(`${state.url}/agent/tickets/${state.ticket}`);
      await admin.locator('[data-comment-id]').first().waitFor({ timeout: WAIT });
      await shot(admin, 'chinese-ticket');
      await admin.getByTestId('language-menu').click();
      await admin.getByRole('menuitem', { name: 'English' }).click();
      await admin.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: WAIT });
    },
  },
  {
    name: 'customers, organizations and admin screens',
    async run({ admin, shot, state }) {
      const ticket = (await state.api.call('GET', `/api/v2/tickets/${state.ticket}`)).ticket;
      await admin.goto(`${state.url}/agent/users/${ticket.requester_id}`);
      await admin.locator('form input').first().waitFor({ timeout: WAIT });
      await admin.locator('table tbody tr').first().waitFor({ timeout: WAIT });
      await shot(admin, 'customer-profile');
      await admin.goto(`${state.url}/agent/organizations`);
      await admin.locator('table tbody tr a').first().click();
      await admin.waitForURL(/\/agent\/organizations\/\d+/);
      await admin.locator('form input').first().waitFor({ timeout: WAIT });
      await shot(admin, 'organization');
      for (const section of ['users', 'groups', 'fields', 'views', 'tokens']) {
        await admin.goto(`${state.url}/agent/admin/${section}`);
        await admin
          .locator(`[data-testid="admin-nav-${section}"][aria-current="page"]`)
          .waitFor({ timeout: WAIT });
        await admin.locator('form').first().waitFor({ timeout: WAIT });
        if (section !== 'fields' && section !== 'tokens')
          await admin.locator('table tbody tr').first().waitFor({ timeout: WAIT });
        await shot(admin, `admin-${section}`);
      }
    },
  },
  ...workflowFlows,
  ...channelFlows,
];
