// Fixtures for the admin API tests: a stack with a gateway, one API token per role (operators
// of school A, a catering operator of A, a payment integration, a guardian), and a small HTTP
// client that returns status, parsed body and headers.
import type { NatsConnection } from '@nats-io/transport-node';
import type { Test } from 'tap';
import { createToken, openTokenBucket, type TokenSpec } from '../../api/tokens.js';
import { startGateway, startStack, type GatewayProcess, type Stack } from './stack.js';

export const SCHOOL_A = 'api-sch-a';
export const SCHOOL_B = 'api-sch-b';

export interface ApiResponse<T = any> { readonly status: number; readonly body: T; readonly headers: Headers }

export interface ApiClient {
  (method: string, path: string, body?: unknown, opts?: { token?: string | null; contentType?: string; raw?: string | Uint8Array }): Promise<ApiResponse>;
}

/** A client for `apiUrl` that sends `token` unless told otherwise; JSON bodies unless `raw` is given. */
export function apiClient(apiUrl: string, token: string | null): ApiClient {
  return async (method, path, body, opts = {}) => {
    const t = opts.token === undefined ? token : opts.token;
    const headers: Record<string, string> = {};
    if (t !== null) headers['authorization'] = `Bearer ${t}`;
    let payload: string | Uint8Array | undefined;
    if (opts.raw !== undefined) { payload = opts.raw; headers['content-type'] = opts.contentType ?? 'application/json'; }
    else if (body !== undefined) { payload = JSON.stringify(body); headers['content-type'] = opts.contentType ?? 'application/json'; }
    const res = await fetch(`${apiUrl}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }), signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = text === '' ? null : JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, body: parsed, headers: res.headers };
  };
}

/** Creates a token straight in the token bucket (as `npm start` and `npm run token` do). */
export async function makeToken(nc: NatsConnection, spec: TokenSpec): Promise<string> {
  return (await createToken(await openTokenBucket(nc), spec)).token;
}

export interface ApiStack {
  readonly stack: Stack;
  readonly gw: GatewayProcess;
  /** City administrator. */
  readonly admin: ApiClient;
  readonly adminToken: string;
  /** Creates a client for a new token. */
  clientFor(spec: TokenSpec): Promise<ApiClient>;
  stop(): Promise<void>;
}

/** Starts NATS (and ClickHouse unless told not to) and a gateway; two schools are created through the API. */
export async function startApiStack(opts: { clickhouse?: boolean; env?: Record<string, string> } = {}): Promise<ApiStack> {
  const stack = await startStack({ clickhouse: opts.clickhouse ?? false });
  await stack.loadRegistry({ schools: [
    { id: SCHOOL_A, name: 'School A', timeZone: 'Europe/Moscow' },
    { id: SCHOOL_B, name: 'School B', timeZone: 'Asia/Yekaterinburg' },
  ] });
  const gw = await startGateway(stack, opts.env ?? {});
  const adminToken = await makeToken(stack.nc, { role: 'city_admin', label: 'test admin' });
  return {
    stack, gw, adminToken,
    admin: apiClient(gw.apiUrl, adminToken),
    clientFor: async (spec) => {
      // The gateway learns of a new token through its KV watch: wait until it does (at most 5 s).
      const client = apiClient(gw.apiUrl, await makeToken(stack.nc, spec));
      const deadline = Date.now() + 5000;
      while ((await client('GET', '/schools/none')).status === 401 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return client;
    },
    stop: async () => { await gw.stop(); await stack.stop(); },
  };
}

/**
 * Checks a refusal: its status, a JSON body that is exactly {error:{code,message,details}} with
 * this code, a message, details as an object, and a request id header. Returns the details.
 */
export function expectApiError(t: Test, res: ApiResponse, status: number, code: string, what: string): Record<string, unknown> {
  t.equal(res.status, status, `${what}: status ${status}`);
  t.match(res.headers.get('content-type') ?? '', /^application\/json/, `${what}: JSON`);
  t.match(res.headers.get('x-request-id') ?? '', /^[0-9a-f]{16}$/, `${what}: a request id`);
  const body = res.body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null;
  t.same(Object.keys(body ?? {}), ['error'], `${what}: the body is the error envelope`);
  t.same(Object.keys(body?.error ?? {}).sort(), ['code', 'details', 'message'], `${what}: code, message, details`);
  t.equal(body?.error?.code, code, `${what}: code ${code}`);
  t.ok(typeof body?.error?.message === 'string' && body.error.message !== '', `${what}: a message`);
  const details = body?.error?.details;
  t.ok(typeof details === 'object' && details !== null && !Array.isArray(details), `${what}: details is an object`);
  return (details ?? {}) as Record<string, unknown>;
}
