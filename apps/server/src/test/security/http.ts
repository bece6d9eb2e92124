import type { TestApp, TestUser } from '../harness.js';

export type RawResponse = { status: number; headers: Headers; text: string; json: any };

/**
 * One request with the body kept as text, so tests can compare responses byte for
 * byte and search them for words that must not be there.
 */
export async function send(
  t: TestApp,
  who: TestUser | string | null,
  method: string,
  path: string,
  options: { body?: string | Buffer | undefined; json?: unknown; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (who) headers.authorization = typeof who === 'string' ? who : who.authorization;
  let body: string | Buffer | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${t.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  const text = await response.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** What a client can tell two responses apart by: status, type, length and body bytes. */
export function fingerprint(response: RawResponse) {
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    contentLength: response.headers.get('content-length'),
    body: response.text,
  };
}
