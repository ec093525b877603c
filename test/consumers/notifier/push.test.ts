// The Web Push provider against the local push service over real TLS with real crypto: the payload
// a browser decrypts is exactly the JSON sent (Russian text included), TTL/Urgency/Topic and the
// VAPID subject arrive as sent; 404/410 are 'gone', 429/503/network/timeout are 'retry' with
// Retry-After honoured, a VAPID key the subscription was not made with is 'rejected'. No outcome
// names the endpoint. The VAPID key file is created once (0600), reused, and refused when damaged.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import webpush from 'web-push';
import { TapgateError } from '../../../core/index.js';
import {
  createPushProvider, generateVapidKeys, loadOrCreateVapidKeys, outcomeOfStatus, PUSH_PAYLOAD_BYTES_MAX,
} from '../../../consumers/notifier/channels/push.js';
import type {
  OutgoingMessage, Provider, PushSubscriptionJson, SendOutcome,
} from '../../../consumers/notifier/channels/provider.js';
import { startPushService, type PushService } from '../../../local/push-service.js';
import { postRaw } from '../../helpers/push-fixtures.js';

const SUBJECT = 'mailto:ops@tapgate.example';
const vapid = { subject: SUBJECT, ...generateVapidKeys() };
const WAIT_MS = 5000;
const retry = (detail: string): SendOutcome => ({ kind: 'retry', code: 'PUSH_UNAVAILABLE', detail });
const retryAfter = (detail: string, retryAfterMs: number): SendOutcome =>
  ({ kind: 'retry', code: 'PUSH_UNAVAILABLE', detail, retryAfterMs });
const rejected = (code: string, detail: string): SendOutcome => ({ kind: 'rejected', code, detail });

let service: PushService;
let provider: Provider;
t.before(async () => {
  service = await startPushService();
  provider = createPushProvider({ vapid, ca: Buffer.from(service.caPem), connectionsMax: 4, sendTimeoutMs: 5000 });
});
t.teardown(async () => {
  await provider.close(1000);
  await service.close();
});

function message(to: PushSubscriptionJson, over: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    key: 'evt-42:guardian-7:push', channel: 'push', to,
    subject: 'Вход в школу', text: 'Маша вошла в школу в 08:12',
    push: { ttlSeconds: 3600, urgency: 'high', topic: 'pass-person-7' }, ...over,
  };
}

/** The outcome, checked to name neither the endpoint nor its subscription id. */
function clean(t: Test, outcome: SendOutcome, endpoint: string): SendOutcome {
  const text = JSON.stringify(outcome);
  t.notOk(text.includes(endpoint.slice(endpoint.lastIndexOf('/') + 1)), 'the outcome does not name the subscription');
  return outcome;
}

t.test('push - a notice reaches the browser: exact payload, TTL, Urgency, Topic, VAPID', async (t) => {
  const sub = service.subscribe({ applicationServerKey: vapid.publicKey });
  const outcome = clean(t, await provider.send(message(sub)), sub.endpoint);
  const d = await service.waitFor((x) => x.endpoint === sub.endpoint, WAIT_MS);
  t.same(outcome, { kind: 'accepted', providerId: `/message/${d.messageId}`, parts: 1 });
  t.equal(d.payload, '{"title":"Вход в школу","body":"Маша вошла в школу в 08:12",'
    + '"key":"evt-42:guardian-7:push","tag":"pass-person-7"}');
  t.same([d.ttl, d.urgency, d.topic, d.vapidSub, d.vapidKey], [3600, 'high', 'pass-person-7', SUBJECT, vapid.publicKey]);
});

t.test('push - a payload at the size limit is delivered, one byte over is rejected before sending', async (t) => {
  const sub = service.subscribe();
  const bare = JSON.stringify({ title: 'T', body: '', key: 'k', tag: 'pass-person-7' });
  const fits = message(sub, { key: 'k', subject: 'T', text: 'x'.repeat(PUSH_PAYLOAD_BYTES_MAX - Buffer.byteLength(bare)) });
  t.equal((await provider.send(fits)).kind, 'accepted');
  t.equal((await service.waitFor((x) => x.endpoint === sub.endpoint, WAIT_MS)).payload.length, PUSH_PAYLOAD_BYTES_MAX);
  const over = await provider.send({ ...fits, text: `${fits.text}x` });
  t.same(over, rejected('PUSH_PAYLOAD_TOO_LARGE', `payload ${PUSH_PAYLOAD_BYTES_MAX + 1} bytes, more than ${PUSH_PAYLOAD_BYTES_MAX}`));
});

t.test('push - an expired subscription is gone', async (t) => {
  for (const status of [404, 410] as const) {
    const sub = service.subscribe();
    service.expire(sub.endpoint, status);
    const outcome = clean(t, await provider.send(message(sub)), sub.endpoint);
    t.same(outcome, { kind: 'gone', code: 'PUSH_GONE', detail: `status ${status}` });
  }
});

t.test('push - 503 and 429 are retried, Retry-After honoured; the next attempt gets through', async (t) => {
  const sub = service.subscribe();
  service.failNext(1, 503, 7);
  t.same(clean(t, await provider.send(message(sub)), sub.endpoint), retryAfter('status 503', 7000));
  service.failNext(1, 429);
  t.same(await provider.send(message(sub)), retry('status 429'));
  t.equal((await provider.send(message(sub))).kind, 'accepted');
});

t.test('push - a VAPID key the subscription was not made with is rejected (403, permanent)', async (t) => {
  // The browser bound this subscription to another server key (e.g. the key file was lost and
  // regenerated): every retry would be signed by the same wrong key, so it is not retried.
  const sub = service.subscribe({ applicationServerKey: generateVapidKeys().publicKey });
  t.same(clean(t, await provider.send(message(sub)), sub.endpoint), rejected('PUSH_REJECTED', 'status 403'));
});

t.test('push - the service refuses an invalid Topic sent raw; the provider asserts before sending', async (t) => {
  const sub = service.subscribe();
  const d = webpush.generateRequestDetails(sub, 'x',
    { vapidDetails: vapid, TTL: 60, urgency: 'low', topic: 'ok', contentEncoding: 'aes128gcm' });
  const answer = await postRaw(sub.endpoint, { ...d.headers, Topic: 'not/url-safe' }, d.body, service.caPem);
  t.same([answer.status, answer.body], [400, 'topic-invalid']);
  type Push = NonNullable<OutgoingMessage['push']>;
  const bad = (push: Push | undefined) => provider.send(message(sub, push === undefined ? { push: undefined as never } : { push }));
  await t.rejects(bad({ ttlSeconds: 60, urgency: 'low', topic: 'a'.repeat(33) }), /assertion failed: push topic/);
  await t.rejects(bad({ ttlSeconds: 60, urgency: 'low', topic: 'with space' }), /assertion failed: push topic/);
  await t.rejects(bad({ ttlSeconds: -1, urgency: 'low', topic: 'ok' }), /assertion failed: push ttlSeconds/);
  await t.rejects(bad(undefined), /assertion failed: a push message needs push options/);
  await t.rejects(provider.send(message(sub, { channel: 'sms' })),
    /assertion failed: the push provider was given a message for another channel/);
  t.equal(service.received().filter((x) => x.endpoint === sub.endpoint).length, 0);
});

t.test('push - a malformed subscription is rejected without a request', async (t) => {
  const sub = service.subscribe();
  t.same(await provider.send(message({ ...sub, endpoint: sub.endpoint.replace('https:', 'http:') })),
    rejected('PUSH_SUBSCRIPTION_INVALID', 'endpoint is not an https URL'));
  t.same(await provider.send(message({ ...sub, keys: { ...sub.keys, p256dh: 'AAAA' } })),
    rejected('PUSH_SUBSCRIPTION_INVALID', 'subscription keys cannot encrypt (p256dh or auth malformed)'));
});

t.test('push - refused connection, untrusted certificate and silence are retried', async (t) => {
  const sub = service.subscribe();
  // A port that was just free: bind, read it, close; nothing listens there now.
  const tcp = createTcpServer();
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  const freePort = (tcp.address() as AddressInfo).port;
  await new Promise<void>((resolve) => tcp.close(() => resolve()));
  const refused = await provider.send(message({ ...sub, endpoint: `https://127.0.0.1:${freePort}/push/abc` }));
  t.same(refused, retry('network ECONNREFUSED'));

  const untrusting = createPushProvider({ vapid, connectionsMax: 1, sendTimeoutMs: 5000 });
  t.teardown(() => untrusting.close(0));
  t.same(await untrusting.send(message(sub)), retry('network DEPTH_ZERO_SELF_SIGNED_CERT'));

  // A push service that takes the request and never answers.
  const slow = createPushProvider({ vapid, ca: Buffer.from(service.caPem), connectionsMax: 1, sendTimeoutMs: 200 });
  t.teardown(() => slow.close(0));
  const stalled = service.stallNext(1, WAIT_MS);
  t.same(await slow.send(message(sub)), retry('no answer within 200 ms'));
  await stalled;
});

t.test('push - close waits at most its grace; a send still in flight ends as a retry', async (t) => {
  const sub = service.subscribe();
  const closing = createPushProvider({ vapid, ca: Buffer.from(service.caPem), connectionsMax: 1, sendTimeoutMs: 60_000 });
  const stalled = service.stallNext(1, WAIT_MS);
  const inFlight = closing.send(message(sub));
  await stalled;
  await closing.close(50);
  t.same(await inFlight, retry('network ECONNRESET'));
  await t.rejects(closing.send(message(sub)), /assertion failed: push provider used after close/);
});

t.test('push - status mapping (401 is rejected: a retry is signed by the same key and meets the same refusal)', async (t) => {
  const now = Date.UTC(2025, 8, 1, 8, 0, 0);
  const cases: Array<[number, Record<string, string>, SendOutcome]> = [
    [201, { location: '/message/abc' }, { kind: 'accepted', providerId: '/message/abc', parts: 1 }],
    [202, {}, { kind: 'accepted', providerId: '', parts: 1 }],
    [404, {}, { kind: 'gone', code: 'PUSH_GONE', detail: 'status 404' }],
    [410, {}, { kind: 'gone', code: 'PUSH_GONE', detail: 'status 410' }],
    [429, { 'retry-after': '30' }, retryAfter('status 429', 30_000)],
    [503, { 'retry-after': 'Mon, 01 Sep 2025 08:02:00 GMT' }, retryAfter('status 503', 120_000)],
    [503, { 'retry-after': 'Mon, 01 Sep 2025 07:00:00 GMT' }, retryAfter('status 503', 0)],
    [500, { 'retry-after': '999999' }, retryAfter('status 500', 6 * 3600_000)],
    [502, { 'retry-after': 'soon' }, retry('status 502')],
    [408, {}, retry('status 408')],
    [400, {}, rejected('PUSH_REJECTED', 'status 400')],
    [401, {}, rejected('PUSH_UNAUTHORIZED', 'status 401')],
    [403, {}, rejected('PUSH_REJECTED', 'status 403')],
    [413, {}, rejected('PUSH_REJECTED', 'status 413')],
    [301, {}, rejected('PUSH_REJECTED', 'status 301')],
  ];
  for (const [status, headers, expected] of cases) {
    t.same(outcomeOfStatus(status, headers, now), expected, `${status} ${JSON.stringify(headers)}`);
  }
});

t.test('push - the VAPID key file is created once with mode 0600 and reused', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'tapgate-vapid-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'state', 'notifier', 'vapid.json');
  const [first, racer] = await Promise.all([loadOrCreateVapidKeys(path, SUBJECT), loadOrCreateVapidKeys(path, SUBJECT)]);
  t.equal((await stat(path)).mode & 0o777, 0o600);
  t.same(racer, first, 'two starts at once get the same pair');
  const again = await loadOrCreateVapidKeys(path, 'https://tapgate.example/contact');
  t.same(again, { ...first, subject: 'https://tapgate.example/contact' });
  const doc = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  t.same(Object.keys(doc), ['publicKey', 'privateKey', 'createdAt']);
  t.same([Buffer.from(first.publicKey, 'base64url').length, Buffer.from(first.privateKey, 'base64url').length], [65, 32]);
  // The stored pair signs pushes the service verifies.
  const keyed = createPushProvider({ vapid: again, ca: Buffer.from(service.caPem), connectionsMax: 1, sendTimeoutMs: 5000 });
  t.teardown(() => keyed.close(0));
  const sub = service.subscribe({ applicationServerKey: first.publicKey });
  t.equal((await keyed.send(message(sub))).kind, 'accepted');
});

t.test('push - a damaged VAPID key file or a bad subject is refused, naming the file', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'tapgate-vapid-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const other = generateVapidKeys();
  const cases: Array<[string, string, string]> = [
    ['not JSON', '{"publicKey": ', 'not valid JSON'],
    ['an array', '[]', 'not a JSON object'],
    ['no privateKey', JSON.stringify({ publicKey: vapid.publicKey }), 'privateKey is not a base64url string'],
    ['short public key', JSON.stringify({ publicKey: 'BAAA', privateKey: vapid.privateKey }),
      'publicKey is not an uncompressed P-256 point (65 bytes starting with 0x04)'],
    ['keys of two pairs', JSON.stringify({ publicKey: vapid.publicKey, privateKey: other.privateKey }),
      'publicKey does not belong to privateKey'],
    ['too large', ' '.repeat(5000), '5000 bytes, more than 4096'],
  ];
  for (const [name, text, problem] of cases) {
    const path = join(dir, `${name.replaceAll(' ', '-')}.json`);
    await writeFile(path, text, { mode: 0o600 });
    const err = await loadOrCreateVapidKeys(path, SUBJECT).then(() => null, (e: unknown) => e);
    t.ok(err instanceof TapgateError, name);
    if (!(err instanceof TapgateError)) continue;
    t.same([err.code, err.message, err.details],
      ['NOTIFIER_VAPID_INVALID', `VAPID key file ${path}: ${problem}`, { path, problem }], name);
    t.equal(await readFile(path, 'utf8'), text, `${name}: the file is left as it was`);
  }
  for (const subject of ['', 'ops@tapgate.example', 'http://tapgate.example', 'mailto:nobody']) {
    await t.rejects(loadOrCreateVapidKeys(join(dir, 'fresh.json'), subject),
      { code: 'NOTIFIER_VAPID_INVALID' }, `subject ${JSON.stringify(subject)}`);
  }
  const mismatched = { ...vapid, privateKey: other.privateKey };
  t.throws(() => createPushProvider({ vapid: mismatched, connectionsMax: 1, sendTimeoutMs: 1000 }),
    { code: 'NOTIFIER_VAPID_INVALID', message: 'push provider VAPID settings: publicKey does not belong to privateKey' });
});
