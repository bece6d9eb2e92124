import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../platform/clock.js';
import { api, createUser, startTestApp, type TestApp, type TestUser } from '../../test/harness.js';
import { ATTACHMENT_LINK_TTL_MS } from './attachment-links.js';

let t: TestApp;
let dataDir: string;
let agent: TestUser;
let customer: TestUser;
let stranger: TestUser;

const LIMIT = 64 * 1024;
/** A real 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'frontline-attachments-'));
  t = await startTestApp({ env: { DATA_DIR: dataDir, UPLOAD_LIMIT_BYTES: String(LIMIT) } });
  agent = await createUser(t, { role: 'agent' });
  customer = await createUser(t, { role: 'end-user' });
  stranger = await createUser(t, { role: 'end-user' });
});
afterAll(async () => {
  await t?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function upload(who: TestUser, query: string, bytes: Buffer, contentType = 'application/binary') {
  const response = await fetch(`${t.url}/api/v2/uploads.json?${query}`, {
    method: 'POST',
    headers: { authorization: who.authorization, 'content-type': contentType, accept: 'application/json' },
    body: bytes,
  });
  const body: Awaited<ReturnType<typeof api>>['body'] = await response.json();
  return { status: response.status, body };
}

/** Downloads a content URL with no credentials at all, as a mail client would. */
async function download(url: string) {
  const response = await fetch(url);
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

describe('uploads and attachments', () => {
  it('uploads files, puts them on a comment, and serves them from the signed link', async () => {
    const first = await upload(customer, 'filename=screenshot.png', PNG);
    expect(first.status).toBe(201);
    const { token } = first.body.upload;
    expect(first.body.upload.attachment).toMatchObject({
      file_name: 'screenshot.png',
      content_type: 'image/png',
      size: PNG.length,
    });
    const second = await upload(
      customer,
      `filename=${encodeURIComponent('日志 2026.txt')}&token=${token}`,
      Buffer.from('line one\n'),
    );
    expect(second.body.upload.token).toBe(token);
    expect(second.body.upload.attachments.map((a: { file_name: string }) => a.file_name)).toEqual([
      'screenshot.png',
      '日志 2026.txt',
    ]);

    const created = await api(t, customer, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'Broken screen', comment: { body: 'See attached', uploads: [token] } },
    });
    expect(created.status).toBe(201);
    const comments = await api(t, agent, 'GET', `/api/v2/tickets/${created.body.ticket.id}/comments`);
    const files = comments.body.comments[0].attachments;
    expect(files.map((a: { file_name: string }) => a.file_name)).toEqual(['screenshot.png', '日志 2026.txt']);
    expect(files[0].content_url.startsWith(`${t.url}/attachments/${files[0].id}/`)).toBe(true);

    const png = await download(files[0].content_url);
    expect(png.status).toBe(200);
    expect(png.bytes.equals(PNG)).toBe(true);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('content-disposition')).toBe(
      `attachment; filename="screenshot.png"; filename*=UTF-8''screenshot.png`,
    );
    expect(png.headers.get('x-content-type-options')).toBe('nosniff');
    expect(png.headers.get('content-security-policy')).toBe('sandbox');
    const text = await download(files[1].content_url);
    expect(text.headers.get('content-type')).toBe('text/plain');
    expect(text.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''%E6%97%A5%E5%BF%97%202026.txt`,
    );

    const json = await api(t, customer, 'GET', `/api/v2/attachments/${files[0].id}.json`);
    expect(json.status).toBe(200);
    expect(json.body.attachment).toEqual(files[0]);
  });

  it('answers 404 to a wrong signature or ID on the content link', async () => {
    const { body } = await upload(customer, 'filename=a.png', PNG);
    const url: string = body.upload.attachment.content_url;
    const [, id, signature, name] = new URL(url).pathname.split('/').slice(1);
    const wrongSignature = `${t.url}/attachments/${id}/${signature!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}/${name}`;
    expect((await download(wrongSignature)).status).toBe(404);
    expect((await download(`${t.url}/attachments/${Number(id) + 1}/${signature}/${name}`)).status).toBe(404);
    expect((await download(`${t.url}/attachments/abc/${signature}/${name}`)).status).toBe(404);
    expect((await download(url)).status).toBe(200);
  });

  it('content links expire (410 with a reason), and the ticket hands out fresh ones', async () => {
    const { body } = await upload(customer, 'filename=receipt.png', PNG);
    const created = await api(t, customer, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'Receipt', comment: { body: 'Attached', uploads: [body.upload.token] } },
    });
    const commentsUrl = `/api/v2/tickets/${created.body.ticket.id}/comments`;
    const old: string = (await api(t, agent, 'GET', commentsUrl)).body.comments[0].attachments[0].content_url;
    expect((await download(old)).status).toBe(200);

    (t.clock as ManualClock).advance(ATTACHMENT_LINK_TTL_MS + 60 * 60 * 1000);
    const expired = await fetch(old);
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({
      error: 'LinkExpired',
      description: expect.stringMatching(/fresh link/),
    });

    const fresh: string = (await api(t, agent, 'GET', commentsUrl)).body.comments[0].attachments[0]
      .content_url;
    expect(fresh).not.toBe(old);
    const file = await download(fresh);
    expect(file.status).toBe(200);
    expect(file.bytes.equals(PNG)).toBe(true);

    // Pushing the expiry forward by hand breaks the signature: 404, as any forged link.
    const [, id, signature, name] = new URL(old).pathname.split('/').slice(1);
    const later = (Number.parseInt(signature!.split('.')[0]!, 36) + 10 * 86_400).toString(36);
    const forged = `${t.url}/attachments/${id}/${later}.${signature!.split('.')[1]}/${name}`;
    expect((await download(forged)).status).toBe(404);
  });

  it('stores an HTML file declared as a PNG as HTML, and serves it only as a download', async () => {
    const res = await upload(customer, 'filename=cute-cat.png', HTML, 'image/png');
    expect(res.status).toBe(201);
    expect(res.body.upload.attachment.content_type).toBe('text/html');
    const file = await download(res.body.upload.attachment.content_url);
    expect(file.headers.get('content-type')).toBe('text/html');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-security-policy')).toBe('sandbox');
  });

  it('takes a body sent with no Content-Type at all', async () => {
    const response = await fetch(`${t.url}/api/v2/uploads?filename=raw.png`, {
      method: 'POST',
      headers: { authorization: customer.authorization },
      body: new Uint8Array(PNG),
    });
    expect(response.status).toBe(201);
    expect(
      ((await response.json()) as { upload: { attachment: { content_type: string } } }).upload.attachment
        .content_type,
    ).toBe('image/png');
  });

  it('answers 413 with the limit to a file over UPLOAD_LIMIT_BYTES', async () => {
    const res = await upload(customer, 'filename=big.bin', Buffer.alloc(LIMIT + 1, 7));
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      error: 'PayloadTooLarge',
      description: 'The file is larger than the upload limit of 0.1 MB',
    });
  });

  it('answers 422 naming what is wrong with an upload', async () => {
    const noName = await upload(customer, '', PNG);
    expect(noName.status).toBe(422);
    expect(Object.keys(noName.body.details)).toEqual(['filename']);
    const empty = await upload(customer, 'filename=empty.txt', Buffer.alloc(0));
    expect(empty.status).toBe(422);
    const mine = await upload(customer, 'filename=mine.png', PNG);
    const intoOthers = await upload(stranger, `filename=x.png&token=${mine.body.upload.token}`, PNG);
    expect(intoOthers.status).toBe(422);
    expect(Object.keys(intoOthers.body.details)).toEqual(['token']);
  });

  it('shows attachment JSON only to who can see it', async () => {
    const res = await upload(customer, 'filename=private.png', PNG);
    const id = res.body.upload.attachment.id;
    expect((await api(t, customer, 'GET', `/api/v2/attachments/${id}`)).status).toBe(200);
    const hidden = await api(t, stranger, 'GET', `/api/v2/attachments/${id}`);
    const missing = await api(t, stranger, 'GET', '/api/v2/attachments/999999');
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);

    await api(t, customer, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'Mine', comment: { body: 'x', uploads: [res.body.upload.token] } },
    });
    expect((await api(t, stranger, 'GET', `/api/v2/attachments/${id}`)).status).toBe(404);
    expect((await api(t, agent, 'GET', `/api/v2/attachments/${id}`)).status).toBe(200);
  });

  it('hides the files of an internal note from the requester', async () => {
    const created = await api(t, customer, 'POST', '/api/v2/tickets', {
      ticket: { subject: 'Note files', comment: { body: 'hello' } },
    });
    const note = await upload(agent, 'filename=internal.png', PNG);
    await api(t, agent, 'PUT', `/api/v2/tickets/${created.body.ticket.id}`, {
      ticket: { comment: { body: 'logs', public: false, uploads: [note.body.upload.token] } },
    });
    const id = note.body.upload.attachment.id;
    expect((await api(t, agent, 'GET', `/api/v2/attachments/${id}`)).status).toBe(200);
    expect((await api(t, customer, 'GET', `/api/v2/attachments/${id}`)).status).toBe(404);
  });

  it('deletes an upload that is not on a comment yet', async () => {
    const res = await upload(customer, 'filename=oops.png', PNG);
    const { token, attachment } = res.body.upload;
    expect((await api(t, stranger, 'DELETE', `/api/v2/uploads/${token}`)).status).toBe(404);
    expect((await api(t, customer, 'DELETE', `/api/v2/uploads/${token}.json`)).status).toBe(204);
    expect((await api(t, customer, 'GET', `/api/v2/attachments/${attachment.id}`)).status).toBe(404);
    expect((await download(attachment.content_url)).status).toBe(404);
    const late = await api(t, customer, 'POST', '/api/v2/tickets', {
      ticket: { comment: { body: 'x', uploads: [token] } },
    });
    expect(late.status).toBe(422);
  });

  it('lets a file not put on a comment lapse with its token after three days', async () => {
    const res = await upload(customer, 'filename=forgotten.png', PNG);
    const { token, attachment } = res.body.upload;
    (t.clock as ManualClock).advance(3 * 24 * 60 * 60 * 1000 + 1000);
    expect((await api(t, customer, 'GET', `/api/v2/attachments/${attachment.id}`)).status).toBe(404);
    expect((await download(attachment.content_url)).status).toBe(404);
    const late = await api(t, customer, 'POST', '/api/v2/tickets', {
      ticket: { comment: { body: 'x', uploads: [token] } },
    });
    expect(late.status).toBe(422);
  });
});
