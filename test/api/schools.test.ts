// Contract tests of the schools, devices, tokens, audit and headcount routes against a real
// gateway with its NATS (no mocks): status codes, bodies, the error envelope, device secrets
// shown once, a disabled or re-keyed device cut off within a second, revoked tokens refused,
// an audit log of ids without names, and the emergency headcount fed by real turnstile taps.
import t, { type Test } from 'tap';
import { randomBytes } from 'node:crypto';
import { CloseCode } from '../../core/index.js';
import { DeviceClient, DeviceClosedError } from '../../simulator/device-client.js';
import { startApiStack, SCHOOL_A, SCHOOL_B, type ApiResponse, expectApiError } from '../helpers/api-fixtures.js';
import { EXIT, ENTRY, Reason, tap, waitClose, waitFor, within, WAIT_MS, type TestDevice } from '../helpers/gateway-fixtures.js';

/** A disabled or re-keyed device must be disconnected within this many ms. */
const CUT_OFF_MS = 1000;
const HEX64 = /^[0-9a-f]{64}$/;

const api = await startApiStack({ env: { TAPGATE_REPEAT_WINDOW_MS: '0' } });
t.teardown(() => api.stop());
const { admin } = api;
const adminTokenId = /^tg_([A-Za-z0-9]+)_/.exec(api.adminToken)![1]!;

const isError = expectApiError;

function deviceOf(id: string, schoolId: string, secretHex: string): TestDevice {
  return { id, schoolId, secret: Buffer.from(secretHex, 'hex') };
}

async function provision(schoolId: string, body: Record<string, unknown> = { kind: 'turnstile' }): Promise<{ device: TestDevice; view: Record<string, unknown> }> {
  const r = await admin('POST', `/schools/${schoolId}/devices`, body);
  if (r.status !== 201) throw new Error(`provision: ${r.status} ${JSON.stringify(r.body)}`);
  return { device: deviceOf(r.body.device.id, schoolId, r.body.secretHex), view: r.body.device };
}

/** Connects, or returns the close code the gateway refused with. */
async function tryConnect(gwUrl: string, d: TestDevice): Promise<DeviceClient | number> {
  return within(DeviceClient.connect(gwUrl, d.id, d.secret).catch((err: unknown) => {
    if (err instanceof DeviceClosedError) return err.code;
    throw err;
  }), WAIT_MS, `connect ${d.id}`);
}

async function connectOk(t: Test, d: TestDevice, what: string): Promise<DeviceClient> {
  const c = await tryConnect(api.gw.deviceUrl, d);
  if (typeof c === 'number') throw new Error(`${what}: refused with ${c}`);
  t.teardown(() => c.close());
  return c;
}

// Ids of what the tests changed, for the audit test at the end.
const made = { schoolId: '', deviceIds: [] as string[], tokenId: '', personIds: [] as string[], identifierIds: [] as string[] };
// Everything that must never show up in the audit log.
const secrets: string[] = [];

t.test('schools - create, list, read and patch', async (t) => {
  const created = await admin('POST', '/schools', { name: 'Гимназия Тест', timeZone: 'Asia/Novosibirsk' });
  t.equal(created.status, 201);
  t.match(created.body, { id: /^s_[A-Za-z0-9_-]+$/, name: 'Гимназия Тест', timeZone: 'Asia/Novosibirsk', kind: 'school' }, 'kind defaults to school');
  t.same(Object.keys(created.body).sort(), ['id', 'kind', 'name', 'shardId', 'timeZone']);
  const id = created.body.id as string;
  made.schoolId = id;
  secrets.push('Гимназия Тест');

  const college = await admin('POST', '/schools', { name: 'Колледж Тест', timeZone: 'Europe/Moscow', kind: 'college' });
  t.equal(college.status, 201);
  t.equal(college.body.kind, 'college');

  const list = await admin('GET', '/schools');
  t.equal(list.status, 200);
  t.same(list.body.items.map((s: { id: string }) => s.id), [SCHOOL_A, SCHOOL_B, ...[id, college.body.id].sort()], 'all schools, sorted by id');
  t.equal(list.body.next, null);
  const first = await admin('GET', '/schools?limit=1');
  t.same({ ids: first.body.items.map((s: { id: string }) => s.id), next: first.body.next }, { ids: [SCHOOL_A], next: SCHOOL_A }, 'a page of one');
  const second = await admin('GET', `/schools?limit=1&after=${first.body.next}`);
  t.same(second.body.items.map((s: { id: string }) => s.id), [SCHOOL_B], 'the next page');

  const read = await admin('GET', `/schools/${id}`);
  t.equal(read.status, 200);
  t.same(read.body, created.body);

  const patched = await admin('PATCH', `/schools/${id}`, { timeZone: 'Europe/Kaliningrad', kind: 'kindergarten' });
  t.equal(patched.status, 200);
  t.same(patched.body, { ...created.body, timeZone: 'Europe/Kaliningrad', kind: 'kindergarten' });
  t.same((await admin('GET', `/schools/${id}`)).body, patched.body, 'the change is read back');
  const renamed = await admin('PATCH', `/schools/${id}`, { name: 'Гимназия Тест', kind: 'school' });
  t.same(renamed.body, { ...patched.body, kind: 'school' });
});

t.test('schools - invalid requests are 400, unknown schools 404, in the error envelope', async (t) => {
  const badZone = isError(t, await admin('POST', '/schools', { name: 'X', timeZone: 'Mars/Olympus' }), 400, 'API_INVALID_REQUEST', 'unknown time zone');
  t.equal(badZone['field'], 'timeZone');
  isError(t, await admin('PATCH', `/schools/${SCHOOL_A}`, { timeZone: 'Europe/Nowhere' }), 400, 'API_INVALID_REQUEST', 'patch to an unknown time zone');
  t.equal((await admin('GET', `/schools/${SCHOOL_A}`)).body.timeZone, 'Europe/Moscow', 'the school is unchanged');
  const extra = isError(t, await admin('POST', '/schools', { name: 'X', timeZone: 'Europe/Moscow', director: 'Иванов' }), 400, 'API_INVALID_REQUEST', 'unknown field');
  t.ok(Array.isArray(extra['problems']), 'details list the problems');
  isError(t, await admin('PATCH', `/schools/${SCHOOL_A}`, { phone: '+79160000000' }), 400, 'API_INVALID_REQUEST', 'unknown field in a patch');
  isError(t, await admin('PATCH', `/schools/${SCHOOL_A}`, {}), 400, 'API_INVALID_REQUEST', 'empty patch');
  isError(t, await admin('POST', '/schools', { timeZone: 'Europe/Moscow' }), 400, 'API_INVALID_REQUEST', 'no name');
  isError(t, await admin('POST', '/schools', { name: '', timeZone: 'Europe/Moscow' }), 400, 'API_INVALID_REQUEST', 'empty name');
  isError(t, await admin('POST', '/schools', { name: 'X', timeZone: 'Europe/Moscow', kind: 'university' }), 400, 'API_INVALID_REQUEST', 'unknown kind');
  isError(t, await admin('GET', '/schools?limit=0'), 400, 'API_INVALID_REQUEST', 'limit 0');
  isError(t, await admin('GET', '/schools/bad!id'), 400, 'API_INVALID_REQUEST', 'a path id that is not an id');
  isError(t, await admin('POST', '/schools', undefined, { raw: '{"name":', contentType: 'application/json' }), 400, 'API_MALFORMED_BODY', 'broken JSON');
  isError(t, await admin('POST', '/schools', undefined, { raw: 'name,tz', contentType: 'text/csv' }), 415, 'API_UNSUPPORTED_MEDIA_TYPE', 'CSV body');
  const missing = isError(t, await admin('GET', '/schools/no-such-school'), 404, 'API_NOT_FOUND', 'unknown school');
  t.same(missing, {}, 'no details: the same 404 whether it exists or is out of scope');
  isError(t, await admin('PATCH', '/schools/no-such-school', { name: 'X' }), 404, 'API_NOT_FOUND', 'patch of an unknown school');
  isError(t, await admin('DELETE', `/schools/${SCHOOL_A}`), 405, 'API_METHOD_NOT_ALLOWED', 'DELETE');
});

t.test('schools - roles and scope', async (t) => {
  const operatorA = await api.clientFor({ role: 'school_operator', schoolIds: [SCHOOL_A] });
  const cateringA = await api.clientFor({ role: 'catering_operator', schoolIds: [SCHOOL_A] });
  const payments = await api.clientFor({ role: 'payment_integration' });
  const own = await operatorA('GET', '/schools');
  t.same(own.body.items.map((s: { id: string }) => s.id), [SCHOOL_A], 'an operator lists only its schools');
  t.equal((await cateringA('GET', `/schools/${SCHOOL_A}`)).status, 200, 'catering reads its school');
  const other = isError(t, await operatorA('GET', `/schools/${SCHOOL_B}`), 404, 'API_NOT_FOUND', 'another school');
  t.same(other, {}, 'no details: the same 404 as for a school that does not exist');
  isError(t, await operatorA('POST', '/schools', { name: 'X', timeZone: 'Europe/Moscow' }), 403, 'API_FORBIDDEN', 'an operator creating a school');
  isError(t, await operatorA('PATCH', `/schools/${SCHOOL_A}`, { name: 'X' }), 403, 'API_FORBIDDEN', 'an operator renaming its school');
  isError(t, await payments('GET', '/schools'), 403, 'API_FORBIDDEN', 'payment integration');
  isError(t, await admin('GET', '/schools', undefined, { token: null }), 401, 'API_UNAUTHENTICATED', 'no token');
  isError(t, await admin('GET', '/schools', undefined, { token: `tg_abc_${'x'.repeat(43)}` }), 401, 'API_UNAUTHENTICATED', 'unknown token');
});

t.test('devices - provisioning shows the secret once; reads never show it', async (t) => {
  const r = await admin('POST', `/schools/${SCHOOL_A}/devices`, { kind: 'turnstile' });
  t.equal(r.status, 201);
  t.same(Object.keys(r.body).sort(), ['device', 'secretHex']);
  t.match(r.body.secretHex, HEX64, 'a 32-byte secret as 64 hex digits');
  const view = r.body.device;
  t.match(view, { id: /^d_/, schoolId: SCHOOL_A, kind: 'turnstile', enabled: true });
  t.same(view.allowedPersonKinds, ['pupil', 'staff'], 'no list means every kind');
  made.deviceIds.push(view.id);
  secrets.push(r.body.secretHex);

  const pos = await admin('POST', `/schools/${SCHOOL_A}/devices`, { kind: 'pos', allowedPersonKinds: ['staff'] });
  t.equal(pos.status, 201);
  t.same(pos.body.device.allowedPersonKinds, ['staff']);
  t.not(pos.body.secretHex, r.body.secretHex, 'each device has its own secret');
  secrets.push(pos.body.secretHex);

  const read = await admin('GET', `/devices/${view.id}`);
  t.equal(read.status, 200);
  t.same(read.body, view, 'the same view, no secret');
  t.notMatch(JSON.stringify(read.body), r.body.secretHex);
  const list = await admin('GET', `/schools/${SCHOOL_A}/devices`);
  t.equal(list.status, 200);
  t.same(list.body.items.map((d: { id: string }) => d.id), [view.id, pos.body.device.id].sort());
  t.equal(list.body.next, null);
  for (const d of list.body.items as Array<Record<string, unknown>>) t.same(Object.keys(d).sort(), ['allowedPersonKinds', 'enabled', 'id', 'kind', 'name', 'place', 'schoolId']);
  t.notOk(/[0-9a-f]{64}/.test(JSON.stringify(list.body)), 'no secret in the list');
  const cateringA = await api.clientFor({ role: 'catering_operator', schoolIds: [SCHOOL_A] });
  t.same((await cateringA('GET', `/devices/${view.id}`)).body, view, 'catering reads devices of its school');
});

t.test('devices - invalid, unknown and out-of-scope requests', async (t) => {
  const operatorB = await api.clientFor({ role: 'school_operator', schoolIds: [SCHOOL_B] });
  const cateringA = await api.clientFor({ role: 'catering_operator', schoolIds: [SCHOOL_A] });
  isError(t, await admin('POST', `/schools/${SCHOOL_A}/devices`, { kind: 'elevator' }), 400, 'API_INVALID_REQUEST', 'unknown kind');
  isError(t, await admin('POST', `/schools/${SCHOOL_A}/devices`, { kind: 'turnstile', secretHex: 'ab'.repeat(32) }), 400, 'API_INVALID_REQUEST',
    'a secret chosen by the caller');
  isError(t, await admin('POST', `/schools/${SCHOOL_A}/devices`, { kind: 'turnstile', allowedPersonKinds: [] }), 400, 'API_INVALID_REQUEST', 'empty kinds');
  isError(t, await admin('POST', `/schools/${SCHOOL_A}/devices`, { kind: 'turnstile', allowedPersonKinds: ['pupil', 'pupil'] }), 400, 'API_INVALID_REQUEST',
    'repeated kinds');
  isError(t, await admin('POST', '/schools/no-such-school/devices', { kind: 'turnstile' }), 404, 'API_NOT_FOUND', 'unknown school');
  isError(t, await admin('GET', '/schools/no-such-school/devices'), 404, 'API_NOT_FOUND', 'devices of an unknown school');
  const missing = isError(t, await admin('GET', '/devices/no-such-device'), 404, 'API_NOT_FOUND', 'unknown device');
  t.same(missing, {}, 'no details: the same 404 whether it exists or is out of scope');
  for (const action of ['rotate-secret', 'disable', 'enable']) {
    isError(t, await admin('POST', `/devices/no-such-device/${action}`), 404, 'API_NOT_FOUND', `${action} of an unknown device`);
  }
  const { device } = await provision(SCHOOL_A);
  made.deviceIds.push(device.id);
  isError(t, await operatorB('POST', `/schools/${SCHOOL_A}/devices`, { kind: 'turnstile' }), 404, 'API_NOT_FOUND', 'operator of B at A');
  isError(t, await operatorB('GET', `/devices/${device.id}`), 404, 'API_NOT_FOUND', 'operator of B reads a device of A');
  isError(t, await operatorB('POST', `/devices/${device.id}/disable`), 404, 'API_NOT_FOUND', 'operator of B disables a device of A');
  isError(t, await operatorB('POST', `/devices/${device.id}/rotate-secret`), 404, 'API_NOT_FOUND', 'operator of B re-keys a device of A');
  isError(t, await cateringA('POST', `/schools/${SCHOOL_A}/devices`, { kind: 'pos' }), 403, 'API_FORBIDDEN', 'catering provisions');
  isError(t, await cateringA('POST', `/devices/${device.id}/disable`), 403, 'API_FORBIDDEN', 'catering disables');
  t.equal((await admin('GET', `/devices/${device.id}`)).body.enabled, true, 'the device is still enabled');
});

t.test('devices - a new secret closes the connection; the old secret is refused and the new one works', async (t) => {
  const { device } = await provision(SCHOOL_A);
  made.deviceIds.push(device.id);
  const c = await connectOk(t, device, 'first connection');
  const started = Date.now();
  const r = await admin('POST', `/devices/${device.id}/rotate-secret`);
  t.equal(r.status, 200);
  t.match(r.body.secretHex, HEX64);
  t.not(r.body.secretHex, device.secret.toString('hex'), 'a different secret');
  t.match(r.body.device, { id: device.id, schoolId: SCHOOL_A, enabled: true });
  secrets.push(r.body.secretHex);
  const closed = await waitClose(c, 3 * CUT_OFF_MS);
  const ms = Date.now() - started;
  t.equal(closed.code, CloseCode.AUTH_FAILED, 'closed as re-authentication required');
  t.ok(ms < CUT_OFF_MS, `closed ${ms} ms after the request`);
  t.equal(await tryConnect(api.gw.deviceUrl, device), CloseCode.AUTH_FAILED, 'the old secret is refused');
  const fresh = deviceOf(device.id, SCHOOL_A, r.body.secretHex);
  const again = await connectOk(t, fresh, 'the new secret');
  t.ok(again.welcome !== null, 'welcomed with the new secret');
  t.notMatch(JSON.stringify((await admin('GET', `/devices/${device.id}`)).body), r.body.secretHex, 'the new secret is not read back');
});

t.test('devices - disabling closes a connected device within a second; it cannot reconnect until enabled', async (t) => {
  const { device } = await provision(SCHOOL_A);
  made.deviceIds.push(device.id);
  const c = await connectOk(t, device, 'before disabling');
  const started = Date.now();
  const r = await admin('POST', `/devices/${device.id}/disable`);
  t.equal(r.status, 200);
  t.match(r.body, { id: device.id, enabled: false });
  const closed = await waitClose(c, 3 * CUT_OFF_MS);
  const ms = Date.now() - started;
  t.equal(closed.code, CloseCode.DEVICE_DISABLED, 'closed with 4003');
  t.ok(ms < CUT_OFF_MS, `closed ${ms} ms after the request`);
  t.equal(await tryConnect(api.gw.deviceUrl, device), CloseCode.DEVICE_DISABLED, 'reconnecting is refused with 4003');
  t.equal((await admin('GET', `/devices/${device.id}`)).body.enabled, false);
  const twice = await admin('POST', `/devices/${device.id}/disable`);
  t.same([twice.status, twice.body.enabled], [200, false], 'disabling again is a no-op');

  const enabled = await admin('POST', `/devices/${device.id}/enable`);
  t.equal(enabled.status, 200);
  t.match(enabled.body, { id: device.id, enabled: true });
  const back = await connectOk(t, device, 'after enabling');
  t.ok(back.welcome !== null, 'the same secret works again at once');
});

t.test('tokens - a created token works; a revoked one is refused; bad specs are 400', async (t) => {
  const r = await admin('POST', '/tokens', { role: 'school_operator', schoolIds: [SCHOOL_A, SCHOOL_A], label: 'school A office' });
  t.equal(r.status, 201);
  t.same(Object.keys(r.body).sort(), ['token', 'tokenInfo']);
  t.match(r.body.token, /^tg_[A-Za-z0-9]+_[A-Za-z0-9_-]{43}$/);
  const info = r.body.tokenInfo;
  t.match(info, { id: /^[A-Za-z0-9]+$/, role: 'school_operator', schoolIds: [SCHOOL_A], guardianId: '', label: 'school A office', revoked: false });
  t.same(Object.keys(info).sort(), ['createdAtMs', 'guardianId', 'id', 'label', 'revoked', 'role', 'schoolIds'], 'no hash of the secret');
  t.ok(Math.abs(info.createdAtMs - Date.now()) < 60_000);
  t.equal(r.body.token.split('_')[1], info.id, 'the token names its id');
  made.tokenId = info.id;
  secrets.push(r.body.token);

  const use = (path: string) => admin('GET', path, undefined, { token: r.body.token as string });
  const own = await use('/schools');
  t.equal(own.status, 200);
  t.same(own.body.items.map((s: { id: string }) => s.id), [SCHOOL_A], 'the token has its scope');
  isError(t, await use(`/schools/${SCHOOL_B}`), 404, 'API_NOT_FOUND', 'outside its scope');

  const del = await admin('DELETE', `/tokens/${info.id}`);
  t.equal(del.status, 204);
  t.equal(del.body, null, 'no body');
  const ms = await waitFor(async () => (await use('/schools')).status === 401, CUT_OFF_MS, 'revoked token refused');
  t.ok(ms < CUT_OFF_MS, `refused ${ms} ms after revocation`);
  isError(t, await use('/schools'), 401, 'API_UNAUTHENTICATED', 'revoked token');
  isError(t, await admin('DELETE', '/tokens/nosuchtoken'), 404, 'API_NOT_FOUND', 'unknown token');
  isError(t, await admin('DELETE', '/tokens/bad-id'), 400, 'API_INVALID_REQUEST', 'a token id with a dash');

  const bad: Array<[string, Record<string, unknown>]> = [
    ['school operator without schools', { role: 'school_operator' }],
    ['school operator with an empty list', { role: 'school_operator', schoolIds: [] }],
    ['catering operator without schools', { role: 'catering_operator' }],
    ['guardian without guardianId', { role: 'guardian' }],
    ['city admin with schools', { role: 'city_admin', schoolIds: [SCHOOL_A] }],
    ['payment integration with a guardian', { role: 'payment_integration', guardianId: 'g1' }],
    ['unknown role', { role: 'root' }],
    ['unknown field', { role: 'city_admin', secret: 'x' }],
  ];
  for (const [what, body] of bad) isError(t, await admin('POST', '/tokens', body), 400, 'API_INVALID_REQUEST', what);
  isError(t, await admin('POST', '/tokens', { role: 'school_operator', schoolIds: ['no-such-school'] }), 404, 'API_NOT_FOUND', 'unknown school');
  isError(t, await admin('POST', '/tokens', { role: 'guardian', guardianId: 'no-such-guardian' }), 404, 'API_NOT_FOUND', 'unknown guardian');
  const operatorA = await api.clientFor({ role: 'school_operator', schoolIds: [SCHOOL_A] });
  isError(t, await operatorA('POST', '/tokens', { role: 'city_admin' }), 403, 'API_FORBIDDEN', 'an operator making tokens');
  isError(t, await operatorA('DELETE', `/tokens/${adminTokenId}`), 403, 'API_FORBIDDEN', 'an operator revoking a token');
  t.equal((await admin('GET', '/schools')).status, 200, 'the admin token still works');
});

t.test('headcount - a pupil who entered is listed in their class, and gone after leaving', async (t) => {
  const tag = randomBytes(3).toString('hex');
  const pupilBody = { kind: 'pupil', surname: `Жаворонкова${tag}`, givenName: 'Алиса', patronymic: 'Петровна', birthDate: '2014-03-01', className: '5Б' };
  const staffBody = { kind: 'staff', surname: `Щеглов${tag}`, givenName: 'Олег', birthDate: '1980-11-20' };
  const pupil = await admin('POST', `/schools/${SCHOOL_A}/persons`, pupilBody);
  const staff = await admin('POST', `/schools/${SCHOOL_A}/persons`, staffBody);
  t.same([pupil.status, staff.status], [201, 201], 'persons created');
  made.personIds.push(pupil.body.id, staff.body.id);
  secrets.push(pupilBody.surname, staffBody.surname, pupil.body.displayName, staff.body.displayName);
  const uid = { pupil: randomBytes(7), staff: randomBytes(4) };
  for (const [who, p, kind] of [['pupil', pupil, 'social_card'], ['staff', staff, 'fob']] as const) {
    const i = await admin('POST', `/persons/${p.body.id}/identifiers`, { kind, uidHex: uid[who].toString('hex') });
    t.equal(i.status, 201, `${who} identifier issued`);
    made.identifierIds.push(i.body.id);
    secrets.push(uid[who].toString('hex'));
  }
  const { device } = await provision(SCHOOL_A);
  made.deviceIds.push(device.id);
  const c = await connectOk(t, device, 'turnstile');
  const headcount = async () => {
    const r = await admin('GET', `/schools/${SCHOOL_A}/headcount`);
    t.equal(r.status, 200);
    t.ok(Math.abs(r.body.atMs - Date.now()) < 60_000, 'atMs is now');
    return { ...r.body, atMs: 0 } as Record<string, unknown>;
  };
  const nobody = { schoolId: SCHOOL_A, atMs: 0, pupils: 0, staff: 0, byClass: [], staffInside: [] };
  t.same(await headcount(), nobody, 'nobody inside yet');

  const entered = await tap(c, [{ seq: 1, uid: uid.pupil, direction: ENTRY }, { seq: 2, uid: uid.staff, direction: ENTRY }]);
  t.same(entered.map((d) => d.reason), [Reason.DECISION_REASON_OK, Reason.DECISION_REASON_OK], 'both let in');
  const pupilEntry = { id: pupil.body.id, displayName: pupil.body.displayName };
  const staffEntry = { id: staff.body.id, displayName: staff.body.displayName };
  t.same(await headcount(), { ...nobody, pupils: 1, staff: 1, byClass: [{ className: '5Б', count: 1, persons: [pupilEntry] }], staffInside: [staffEntry] },
    'the pupil in their class, the staff member apart');
  const operatorA = await api.clientFor({ role: 'school_operator', schoolIds: [SCHOOL_A] });
  t.equal((await operatorA('GET', `/schools/${SCHOOL_A}/headcount`)).body.pupils, 1, 'the school operator sees it too');

  const [left] = await tap(c, [{ seq: 3, uid: uid.pupil, direction: EXIT }]);
  t.equal(left!.reason, Reason.DECISION_REASON_OK, 'let out');
  t.same(await headcount(), { ...nobody, staff: 1, staffInside: [staffEntry] }, 'the pupil is gone');
  await tap(c, [{ seq: 4, uid: uid.staff, direction: EXIT }]);
  t.same(await headcount(), nobody, 'empty again');

  const operatorB = await api.clientFor({ role: 'school_operator', schoolIds: [SCHOOL_B] });
  const cateringA = await api.clientFor({ role: 'catering_operator', schoolIds: [SCHOOL_A] });
  isError(t, await operatorB('GET', `/schools/${SCHOOL_A}/headcount`), 404, 'API_NOT_FOUND', 'operator of another school');
  isError(t, await cateringA('GET', `/schools/${SCHOOL_A}/headcount`), 403, 'API_FORBIDDEN', 'catering');
  isError(t, await admin('GET', '/schools/no-such-school/headcount'), 404, 'API_NOT_FOUND', 'unknown school');
});

t.test('audit - the changes are listed newest first, with ids and without names', async (t) => {
  const r = await admin('GET', '/audit?limit=200');
  t.equal(r.status, 200);
  const items = r.body.items as Array<{ seq: number; atMs: number; requestId: string; tokenId: string; role: string; action: string; targets: string[] }>;
  t.ok(items.length > 0);
  for (const e of items) t.same(Object.keys(e).sort(), ['action', 'atMs', 'requestId', 'role', 'seq', 'targets', 'tokenId'], `entry ${e.seq}: its fields`);
  t.same(items.map((e) => e.seq), [...items.map((e) => e.seq)].sort((a, b) => b - a), 'newest first');
  const has = (action: string, target: string) => items.some((e) => e.action === action && e.targets.includes(target));
  const expected: Array<[string, string]> = [
    ['school.create', `school:${made.schoolId}`], ['school.update', `school:${made.schoolId}`],
    ...made.deviceIds.map((id): [string, string] => ['device.provision', `device:${id}`]),
    ['device.rotate_secret', `device:${made.deviceIds[2]}`], ['device.disable', `device:${made.deviceIds[3]}`],
    ['device.enable', `device:${made.deviceIds[3]}`], ['token.create', `token:${made.tokenId}`], ['token.revoke', `token:${made.tokenId}`],
    ...made.personIds.map((id): [string, string] => ['person.create', `person:${id}`]),
    ...made.identifierIds.map((id): [string, string] => ['identifier.issue', `identifier:${id}`]),
  ];
  for (const [action, target] of expected) t.ok(has(action, target), `${action} ${target}`);
  t.equal(items.filter((e) => e.action === 'device.disable' && e.targets.includes(`device:${made.deviceIds[3]}`)).length, 1,
    'disabling twice is one change');
  const create = items.find((e) => e.action === 'school.create' && e.targets.includes(`school:${made.schoolId}`))!;
  t.match(create, { tokenId: adminTokenId, role: 'city_admin', requestId: /^[0-9a-f]{16}$/ });
  t.ok(items.every((e) => e.targets.every((x) => /^[a-z_]+:[A-Za-z0-9_.-]+$/.test(x))), 'targets are kind:id');
  const text = JSON.stringify(r.body);
  for (const s of secrets) t.notOk(text.includes(s), 'no names, UIDs, secrets or tokens');
  t.notOk(/[А-Яа-яЁё]/.test(text), 'no Cyrillic text at all');

  const firstPage = await admin('GET', '/audit?limit=2');
  t.same(firstPage.body.items, items.slice(0, 2), 'limit');
  const nextPage = await admin('GET', `/audit?limit=2&before=${items[1]!.seq}`);
  t.same(nextPage.body.items, items.slice(2, 4), 'before pages back');
  isError(t, await admin('GET', '/audit?limit=0'), 400, 'API_INVALID_REQUEST', 'limit 0');
  isError(t, await admin('GET', '/audit?since=1'), 400, 'API_INVALID_REQUEST', 'unknown query parameter');
  const operatorA = await api.clientFor({ role: 'school_operator', schoolIds: [SCHOOL_A] });
  isError(t, await operatorA('GET', '/audit'), 403, 'API_FORBIDDEN', 'an operator reading the audit log');
});

t.test('logs - the gateway wrote no names, card UIDs, device secrets or tokens', async (t) => {
  const text = api.gw.output();
  t.ok(text.length > 0, 'the gateway logged');
  for (const s of secrets) t.notOk(text.includes(s), 'not in the log');
  t.notOk(text.includes(api.adminToken), 'the admin token is not in the log');
});
