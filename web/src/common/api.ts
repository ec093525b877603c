// The console's one way to the API: same-origin fetch with the session cookie (HttpOnly, so no
// script reads it), the session's CSRF token on every change, and failures as ApiFailure with the
// API's stable code. A 401 sends the person back to the sign-in page.
import { ERRORS } from './words.js';

export const API = '/api/v1';

export interface Session {
  readonly role: string;
  readonly schoolIds: readonly string[];
  readonly guardianId: string;
  readonly method: 'token' | 'sms';
  readonly csrfToken: string;
  readonly expiresAtMs: number;
}

export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details: Record<string, unknown>) {
    super(message);
    this.name = 'ApiFailure';
  }

  /** The failure in Russian, for the person at the screen. */
  get text(): string {
    return ERRORS[this.code] ?? this.message;
  }
}

let csrfToken = '';

/** Remembers the CSRF token of the signed-in session. */
export function useSession(s: Session): void {
  csrfToken = s.csrfToken;
}

/** The signed-in session, or null when there is none. */
export async function loadSession(): Promise<Session | null> {
  // 204 (undefined) when the browser holds no valid session.
  const s = await api<Session | undefined>('GET', '/session', undefined, { noRedirect: true });
  if (s === undefined) return null;
  useSession(s);
  return s;
}

export interface CallOptions {
  /** A body that is not JSON (a CSV file, a photo) and its media type. */
  readonly raw?: Blob | string;
  readonly contentType?: string;
  /** Do not go to the sign-in page on 401 (the sign-in page itself). */
  readonly noRedirect?: boolean;
}

export async function api<T>(method: string, path: string, body?: unknown, opts: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken !== '') headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (opts.raw !== undefined) { payload = opts.raw; headers['content-type'] = opts.contentType ?? 'application/octet-stream'; }
  else if (body !== undefined) { payload = JSON.stringify(body); headers['content-type'] = 'application/json'; }
  let res: Response;
  try {
    res = await fetch(API + path, { method, headers, credentials: 'same-origin', ...(payload === undefined ? {} : { body: payload }) });
  } catch {
    throw new ApiFailure(0, 'NETWORK', 'Нет связи с сервером. Проверьте подключение.', {});
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = null;
  try { json = text === '' ? null : JSON.parse(text); } catch { /* not JSON */ }
  if (res.ok) return json as T;
  const e = (json as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null)?.error;
  const failure = new ApiFailure(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? `HTTP ${res.status}`, e?.details ?? {});
  if (res.status === 401 && opts.noRedirect !== true) toSignIn();
  throw failure;
}

/** Goes to the sign-in page, coming back here afterwards. */
export function toSignIn(): void {
  location.assign(`/?next=${encodeURIComponent(location.pathname + location.search)}`);
}

/** The page a role starts on. */
export function homeOf(role: string): string {
  if (role === 'guardian') return '/parent';
  if (role === 'guard') return '/desk';
  return '/office';
}
