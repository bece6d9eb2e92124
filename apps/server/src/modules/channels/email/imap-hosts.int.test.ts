import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../../test/harness.js';

let t: TestApp;
let admin: TestUser;
let mailboxId: number;

beforeAll(async () => {
  t = await startTestApp();
  admin = await createUser(t, { role: 'admin' });
  const box = await api(t, admin, 'POST', '/api/v2/frontline/mailboxes', {
    mailbox: { address: 'hosts@example.com', name: 'Hosts' },
  });
  mailboxId = box.body.mailbox.id;
});
afterAll(() => t?.close());

const addSource = (host: string, extra: Record<string, unknown> = {}) =>
  api(t, admin, 'POST', `/api/v2/frontline/mailboxes/${mailboxId}/imap_sources`, {
    imap_source: { host, username: 'help', password: 'secret', ...extra },
  });

describe('IMAP hosts cannot reach into the server’s network (the webhooks’ rules)', () => {
  // IPv6 literals (fe80::1) are not host names the contract accepts at all; ssrf.test.ts covers them.
  it.each(['169.254.169.254', '169.254.10.1', 'metadata.google.internal'])(
    '%s (link-local or cloud metadata) is refused, even with private targets allowed',
    async (host) => {
      for (const allow of [false, true]) {
        const res = await addSource(host, { allow_private_network: allow });
        expect(res.status).toBe(422);
        expect(res.body.error).toBe('RecordInvalid');
        expect(res.body.details.host[0].description).toMatch(/link-local or cloud metadata/);
      }
    },
  );

  it.each(['127.0.0.1', '10.1.2.3', '192.168.0.10', 'localhost', 'mail.corp.internal'])(
    '%s (loopback or private) needs allow_private_network',
    async (host) => {
      const refused = await addSource(host);
      expect(refused.status).toBe(422);
      expect(refused.body.details.host[0].description).toMatch(/an admin must allow private targets/);
      const allowed = await addSource(host, { allow_private_network: true });
      expect(allowed.status).toBe(201);
      expect(allowed.body.imap_source).toMatchObject({ host, allow_private_network: true });
    },
  );

  it('a public host needs nothing, and an update cannot point it inward', async () => {
    const created = await addSource('imap.gmail.com');
    expect(created.status).toBe(201);
    expect(created.body.imap_source.allow_private_network).toBe(false);
    const path = `/api/v2/frontline/mailboxes/${mailboxId}/imap_sources/${created.body.imap_source.id}`;
    const inward = await api(t, admin, 'PUT', path, { imap_source: { host: '10.0.0.8' } });
    expect(inward.status).toBe(422);
    expect(Object.keys(inward.body.details)).toEqual(['host']);
    const metadata = await api(t, admin, 'PUT', path, {
      imap_source: { host: '169.254.169.254', allow_private_network: true },
    });
    expect(metadata.status).toBe(422);
    const allowed = await api(t, admin, 'PUT', path, {
      imap_source: { host: '10.0.0.8', allow_private_network: true },
    });
    expect(allowed.status).toBe(200);
    // Taking the permission back from a private host is refused too: the host would be unreachable.
    const revoke = await api(t, admin, 'PUT', path, { imap_source: { allow_private_network: false } });
    expect(revoke.status).toBe(422);
  });
});
