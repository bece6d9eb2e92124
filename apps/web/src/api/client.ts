/**
 * The one way the agent app talks to the server: JSON over fetch with the session
 * cookie, the CSRF token on every write, and errors turned into ApiError with
 * Zendesk's details so forms can show them where they happen.
 */
export type FieldErrors = Record<string, { description: string; error: string }[]>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    description: string,
    readonly details: FieldErrors = {},
  ) {
    super(description);
  }
}

let csrfToken: string | null = null;
let onUnauthorized: () => void = () => {};

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'x-requested-with': 'XMLHttpRequest',
  };
  const file = body instanceof Blob;
  if (body !== undefined) headers['content-type'] = file ? 'application/binary' : 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: file ? body : JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'NetworkError', 'network');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // not JSON: keep the status
  }
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith('/auth/login')) onUnauthorized();
    const details = (json.details as FieldErrors | undefined) ?? {};
    const first = Object.values(details)[0]?.[0]?.description;
    throw new ApiError(
      response.status,
      String(json.error ?? response.status),
      first ?? String(json.description ?? json.error ?? response.statusText),
      details,
    );
  }
  return json as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  delete: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body),
  /** Sends a file as the request body (`POST /api/v2/uploads?filename=`). */
  upload: <T>(path: string, file: Blob) => request<T>('POST', path, file),
};
