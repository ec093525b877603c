// Web Push in the parents' portal, in Debian's Chromium with the real notifier and the local TLS
// push service (local/push-service.ts). What is real and what is bridged:
// - Real: the portal's service worker and manifest (installable, checked through the DevTools
//   protocol), the VAPID public key the API reads from the notifier's key file, the page's
//   subscribe flow (permission, service worker, subscribe with that key, POST
//   /me/push-subscriptions, the list, «Отписать»), the preferences saved through the page, a real
//   entry at a connected turnstile, the notifier's encrypted, VAPID-signed push to the push
//   service, which checks the signature and decrypts the payload as a browser would.
// - Bridged: Chromium's PushManager.subscribe needs Google's push service (FCM), which is not
//   reachable here; the first test records what it does offline. So PushManager.subscribe is
//   replaced in the page by one that returns a subscription of the local push service (the key
//   the page passed is recorded and checked), and the payload the push service decrypted is
//   handed to the service worker with DevTools' ServiceWorker.deliverPushMessage, as FCM would
//   hand it to the browser. The service worker then shows the notification, which is read back
//   with registration.getNotifications().
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { apiClient, makeToken, SCHOOL_A, startApiStack } from '../helpers/api-fixtures.js';
import { consoleUrl, launchBrowser, openPage, PHONE, signInWithToken } from '../helpers/browser.js';
import { connect, ENTRY, Reason, tap, waitFor, WAIT_MS, type TestDevice } from '../helpers/gateway-fixtures.js';
import { startNotifier, startProviders } from '../helpers/notifier-fixtures.js';
import { startSink } from '../helpers/stack.js';

/** How long a push may take from the tap to the push service (the notifier reads the ledger). */
const PUSH_MS = 20_000;

const dir = mkdtempSync(join(tmpdir(), 'tapgate-parent-push-'));
const vapidFile = join(dir, 'vapid.json');
const api = await startApiStack({ clickhouse: true, env: { TAPGATE_GATEWAY_ID: 'gw-web-push', TAPGATE_REPEAT_WINDOW_MS: '0', TAPGATE_VAPID_FILE: vapidFile } });
const providers = await startProviders(dir);
const notifier = await startNotifier(api.stack, providers, { TAPGATE_VAPID_FILE: vapidFile });
// The sink makes the history tables the day view reads (the page opens on the day).
const sink = await startSink(api.stack);
t.teardown(async () => { await sink.stop(); await notifier.stop(); await providers.stop(); await api.stop(); });
const base = consoleUrl(api.gw.apiUrl);
const browser = await launchBrowser(t);
const vapidPublicKey = (JSON.parse(readFileSync(vapidFile, 'utf8')) as { publicKey: string }).publicKey;

async function made<T = any>(p: Promise<{ status: number; body: T }>, status = 201): Promise<T> {
  const r = await p;
  if (r.status !== status) throw new Error(`setup: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const child = await made(api.admin('POST', `/schools/${SCHOOL_A}/persons`, { kind: 'pupil', surname: 'Пушкина', givenName: 'Оля', birthDate: '2014-02-03' }));
const guardian = await made(api.admin('POST', '/guardians', { phone: '+79165557001', surname: 'Пушкин', givenName: 'Иван' }));
await made(api.admin('POST', `/persons/${child.id}/guardians`, { guardianId: guardian.id }));
const cardUid = '04c0ffee123456';
await made(api.admin('POST', `/persons/${child.id}/identifiers`, { kind: 'social_card', uidHex: cardUid }));
const ts = await made(api.admin('POST', `/schools/${SCHOOL_A}/devices`, { kind: 'turnstile' }));
const device: TestDevice = { id: ts.device.id, schoolId: SCHOOL_A, secret: Buffer.from(ts.secretHex, 'hex') };
const token = await makeToken(api.stack.nc, { role: 'guardian', guardianId: guardian.id, label: 'push parent' });
const parent = apiClient(api.gw.apiUrl, token);
await waitFor(async () => (await parent('GET', '/me')).status === 200, WAIT_MS, 'the gateway knows the token');

t.test('parent push - the VAPID key comes from the notifier\'s file; the portal is an installable PWA', async (t) => {
  t.same((await parent('GET', '/push/vapid-public-key')).body, { publicKey: vapidPublicKey }, 'the key the notifier signs with');
  const manifest = await fetch(`${base}/manifest.webmanifest`);
  t.match(manifest.headers.get('content-type'), /^application\/manifest\+json/, 'the manifest is served as one');
  const { context, page } = await openPage(t, browser, base, { size: PHONE });
  await signInWithToken(page, token, /\/parent$/);
  await page.evaluate('navigator.serviceWorker.ready.then((r) => r.scope)');
  const cdp = await context.newCDPSession(page);
  const app = await cdp.send('Page.getAppManifest') as { errors: unknown[]; data?: string };
  t.same(app.errors, [], 'the manifest has no errors');
  t.equal(JSON.parse(app.data ?? '{}').start_url, '/parent', 'it starts at the portal');
  const inst = await cdp.send('Page.getInstallabilityErrors') as { installabilityErrors: Array<{ errorId: string }> };
  // A test's browser context is incognito-like, where Chromium installs nothing: that is the only objection allowed.
  t.same(inst.installabilityErrors.map((e) => e.errorId), ['in-incognito'], 'Chromium finds nothing else against installing the portal');
});

t.test('parent push - what PushManager.subscribe does in this Chromium offline', async (t) => {
  const { page } = await openPage(t, browser, base, { size: PHONE, notifications: true });
  await signInWithToken(page, token, /\/parent$/);
  await page.getByRole('tab', { name: 'Уведомления', exact: true }).click();
  await page.getByRole('button', { name: 'Включить на этом устройстве' }).click();
  const outcome = await page.locator('.notice').filter({ hasText: /подписан|Не удалось/ }).first().textContent();
  const stored = (await parent('GET', '/me/push-subscriptions')).body.items as unknown[];
  if (stored.length === 0) {
    t.equal(outcome, 'Не удалось подписаться: браузер не смог связаться со службой уведомлений.', 'offline, the page says the browser could not subscribe');
    const why = await page.evaluate(`navigator.serviceWorker.ready.then((r) => r.pushManager.subscribe({ userVisibleOnly: true,
      applicationServerKey: '${vapidPublicKey}' })).then(() => 'subscribed', (e) => e.name + ': ' + e.message)`);
    t.comment(`PushManager.subscribe offline in this Chromium: ${String(why)} (it needs FCM); the next test bridges it`);
  } else {
    t.equal(outcome, 'Готово: это устройство подписано.', 'the browser subscribed for real');
    for (const s of stored as Array<{ id: string }>) await parent('DELETE', `/me/push-subscriptions/${s.id}`);
  }
});

t.test('parent push - subscribe through the page, a real entry, the notifier\'s push shown by the service worker', async (t) => {
  const sub = providers.push.subscribe({ applicationServerKey: vapidPublicKey });
  const { context, page, errors } = await openPage(t, browser, base, { size: PHONE, notifications: true });
  // The bridge: a subscription of the local push service instead of FCM's, and the key asked for kept.
  await context.addInitScript(`(() => {
    const json = ${JSON.stringify({ endpoint: sub.endpoint, expirationTime: null, keys: sub.keys })};
    const fake = { endpoint: json.endpoint, options: null, expirationTime: null, getKey: () => null, toJSON: () => json, unsubscribe: async () => true };
    PushManager.prototype.subscribe = async function (opts) {
      const key = new Uint8Array(opts.applicationServerKey);
      window.askedKey = btoa(String.fromCharCode(...key)).replace(/[+]/g, '-').replace(/[/]/g, '_').replace(/=+$/, '');
      return fake;
    };
    PushManager.prototype.getSubscription = async () => fake;
  })()`);
  await signInWithToken(page, token, /\/parent$/);
  await page.getByRole('tab', { name: 'Уведомления', exact: true }).click();
  await page.getByLabel('вход и выход: push-уведомление').check();
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await page.getByText('Сохранено.', { exact: true }).waitFor();
  t.same((await parent('GET', `/me/children/${child.id}/preferences`)).body.subscriptions, [{ event: 'entry_exit', channels: ['push'] }], 'preferences stored');
  await page.getByRole('button', { name: 'Включить на этом устройстве' }).click();
  await page.getByText('Готово: это устройство подписано.').waitFor();
  t.equal(await page.evaluate('window.askedKey'), vapidPublicKey, 'the page subscribed with the notifier\'s VAPID key');
  await page.getByText('Это устройство', { exact: true }).waitFor();
  const stored = (await parent('GET', '/me/push-subscriptions')).body.items as Array<{ id: string }>;
  t.equal(stored.length, 1, 'the subscription is stored');

  const reader = await connect(api.gw, device);
  t.teardown(() => reader.close());
  const [d] = await tap(reader, [{ seq: 1, uid: Buffer.from(cardUid, 'hex'), direction: ENTRY }]);
  t.equal(d!.reason, Reason.DECISION_REASON_OK, 'the child enters');
  const delivery = await providers.push.waitFor((x) => x.endpoint === sub.endpoint, PUSH_MS);
  t.equal(delivery.vapidKey, vapidPublicKey, 'signed with the key the page subscribed with');
  const payload = JSON.parse(delivery.payload) as { title: string; body: string };
  t.match(payload, { title: String, body: /^Оля вошёл\(-ла\) в школу в \d{2}:\d{2}\.$/ }, 'the notice is the entry\'s');

  t.equal(await page.evaluate('navigator.serviceWorker.ready.then((r) => r.active.state)'), 'activated', 'the service worker is active');
  const cdp = await context.newCDPSession(page);
  const registrations = new Map<string, string>();
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: Array<{ registrationId: string; scopeURL: string; isDeleted: boolean }> }) => {
    for (const r of e.registrations) if (r.scopeURL === `${base}/parent` && !r.isDeleted) registrations.set('live', r.registrationId);
  });
  await cdp.send('ServiceWorker.enable');
  await waitFor(() => registrations.has('live'), WAIT_MS, 'the service worker registration is known');
  let shown: Array<{ title: string; body: string }> = [];
  const readShown = async () => {
    shown = await page.evaluate(`navigator.serviceWorker.getRegistration('/parent')
      .then((r) => r.getNotifications()).then((list) => list.map((n) => ({ title: n.title, body: n.body })))`);
    return shown.length > 0;
  };
  // The worker may be stopped between events; a message that found it stopped is handed again (the
  // notice's tag makes a second copy replace the first, as a repeated push would).
  let attempts = 0;
  for (; attempts < 3 && !await readShown(); attempts++) {
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: base, registrationId: registrations.get('live')!, data: delivery.payload });
    await waitFor(readShown, 3000, 'the service worker shows the notification').catch(() => 0);
  }
  t.comment(`the push message was handed to the service worker ${attempts} time(s)`);
  t.same(shown, [{ title: payload.title, body: payload.body }], 'the notification shows the notice\'s title and text');

  await page.getByRole('button', { name: 'Отписать' }).click();
  await page.getByText('Устройство отписано.').waitFor();
  t.same((await parent('GET', '/me/push-subscriptions')).body.items, [], 'removed');
  t.same(errors, [], 'no page errors');
});
