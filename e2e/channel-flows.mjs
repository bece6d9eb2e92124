// Browser flows for the email channel's admin screens (issues 3 and 4) and the inbox
// follow-ups: a mailbox made in the UI receives mail by webhook and its held message is
// recovered; bulk changes go through update_many; the composer attaches files.
import { until, WAIT } from './lib/ui.mjs';

const SECRET = 'e2e-inbound-secret-0123456789abcdef';

function outOfOffice(to) {
  return [
    'From: Olivia Away <olivia.away@example.org>',
    `To: ${to}`,
    'Subject: Out of office: back on Monday',
    `Message-ID: <ooo-${Date.now()}@example.org>`,
    `Date: ${new Date().toUTCString()}`,
    'Auto-Submitted: auto-replied',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'I am out of the office until Monday and will answer your message then.',
    '',
  ].join('\r\n');
}

export const channelFlows = [
  {
    name: 'add a mailbox, receive mail by its webhook, and recover the held message',
    async run({ admin, shot, state }) {
      await admin.goto(`${state.url}/agent/admin/mailboxes`);
      await admin.getByTestId('add-mailbox').click();
      const editor = admin.getByTestId('mailbox-editor');
      await editor.getByLabel('Address').fill('help@example.com');
      await editor.getByLabel('Display name').fill('Example Help');
      await editor.getByTestId('inbound-secret').fill(SECRET);
      await editor.getByTestId('save-mailbox').click();
      const url = (await admin.getByTestId('inbound-url').textContent())?.replace(/^POST\s+/, '').trim();
      if (!url?.endsWith('/inbound')) throw new Error(`no inbound URL shown (${url})`);
      await admin.getByText('A secret is set').waitFor({ timeout: WAIT });
      await shot(admin, 'mailbox-created');
      await admin.keyboard.press('Escape');

      const refused = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'message/rfc822',
          'x-frontline-inbound-secret': 'wrong-secret-wrong-secret-wrong',
        },
        body: outOfOffice('help@example.com'),
      });
      if (refused.status !== 401) throw new Error(`a wrong secret should be refused, got ${refused.status}`);
      const sent = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822', 'x-frontline-inbound-secret': SECRET },
        body: outOfOffice('help@example.com'),
      });
      if (sent.status !== 202) throw new Error(`the webhook answered ${sent.status}: ${await sent.text()}`);
      const held = await until(
        async () =>
          (await state.api.call('GET', '/api/v2/suspended_tickets')).suspended_tickets.find((s) =>
            s.subject.startsWith('Out of office'),
          ),
        'the out-of-office reply to be held',
      );

      await admin.goto(`${state.url}/agent/admin/held`);
      const item = admin.getByTestId(`held-${held.id}`);
      await item.getByText('Out-of-office reply').waitFor({ timeout: WAIT });
      await shot(admin, 'held-mail');
      await admin.getByTestId(`recover-${held.id}`).click();
      await admin.getByTestId('recovered').waitFor({ timeout: WAIT });
      await shot(admin, 'held-mail-recovered');
      const ticketId = Number(
        (await admin.getByTestId('recovered').locator('a').textContent())?.replace('#', ''),
      );
      const ticket = (await state.api.call('GET', `/api/v2/tickets/${ticketId}`)).ticket;
      if (ticket.subject !== 'Out of office: back on Monday')
        throw new Error(`recovered onto "${ticket.subject}"`);
      await until(
        async () =>
          !(await state.api.call('GET', '/api/v2/suspended_tickets')).suspended_tickets.some(
            (s) => s.id === held.id,
          ),
        'the held message to leave the list',
      );
    },
  },
  {
    name: 'bulk actions run as one update_many job',
    async run({ admin, state }) {
      await admin.goto(`${state.url}/agent/views/${state.views.all_unsolved}`);
      const rows = admin.locator('tbody tr[data-ticket-id]');
      await rows.nth(2).waitFor({ timeout: WAIT });
      const ids = [
        Number(await rows.nth(1).getAttribute('data-ticket-id')),
        Number(await rows.nth(2).getAttribute('data-ticket-id')),
      ];
      const calls = [];
      const listen = (request) => {
        if (request.method() === 'PUT' && request.url().includes('/api/v2/tickets'))
          calls.push(request.url());
      };
      admin.on('request', listen);
      for (const id of ids) await admin.getByLabel(`Select ticket ${id}`, { exact: true }).check();
      await admin.getByLabel('Add tags').fill('bulk_checked');
      await admin.getByRole('button', { name: 'Add', exact: true }).click();
      await until(async () => {
        const tickets = await Promise.all(
          ids.map(async (id) => (await state.api.call('GET', `/api/v2/tickets/${id}`)).ticket),
        );
        return tickets.every((t) => t.tags.includes('bulk_checked'));
      }, 'both tickets to get the tag');
      admin.off('request', listen);
      if (calls.length !== 1 || !calls[0].includes('/tickets/update_many?ids='))
        throw new Error(`expected one update_many call, saw ${JSON.stringify(calls)}`);
    },
  },
  {
    name: 'the composer attaches a file to a reply',
    async run({ admin, shot, state }) {
      await admin.goto(`${state.url}/agent/tickets/${state.ticket}`);
      await admin.getByTestId('attach-input').setInputFiles({
        name: 'steps-to-reproduce.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('1. Open checkout\n2. Pay\n3. Error 500\n'),
      });
      await admin
        .getByTestId('pending-upload')
        .filter({ hasText: 'steps-to-reproduce.txt' })
        .waitFor({ timeout: WAIT });
      await admin.getByTestId('composer-body').click();
      await admin.keyboard.type('Here are the steps our engineers used.');
      await until(
        async () => !(await admin.getByTestId('send').isDisabled()),
        'the upload to finish',
        10_000,
      );
      await shot(admin, 'composer-attachment');
      await admin.getByTestId('send').click();
      await admin
        .locator('[data-comment-kind="public"]', { hasText: 'steps our engineers used' })
        .getByText('steps-to-reproduce.txt')
        .waitFor({ timeout: WAIT });
      const comments = (await state.api.call('GET', `/api/v2/tickets/${state.ticket}/comments`)).comments;
      const reply = comments.find((c) => c.body.includes('steps our engineers used'));
      if (reply?.attachments?.[0]?.file_name !== 'steps-to-reproduce.txt')
        throw new Error('the attachment is not on the reply');
    },
  },
];
