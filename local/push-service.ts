// A local Web Push service (RFC 8030) for tests and the local stack: it plays the part of Mozilla's
// autopush or Google's FCM endpoint, and of the browser behind it. web-push only speaks HTTPS, so
// the service listens with a self-signed certificate made at start (openssl), whose PEM clients
// add to their trusted CAs. subscribe() does what a browser's pushManager.subscribe() does: it makes
// a P-256 key pair and a 16-byte auth secret and hands out an endpoint. Each push is checked like a
// real service checks it (VAPID per RFC 8292, TTL, Urgency, Topic, aes128gcm, body size), then
// decrypted with the subscription's private key, so a test sees exactly what the browser would show.
//
// Order of the checks: route (404), stallNext (no answer), body size (413), injected failures
// (failNext), VAPID (401; 403 when the key is not the one the subscription was bound to),
// subscription state (404/410), headers (400, 415), decryption (400). Refusals answer a short reason in the body.
import { createECDH, randomBytes, type ECDH } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { isIP, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyVapid } from './vapid-verify.js';

// http_ece ships no types: the one function used here, typed by hand (http_ece 1.2.1 ece.js).
const ece = createRequire(import.meta.url)('http_ece') as {
  decrypt(buffer: Buffer, params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: Buffer }): Buffer;
};

/** RFC 8030 section 7.2: a push service must accept 4096 bytes of body; this one accepts no more. */
export const PUSH_BODY_BYTES_MAX = 4096;
/** A larger body is not drained to answer 413: the connection is cut instead. */
const BODY_DRAIN_BYTES_MAX = 64 * 1024;
const TOPIC_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const URGENCIES: ReadonlySet<string> = new Set(['very-low', 'low', 'normal', 'high']);
const AUTH_SECRET_BYTES = 16;
const CERT_VALID_DAYS = 2;
const OPENSSL_TIMEOUT_MS = 30_000;

export interface TestSubscription {
  readonly endpoint: string;
  readonly keys: { readonly p256dh: string; readonly auth: string };
}

export interface PushDelivery {
  readonly endpoint: string;
  /** The id in the Location header the service answered (`/message/<messageId>`). */
  readonly messageId: string;
  readonly receivedAtMs: number;
  readonly ttl: number;
  readonly urgency: string;
  readonly topic: string | null;
  /** The decrypted payload. */
  readonly payload: string;
  readonly vapidSub: string;
  /** The VAPID public key (`k`) that signed the request. */
  readonly vapidKey: string;
  /** RFC 8030 section 5.4: the earlier message with the same topic on this subscription, which this one replaces. */
  readonly replacesMessageId: string | null;
}

export interface PushService {
  /** The origin, e.g. https://127.0.0.1:43117 (also the VAPID audience). */
  readonly url: string;
  readonly port: number;
  /** The self-signed certificate, to trust as a CA. */
  readonly caPem: string;
  /** A new subscription. With applicationServerKey, pushes signed by another VAPID key get 403, as in a browser. */
  subscribe(opts?: { applicationServerKey?: string }): TestSubscription;
  received(): readonly PushDelivery[];
  /** The first delivery (already received or still to come) that matches; rejects after timeoutMs. */
  waitFor(pred: (d: PushDelivery) => boolean, timeoutMs: number): Promise<PushDelivery>;
  /** Later pushes to this endpoint are answered with `status`. */
  expire(endpoint: string, status: 404 | 410): void;
  /** The next n pushes (after route and size checks) are answered with `status`, with Retry-After when given. */
  failNext(n: number, status: 429 | 500 | 502 | 503, retryAfterSeconds?: number): void;
  /** The next n pushes get no answer until close(); resolves when all n have arrived. */
  stallNext(n: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

interface SubscriptionState {
  readonly endpoint: string;
  readonly ecdh: ECDH;
  readonly auth: Buffer;
  readonly applicationServerKey: string | null;
  goneStatus: 404 | 410 | null;
}

interface Refusal { readonly status: number; readonly reason: string; readonly headers?: Record<string, string> }

/** Everything the service knows; handlers and the returned API share it. */
interface State {
  url: string;
  readonly subscriptions: Map<string, SubscriptionState>;
  readonly deliveries: PushDelivery[];
  readonly waiters: Set<{ pred: (d: PushDelivery) => boolean; resolve: (d: PushDelivery) => void }>;
  failures: { remaining: number; status: number; retryAfterSeconds: number | undefined };
  stall: { remaining: number; arrived: () => void };
}

export async function startPushService(opts: { host?: string; port?: number } = {}): Promise<PushService> {
  const host = opts.host ?? '127.0.0.1';
  const tls = selfSignedCertificate(host);
  const state: State = {
    url: '', subscriptions: new Map(), deliveries: [], waiters: new Set(),
    failures: { remaining: 0, status: 503, retryAfterSeconds: undefined },
    stall: { remaining: 0, arrived: () => undefined },
  };
  const server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => handle(state, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  state.url = `https://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
  return serviceApi(state, server, port, tls.certPem);
}

function serviceApi(state: State, server: Server, port: number, caPem: string): PushService {
  return {
    url: state.url, port, caPem,
    subscribe: (subOpts = {}) => subscribe(state, subOpts.applicationServerKey ?? null),
    received: () => state.deliveries.slice(),
    waitFor: (pred, timeoutMs) => waitFor(state, pred, timeoutMs),
    expire(endpoint, status) {
      const sub = [...state.subscriptions.values()].find((s) => s.endpoint === endpoint);
      if (sub === undefined) throw new Error('expire: not an endpoint of this push service');
      sub.goneStatus = status;
    },
    failNext(n, status, retryAfterSeconds) {
      state.failures = { remaining: n, status, retryAfterSeconds };
    },
    stallNext(n, timeoutMs) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`${state.stall.remaining} stalled pushes still to come after ${timeoutMs} ms`));
        }, timeoutMs);
        state.stall = { remaining: n, arrived: () => { clearTimeout(timer); resolve(); } };
      });
    },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** What a browser's pushManager.subscribe() makes: a P-256 key pair, an auth secret, an endpoint. */
function subscribe(state: State, applicationServerKey: string | null): TestSubscription {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(AUTH_SECRET_BYTES);
  const id = randomBytes(16).toString('base64url');
  const endpoint = `${state.url}/push/${id}`;
  state.subscriptions.set(id, { endpoint, ecdh, auth, applicationServerKey, goneStatus: null });
  return { endpoint, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } };
}

function waitFor(state: State, pred: (d: PushDelivery) => boolean, timeoutMs: number): Promise<PushDelivery> {
  const found = state.deliveries.find(pred);
  if (found !== undefined) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const waiter = { pred, resolve: (d: PushDelivery) => { clearTimeout(timer); resolve(d); } };
    const timer = setTimeout(() => {
      state.waiters.delete(waiter);
      reject(new Error(`no matching push within ${timeoutMs} ms`));
    }, timeoutMs);
    state.waiters.add(waiter);
  });
}

function handle(state: State, req: IncomingMessage, res: ServerResponse): void {
  const id = pushIdOf(req);
  if (id === null) { refuse(req, res, { status: 404, reason: 'not-found' }); return; }
  if (state.stall.remaining > 0) {
    // Held: neither read nor answered; close() cuts the connection.
    if (--state.stall.remaining === 0) state.stall.arrived();
    return;
  }
  readBody(req, (body) => {
    if (body === null) { refuse(req, res, { status: 413, reason: 'payload-too-large' }); return; }
    const result = accept(state, req, id, body);
    if ('status' in result) { refuse(req, res, result); return; }
    state.deliveries.push(result);
    for (const w of state.waiters) if (w.pred(result)) { state.waiters.delete(w); w.resolve(result); }
    res.writeHead(201, { location: `/message/${result.messageId}`, 'content-length': '0' });
    res.end();
  });
}

/** The checks after the body is read, in the order of the file's header; a delivery when all pass. */
function accept(state: State, req: IncomingMessage, id: string, body: Buffer): Refusal | PushDelivery {
  const { failures } = state;
  if (failures.remaining > 0) {
    failures.remaining--;
    const after = failures.retryAfterSeconds;
    const headers: Record<string, string> = after === undefined ? {} : { 'retry-after': String(after) };
    return { status: failures.status, reason: 'injected-failure', headers };
  }
  const vapid = verifyVapid(req.headers.authorization, state.url, Date.now());
  if (!vapid.ok) return { status: 401, reason: vapid.reason, headers: { 'www-authenticate': 'vapid' } };
  const sub = state.subscriptions.get(id);
  if (sub === undefined) return { status: 404, reason: 'no-such-subscription' };
  if (sub.applicationServerKey !== null && sub.applicationServerKey !== vapid.key) {
    return { status: 403, reason: 'vapid-key-mismatch' };
  }
  if (sub.goneStatus !== null) return { status: sub.goneStatus, reason: 'subscription-expired' };
  const headers = checkHeaders(req);
  if ('status' in headers) return headers;
  let payload: string;
  try {
    payload = ece.decrypt(body, { version: 'aes128gcm', privateKey: sub.ecdh, authSecret: sub.auth }).toString();
  } catch {
    return { status: 400, reason: 'decryption-failed' };
  }
  const earlier = headers.topic === null ? undefined
    : state.deliveries.findLast((d) => d.endpoint === sub.endpoint && d.topic === headers.topic);
  return {
    endpoint: sub.endpoint, messageId: randomBytes(12).toString('base64url'), receivedAtMs: Date.now(), ...headers,
    payload, vapidSub: vapid.sub, vapidKey: vapid.key, replacesMessageId: earlier?.messageId ?? null,
  };
}

/** The subscription id of `POST /push/<id>`, or null for any other request. */
function pushIdOf(req: IncomingMessage): string | null {
  if (req.method !== 'POST') return null;
  const m = /^\/push\/([A-Za-z0-9_-]{1,64})$/.exec(req.url ?? '');
  return m === null ? null : m[1]!;
}

/** TTL, Urgency, Topic and Content-Encoding as RFC 8030 section 5 and RFC 8291 section 4 ask. */
function checkHeaders(req: IncomingMessage): Refusal | { ttl: number; urgency: string; topic: string | null } {
  const ttlText = req.headers.ttl;
  if (typeof ttlText !== 'string') return { status: 400, reason: 'ttl-missing' };
  if (!/^\d{1,10}$/.test(ttlText.trim())) return { status: 400, reason: 'ttl-invalid' };
  const urgency = header(req, 'urgency') ?? 'normal';
  if (!URGENCIES.has(urgency)) return { status: 400, reason: 'urgency-invalid' };
  const topic = header(req, 'topic') ?? null;
  if (topic !== null && !TOPIC_PATTERN.test(topic)) return { status: 400, reason: 'topic-invalid' };
  if (header(req, 'content-encoding') !== 'aes128gcm') return { status: 415, reason: 'content-encoding-not-aes128gcm' };
  return { ttl: Number(ttlText.trim()), urgency, topic };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value.trim() : undefined;
}

/** Calls back with the body, or null when it exceeds PUSH_BODY_BYTES_MAX (drained, then refused). */
function readBody(req: IncomingMessage, done: (body: Buffer | null) => void): void {
  const chunks: Buffer[] = [];
  let bytes = 0;
  req.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > BODY_DRAIN_BYTES_MAX) { req.destroy(); return; }
    if (bytes <= PUSH_BODY_BYTES_MAX) chunks.push(chunk);
  });
  req.on('end', () => done(bytes > PUSH_BODY_BYTES_MAX ? null : Buffer.concat(chunks)));
}

function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  req.resume();
  res.writeHead(refusal.status, { 'content-type': 'text/plain', ...refusal.headers });
  res.end(refusal.reason);
}

/** A fresh P-256 key and self-signed certificate for `host` (and localhost, 127.0.0.1). */
function selfSignedCertificate(host: string): { keyPem: string; certPem: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tapgate-push-tls-'));
  try {
    const names = new Set([isIP(host) ? `IP:${host}` : `DNS:${host}`, 'DNS:localhost', 'IP:127.0.0.1']);
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', String(CERT_VALID_DAYS),
      '-subj', '/CN=tapgate local push service', '-addext', `subjectAltName=${[...names].join(',')}`,
    ], { stdio: ['ignore', 'ignore', 'pipe'], timeout: OPENSSL_TIMEOUT_MS });
    return { keyPem: readFileSync(join(dir, 'key.pem'), 'utf8'), certPem: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
