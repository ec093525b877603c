// Integration: the photo service (api/routes/photos.ts) against a real gateway and nats-server.
// No consent, no photo; an upload is read back byte for byte by the office and the school's
// guard and by nobody else; what is not a whole JPEG or PNG is refused; withdrawing consent
// deletes the photo from the store at once; a device fetches its own school's photos with a
// request signed by its secret, and a bad signature, a stale clock or another school's device
// is refused.
import t from 'tap';
import { Kvm, type KV } from '@nats-io/kv';
import { PHOTO_CLOCK_SKEW_MS_MAX, photoFetchMac } from '../../core/index.js';
import { PHOTO_BUCKET } from '../../api/photos.js';
import { SCHOOL_A, SCHOOL_B, expectApiError, startApiStack, type ApiClient } from '../helpers/api-fixtures.js';
import { jpegImage, pngImage } from '../helpers/images.js';

const api = await startApiStack();
t.teardown(() => api.stop());
const { admin } = api;
const base = api.gw.apiUrl;

let names = 0;
async function newPupil(schoolId = SCHOOL_A): Promise<string> {
  const res = await admin('POST', `/schools/${schoolId}/persons`,
    { kind: 'pupil', surname: `Фото${'абвгдежзик'[names++ % 10]}${names}`, givenName: 'Тест', birthDate: '2014-03-02', className: '3А' });
  if (res.status !== 201) throw new Error(`setup: pupil ${res.status}`);
  return res.body.id as string;
}

/** An upload of raw bytes with a content type. */
const upload = (client: ApiClient, personId: string, bytes: Uint8Array, contentType: string) =>
  client('PUT', `/persons/${personId}/photo`, undefined, { raw: bytes, contentType });
const consent = (personId: string, value: boolean) => admin('PUT', `/persons/${personId}/photo-consent`, { consent: value });

interface Raw { status: number; bytes: Buffer; headers: Headers; json: any }
async function getRaw(path: string, headers: Record<string, string>): Promise<Raw> {
  const res = await fetch(`${base}${path}`, { headers, signal: AbortSignal.timeout(10_000) });
  const bytes = Buffer.from(await res.arrayBuffer());
  let json: unknown = null;
  try { json = JSON.parse(bytes.toString('utf8')); } catch { /* an image */ }
  return { status: res.status, bytes, headers: res.headers, json };
}
/** Whether the store holds only a purge marker for the ref (a purge leaves no earlier message of the key). */
async function purged(kv: KV, ref: string): Promise<boolean> {
  const e = await kv.get(`photo.${ref}`);
  const history = await kv.history({ key: `photo.${ref}` });
  const ops: string[] = [];
  for await (const h of history) ops.push(h.operation);
  return e !== null && e.operation === 'PURGE' && e.value.length === 0 && ops.join() === 'PURGE';
}
const photoAs = (token: string, personId: string, extra: Record<string, string> = {}) =>
  getRaw(`/persons/${personId}/photo`, { authorization: `Bearer ${token}`, ...extra });

async function tokenFor(spec: Parameters<typeof api.clientFor>[0]): Promise<{ client: ApiClient; token: string }> {
  const made = await admin('POST', '/tokens', spec);
  if (made.status !== 201) throw new Error(`setup: token ${made.status}`);
  const client = await api.clientFor(spec);
  return { client, token: made.body.token as string };
}
const guardA = await tokenFor({ role: 'guard', schoolIds: [SCHOOL_A], label: 'guard A' });
const guardB = await tokenFor({ role: 'guard', schoolIds: [SCHOOL_B], label: 'guard B' });
const operatorB = await tokenFor({ role: 'school_operator', schoolIds: [SCHOOL_B], label: 'operator B' });
const caterer = await tokenFor({ role: 'catering_operator', schoolIds: [SCHOOL_A], label: 'caterer A' });
const parent = await admin('POST', '/guardians', { phone: '+79160005001', surname: 'Родитель' });
const guardianT = await tokenFor({ role: 'guardian', guardianId: parent.body.id, label: 'parent' });

const PNG = pngImage(48, 60, 1);
const JPEG = jpegImage(64, 80);

t.test('photos - no consent, no photo: the upload is refused and nothing is stored', async (t) => {
  const id = await newPupil();
  const view = await admin('GET', `/persons/${id}`);
  t.same([view.body.photoConsent, view.body.hasPhoto, view.body.photoRef], [false, false, ''], 'a new person has no consent and no photo');
  const res = await upload(admin, id, PNG, 'image/png');
  t.same(expectApiError(t, res, 409, 'API_CONFLICT', 'upload without consent'), { reason: 'no_consent' });
  expectApiError(t, await getRaw(`/persons/${id}/photo`, { authorization: `Bearer ${api.adminToken}` }).then((r) =>
    ({ status: r.status, body: r.json, headers: r.headers })), 404, 'API_NOT_FOUND', 'no photo to read');
  t.equal((await admin('GET', `/persons/${id}`)).body.photoRef, '', 'the record is unchanged');
});

t.test('photos - with consent an upload reads back byte for byte; a new upload gets a new ref', async (t) => {
  const id = await newPupil();
  const granted = await consent(id, true);
  t.same([granted.status, granted.body.photoConsent, granted.body.hasPhoto], [200, true, false], 'consent recorded');
  const up = await upload(admin, id, PNG, 'image/png');
  t.equal(up.status, 200, 'uploaded');
  t.match(up.body.photoRef, /^ph_[A-Za-z0-9_-]{22}$/, 'an opaque photoRef');
  t.equal(up.body.hasPhoto, true, 'the view says there is a photo');
  const got = await photoAs(api.adminToken, id);
  t.equal(got.status, 200);
  t.ok(got.bytes.equals(PNG), 'the same bytes');
  t.same([got.headers.get('content-type'), got.headers.get('cache-control'), got.headers.get('etag')],
    ['image/png', 'private, max-age=60', `"${up.body.photoRef}"`], 'type, private caching, the ref as ETag');
  const again = await photoAs(api.adminToken, id, { 'if-none-match': `"${up.body.photoRef}"` });
  t.same([again.status, again.bytes.length], [304, 0], 'a client holding it gets 304');

  const second = await upload(admin, id, JPEG, 'image/jpeg');
  t.equal(second.status, 200, 'a JPEG replaces it');
  t.not(second.body.photoRef, up.body.photoRef, 'under a new ref');
  const jpeg = await photoAs(api.adminToken, id);
  t.same([jpeg.status, jpeg.headers.get('content-type'), jpeg.bytes.equals(JPEG)], [200, 'image/jpeg', true], 'the JPEG is served');
  const kv = await new Kvm(await api.stack.connect('ops')).open(PHOTO_BUCKET);
  t.same(await purged(kv, up.body.photoRef), true, 'the replaced photo is purged from the store');
});

t.test('photos - the office and the school\'s guard read a photo; others get 404 or 403', async (t) => {
  const id = await newPupil();
  await consent(id, true);
  await upload(admin, id, PNG, 'image/png');
  const guard = await photoAs(guardA.token, id);
  t.same([guard.status, guard.bytes.equals(PNG)], [200, true], 'the guard of the school');
  const missing = await photoAs(guardB.token, 'no-such-person');
  for (const [who, token] of [['guard of another school', guardB.token], ['operator of another school', operatorB.token]] as const) {
    const r = await photoAs(token, id);
    t.same([r.status, r.json], [404, missing.json], `${who}: the uniform 404`);
  }
  for (const [who, token] of [['guardian', guardianT.token], ['caterer', caterer.token]] as const) {
    const r = await photoAs(token, id);
    t.same([r.status, r.json?.error?.code], [403, 'API_FORBIDDEN'], `${who}: 403`);
  }
  const byGuard = await upload(guardA.client, id, JPEG, 'image/jpeg');
  t.same([byGuard.status, byGuard.body.error.code], [403, 'API_FORBIDDEN'], 'a guard may not upload');
  const byOtherOperator = await upload(operatorB.client, id, JPEG, 'image/jpeg');
  t.same([byOtherOperator.status, byOtherOperator.body.error.code], [404, 'API_NOT_FOUND'], 'nor an operator of another school');
});

t.test('photos - what is not a whole JPEG or PNG of sane size is refused, and the photo stays', async (t) => {
  const id = await newPupil();
  await consent(id, true);
  const before = (await upload(admin, id, PNG, 'image/png')).body.photoRef as string;
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><script>alert(1)</script></svg>');
  const huge = Buffer.from(PNG);
  huge.writeUInt32BE(5000, 16); // IHDR width
  const cases: Array<[string, Uint8Array, string, number, string, string?]> = [
    ['text named a JPEG', Buffer.from('Иванов Иван, 5А\n'), 'image/jpeg', 400, 'API_INVALID_REQUEST', 'not_image'],
    ['an SVG as itself', svg, 'image/svg+xml', 415, 'API_UNSUPPORTED_MEDIA_TYPE'],
    ['an SVG named a PNG', svg, 'image/png', 400, 'API_INVALID_REQUEST', 'not_image'],
    ['a truncated JPEG', JPEG.subarray(0, JPEG.length - 10), 'image/jpeg', 400, 'API_INVALID_REQUEST', 'truncated'],
    ['a JPEG cut in its headers', JPEG.subarray(0, 30), 'image/jpeg', 400, 'API_INVALID_REQUEST', 'truncated'],
    ['a truncated PNG', PNG.subarray(0, PNG.length - 5), 'image/png', 400, 'API_INVALID_REQUEST', 'truncated'],
    ['a PNG named a JPEG', PNG, 'image/jpeg', 400, 'API_INVALID_REQUEST', 'media_type_mismatch'],
    ['a 10×10 PNG', pngImage(10, 10), 'image/png', 400, 'API_INVALID_REQUEST', 'dimensions'],
    ['a PNG 5000 px wide', huge, 'image/png', 400, 'API_INVALID_REQUEST', 'dimensions'],
    ['an empty body', Buffer.alloc(0), 'image/png', 400, 'API_INVALID_REQUEST', 'not_image'],
    ['over 300 KB', Buffer.concat([JPEG, Buffer.alloc(300 * 1024)]), 'image/jpeg', 413, 'API_BODY_TOO_LARGE'],
  ];
  for (const [what, bytes, type, status, code, problem] of cases) {
    const details = expectApiError(t, await upload(admin, id, bytes, type), status, code, what);
    if (problem !== undefined) t.same(details, { field: 'body', problem }, `${what}: ${problem}`);
  }
  const after = await photoAs(api.adminToken, id);
  t.same([(await admin('GET', `/persons/${id}`)).body.photoRef, after.bytes.equals(PNG)], [before, true], 'the photo is unchanged');
});

t.test('photos - withdrawing consent deletes the photo and clears photoRef at once; DELETE removes only the photo', async (t) => {
  const id = await newPupil();
  await consent(id, true);
  const ref = (await upload(admin, id, PNG, 'image/png')).body.photoRef as string;
  const withdrawn = await consent(id, false);
  t.same([withdrawn.status, withdrawn.body.photoConsent, withdrawn.body.photoRef, withdrawn.body.hasPhoto], [200, false, '', false], 'cleared');
  t.equal((await photoAs(api.adminToken, id)).status, 404, 'nothing to read');
  const kv = await new Kvm(await api.stack.connect('ops')).open(PHOTO_BUCKET);
  t.same(await purged(kv, ref), true, 'the bytes are purged from the store');
  const audit = await admin('GET', '/audit?limit=10');
  const mine = audit.body.items.filter((e: { targets: string[] }) => e.targets.includes(`person:${id}`)).map((e: { action: string }) => e.action);
  t.same(mine, ['person.photo_consent.withdraw', 'person.photo.delete', 'person.photo.upload', 'person.photo_consent.grant', 'person.create'],
    'audited, newest first');
  t.notOk(JSON.stringify(audit.body).includes('Фото'), 'the audit carries ids, not names');

  await consent(id, true);
  await upload(admin, id, JPEG, 'image/jpeg');
  t.equal((await admin('DELETE', `/persons/${id}/photo`)).status, 204, 'deleted');
  const view = await admin('GET', `/persons/${id}`);
  t.same([view.body.photoConsent, view.body.photoRef, view.body.hasPhoto], [true, '', false], 'consent stays, the photo is gone');
  t.equal((await admin('DELETE', `/persons/${id}/photo`)).status, 204, 'deleting again is no error');
});

t.test('photos - a device fetches its school\'s photos with a signed request; anything else is refused', async (t) => {
  const id = await newPupil();
  await consent(id, true);
  const ref = (await upload(admin, id, JPEG, 'image/jpeg')).body.photoRef as string;
  const devA = (await admin('POST', `/schools/${SCHOOL_A}/devices`, { kind: 'turnstile' })).body;
  const devB = (await admin('POST', `/schools/${SCHOOL_B}/devices`, { kind: 'turnstile' })).body;
  const signed = (dev: { device: { id: string }; secretHex: string }, photoRef: string, o: { timeMs?: number; secretHex?: string } = {}) => {
    const timeMs = o.timeMs ?? Date.now();
    const mac = photoFetchMac(Buffer.from(o.secretHex ?? dev.secretHex, 'hex'), dev.device.id, timeMs, photoRef).toString('hex');
    return getRaw(`/device/photos/${photoRef}`, { 'x-tapgate-device-id': dev.device.id, 'x-tapgate-time-ms': String(timeMs), 'x-tapgate-mac': mac });
  };
  const ok = await signed(devA, ref);
  t.same([ok.status, ok.headers.get('content-type'), ok.bytes.equals(JPEG), ok.headers.get('etag')], [200, 'image/jpeg', true, `"${ref}"`],
    'the school\'s turnstile gets the photo');
  const unauthenticated: Array<[string, Promise<Raw>]> = [
    ['no signature', getRaw(`/device/photos/${ref}`, {})],
    ['another key', signed(devA, ref, { secretHex: devB.secretHex })],
    ['a MAC for another photo', getRaw(`/device/photos/${ref}`, { 'x-tapgate-device-id': devA.device.id, 'x-tapgate-time-ms': String(Date.now()),
      'x-tapgate-mac': photoFetchMac(Buffer.from(devA.secretHex, 'hex'), devA.device.id, Date.now(), 'ph_AAAAAAAAAAAAAAAAAAAAAA').toString('hex') })],
    ['a clock too far behind', signed(devA, ref, { timeMs: Date.now() - PHOTO_CLOCK_SKEW_MS_MAX - 60_000 })],
    ['a clock too far ahead', signed(devA, ref, { timeMs: Date.now() + PHOTO_CLOCK_SKEW_MS_MAX + 60_000 })],
    ['an unknown device', signed({ device: { id: 'no-such-device' }, secretHex: devA.secretHex }, ref)],
  ];
  for (const [what, res] of unauthenticated) {
    const r = await res;
    t.same([r.status, r.json?.error?.code], [401, 'API_UNAUTHENTICATED'], what);
  }
  const other = await signed(devB, ref);
  t.same([other.status, other.json?.error?.code, other.json?.error?.details], [404, 'API_NOT_FOUND', {}], 'another school\'s device: 404');
  const unknown = await signed(devA, 'ph_AAAAAAAAAAAAAAAAAAAAAA');
  t.same([unknown.status, unknown.json], [404, other.json], 'a ref that does not exist: the same 404');
  const malformed = await signed(devA, 'photo:legacy');
  t.equal(malformed.status, 400, 'a ref that is not one of the service\'s: 400');

  await admin('POST', `/devices/${devA.device.id}/disable`);
  const disabled = await signed(devA, ref);
  t.same([disabled.status, disabled.json?.error?.code], [401, 'API_UNAUTHENTICATED'], 'a disabled device');
  await admin('POST', `/devices/${devA.device.id}/enable`);
  t.equal((await signed(devA, ref)).status, 200, 'enabled again');
  await consent(id, false);
  t.equal((await signed(devA, ref)).status, 404, 'consent withdrawn: the device gets nothing');
});
