import http from 'node:http';
import https from 'node:https';
import type { Selectable } from 'kysely';
import type { WebhooksTable } from '../../../db/tables/workflow-rules.js';
import { guardedLookup, webhookUrlProblem } from '../../../platform/net/ssrf.js';

export type DeliveryResult = { ok: boolean; status: number | null; error: string | null };

const TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

function headersOf(webhook: Selectable<WebhooksTable>, body: string) {
  const headers: Record<string, string> = {
    'user-agent': 'Frontline-Webhook/1',
    ...webhook.custom_headers,
  };
  const auth = webhook.authentication;
  if (auth?.type === 'bearer_token') headers.authorization = `Bearer ${auth.data.token}`;
  if (auth?.type === 'basic_auth')
    headers.authorization = `Basic ${Buffer.from(`${auth.data.username}:${auth.data.password}`).toString('base64')}`;
  if (auth?.type === 'api_key') headers[auth.data.name.toLowerCase()] = auth.data.value;
  if (webhook.http_method !== 'GET' && webhook.http_method !== 'DELETE') {
    headers['content-type'] =
      webhook.request_format === 'json'
        ? 'application/json'
        : webhook.request_format === 'xml'
          ? 'application/xml'
          : 'application/x-www-form-urlencoded';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  return headers;
}

/**
 * Calls a webhook once. Private and loopback targets are refused (at connect time, for
 * every address the name resolves to) unless the webhook allows them; redirects are not
 * followed; a slow endpoint times out. Never throws: the result says what happened.
 */
export function deliverWebhook(webhook: Selectable<WebhooksTable>, body: string): Promise<DeliveryResult> {
  const problem = webhookUrlProblem(webhook.endpoint, webhook.allow_private_network);
  if (problem) return Promise.resolve({ ok: false, status: null, error: `Endpoint ${problem}` });
  const url = new URL(webhook.endpoint);
  const client = url.protocol === 'https:' ? https : http;
  const hasBody = webhook.http_method !== 'GET' && webhook.http_method !== 'DELETE';
  return new Promise((resolve) => {
    const request = client.request(
      url,
      {
        method: webhook.http_method,
        headers: headersOf(webhook, hasBody ? body : ''),
        timeout: TIMEOUT_MS,
        lookup: guardedLookup(webhook.allow_private_network) as never,
      },
      (response) => {
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) response.destroy();
        });
        response.on('close', () => {
          const status = response.statusCode ?? 0;
          const ok = status >= 200 && status < 300;
          resolve({ ok, status, error: ok ? null : `HTTP ${status}` });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    request.on('error', (error) => resolve({ ok: false, status: null, error: error.message }));
    if (hasBody) request.write(body);
    request.end();
  });
}
