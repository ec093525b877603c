// The local push service's own checks, over real TLS: a well-formed push (built by web-push) is
// accepted, decrypted and stored; each malformed one is refused with the status and reason a real
// push service would give (TTL, VAPID, Topic, Urgency, Content-Encoding, size, unknown endpoint,
// broken ciphertext), and failNext/expire answer what they were told.
import t from 'tap';
import webpush from 'web-push';
import { generateVapidKeys } from '../../consumers/notifier/channels/push.js';
import { startPushService, PUSH_BODY_BYTES_MAX, type PushService, type TestSubscription } from '../../local/push-service.js';
import { postRaw, vapidHeader } from '../helpers/push-fixtures.js';

const SUBJECT = 'mailto:ops@tapgate.example';
const vapid = { subject: SUBJECT, ...generateVapidKeys() };
const other = generateVapidKeys();

let service: PushService;
t.before(async () => { service = await startPushService(); });
t.teardown(async () => { await service.close(); });

/** The request web-push would send: encrypted body and every header. */
function built(sub: TestSubscription, payload = 'привет', topic = 'topic1') {
  const d = webpush.generateRequestDetails(sub, payload,
    { vapidDetails: vapid, TTL: 60, urgency: 'high', topic, contentEncoding: 'aes128gcm' });
  return { headers: { ...d.headers } as Record<string, string | number>, body: d.body };
}

t.test('push service - a push built by web-push is accepted, decrypted and stored', async (t) => {
  const sub = service.subscribe();
  const { headers, body } = built(sub);
  const answer = await postRaw(sub.endpoint, headers, body, service.caPem);
  t.equal(answer.status, 201);
  t.match(answer.headers.location, /^\/message\/[A-Za-z0-9_-]{16}$/);
  const d = await service.waitFor((x) => x.endpoint === sub.endpoint, 5000);
  t.equal(`/message/${d.messageId}`, answer.headers.location);
  t.same({ ...d, receivedAtMs: 0, messageId: '' }, {
    endpoint: sub.endpoint, messageId: '', receivedAtMs: 0, ttl: 60, urgency: 'high', topic: 'topic1',
    payload: 'привет', vapidSub: SUBJECT, vapidKey: vapid.publicKey, replacesMessageId: null,
  });
  t.equal(service.url, `https://127.0.0.1:${service.port}`);
  t.match(sub.endpoint, new RegExp(`^${service.url}/push/[A-Za-z0-9_-]{22}$`));
  t.equal(Buffer.from(sub.keys.p256dh, 'base64url').length, 65);
  t.equal(Buffer.from(sub.keys.auth, 'base64url').length, 16);
});

t.test('push service - a second message with the same topic replaces the first', async (t) => {
  const sub = service.subscribe();
  const first = await postRaw(sub.endpoint, built(sub, 'one').headers, built(sub, 'one').body, service.caPem);
  const second = built(sub, 'two');
  t.equal((await postRaw(sub.endpoint, second.headers, second.body, service.caPem)).status, 201);
  const d = await service.waitFor((x) => x.endpoint === sub.endpoint && x.payload === 'two', 5000);
  t.equal(`/message/${d.replacesMessageId}`, first.headers.location);
});

t.test('push service - malformed pushes are refused with status and reason (one control is accepted)', async (t) => {
  const sub = service.subscribe();
  const nowS = Math.floor(Date.now() / 1000);
  const claims = { aud: service.url, exp: nowS + 3600, sub: SUBJECT };
  type Change = (h: Record<string, string | number>) => void;
  const signed = (c: Record<string, unknown>): Change => (h) => { h.Authorization = vapidHeader(c, vapid); };
  const withK = (k: string): Change => (h) => { h.Authorization = String(h.Authorization).replace(/k=.*$/, `k=${k}`); };
  const cases: Array<[string, Change, number, string]> = [
    ['TTL missing', (h) => { delete h.TTL; }, 400, 'ttl-missing'],
    ['TTL not a number', (h) => { h.TTL = '1h'; }, 400, 'ttl-invalid'],
    ['no Authorization', (h) => { delete h.Authorization; }, 401, 'vapid-missing'],
    ['Authorization of another scheme', (h) => { h.Authorization = 'Bearer abc'; }, 401, 'vapid-missing'],
    ['VAPID without k', (h) => { h.Authorization = String(h.Authorization).replace(/, k=.*$/, ''); }, 401, 'vapid-malformed'],
    ['k is not the signing key', withK(other.publicKey), 401, 'vapid-signature-invalid'],
    ['k is not a P-256 point', withK('AAAA'), 401, 'vapid-key-invalid'],
    ['claims signed by hand are accepted', signed(claims), 201, ''],
    ['aud of another service', signed({ ...claims, aud: 'https://push.example.net' }), 401, 'vapid-aud-mismatch'],
    ['exp in the past', signed({ ...claims, exp: nowS - 10 }), 401, 'vapid-expired'],
    ['exp over 24 h ahead', signed({ ...claims, exp: nowS + 25 * 3600 }), 401, 'vapid-exp-too-far'],
    ['sub missing', signed({ aud: service.url, exp: nowS + 3600 }), 401, 'vapid-sub-invalid'],
    ['Topic of 33 characters', (h) => { h.Topic = 'a'.repeat(33); }, 400, 'topic-invalid'],
    ['Topic with a plus', (h) => { h.Topic = 'a+b'; }, 400, 'topic-invalid'],
    ['Urgency unknown', (h) => { h.Urgency = 'urgent'; }, 400, 'urgency-invalid'],
    ['Content-Encoding aesgcm', (h) => { h['Content-Encoding'] = 'aesgcm'; }, 415, 'content-encoding-not-aes128gcm'],
  ];
  for (const [name, change, status, reason] of cases) {
    const { headers, body } = built(sub);
    change(headers);
    const answer = await postRaw(sub.endpoint, headers, body, service.caPem);
    t.same([answer.status, answer.body], [status, reason], name);
  }
  t.equal(service.received().filter((d) => d.endpoint === sub.endpoint).length, 1, 'only the hand-signed push was stored');
});

t.test('push service - size, route, subscription and ciphertext refusals', async (t) => {
  const sub = service.subscribe();
  const { headers, body } = built(sub);
  const big = Buffer.alloc(PUSH_BODY_BYTES_MAX + 1, 1);
  const tooBig = await postRaw(sub.endpoint, { ...headers, 'Content-Length': big.length }, big, service.caPem);
  t.same([tooBig.status, tooBig.body], [413, 'payload-too-large']);
  const broken = Buffer.from(body);
  broken[broken.length - 1] = broken.at(-1)! ^ 0xff; // the last byte of the GCM tag
  const bad = await postRaw(sub.endpoint, headers, broken, service.caPem);
  t.same([bad.status, bad.body], [400, 'decryption-failed']);
  const unknown = await postRaw(`${service.url}/push/nosuchsubscription`, headers, body, service.caPem);
  t.same([unknown.status, unknown.body], [404, 'no-such-subscription']);
  const route = await postRaw(`${service.url}/other`, headers, body, service.caPem);
  t.same([route.status, route.body], [404, 'not-found']);
});

t.test('push service - a subscription bound to a key refuses another key with 403', async (t) => {
  const sub = service.subscribe({ applicationServerKey: other.publicKey });
  const { headers, body } = built(sub);
  const answer = await postRaw(sub.endpoint, headers, body, service.caPem);
  t.same([answer.status, answer.body], [403, 'vapid-key-mismatch']);
});

t.test('push service - failNext and expire answer what they were told', async (t) => {
  const sub = service.subscribe();
  service.failNext(2, 503, 7);
  for (let i = 0; i < 2; i++) {
    const { headers, body } = built(sub);
    const answer = await postRaw(sub.endpoint, headers, body, service.caPem);
    t.same([answer.status, answer.headers['retry-after']], [503, '7'], `failure ${i + 1}`);
  }
  const ok = built(sub);
  t.equal((await postRaw(sub.endpoint, ok.headers, ok.body, service.caPem)).status, 201, 'the third is accepted');
  service.expire(sub.endpoint, 410);
  const gone = built(sub);
  t.equal((await postRaw(sub.endpoint, gone.headers, gone.body, service.caPem)).status, 410);
  t.throws(() => service.expire(`${service.url}/push/nosuch`, 404), /not an endpoint of this push service/);
});

t.test('push service - waitFor rejects when nothing matches in time', async (t) => {
  await t.rejects(service.waitFor(() => false, 50), /no matching push within 50 ms/);
});
