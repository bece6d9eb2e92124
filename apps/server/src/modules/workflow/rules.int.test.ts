import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import {
  api,
  createGroup,
  createUser,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../../test/harness.js';
import { seedWorkflowDefaults } from './index.js';
import { advance, agent, newTicket, settle, ticketRow } from './workflow.testing.js';

let t: TestApp;
let admin: TestUser;
let customer: TestUser;
let billing: { id: number };
let hook: Server;
let hookUrl: string;
let hookCalls: { body: string; auth: string | undefined }[] = [];
let hookFailures = 0;

const notificationsOf = async (id: number) =>
  (await api(t, admin, 'GET', `/api/v2/frontline/tickets/${id}/notifications`)).body.notifications as {
    subject: string;
    body: string;
    recipient_id: number;
    source: string;
  }[];

/** A realistic slice of a Zendesk trigger export (GET /api/v2/triggers.json), as a migration tool replays it. */
function exportedTriggers(groupId: number, webhookId: number) {
  return [
    {
      url: 'https://acme.zendesk.com/api/v2/triggers/360001.json',
      id: 360001,
      title: 'Notify requester and CCs of received request',
      raw_title: 'Notify requester and CCs of received request',
      active: true,
      default: false,
      position: 0,
      description: null,
      category_id: '360000123',
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-01T00:00:00Z',
      conditions: {
        all: [
          { field: 'update_type', operator: 'is', value: 'Create' },
          { field: 'status', operator: 'is_not', value: 'solved' },
        ],
        any: [],
      },
      actions: [
        {
          field: 'notification_user',
          value: [
            'requester_and_ccs',
            '[Acme] Re: {{ticket.title}}',
            'Hi {{ticket.requester.first_name}}, your request ({{ticket.id}}) has been received.\n\n{{ticket.latest_comment}}',
          ],
        },
      ],
    },
    {
      id: 360002,
      title: 'Route billing questions',
      active: true,
      position: 1,
      conditions: {
        all: [{ field: 'update_type', operator: 'is', value: 'Create' }],
        any: [
          { field: 'subject_includes_word', operator: 'includes', value: 'invoice billing refund' },
          { field: 'comment_includes_word', operator: 'includes', value: 'invoice billing refund' },
        ],
      },
      actions: [
        { field: 'group_id', value: String(groupId) },
        { field: 'current_tags', value: 'billing' },
      ],
    },
    {
      id: 360003,
      title: 'VIP requests are urgent',
      active: true,
      position: 2,
      conditions: { all: [{ field: 'current_tags', operator: 'includes', value: 'vip' }], any: [] },
      actions: [
        { field: 'priority', value: 'urgent' },
        { field: 'satisfaction_score', value: 'offered_to_requester' },
      ],
    },
    {
      id: 360004,
      title: 'Tell the billing system about urgent billing tickets',
      active: true,
      position: 3,
      conditions: {
        all: [
          { field: 'priority', operator: 'is', value: 'urgent' },
          { field: 'current_tags', operator: 'includes', value: 'billing' },
        ],
        any: [],
      },
      actions: [
        {
          field: 'notification_webhook',
          value: [String(webhookId), '{"ticket": {{ticket.id}}, "title": "{{ticket.title}}"}'],
        },
      ],
    },
  ];
}

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock('2030-03-04T09:00:00Z') });
  billing = await createGroup(t, 'Billing', 1);
  admin = await createUser(t, { role: 'admin' });
  customer = await createUser(t, { role: 'end-user', name: 'Ada Lovelace' });
  await agent(t, [billing.id], { presence: 'offline' });
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      hookCalls.push({ body, auth: req.headers.authorization });
      if (hookFailures > 0) {
        hookFailures -= 1;
        res.writeHead(500).end('busy');
      } else res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  const address = hook.address();
  hookUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/zendesk`;
});
afterAll(async () => {
  await new Promise((resolve) => hook?.close(resolve));
  await t?.close();
});

describe('webhooks', () => {
  it('refuses private and loopback targets unless an admin allows them, and hides secrets', async () => {
    const refused = await api(t, admin, 'POST', '/api/v2/webhooks', {
      webhook: { name: 'Billing', endpoint: hookUrl },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.details.endpoint[0].description).toMatch(/private address \(127\.0\.0\.1\)/);
    const metadata = await api(t, admin, 'POST', '/api/v2/webhooks', {
      webhook: { name: 'Cloud', endpoint: 'http://169.254.169.254/latest/meta-data' },
    });
    expect(metadata.status).toBe(422);
    const allowed = await api(t, admin, 'POST', '/api/v2/webhooks', {
      webhook: {
        name: 'Billing',
        endpoint: hookUrl,
        allow_private_network: true,
        authentication: { type: 'bearer_token', data: { token: 's3cret' }, add_position: 'header' },
      },
    });
    expect(allowed.status).toBe(201);
    expect(allowed.body.webhook.authentication).toEqual({ type: 'bearer_token', add_position: 'header' });
    expect(JSON.stringify(allowed.body)).not.toContain('s3cret');
    const agentTry = await api(t, await agent(t, []), 'GET', '/api/v2/webhooks');
    expect(agentTry.status).toBe(403);
  });
});

describe('triggers imported from Zendesk', () => {
  let webhookId: number;

  it('accepts a realistic exported set and names a bad condition in one that is not', async () => {
    webhookId = (await api(t, admin, 'GET', '/api/v2/webhooks')).body.webhooks[0].id;
    for (const trigger of exportedTriggers(billing.id, webhookId)) {
      const res = await api(t, admin, 'POST', '/api/v2/triggers.json', { trigger });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const bad = await api(t, admin, 'POST', '/api/v2/triggers', {
      trigger: {
        title: 'Typo',
        conditions: {
          all: [
            { field: 'status', operator: 'is', value: 'open' },
            { field: 'statuss', operator: 'is', value: 'open' },
          ],
        },
        actions: [
          { field: 'status', value: 'pending' },
          { field: 'group_id', value: '999999' },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.details['conditions.all.1'][0].description).toMatch(/unknown field "statuss"/);
    expect(bad.body.details.actions[0].description).toMatch(/group 999999 does not exist/);
    const list = await api(t, admin, 'GET', '/api/v2/triggers/active.json');
    expect(list.body.triggers.map((x: { title: string }) => x.title)).toHaveLength(4);
  });

  it('acknowledges, routes, prioritizes and calls the webhook for a new request, without blocking it', async () => {
    hookFailures = 2;
    hookCalls = [];
    const res = await api(t, admin, 'POST', '/api/v2/tickets', {
      ticket: {
        subject: 'Refund for invoice 42',
        comment: { body: 'I was charged twice' },
        requester_id: customer.user.id,
        tags: ['vip'],
        via: { channel: 'email' },
      },
    });
    expect(res.status).toBe(201);
    const id = res.body.ticket.id;
    await settle(t);
    const row = await ticketRow(t, id);
    expect(row).toMatchObject({ group_id: billing.id, priority: 'urgent' });
    expect(row.tags).toEqual(expect.arrayContaining(['vip', 'billing']));
    const notes = await notificationsOf(id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      subject: '[Acme] Re: Refund for invoice 42',
      recipient_id: customer.user.id,
    });
    expect(notes[0]!.body).toMatch(/^Hi Ada, your request \(\d+\) has been received\./);

    const audits = await api(t, admin, 'GET', `/api/v2/tickets/${id}/audits`);
    const byRule = audits.body.audits.find((a: { via: { channel: string } }) => a.via.channel === 'rule');
    expect(byRule.via.source.rel).toBe('trigger');

    // The webhook failed twice and is retried with back-off; its attempts are visible.
    let calls = await api(t, admin, 'GET', `/api/v2/webhooks/${webhookId}/invocations`);
    expect(calls.body.invocations[0]).toMatchObject({
      status: 'retrying',
      attempts: 1,
      last_status_code: 500,
      ticket_id: id,
    });
    await advance(t, 1);
    await advance(t, 1);
    calls = await api(t, admin, 'GET', `/api/v2/webhooks/${webhookId}/invocations`);
    expect(calls.body.invocations[0]).toMatchObject({
      status: 'succeeded',
      attempts: 3,
      last_status_code: 200,
    });
    expect(hookCalls).toHaveLength(3);
    expect(JSON.parse(hookCalls[2]!.body)).toEqual({ ticket: id, title: 'Refund for invoice 42' });
    expect(hookCalls[2]!.auth).toBe('Bearer s3cret');
  });

  it('stops a trigger that re-triggers itself after one pass per update, and flags it', async () => {
    const looping = await api(t, admin, 'POST', '/api/v2/triggers', {
      trigger: {
        title: 'Thank on every update',
        conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Change' }], any: [] },
        actions: [
          { field: 'comment_value', value: 'Thanks, we are on it.' },
          { field: 'comment_mode_is_public', value: 'true' },
        ],
      },
    });
    const id = await newTicket(t, customer, { subject: 'Hello' });
    await api(t, customer, 'PUT', `/api/v2/tickets/${id}`, { ticket: { comment: { body: 'Any news?' } } });
    await settle(t);
    const thanks = (await api(t, admin, 'GET', `/api/v2/tickets/${id}/comments`)).body.comments.filter(
      (c: { body: string }) => c.body === 'Thanks, we are on it.',
    );
    expect(thanks).toHaveLength(1);
    const flagged = await api(t, admin, 'GET', `/api/v2/triggers/${looping.body.trigger.id}`);
    expect(flagged.body.trigger.loop_detected_at).not.toBeNull();
    expect(flagged.body.trigger.loop_details).toMatch(/stopped after one pass/);
    await api(t, admin, 'DELETE', `/api/v2/triggers/${looping.body.trigger.id}`);
  });
});

describe('automations', () => {
  it('needs a time condition, and names the problem', async () => {
    const res = await api(t, admin, 'POST', '/api/v2/automations', {
      automation: {
        title: 'No time',
        conditions: { all: [{ field: 'status', operator: 'is', value: 'pending' }] },
        actions: [{ field: 'status', value: 'solved' }],
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.details['conditions.all'][0].description).toMatch(/time-based condition/);
  });

  it('runs the demo defaults: remind after 2 days pending, solve after 4, close 4 days after solved', async () => {
    const seeded = await seedWorkflowDefaults(t.database);
    expect(seeded.added).toBeGreaterThan(0);
    expect((await seedWorkflowDefaults(t.database)).added).toBe(0);
    const id = await newTicket(t, customer, { subject: 'Printer' });
    await api(t, admin, 'PUT', `/api/v2/tickets/${id}`, {
      ticket: { status: 'pending', comment: { body: 'Which model?' } },
    });
    await settle(t);
    await advance(t, 47 * 60);
    expect((await notificationsOf(id)).filter((n) => n.source.startsWith('automation'))).toHaveLength(0);
    await advance(t, 60);
    const reminders = (await notificationsOf(id)).filter((n) => n.source.startsWith('automation'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.subject).toBe('Re: Printer — waiting for your reply');
    await advance(t, 49 * 60);
    let row = await ticketRow(t, id);
    expect(row.status).toBe('solved');
    expect(row.tags).toContain('auto_solved');
    expect((await notificationsOf(id)).filter((n) => n.source.startsWith('automation'))).toHaveLength(1);
    await advance(t, 97 * 60);
    row = await ticketRow(t, id);
    expect(row.status).toBe('closed');
  });
});
