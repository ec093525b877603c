// The admin API's HTTP server on its own uWS port: routing, authentication, content type and
// size limits, body parsing and schema validation, a limit on requests in flight, the error
// envelope, metrics and an access log that carries ids and route templates, never values.
import { randomBytes } from 'node:crypto';
import type * as UWS from 'uWebSockets.js';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import { Counter, Histogram, type Registry } from 'prom-client';
import { ID_PATTERN, TapgateError } from '../core/index.js';
import type { Logger } from '../lib/index.js';
import { parseJsonBody, decodeUtf8 } from './body.js';
import { ApiError, STATUS_TEXT } from './errors.js';
import type { Route } from './route.js';
import type { ApiContext } from './context.js';
import { SessionStore, type SessionRecord } from './sessions.js';
import type { WebAssets } from './web-assets.js';
import type { WsRoute } from './desk-socket.js';
import { TrustedProxies } from './client-address.js';
import { ANONYMOUS, type Principal, type TokenStore } from './tokens.js';

type Send = (status: number, body: unknown, contentType?: string, text?: string | Uint8Array, headers?: Readonly<Record<string, string>>) => void;

export const API_PREFIX = '/api/v1';
/** Largest JSON body, in bytes, unless a route sets its own. */
export const API_BODY_BYTES_MAX = 64 * 1024;
/** Requests being handled at once before new ones get 429. */
export const API_IN_FLIGHT_MAX = 256;
/** Most validation problems listed in one error. */
const PROBLEMS_MAX = 10;

interface Compiled {
  readonly route: Route;
  readonly segments: readonly string[];
  readonly body: TypeCheck<TSchema> | null;
  readonly query: TypeCheck<TSchema> | null;
}

export interface PublicRoute { readonly path: string; readonly contentType: string; readonly body: () => string }

export class ApiServer {
  private readonly routes: Compiled[];
  private inFlight = 0;
  private readonly routeInFlight = new Map<string, number>();
  private closing = false;
  private token: UWS.us_listen_socket | null = null;
  private readonly requests: Counter<'route' | 'method' | 'status'>;
  private readonly seconds: Histogram<'route'>;

  constructor(
    private readonly uws: typeof UWS,
    routes: readonly Route[],
    private readonly publicRoutes: readonly PublicRoute[],
    private readonly ctx: ApiContext,
    private readonly tokens: TokenStore,
    private readonly sessions: SessionStore,
    private readonly log: Logger,
    metrics: Registry,
    private readonly web: WebAssets | null = null,
    /** WebSocket routes (the guard's desk feed), matched before the HTTP routes for upgrade requests only. */
    private readonly wsRoutes: readonly WsRoute[] = [],
    /** Proxies believed about their client (X-Forwarded-For) for `clientAddress`. */
    private readonly trustedProxies: TrustedProxies = TrustedProxies.empty,
  ) {
    this.routes = routes.map((route) => ({
      route, segments: route.path.split('/').filter((s) => s !== ''),
      body: route.body === undefined ? null : TypeCompiler.Compile(route.body),
      query: route.query === undefined ? null : TypeCompiler.Compile(route.query),
    }));
    this.requests = new Counter({ name: 'tapgate_api_requests_total', help: 'Admin API requests by route template, method and status',
      labelNames: ['route', 'method', 'status'], registers: [metrics] });
    this.seconds = new Histogram({ name: 'tapgate_api_request_seconds', help: 'Admin API request time by route template',
      labelNames: ['route'], buckets: [0.001, 0.005, 0.02, 0.1, 0.5, 2, 10], registers: [metrics] });
  }

  async listen(host: string, port: number): Promise<number> {
    const app = this.uws.App();
    for (const w of this.wsRoutes) app.ws(API_PREFIX + w.path, w.behavior);
    app.any('/*', (res, req) => this.onRequest(res, req));
    await new Promise<void>((resolve, reject) => {
      app.listen(host, port, (t) => { if (t === false) reject(new Error(`cannot listen on ${host}:${port}`)); else { this.token = t; resolve(); } });
    });
    return this.uws.us_socket_local_port(this.token!);
  }

  /** Stops listening; requests on connections still open get 503 and a closed connection. */
  close(): void {
    this.closing = true;
    if (this.token !== null) { this.uws.us_listen_socket_close(this.token); this.token = null; }
  }

  private match(method: string, path: string): { compiled: Compiled; params: Record<string, string> } | 'method' | null {
    const parts = path.split('/').filter((s) => s !== '');
    let pathMatched = false;
    for (const c of this.routes) {
      if (c.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const seg = c.segments[i]!;
        if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponentSafe(parts[i]!);
        else ok = seg === parts[i];
      }
      if (!ok) continue;
      pathMatched = true;
      if (c.route.method === method) return { compiled: c, params };
    }
    return pathMatched ? 'method' : null;
  }

  private onRequest(res: UWS.HttpResponse, req: UWS.HttpRequest): void {
    const started = performance.now();
    const requestId = randomBytes(8).toString('hex');
    const method = req.getMethod().toUpperCase();
    const url = req.getUrl();
    const rawQuery = req.getQuery() ?? '';
    const authorization = req.getHeader('authorization');
    const cookie = req.getHeader('cookie');
    const csrf = req.getHeader('x-csrf-token');
    const origin = req.getHeader('origin');
    const host = req.getHeader('host');
    // getHeader gives the first line of a header only; a proxy may add its own X-Forwarded-For
    // line after the client's, so every line is read, in order.
    let forwardedFor = '';
    if (this.trustedProxies.size > 0) {
      req.forEach((name, value) => { if (name === 'x-forwarded-for') forwardedFor = forwardedFor === '' ? value : `${forwardedFor},${value}`; });
    }
    const clientAddress = this.trustedProxies.clientOf(Buffer.from(res.getRemoteAddressAsText()).toString(), forwardedFor);
    const contentType = req.getHeader('content-type').toLowerCase();
    const contentLength = req.getHeader('content-length');
    // A body the client sends that is answered before it is read to the end (413, 415, 401...)
    // would be taken for the next request on a kept-alive connection: such answers close it.
    const declaredBody = (contentLength !== '' && contentLength !== '0') || req.getHeader('transfer-encoding') !== '';
    let bodyRead = false;
    let aborted = false;
    let done = false;
    let routeLabel = 'unmatched';
    // A request counts as in flight until its handler settles, even when the client has gone:
    // the work it started (a queued roster import) still holds memory and the registry queue.
    let handling = false;
    let slotOf: string | null = null;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.inFlight--;
      if (slotOf !== null) this.routeInFlight.set(slotOf, (this.routeInFlight.get(slotOf) ?? 1) - 1);
    };
    res.onAborted(() => { aborted = true; if (!handling) { done = true; release(); } });
    this.inFlight++;

    const send = (status: number, body: unknown, contentTypeOut = 'application/json', text?: string | Uint8Array, headers?: Readonly<Record<string, string>>) => {
      if (done) return;
      done = true;
      release();
      this.requests.inc({ route: routeLabel, method, status: String(status) });
      this.seconds.observe({ route: routeLabel }, (performance.now() - started) / 1000);
      this.log.debug({ requestId, method, route: routeLabel, status, ms: Math.round(performance.now() - started) }, 'api request');
      if (aborted) return;
      res.cork(() => {
        res.writeStatus(`${status} ${STATUS_TEXT[status] ?? ''}`).writeHeader('x-request-id', requestId);
        // Answers may name people: no cache keeps them, no page frames them, no sniffing.
        res.writeHeader('cache-control', headers?.['cache-control'] ?? 'no-store').writeHeader('x-content-type-options', 'nosniff');
        for (const [name, value] of Object.entries(headers ?? {})) if (name !== 'cache-control') res.writeHeader(name, value);
        const close = (declaredBody && !bodyRead) || this.closing;
        if (status === 204 || status === 304) { res.end(undefined, close); return; }
        res.writeHeader('content-type', contentTypeOut).end(text ?? JSON.stringify(body), close);
      });
    };
    const fail = (err: unknown) => {
      if (err instanceof ApiError) return send(err.status, { error: { code: err.code, message: err.message, details: err.details } });
      if (err instanceof TapgateError && err.code === 'REGISTRY_INVALID_RECORD') {
        return send(400, { error: { code: 'API_INVALID_REQUEST', message: err.message, details: { ...err.details } } });
      }
      // Only the kind of failure and where: messages of foreign errors may quote values.
      this.log.error({ requestId, route: routeLabel, err: err instanceof Error ? err.name : typeof err,
        stack: err instanceof Error ? err.stack?.split('\n').slice(1, 6).join('\n') : undefined }, 'api request failed');
      send(500, { error: { code: 'API_INTERNAL', message: `internal error; request id ${requestId}`, details: { requestId } } });
    };

    try {
      if (!url.startsWith(`${API_PREFIX}/`)) {
        if (this.web !== null && (method === 'GET' || method === 'HEAD')) {
          const a = this.web.answer(url, req.getHeader('if-none-match'), req.getHeader('accept-encoding'));
          if (a.file !== null) {
            routeLabel = 'web';
            const headers = a.gzip ? { ...a.file.headers, 'content-encoding': 'gzip', vary: 'accept-encoding' } : a.file.headers;
            if (a.status === 304) return send(304, null, a.file.contentType, new Uint8Array(0), { ...a.file.headers, etag: a.file.etag });
            return send(200, null, a.file.contentType, method === 'HEAD' ? new Uint8Array(0) : a.gzip ? a.file.gzip! : a.file.bytes,
              { ...headers, etag: a.file.etag });
          }
        }
        throw new ApiError('API_NOT_FOUND', `the API is under ${API_PREFIX}/`);
      }
      const path = url.slice(API_PREFIX.length);
      const pub = this.publicRoutes.find((p) => p.path === path);
      if (pub !== undefined && method === 'GET') { routeLabel = path; return send(200, null, pub.contentType, pub.body()); }
      const m = this.match(method, path);
      if (m === null) throw new ApiError('API_NOT_FOUND', `no route ${method} ${url}`);
      if (m === 'method') throw new ApiError('API_METHOD_NOT_ALLOWED', `${url} does not take ${method}`);
      const { compiled, params } = m;
      const r = compiled.route;
      routeLabel = r.path;
      if (this.closing) throw new ApiError('API_UNAVAILABLE', 'the gateway is shutting down; retry against its successor');
      if (this.inFlight > API_IN_FLIGHT_MAX) throw new ApiError('API_TOO_MANY_REQUESTS', `more than ${API_IN_FLIGHT_MAX} requests in flight`);
      if (r.concurrencyMax !== undefined) {
        const n = this.routeInFlight.get(r.path) ?? 0;
        if (n >= r.concurrencyMax) throw new ApiError('API_TOO_MANY_REQUESTS', `at most ${r.concurrencyMax} ${r.method} ${r.path} at a time`);
        this.routeInFlight.set(r.path, n + 1);
        slotOf = r.path;
      }
      const { principal, session } = this.authenticate(r, method, { authorization, cookie, csrf, origin, host });
      for (const [name, value] of Object.entries(params)) {
        const pattern = r.paramPatterns?.[name] ?? ID_PATTERN;
        if (!pattern.test(value)) throw new ApiError('API_INVALID_REQUEST', `path parameter ${name} is not valid`, { field: name });
      }
      // uWS headers live only until this callback returns: read the ones the route wants now.
      const headers = Object.fromEntries((r.headers ?? []).map((name) => [name, req.getHeader(name)]));
      const query = Object.fromEntries(new URLSearchParams(rawQuery));
      if (compiled.query !== null) check(compiled.query, query, 'query');
      const limit = r.bodyBytesMax ?? API_BODY_BYTES_MAX;
      if (r.bodyKind === undefined) {
        handling = true;
        this.run(compiled, { principal, params, query, body: undefined, requestId, session, clientAddress, headers }, send, fail);
        return;
      }
      const mediaType = contentType.split(';')[0]!.trim();
      if (r.bodyKind === 'bytes') {
        const wanted = r.mediaTypes ?? [];
        if (!wanted.includes(mediaType)) throw new ApiError('API_UNSUPPORTED_MEDIA_TYPE', `send Content-Type: one of ${wanted.join(', ')}`, { expected: wanted.join(', ') });
      } else {
        const want = r.bodyKind === 'json' ? 'application/json' : 'text/csv';
        const charset = /charset=([^;]+)/.exec(contentType)?.[1]?.trim().replace(/"/g, '');
        if (mediaType !== want || (charset !== undefined && charset !== 'utf-8')) {
          throw new ApiError('API_UNSUPPORTED_MEDIA_TYPE', `send Content-Type: ${want} (UTF-8)`, { expected: want });
        }
      }
      if (contentLength !== '' && Number(contentLength) > limit) throw new ApiError('API_BODY_TOO_LARGE', `the body is over ${limit} bytes`, { bytesMax: limit });
      const chunks: Buffer[] = [];
      let size = 0;
      res.onData((chunk, isLast) => {
        if (done) return;
        size += chunk.byteLength;
        if (size > limit) { fail(new ApiError('API_BODY_TOO_LARGE', `the body is over ${limit} bytes`, { bytesMax: limit })); return; }
        chunks.push(Buffer.from(chunk.slice(0)));
        if (!isLast) return;
        bodyRead = true;
        try {
          const bytes = Buffer.concat(chunks);
          let body: unknown;
          if (r.bodyKind === 'json') {
            if (bytes.length === 0) throw new ApiError('API_MALFORMED_BODY', 'the body is empty; send a JSON object');
            body = parseJsonBody(bytes);
            if (compiled.body !== null) check(compiled.body, body, 'body');
          } else if (r.bodyKind === 'bytes') body = { mediaType, bytes };
          else body = decodeUtf8(bytes);
          handling = true;
          this.run(compiled, { principal, params, query, body, requestId, session, clientAddress, headers }, send, fail);
        } catch (err) { fail(err); }
      });
    } catch (err) { fail(err); }
  }

  private run(c: Compiled, request: Parameters<Route['handler']>[1], send: Send, fail: (err: unknown) => void): void {
    c.route.handler(this.ctx, request).then((reply) => {
      if (reply.raw !== undefined) send(reply.status, null, reply.raw.contentType, reply.raw.bytes, reply.headers);
      else send(reply.status, reply.body ?? null, 'application/json', undefined, reply.headers);
    }, fail);
  }

  /**
   * Who calls: a bearer token wins; else a console session cookie, which must bring the session's
   * CSRF token and a same-origin Origin (when sent) on anything but GET. Routes with `auth: 'none'`
   * take anyone (and see the session, if any, to replace it).
   */
  private authenticate(r: Route, method: string, h: { authorization: string; cookie: string; csrf: string; origin: string; host: string }):
    { principal: Principal; session: SessionRecord | null } {
    let principal: Principal | null = null;
    let session: SessionRecord | null = null;
    if (h.authorization !== '') principal = this.tokens.authenticate(h.authorization);
    else if (h.cookie !== '') {
      session = this.sessions.authenticate(h.cookie);
      if (session !== null) {
        principal = { tokenId: session.tokenId, role: session.role, schoolIds: new Set(session.schoolIds), guardianId: session.guardianId,
          via: 'session', sessionId: session.id };
      }
    }
    const foreignOrigin = h.origin !== '' && h.origin !== `http://${h.host}` && h.origin !== `https://${h.host}`;
    // Signing in from another site's page (login CSRF) is refused like any other cross-site change.
    if (r.auth === 'none') {
      if (method !== 'GET' && foreignOrigin) throw new ApiError('API_CSRF', 'the request comes from another site (Origin)');
      return { principal: ANONYMOUS, session };
    }
    if (principal === null) {
      throw new ApiError('API_UNAUTHENTICATED', 'send Authorization: Bearer <token> with a valid API token, or sign in to the console');
    }
    if (principal.via === 'session' && method !== 'GET') {
      if (session === null || !SessionStore.csrfMatches(session, h.csrf)) {
        throw new ApiError('API_CSRF', 'a console request that changes anything needs the session\'s x-csrf-token header (GET /api/v1/session)');
      }
      if (foreignOrigin) throw new ApiError('API_CSRF', 'the request comes from another site (Origin)');
    }
    if (!(r.roles as readonly string[]).includes(principal.role)) throw new ApiError('API_FORBIDDEN', `role ${principal.role} may not ${r.method} ${r.path}`);
    return { principal, session };
  }
}

function decodeURIComponentSafe(s: string): string {
  try { return decodeURIComponent(s); } catch { return '\u0000'; }
}

function check(validator: TypeCheck<TSchema>, value: unknown, where: string): void {
  if (validator.Check(value)) return;
  const problems: Array<{ path: string; message: string }> = [];
  for (const e of validator.Errors(value)) {
    problems.push({ path: `${where}${e.path}`, message: e.message });
    if (problems.length >= PROBLEMS_MAX) break;
  }
  throw new ApiError('API_INVALID_REQUEST', `the ${where} does not match the schema: ${problems[0]?.path ?? where} ${problems[0]?.message ?? ''}`.trim(), { problems });
}
