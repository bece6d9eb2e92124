// Browser flows for the workflow screens (issue 5): SLA policies and triggers made in the
// admin screens take effect on tickets, presence drives assignment, approvals are decided
// in one click, and every workflow screen is shown in English, Chinese and Arabic.
import { choose, LANGUAGES, login, switchLanguage, until, WAIT } from './lib/ui.mjs';

const ticketOf = async (state, id) => (await state.api.call('GET', `/api/v2/tickets/${id}`)).ticket;
const workflowOf = async (state, id) =>
  (await state.api.call('GET', `/api/v2/frontline/tickets/${id}/workflow`)).workflow;

/** A ticket written by a customer (an agent's public comment would already count as the first reply). */
async function newTicket(state, fields) {
  state.customerId ??= (await ticketOf(state, state.ticket)).requester_id;
  const body = await state.api.call('POST', '/api/v2/tickets', {
    ticket: {
      requester_id: state.customerId,
      comment: { body: 'Sent in by a customer during the browser flows.', author_id: state.customerId },
      ...fields,
    },
  });
  return body.ticket.id;
}

export const workflowFlows = [
  {
    name: 'an SLA policy made in the admin screen puts a countdown on a new urgent ticket',
    async run({ admin, shot, state }) {
      await admin.goto(`${state.url}/agent/admin/sla`);
      await admin.getByTestId('add-sla').click();
      const editor = admin.getByTestId('sla-editor');
      await editor.getByLabel(/^Title/).fill('Urgent tickets: first reply in 30 minutes');
      await editor.getByRole('button', { name: 'Add condition' }).first().click();
      await choose(admin, editor.getByTestId('condition-field').first(), 'Priority');
      // A priority condition starts as "is Urgent".
      await editor.getByTestId('target-first_reply_time-urgent').fill('30');
      await shot(admin, 'sla-policy-editor');
      await editor.getByTestId('save-sla').click();
      await admin.getByText('Urgent tickets: first reply in 30 minutes').waitFor({ timeout: WAIT });
      const policy = (await state.api.call('GET', '/api/v2/slas/policies')).sla_policies.find((p) =>
        p.title.startsWith('Urgent tickets'),
      );
      if (!policy) throw new Error('the SLA policy was not saved');
      if (
        JSON.stringify(policy.filter.all) !==
        JSON.stringify([{ field: 'priority', operator: 'is', value: 'urgent' }])
      )
        throw new Error(`unexpected filter ${JSON.stringify(policy.filter)}`);
      // The demo's own policies cover every priority and the first match applies, as in
      // Zendesk: put the new one first.
      const order = (await state.api.call('GET', '/api/v2/slas/policies')).sla_policies.map((p) => p.id);
      await state.api.call('PUT', '/api/v2/slas/policies/reorder', {
        sla_policy_ids: [policy.id, ...order.filter((id) => id !== policy.id)],
      });

      const id = await newTicket(state, { subject: 'Checkout is down for everyone', priority: 'urgent' });
      await until(
        async () =>
          (await workflowOf(state, id)).sla_targets.some(
            (t) => t.metric === 'first_reply_time' && t.stage === 'active',
          ),
        'the running first-reply target',
      );
      await admin.goto(`${state.url}/agent/tickets/${id}`);
      const badge = admin.getByTestId('sla-badge');
      await badge.waitFor({ timeout: WAIT });
      const text = await badge.textContent();
      if (!/First reply breaches in (29|30) min/.test(text ?? ''))
        throw new Error(`the SLA badge says "${text}"`);
      await admin.getByTestId('workflow-tab').click();
      await admin.getByTestId('sla-target-first_reply_time').waitFor({ timeout: WAIT });
      await shot(admin, 'ticket-sla-badge');
      state.slaTicket = id;
    },
  },
  {
    name: 'a trigger made in the admin screen tags matching new tickets',
    async run({ admin, shot, state }) {
      await admin.goto(`${state.url}/agent/admin/triggers`);
      await admin.getByTestId('add-rule').click();
      const editor = admin.getByTestId('rule-editor');
      await editor.getByLabel(/^Title/).fill('Tag VIP requests');
      await editor.getByRole('button', { name: 'Add condition' }).first().click();
      const second = editor.getByTestId('condition-row').nth(1);
      await choose(admin, second.getByTestId('condition-field'), 'Subject text');
      await second.getByTestId('condition-value').fill('VIP');
      // A new trigger starts with one "Add tags" action.
      await editor.getByTestId('action-row').first().getByTestId('action-value').fill('vip_customer');
      await shot(admin, 'trigger-editor');
      await editor.getByTestId('save-rule').click();
      await admin.getByText('Tag VIP requests').waitFor({ timeout: WAIT });

      const id = await newTicket(state, { subject: 'VIP: contract renewal question' });
      const other = await newTicket(state, { subject: 'An ordinary question' });
      await until(
        async () => (await ticketOf(state, id)).tags.includes('vip_customer'),
        'the trigger to tag the ticket',
      );
      if ((await ticketOf(state, other)).tags.includes('vip_customer'))
        throw new Error('the trigger tagged a ticket that does not match');
      await admin.goto(`${state.url}/agent/tickets/${id}`);
      await admin.getByText('vip_customer').first().waitFor({ timeout: WAIT });
      await shot(admin, 'trigger-tagged-ticket');
    },
  },
  {
    name: 'an agent goes online from the header and a new ticket is assigned to them',
    async run({ agent, shot, state }) {
      if (!agent.url().includes('/agent')) await login(agent, state.url, state.agentEmail, state.password);
      await agent.goto(`${state.url}/agent/views/${state.views.my_open}`);
      const menu = agent.getByTestId('presence-menu');
      await menu.waitFor({ timeout: WAIT });
      if ((await menu.getAttribute('data-presence')) !== 'offline')
        throw new Error('agents should start offline');
      await menu.click();
      await agent.getByTestId('presence-online').click();
      await agent.locator('[data-testid="presence-menu"][data-presence="online"]').waitFor({ timeout: WAIT });
      await shot(agent, 'presence-online');

      const me = (await state.api.call('GET', '/api/v2/frontline/agents')).agents.find(
        (a) => a.name === state.agentName,
      );
      const group = me.group_ids[0];
      const id = await newTicket(state, { subject: 'Assigned because someone is online', group_id: group });
      const assigned = await until(async () => (await ticketOf(state, id)).assignee_id, 'the assignment');
      if (assigned !== me.user_id)
        throw new Error(`expected the online agent ${me.user_id}, got ${assigned}`);
      await agent.locator(`tbody tr[data-ticket-id="${id}"]`).waitFor({ timeout: WAIT });
      await shot(agent, 'assigned-to-online-agent');
      await menu.click();
      await agent.getByTestId('presence-offline').click();
      await agent
        .locator('[data-testid="presence-menu"][data-presence="offline"]')
        .waitFor({ timeout: WAIT });
    },
  },
  {
    name: 'an agent asks for an empowered action above their limit and an admin approves it in one click',
    async run({ admin, agent, shot, state }) {
      await admin.goto(`${state.url}/agent/admin/actions`);
      await admin.getByTestId('add-action').click();
      const editor = admin.getByTestId('action-editor');
      // The demo workspace has a Refund action already: this one is another.
      await editor.getByLabel(/^Name/).fill('Goodwill credit');
      await editor.getByLabel('Unit').fill('USD');
      await editor.getByTestId('limit-junior').fill('50');
      await editor.getByTestId('limit-mid').fill('100');
      await editor.getByTestId('limit-senior').fill('500');
      await editor.getByTestId('save-action').click();
      await admin.getByRole('cell', { name: 'Goodwill credit' }).waitFor({ timeout: WAIT });

      const id = state.slaTicket ?? state.ticket;
      await agent.goto(`${state.url}/agent/tickets/${id}`);
      await agent.getByTestId('workflow-tab').click();
      await choose(agent, agent.getByTestId('action-select'), 'Goodwill credit');
      await agent.getByTestId('action-amount').fill('250');
      await agent.getByText('Above your limit').waitFor({ timeout: WAIT });
      await agent.getByTestId('action-submit').click();
      await agent.getByTestId('action-result').waitFor({ timeout: WAIT });
      await shot(agent, 'approval-requested');

      const request = await until(
        async () =>
          (await state.api.call('GET', '/api/v2/frontline/approvals?status=pending_approval')).requests.find(
            (r) => r.ticket_id === id,
          ),
        'the approval request',
      );
      await admin.goto(`${state.url}/agent/approvals`);
      const row = admin.getByTestId(`approval-${request.id}`);
      await row.getByText(`asked by ${state.agentName}`).waitFor({ timeout: WAIT });
      if (state.slaTicket) await row.getByText('Checkout is down for everyone').waitFor({ timeout: WAIT });
      await shot(admin, 'approvals-pending');
      await admin.getByTestId(`approve-${request.id}`).click();
      await until(
        async () =>
          (await state.api.call('GET', `/api/v2/frontline/approvals?ticket_id=${id}`)).requests.find(
            (r) => r.id === request.id && r.status === 'approved',
          ),
        'the approval to be recorded',
      );
      await admin.getByRole('tab', { name: 'All requests' }).click();
      await admin.getByTestId(`approval-${request.id}`).getByText('Approved').waitFor({ timeout: WAIT });
      await shot(admin, 'approval-approved');
      const notes = (await state.api.call('GET', `/api/v2/tickets/${id}/comments`)).comments;
      if (!notes.some((c) => !c.public && /approved/i.test(c.body)))
        throw new Error('the approval is not noted on the ticket');
    },
  },
  {
    name: 'escalate by hand and call a colleague into a swarm from the ticket',
    async run({ admin, shot, state }) {
      const id = await newTicket(state, { subject: 'Invoice totals do not add up', group_id: 1 });
      await admin.goto(`${state.url}/agent/tickets/${id}`);
      await admin.getByTestId('workflow-tab').click();
      await admin.getByTestId('escalate').click();
      await admin.getByTestId('escalate-reason').fill('Needs a product specialist: tax rules for the EU.');
      await admin.getByTestId('escalate-submit').click();
      await until(
        async () => (await workflowOf(state, id)).escalations.some((e) => e.kind === 'manual'),
        'the escalation',
      );
      await admin.getByTestId('panel-tier').filter({ hasText: '2' }).waitFor({ timeout: WAIT });

      await admin.getByTestId('swarm-open').click();
      await admin.getByTestId('swarm-reason').fill('Can someone check the VAT rounding with me?');
      await choose(admin, admin.getByTestId('swarm-people'), state.agentName);
      await admin.keyboard.press('Escape');
      await admin.getByTestId('swarm-start').click();
      await admin
        .getByTestId('swarm-message-input')
        .fill('The customer is in Germany; the totals are off by one cent.');
      await admin.getByRole('button', { name: 'Send', exact: true }).click();
      await admin.getByTestId('swarm-message').first().waitFor({ timeout: WAIT });
      await shot(admin, 'escalated-and-swarm');
    },
  },
  {
    name: 'an agent makes a personal macro with a placeholder and applies it',
    async run({ agent, shot, state }) {
      if (!agent.url().includes('/agent')) await login(agent, state.url, state.agentEmail, state.password);
      await agent.goto(`${state.url}/agent/macros`);
      await agent.getByTestId('add-macro').click();
      const editor = agent.getByTestId('macro-editor');
      await editor.getByLabel(/^Title/).fill('Thanks for waiting');
      // A new macro starts with one "Add a comment" action; agents make personal macros.
      await editor
        .getByTestId('action-body')
        .fill('Thanks for your patience, {{ticket.requester.first_name}}!');
      if (!(await editor.getByRole('radio', { name: 'Only me' }).isChecked()))
        throw new Error('an agent macro should be personal');
      await editor.getByTestId('save-macro').click();
      await agent
        .getByRole('cell', { name: /Thanks for waiting/ })
        .first()
        .waitFor({ timeout: WAIT });
      await shot(agent, 'personal-macro');

      const id = await newTicket(state, { subject: 'Where is my parcel?' });
      await agent.goto(`${state.url}/agent/tickets/${id}`);
      await agent.getByRole('button', { name: /apply macro/i }).click();
      await agent.getByRole('menuitem', { name: 'Thanks for waiting' }).click();
      const body = agent.getByTestId('composer-body');
      await body.filter({ hasText: 'Thanks for your patience' }).waitFor({ timeout: WAIT });
      const text = await body.textContent();
      if (text?.includes('{{')) throw new Error(`the placeholder was not filled in: ${text}`);
    },
  },
  {
    name: 'the workflow screens in English, Chinese and Arabic',
    async run({ admin, shot, state }) {
      const screens = [
        'groups',
        'users',
        'routing',
        'sla',
        'schedules',
        'triggers',
        'automations',
        'webhooks',
        'actions',
        'mailboxes',
        'held',
      ];
      await admin.goto(`${state.url}/agent/admin/routing`);
      for (const language of LANGUAGES) {
        await switchLanguage(admin, language);
        for (const section of screens) {
          await admin.goto(`${state.url}/agent/admin/${section}`);
          await admin
            .locator(`[data-testid="admin-nav-${section}"][aria-current="page"]`)
            .waitFor({ timeout: WAIT });
          await admin.waitForLoadState('networkidle');
          await shot(admin, `${language.code}-admin-${section}`);
        }
        await admin.goto(`${state.url}/agent/macros`);
        await admin.getByTestId('add-macro').waitFor({ timeout: WAIT });
        await shot(admin, `${language.code}-macros`);
        await admin.goto(`${state.url}/agent/approvals`);
        await admin.waitForLoadState('networkidle');
        await shot(admin, `${language.code}-approvals`);
        await admin.goto(`${state.url}/agent/tickets/${state.slaTicket ?? state.ticket}`);
        await admin.getByTestId('workflow-tab').click();
        await admin.getByTestId('workflow-panel').waitFor({ timeout: WAIT });
        await admin.getByTestId('action-select').waitFor({ timeout: WAIT });
        await shot(admin, `${language.code}-ticket-workflow`);
        const dir = await admin.evaluate(() => document.documentElement.dir);
        if (dir !== (language.code === 'ar' ? 'rtl' : 'ltr'))
          throw new Error(`${language.code} renders ${dir}`);
      }
      await switchLanguage(admin, LANGUAGES[0]);
    },
  },
];
