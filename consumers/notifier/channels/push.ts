// The Web Push channel (RFC 8030 delivery, RFC 8291 aes128gcm encryption, RFC 8292 VAPID). One
// send is one POST to the subscription's endpoint; the push service's status becomes the outcome.
//
// web-push builds the request (encryption, VAPID token, TTL/Urgency/Topic headers) through
// generateRequestDetails; this file sends it itself with node:https instead of calling
// sendNotification, for three reasons: sendNotification's `timeout` is a socket idle timeout, not a
// bound on the whole attempt; it buffers any response body without a limit; and its WebPushError
// carries the endpoint, which identifies a person's browser and must never reach a log or an
// error detail. Outcomes carry codes and status numbers only.
//
// Status mapping (RFC 8030 section 5, RFC 8292 section 4):
//   2xx (201, 202)             accepted, providerId = the Location header (the message resource)
//   404, 410                   gone      PUSH_GONE: the caller removes the subscription
//   408, 429, 5xx, network,    retry     PUSH_UNAVAILABLE, with Retry-After as retryAfterMs
//   timeout
//   401                        rejected  PUSH_UNAUTHORIZED: the service refused our VAPID token
//   other (400, 403, 413, ...) rejected  PUSH_REJECTED
// 401 is a rejection and not a retry: the token is minted afresh from the same key pair on every
// attempt, so a retry meets the same refusal; it gets its own code because it is systemic (every
// message fails) and operators must see it at once, not after the outbox's backoff runs out. 403 is
// what a service answers when the key does not match the one the subscription was created with:
// permanent for that subscription, so PUSH_REJECTED.
import { Agent, request, type AgentOptions } from 'node:https';
import { createSecureContext, rootCertificates } from 'node:tls';
import type { IncomingHttpHeaders } from 'node:http';
import webpush from 'web-push';
import { assert } from '../../../core/index.js';
import type { OutgoingMessage, Provider, PushOptions, SendOutcome } from './provider.js';
import { checkVapidDetails, type VapidDetails } from './vapid-keys.js';

export { generateVapidKeys, loadOrCreateVapidKeys, type VapidDetails, type VapidKeys } from './vapid-keys.js';

export interface PushProviderOptions {
  readonly vapid: VapidDetails;
  /** An extra trusted CA (PEM) for a local push service; added to, not replacing, the public roots. */
  readonly ca?: Buffer | null;
  /** Concurrent connections to push services (per service origin: https.Agent maxSockets). */
  readonly connectionsMax: number;
  /** Bound on one whole attempt: queueing for a connection, TLS, request and response. */
  readonly sendTimeoutMs: number;
}

/**
 * A push service must accept at least 4096 bytes of body (RFC 8030 section 7.2). The aes128gcm body
 * is the 86-byte header (salt, record size, 65-byte key id), the plaintext, a 1-byte padding
 * delimiter and the 16-byte tag, which leaves 3993 bytes of plaintext.
 */
export const PUSH_PAYLOAD_BYTES_MAX = 4096 - 86 - 1 - 16;
/** Messages older than this are of no use to a parent; also the longest TTL services keep. */
export const PUSH_TTL_SECONDS_MAX = 28 * 24 * 3600;
/** A Retry-After beyond this is taken as this: the outbox must not park a message for days. */
export const PUSH_RETRY_AFTER_MS_MAX = 6 * 3600 * 1000;
/** Location headers are short URLs; a longer one is cut so a service cannot bloat the outbox. */
const PROVIDER_ID_CHARS_MAX = 512;
const CONNECTIONS_MAX_LIMIT = 1024;
/** RFC 8030 section 5.4: at most 32 characters of the URL and filename safe base64 alphabet. */
const TOPIC_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const URGENCIES: ReadonlySet<string> = new Set(['very-low', 'low', 'normal', 'high']);

/** The JSON the service worker receives and shows. `tag` lets the browser replace an older notice too. */
export interface PushPayload {
  readonly title: string;
  readonly body: string;
  readonly key: string;
  readonly tag: string;
}

export function createPushProvider(opts: PushProviderOptions): Provider {
  checkVapidDetails(opts.vapid, 'push provider VAPID settings');
  const { connectionsMax, sendTimeoutMs } = opts;
  assert(Number.isSafeInteger(connectionsMax) && connectionsMax >= 1 && connectionsMax <= CONNECTIONS_MAX_LIMIT,
    `connectionsMax must be an integer from 1 to ${CONNECTIONS_MAX_LIMIT}`);
  assert(Number.isSafeInteger(sendTimeoutMs) && sendTimeoutMs > 0, 'sendTimeoutMs must be a positive integer');
  const agentOptions: AgentOptions = { keepAlive: true, maxSockets: connectionsMax };
  // Passing `ca` replaces Node's trust store, so the public roots are kept beside the extra CA.
  // One secure context built here: given as `ca`, the ~140 certificates would be folded into the
  // agent's key for every request and parsed again for every connection.
  if (opts.ca) agentOptions.secureContext = createSecureContext({ ca: [...rootCertificates, opts.ca.toString('utf8')] });
  const agent = new Agent(agentOptions);
  const vapid = new VapidCache(opts.vapid);
  const inFlight = new Set<Promise<SendOutcome>>();
  let closed = false;

  return {
    channel: 'push',
    async send(msg: OutgoingMessage): Promise<SendOutcome> {
      assert(!closed, 'push provider used after close');
      const attempt = sendOnce(msg, opts, agent, vapid);
      inFlight.add(attempt);
      const done = (): void => { inFlight.delete(attempt); };
      attempt.then(done, done);
      return attempt;
    },
    async close(graceMs: number): Promise<void> {
      closed = true;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => { timer = setTimeout(resolve, graceMs); });
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearTimeout(timer);
      // Sends still running after the grace end here, each with a PUSH_UNAVAILABLE outcome.
      agent.destroy();
    },
  };
}

function checkPushOptions(push: PushOptions | undefined): asserts push is PushOptions {
  assert(push !== undefined, 'a push message needs push options (TTL, urgency, topic)');
  assert(Number.isSafeInteger(push.ttlSeconds) && push.ttlSeconds >= 0 && push.ttlSeconds <= PUSH_TTL_SECONDS_MAX,
    `push ttlSeconds must be an integer from 0 to ${PUSH_TTL_SECONDS_MAX}`);
  assert(URGENCIES.has(push.urgency), 'push urgency must be very-low, low, normal or high');
  assert(TOPIC_PATTERN.test(push.topic), 'push topic must be 1 to 32 characters of the URL-safe base64 alphabet');
}

/** A VAPID token (RFC 8292) lives this long; one is signed per push service origin and reused, in s. */
export const VAPID_TOKEN_TTL_S = 12 * 3600;
/** A cached token is replaced this long before it expires, in ms. */
const VAPID_RENEW_BEFORE_MS = 3_600_000;

/** VAPID Authorization headers per push service origin: signing one per message cost a tenth of the notifier's CPU. */
class VapidCache {
  private readonly byAudience = new Map<string, { header: string; renewAtMs: number }>();

  constructor(private readonly vapid: VapidDetails) {}

  header(audience: string, nowMs = Date.now()): string {
    const cached = this.byAudience.get(audience);
    if (cached !== undefined && nowMs < cached.renewAtMs) return cached.header;
    const expS = Math.floor(nowMs / 1000) + VAPID_TOKEN_TTL_S;
    const h = webpush.getVapidHeaders(audience, this.vapid.subject, this.vapid.publicKey, this.vapid.privateKey, 'aes128gcm', expS);
    const header = String(h.Authorization);
    this.byAudience.set(audience, { header, renewAtMs: expS * 1000 - VAPID_RENEW_BEFORE_MS });
    return header;
  }
}

async function sendOnce(msg: OutgoingMessage, opts: PushProviderOptions, agent: Agent, vapid: VapidCache): Promise<SendOutcome> {
  assert(msg.channel === 'push', 'the push provider was given a message for another channel');
  assert(typeof msg.to === 'object', 'a push message is addressed to a subscription');
  checkPushOptions(msg.push);
  const payload: PushPayload = { title: msg.subject, body: msg.text, key: msg.key, tag: msg.push.topic };
  const plaintext = JSON.stringify(payload);
  const plaintextBytes = Buffer.byteLength(plaintext);
  if (plaintextBytes > PUSH_PAYLOAD_BYTES_MAX) {
    const detail = `payload ${plaintextBytes} bytes, more than ${PUSH_PAYLOAD_BYTES_MAX}`;
    return { kind: 'rejected', code: 'PUSH_PAYLOAD_TOO_LARGE', detail };
  }
  // A subscription comes from a browser through the portal: a bad one is data, not a programmer error.
  let url: URL;
  try { url = new URL(msg.to.endpoint); } catch { return invalidSubscription('endpoint is not a URL'); }
  if (url.protocol !== 'https:') return invalidSubscription('endpoint is not an https URL');
  let details: ReturnType<typeof webpush.generateRequestDetails>;
  try {
    details = webpush.generateRequestDetails({ endpoint: msg.to.endpoint, keys: msg.to.keys }, plaintext, {
      headers: { Authorization: vapid.header(url.origin) },
      contentEncoding: 'aes128gcm',
      TTL: msg.push.ttlSeconds,
      urgency: msg.push.urgency,
      topic: msg.push.topic,
    });
  } catch {
    // web-push's messages may quote the keys; none of them is kept.
    return invalidSubscription('subscription keys cannot encrypt (p256dh or auth malformed)');
  }
  assert(details.body !== null, 'web-push returned no encrypted body');
  return post(agent, url, details.headers, details.body, opts.sendTimeoutMs);
}

function invalidSubscription(detail: string): SendOutcome {
  return { kind: 'rejected', code: 'PUSH_SUBSCRIPTION_INVALID', detail };
}

/** One POST; resolves with the outcome, never rejects. */
function post(
  agent: Agent, url: URL, headers: Record<string, string>, body: Buffer, timeoutMs: number,
): Promise<SendOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: SendOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = request(url, { method: 'POST', agent, headers }, (res) => {
      // The body is of no use to us (services put a human-readable reason there); drain it so the
      // connection can be reused, and answer when it has ended.
      res.on('error', (err) => finish(unavailable(`response ${errorCode(err)}`)));
      res.on('end', () => finish(outcomeOfStatus(res.statusCode ?? 0, res.headers, Date.now())));
      res.resume();
    });
    const timer = setTimeout(() => {
      finish(unavailable(`no answer within ${timeoutMs} ms`));
      req.destroy();
    }, timeoutMs);
    req.on('error', (err) => finish(unavailable(`network ${errorCode(err)}`)));
    req.end(body);
  });
}

function unavailable(detail: string, retryAfterMs?: number): SendOutcome {
  return retryAfterMs === undefined
    ? { kind: 'retry', code: 'PUSH_UNAVAILABLE', detail }
    : { kind: 'retry', code: 'PUSH_UNAVAILABLE', detail, retryAfterMs };
}

/** The outcome of a push service's answer (mapping in the header of this file). */
export function outcomeOfStatus(status: number, headers: IncomingHttpHeaders, nowMs: number): SendOutcome {
  const detail = `status ${status}`;
  if (status >= 200 && status <= 299) {
    const location = typeof headers.location === 'string' ? headers.location.slice(0, PROVIDER_ID_CHARS_MAX) : '';
    return { kind: 'accepted', providerId: location, parts: 1 };
  }
  if (status === 404 || status === 410) return { kind: 'gone', code: 'PUSH_GONE', detail };
  if (status === 408 || status === 429 || (status >= 500 && status <= 599)) {
    return unavailable(detail, retryAfterMs(headers['retry-after'], nowMs));
  }
  if (status === 401) return { kind: 'rejected', code: 'PUSH_UNAUTHORIZED', detail };
  return { kind: 'rejected', code: 'PUSH_REJECTED', detail };
}

/** Retry-After as delay-seconds or an HTTP-date (RFC 9110 section 10.2.3), capped; undefined when absent or bad. */
export function retryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  let ms: number;
  if (/^\d{1,10}$/.test(text)) ms = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = Math.max(0, at - nowMs);
  }
  return Math.min(ms, PUSH_RETRY_AFTER_MS_MAX);
}

/** The error's code (ECONNREFUSED, CERT_HAS_EXPIRED, ...); its message may name the host and path. */
function errorCode(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code) ? code : 'ERROR';
}
