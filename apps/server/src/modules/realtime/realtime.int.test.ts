import type { RealtimeServerMessage } from '@frontline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp, type FrontlineApp } from '../../app.js';
import { createLogger } from '../../platform/logger.js';
import {
  api,
  createGroup,
  createUser,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../../test/harness.js';

type Client = {
  socket: WebSocket;
  messages: RealtimeServerMessage[];
  next(match: (m: RealtimeServerMessage) => boolean): Promise<RealtimeServerMessage>;
  send(message: unknown): void;
  /** Resolves once everything the server sent before this point has arrived. */
  sync(): Promise<void>;
};

let t: TestApp;
let secondNode: FrontlineApp;
let secondUrl: string;
let admin: TestUser;
let ana: TestUser;
let bo: TestUser;
let groupOnly: TestUser;
let customer: TestUser;
let otherCustomer: TestUser;
const sockets: WebSocket[] = [];

async function login(user: TestUser, url = t.url) {
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.user.email, password: 'correct horse battery' }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function connect(user: TestUser, options: { url?: string; origin?: string } = {}): Promise<Client> {
  const base = options.url ?? t.url;
  const cookie = await login(user, base);
  const socket = new WebSocket(`${base.replace('http', 'ws')}/api/v2/realtime`, {
    headers: { cookie, origin: options.origin ?? base },
  });
  sockets.push(socket);
  const messages: RealtimeServerMessage[] = [];
  const waiters: {
    match: (m: RealtimeServerMessage) => boolean;
    resolve: (m: RealtimeServerMessage) => void;
  }[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as RealtimeServerMessage;
    messages.push(message);
    for (const w of [...waiters])
      if (w.match(message)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(message);
      }
  });
  const client: Client = {
    socket,
    messages,
    next(match) {
      const seen = messages.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    send: (message) => socket.send(JSON.stringify(message)),
    async sync() {
      const before = messages.filter((m) => m.type === 'pong').length;
      client.send({ type: 'ping' });
      await new Promise<void>((resolve) => {
        const check = () =>
          messages.filter((m) => m.type === 'pong').length > before ? resolve() : setTimeout(check, 5);
        check();
      });
    },
  };
  await client.next((m) => m.type === 'hello');
  return client;
}

const presenceOf = (ticketId: number, names: string[]) => (m: RealtimeServerMessage) =>
  m.type === 'presence' &&
  m.ticket_id === ticketId &&
  JSON.stringify(m.viewers.map((v) => v.name)) === JSON.stringify(names);

async function newTicket(fields: Record<string, unknown> = {}) {
  const res = await api(t, admin, 'POST', '/api/v2/tickets', {
    ticket: {
      subject: 'Printer on fire',
      comment: { body: 'Help' },
      requester_id: customer.user.id,
      ...fields,
    },
  });
  expect(res.status).toBe(201);
  return res.body.ticket.id as number;
}

beforeAll(async () => {
  t = await startTestApp();
  const billing = await createGroup(t, 'Billing', 1);
  const password = 'correct horse battery';
  admin = await createUser(t, { role: 'admin', password });
  ana = await createUser(t, { role: 'agent', name: 'Ana', password });
  bo = await createUser(t, { role: 'agent', name: 'Bo', password });
  groupOnly = await createUser(t, {
    role: 'agent',
    name: 'Gil',
    password,
    groupIds: [billing.id],
    ticketRestriction: 'groups',
  });
  customer = await createUser(t, { role: 'end-user', password });
  otherCustomer = await createUser(t, { role: 'end-user', password });
  // A second node on the same database: it shares nothing with the first but PostgreSQL NOTIFY.
  secondNode = await buildApp({
    config: t.config,
    database: t.database,
    logger: createLogger('silent'),
    clock: t.clock,
  });
  await secondNode.http.listen({ host: '127.0.0.1', port: 0 });
  const address = secondNode.http.server.address();
  secondUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await secondNode?.close();
  await t?.close();
});

describe('realtime socket', () => {
  it('refuses a socket without a session and one from another site', async () => {
    const anonymous = new WebSocket(`${t.url.replace('http', 'ws')}/api/v2/realtime`);
    const status = await new Promise<number>((resolve) =>
      anonymous.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(401);

    const cookie = await login(ana);
    const foreign = new WebSocket(`${t.url.replace('http', 'ws')}/api/v2/realtime`, {
      headers: { cookie, origin: 'https://evil.example' },
    });
    const code = await new Promise<number>((resolve) => foreign.on('close', (c) => resolve(c)));
    expect(code).toBe(4403);
  });

  it('tells agents and the requester of a new ticket, and nobody else', async () => {
    const agent = await connect(ana);
    const requester = await connect(customer);
    const stranger = await connect(otherCustomer);
    const restricted = await connect(groupOnly);
    const id = await newTicket();
    const heard = await agent.next((m) => m.type === 'ticket' && m.ticket_id === id);
    expect(heard).toMatchObject({ kind: 'created', actor_id: admin.user.id });
    await requester.next((m) => m.type === 'ticket' && m.ticket_id === id);
    await stranger.sync();
    await restricted.sync();
    expect(stranger.messages.some((m) => m.type === 'ticket' && m.ticket_id === id)).toBe(false);
    expect(restricted.messages.some((m) => m.type === 'ticket' && m.ticket_id === id)).toBe(false);
  });

  it('reaches a socket on another node when a comment is added', async () => {
    const id = await newTicket();
    const elsewhere = await connect(bo, { url: secondUrl });
    await api(t, ana, 'PUT', `/api/v2/tickets/${id}`, {
      ticket: { comment: { body: 'On it', public: false } },
    });
    const heard = await elsewhere.next(
      (m) => m.type === 'ticket' && m.ticket_id === id && m.kind === 'updated',
    );
    expect(heard).toMatchObject({ actor_id: ana.user.id });
  });
});

describe('collision detection', () => {
  it('shows each agent who else is on the ticket and who is typing, across nodes', async () => {
    const id = await newTicket();
    const first = await connect(ana);
    const second = await connect(bo, { url: secondUrl });
    first.send({ type: 'viewing', ticket_id: id });
    await first.next(presenceOf(id, []));
    second.send({ type: 'viewing', ticket_id: id });
    await first.next(presenceOf(id, ['Bo']));
    await second.next(presenceOf(id, ['Ana']));

    second.send({ type: 'typing', ticket_id: id, typing: true });
    const typing = await first.next(
      (m) => m.type === 'presence' && m.ticket_id === id && m.viewers.some((v) => v.typing),
    );
    expect(typing).toMatchObject({ viewers: [{ user_id: bo.user.id, name: 'Bo', typing: true }] });

    second.socket.close();
    await first.next(
      (m) =>
        m.type === 'presence' &&
        m.ticket_id === id &&
        m.viewers.length === 0 &&
        first.messages.indexOf(m) > first.messages.indexOf(typing),
    );
  });

  it('does not let an agent watch a ticket they cannot see, nor an end-user announce presence', async () => {
    const id = await newTicket();
    const restricted = await connect(groupOnly);
    restricted.send({ type: 'viewing', ticket_id: id });
    expect(await restricted.next((m) => m.type === 'error')).toMatchObject({
      description: `Ticket ${id} not found`,
    });

    const requester = await connect(customer);
    requester.send({ type: 'viewing', ticket_id: id });
    expect(await requester.next((m) => m.type === 'error')).toMatchObject({
      description: 'Presence is for agents only',
    });
  });

  it('answers a malformed message with an error naming the problem', async () => {
    const agent = await connect(ana);
    agent.send({ type: 'dance' });
    const error = await agent.next((m) => m.type === 'error');
    expect(error).toMatchObject({ type: 'error' });
    expect((error as { description: string }).description).toMatch(/^Unknown message/);
  });
});
