// Contract tests of what a review of the admin API added, against a real nats-server and
// gateway: an answer sent before the request body was read closes the connection (a kept-alive
// connection with no body left over stays open); a card block sent during a long roster import
// waits for one row, not for the file; roster columns a file lacks keep the registry's values;
// at most two roster imports run at once; a narrower grant narrows the trusted person's
// preferences; a guardian cannot tell an unknown account from another child's; a registered
// phone names its guardian only to whoever knows the surname (or to the city); catering reads
// purchases but not persons or accounts; and a person holds at most 20 identifiers.
import { randomBytes } from 'node:crypto';
import { connect as netConnect, type Socket } from 'node:net';
import t, { type Test } from 'tap';
import { IDENTIFIERS_PER_PERSON_MAX } from '../../api/routes/persons.js';
import { INVITATION_KEEP_AFTER_EXPIRY_MS } from '../../api/routes/guardians.js';
import { parseRecord, recordKey } from '../../core/index.js';
import { openRegistry, storedJson } from '../../lib/index.js';
import { ROSTER_IMPORTS_IN_FLIGHT_MAX } from '../../api/routes/roster.js';
import { API_BODY_BYTES_MAX } from '../../api/server.js';
import { SCHOOL_A, SCHOOL_B, startApiStack, type ApiClient, type ApiResponse, expectApiError } from '../helpers/api-fixtures.js';
import { connect, ENTRY, Reason, sleep, tap } from '../helpers/gateway-fixtures.js';

/** Rows of the "long" roster imports: enough that one runs well over a second on this machine. */
const LONG_IMPORT_ROWS = 3000;
/**
 * Rows of each of the two imports that run at once: enough that both still run when a third is
 * refused 150 ms in, few enough that both finish well within the client's 30 s timeout on a
 * loaded machine (two 3,000-row imports took 26 s in one run).
 */
const CONCURRENT_IMPORT_ROWS = 1000;
/** How long the server may take to close a connection it answered early, in ms. */
const CLOSE_WAIT_MS = 2000;

const expectError = expectApiError;

const utcDay = () => new Date().toISOString().slice(0, 10);
const uid = () => randomBytes(7).toString('hex');
const birthDate = (i: number) => new Date(Date.UTC(2008, 0, 1) + (i % 3650) * 86_400_000).toISOString().slice(0, 10);

/** CSV text with the given header; cells quoted where they need it. */
function csv(header: readonly string[], rows: ReadonlyArray<Readonly<Record<string, string>>>): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header.join(','), ...rows.map((r) => header.map((h) => cell(r[h] ?? '')).join(','))].join('\r\n') + '\r\n';
}

/** A roster of `n` new pupils whose surnames carry `tag`, so no two files share a person. */
function newPupils(tag: string, n: number): string {
  const rows = Array.from({ length: n }, (_, i) => ({ surname: `Импортова${tag}${i}`, given_name: 'Ева', birth_date: birthDate(i), class: `${1 + (i % 11)}А` }));
  return csv(['surname', 'given_name', 'birth_date', 'class'], rows);
}

const api = await startApiStack({ env: { TAPGATE_GATEWAY_ID: 'gw-api-review', TAPGATE_REPEAT_WINDOW_MS: '0' } });
t.teardown(() => api.stop());
const admin = api.admin;
const op = await api.clientFor({ role: 'school_operator', schoolIds: [SCHOOL_A], label: 'school A office' });
const opB = await api.clientFor({ role: 'school_operator', schoolIds: [SCHOOL_B], label: 'school B office' });
const base = new URL(api.gw.apiUrl);
const importCsv = (c: ApiClient, text: string, schoolId = SCHOOL_A) => c('POST', `/schools/${schoolId}/roster`, undefined, { raw: text, contentType: 'text/csv' });

let pupilNo = 0;
async function createPupil(t: Test, c: ApiClient = op, schoolId = SCHOOL_A): Promise<{ id: string; accountId: string }> {
  pupilNo++;
  const r = await c('POST', `/schools/${schoolId}/persons`, { kind: 'pupil', surname: `Проверкина${pupilNo}`, givenName: 'Вера', birthDate: birthDate(pupilNo), className: '4Б' });
  t.equal(r.status, 201, 'pupil created');
  return { id: r.body.id as string, accountId: r.body.accountId as string };
}

async function createGuardian(t: Test, phone: string, surname: string): Promise<string> {
  const r = await op('POST', '/guardians', { phone, surname });
  t.equal(r.status, 201, 'guardian registered');
  return r.body.id as string;
}

// ---- A raw HTTP/1.1 connection, to see what the server does with the connection itself. ----

interface RawResponse extends ApiResponse { readonly connectionHeader: string }

/** One whole response at the start of `buf` (Content-Length framing, as uWS answers), or null if it is not all there. */
function parseResponse(buf: Buffer): { response: RawResponse; bytes: number } | null {
  const headEnd = buf.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const [statusLine = '', ...lines] = buf.subarray(0, headEnd).toString('latin1').split('\r\n');
  const headers = new Headers();
  for (const l of lines) { const at = l.indexOf(':'); if (at > 0) headers.append(l.slice(0, at).trim(), l.slice(at + 1).trim()); }
  const length = headers.get('content-length');
  if (length === null) throw new Error(`a response without Content-Length: ${statusLine}`);
  const bytes = headEnd + 4 + Number(length);
  if (buf.length < bytes) return null;
  const text = buf.subarray(headEnd + 4, bytes).toString('utf8');
  let body: unknown = text;
  try { body = text === '' ? null : JSON.parse(text); } catch { /* not JSON */ }
  return { response: { status: Number(statusLine.split(' ')[1]), body, headers, connectionHeader: headers.get('connection') ?? '' }, bytes };
}

class RawConnection {
  private buf = Buffer.alloc(0);
  /** The server ended or reset the connection. */
  closed = false;
  private wake: (() => void) | null = null;

  private constructor(readonly socket: Socket) {
    socket.on('data', (d: Buffer) => { this.buf = Buffer.concat([this.buf, d]); this.poke(); });
    const close = () => { this.closed = true; this.poke(); };
    socket.on('end', close);
    socket.on('close', close);
    socket.on('error', close); // a reset counts as closed by the server
  }

  static open(): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host: base.hostname, port: Number(base.port) });
      socket.once('connect', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  send(head: string, body = ''): void {
    this.socket.write(`${head}\r\n\r\n${body}`);
  }

  /** The next whole response, within `ms`. */
  async response(ms = 5000): Promise<RawResponse> {
    const deadline = Date.now() + ms;
    for (let i = 0; i < 10_000; i++) {
      const parsed = parseResponse(this.buf);
      if (parsed !== null) { this.buf = this.buf.subarray(parsed.bytes); return parsed.response; }
      if (this.closed) throw new Error('the connection closed before a whole response');
      if (!(await this.changed(deadline))) throw new Error(`no whole response within ${ms} ms`);
    }
    throw new Error('too many reads for one response');
  }

  /** Whether the server closes the connection within `ms`. */
  async closesWithin(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    for (let i = 0; i < 10_000 && !this.closed; i++) if (!(await this.changed(deadline))) break;
    return this.closed;
  }

  destroy(): void { this.socket.destroy(); }

  private poke(): void { const w = this.wake; this.wake = null; w?.(); }

  /** Resolves true when data or a close arrives, false at the deadline. */
  private changed(deadline: number): Promise<boolean> {
    const left = deadline - Date.now();
    if (left <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.wake = null; resolve(false); }, left);
      this.wake = () => { clearTimeout(timer); resolve(true); };
    });
  }
}

const requestHead = (method: string, path: string, extra: readonly string[] = []) =>
  [`${method} /api/v1${path} HTTP/1.1`, `Host: ${base.host}`, `Authorization: Bearer ${api.adminToken}`, ...extra].join('\r\n');

t.test('connections - an answer sent before the body is read closes the connection; a kept-alive pair stays open', async (t) => {
  const tooLarge = await RawConnection.open();
  t.teardown(() => tooLarge.destroy());
  const declared = 100_000;
  t.ok(declared > API_BODY_BYTES_MAX, 'the declared body is over the limit');
  tooLarge.send(requestHead('POST', '/schools', ['Content-Type: application/json', `Content-Length: ${declared}`]));
  const r413 = await tooLarge.response();
  t.same(expectError(t, r413, 413, 'API_BODY_TOO_LARGE', 'a declared 100000-byte body, none sent'), { bytesMax: API_BODY_BYTES_MAX });
  t.ok(await tooLarge.closesWithin(CLOSE_WAIT_MS), 'the server closes the connection after the 413');

  const wrongType = await RawConnection.open();
  t.teardown(() => wrongType.destroy());
  const body = '{"name":"Typed","timeZone":"Europe/Moscow"}';
  wrongType.send(requestHead('POST', '/schools', ['Content-Type: text/plain', `Content-Length: ${body.length}`]), body);
  const r415 = await wrongType.response();
  t.same(expectError(t, r415, 415, 'API_UNSUPPORTED_MEDIA_TYPE', 'a small body of the wrong type'), { expected: 'application/json' });
  t.ok(await wrongType.closesWithin(CLOSE_WAIT_MS), 'the server closes the connection after the 415');

  const keepAlive = await RawConnection.open();
  t.teardown(() => keepAlive.destroy());
  keepAlive.send(requestHead('GET', `/schools/${SCHOOL_A}`));
  const first = await keepAlive.response();
  t.same([first.status, first.body?.id], [200, SCHOOL_A], 'the first GET is answered');
  t.not(first.connectionHeader.toLowerCase(), 'close', 'the first answer does not announce a close');
  keepAlive.send(requestHead('GET', `/schools/${SCHOOL_B}`));
  const second = await keepAlive.response();
  t.same([second.status, second.body?.id], [200, SCHOOL_B], 'the second GET on the same connection is answered');
  t.notOk(await keepAlive.closesWithin(300), 'the connection stays open when no body was left unread');
});

t.test('roster - columns the file lacks keep the registry\'s values', async (t) => {
  const full = [
    { surname: 'Колонкина', given_name: 'Анна', birth_date: '2013-02-03', kind: 'pupil', class: '5А' },
    { surname: 'Колонкин', given_name: 'Борис', birth_date: '2012-04-05', kind: '', class: '6Б' },
    { surname: 'Колонкова', given_name: 'Вера', birth_date: '1985-06-07', kind: 'staff', class: '' },
  ];
  const first = await importCsv(opB, csv(['surname', 'given_name', 'birth_date', 'kind', 'class'], full), SCHOOL_B);
  t.equal(first.status, 200);
  t.match(first.body, { rows: 3, applied: 3, failed: 0, created: { persons: 3, accounts: 2 }, updated: { persons: 0 }, errors: [] });
  const names = csv(['surname', 'given_name', 'birth_date'], full);
  const again = await importCsv(opB, names, SCHOOL_B);
  t.equal(again.status, 200);
  t.same(again.body, { rows: 3, applied: 3, failed: 0, created: { persons: 0, accounts: 0, identifiers: 0, guardians: 0, links: 0 },
    updated: { persons: 0 }, errors: [] }, 'nothing created or updated');
  const list = (await opB('GET', `/schools/${SCHOOL_B}/persons?limit=1000`)).body.items as Array<Record<string, unknown>>;
  const byName = new Map(list.filter((p) => String(p['surname']).startsWith('Колон')).map((p) => [p['givenName'], p]));
  t.match(byName.get('Анна'), { kind: 'pupil', className: '5А', accountId: /^a_/ }, 'a pupil keeps the class');
  t.match(byName.get('Борис'), { kind: 'pupil', className: '6Б', accountId: /^a_/ }, 'a pupil of an empty kind keeps the class');
  t.match(byName.get('Вера'), { kind: 'staff', className: '', accountId: null }, 'the staff member stays staff and gets no account');
});

t.test('guardians - a narrower grant accepted narrows the trusted person\'s preferences', async (t) => {
  const child = await createPupil(t);
  const parentId = await createGuardian(t, '+79161110001', 'Соколова');
  const trustedId = await createGuardian(t, '+79161110002', 'Воронов');
  t.equal((await op('POST', `/persons/${child.id}/guardians`, { guardianId: parentId })).status, 201, 'parent linked');
  const parent = await api.clientFor({ role: 'guardian', guardianId: parentId });
  const trusted = await api.clientFor({ role: 'guardian', guardianId: trustedId });
  const invite = async (scopes: string[]) => {
    const inv = await parent('POST', '/me/invitations', { personId: child.id, phone: '+79161110002', surname: 'Воронов', scopes });
    t.equal(inv.status, 201, `invited with ${scopes.join(', ')}`);
    const acc = await trusted('POST', `/invitations/${inv.body.id as string}/accept`);
    t.equal(acc.status, 201, 'accepted');
    t.same(acc.body.scopes, scopes, 'the link holds the invitation\'s scopes');
  };
  await invite(['passes', 'balance']);
  const path = `/me/children/${child.id}/preferences`;
  const wide = { subscriptions: [{ event: 'entry_exit', channels: ['push'] }, { event: 'top_up', channels: ['sms'] }], lowBalanceThresholdKop: 5000,
    quietHours: { from: '22:00', to: '07:00' } };
  const put = await trusted('PUT', path, wide);
  t.equal(put.status, 200, 'preferences set under passes and balance');
  t.same(put.body, { guardianId: trustedId, personId: child.id, ...wide });
  await invite(['passes']);
  t.same((await trusted('GET', path)).body, { guardianId: trustedId, personId: child.id, subscriptions: [{ event: 'entry_exit', channels: ['push'] }],
    lowBalanceThresholdKop: null, quietHours: { from: '22:00', to: '07:00' } }, 'only entry_exit is left and the threshold is gone; quiet hours stay');
  const threshold = await trusted('PUT', path, { subscriptions: [], lowBalanceThresholdKop: 5000 });
  t.same(expectError(t, threshold, 403, 'API_FORBIDDEN', 'a threshold without the balance grant'), { scope: 'balance' });
  const topUp = await trusted('PUT', path, { subscriptions: [{ event: 'top_up', channels: ['push'] }] });
  t.same(expectError(t, topUp, 403, 'API_FORBIDDEN', 'a balance event without the balance grant'), { events: ['top_up'] });
  t.same((await trusted('GET', path)).body.subscriptions, [{ event: 'entry_exit', channels: ['push'] }], 'refused changes left the preferences');
});

t.test('accounts - a guardian asking for an unknown account gets 403, as for another child\'s', async (t) => {
  const child = await createPupil(t);
  const other = await createPupil(t);
  const parentId = await createGuardian(t, '+79161110003', 'Лебедева');
  t.equal((await op('POST', `/persons/${child.id}/guardians`, { guardianId: parentId })).status, 201, 'parent linked');
  const parent = await api.clientFor({ role: 'guardian', guardianId: parentId });
  t.equal((await parent('GET', `/accounts/${child.accountId}`)).status, 200, 'the own child\'s account');
  const foreign = await parent('GET', `/accounts/${other.accountId}`);
  const unknown = await parent('GET', '/accounts/a_nobody0000');
  expectError(t, foreign, 404, 'API_NOT_FOUND', 'another child\'s account');
  expectError(t, unknown, 404, 'API_NOT_FOUND', 'an unknown account');
  t.same(foreign.body, unknown.body, 'one and the same answer');
  expectError(t, await admin('GET', '/accounts/a_nobody0000'), 404, 'API_NOT_FOUND', 'the city administrator is told it does not exist');
});

t.test('guardians - a registered phone names its guardian to whoever knows the surname, and to the city', async (t) => {
  const phone = '+79161110004';
  const id = await createGuardian(t, phone, 'Королёва');
  for (const surname of ['Королёва', 'КОРОЛЕВА', ' королева ']) {
    const r = await op('POST', '/guardians', { phone, surname });
    t.equal(expectError(t, r, 409, 'API_CONFLICT', `operator, surname "${surname}"`)['existingId'], id, `"${surname}": the id is named`);
  }
  const other = await op('POST', '/guardians', { phone, surname: 'Другова' });
  t.same(expectError(t, other, 409, 'API_CONFLICT', 'operator, another surname'), {}, 'no existingId for a phone alone');
  const city = await admin('POST', '/guardians', { phone, surname: 'Другова' });
  t.equal(expectError(t, city, 409, 'API_CONFLICT', 'city administrator, another surname')['existingId'], id, 'the city always gets the id');
});

t.test('catering - reads a child\'s purchases but not persons or accounts', async (t) => {
  const child = await createPupil(t);
  const catering = await api.clientFor({ role: 'catering_operator', schoolIds: [SCHOOL_A], label: 'canteen A' });
  expectError(t, await catering('GET', `/schools/${SCHOOL_A}/persons`), 403, 'API_FORBIDDEN', 'the persons list');
  expectError(t, await catering('GET', `/persons/${child.id}`), 403, 'API_FORBIDDEN', 'a person');
  expectError(t, await catering('GET', `/persons/${child.id}/account`), 403, 'API_FORBIDDEN', 'a person\'s account');
  expectError(t, await catering('GET', `/accounts/${child.accountId}`), 403, 'API_FORBIDDEN', 'an account');
  const purchases = await catering('GET', `/persons/${child.id}/purchases?from=${utcDay()}&to=${utcDay()}`);
  t.ok(purchases.status === 200 || purchases.status === 503, `the purchases route answers 200 or 503 (no ClickHouse), got ${purchases.status}`);
  if (purchases.status === 503) expectError(t, purchases, 503, 'API_UNAVAILABLE', 'purchases without ClickHouse');
  else t.same(purchases.body, { personId: child.id, items: [] });
});

t.test('identifiers - a person holds at most 20 identifiers', async (t) => {
  t.equal(IDENTIFIERS_PER_PERSON_MAX, 20);
  const p = await createPupil(t);
  const statuses: number[] = [];
  let last = '';
  for (let i = 0; i < IDENTIFIERS_PER_PERSON_MAX; i++) {
    const r = await op('POST', `/persons/${p.id}/identifiers`, { kind: 'fob', uidHex: uid() });
    statuses.push(r.status);
    last = r.body.id as string;
  }
  t.same(statuses, statuses.map(() => 201), '20 identifiers are issued');
  expectError(t, await op('POST', `/persons/${p.id}/identifiers`, { kind: 'fob', uidHex: uid() }), 409, 'API_CONFLICT', 'the 21st identifier');
  expectError(t, await op('POST', `/identifiers/${last}/duplicate`, { kind: 'fob', uidHex: uid() }), 409, 'API_CONFLICT', 'a duplicate at 20');
  t.equal((await op('GET', `/persons/${p.id}/identifiers`)).body.items.length, IDENTIFIERS_PER_PERSON_MAX, 'still 20');
});

t.test('roster - a card block during a long import takes effect within a second', async (t) => {
  const child = await createPupil(t);
  const u = uid();
  const card = await op('POST', `/persons/${child.id}/identifiers`, { kind: 'social_card', uidHex: u });
  t.equal(card.status, 201, 'card issued');
  const provisioned = await op('POST', `/schools/${SCHOOL_A}/devices`, { kind: 'turnstile' });
  t.equal(provisioned.status, 201, 'turnstile provisioned');
  const device = { id: provisioned.body.device.id as string, schoolId: SCHOOL_A, secret: Buffer.from(provisioned.body.secretHex as string, 'hex') };
  const c = await connect(api.gw, device);
  t.teardown(() => c.close());
  let seq = 0;
  const reasonOf = async () => (await tap(c, [{ seq: ++seq, uid: Buffer.from(u, 'hex'), direction: ENTRY }]))[0]?.reason ?? 0;
  t.equal(await reasonOf(), Reason.DECISION_REASON_OK, 'the card passes before the block');

  const importStarted = Date.now();
  let importDoneMs: number | null = null;
  const running = importCsv(op, newPupils('Блок', LONG_IMPORT_ROWS)).then((r) => { importDoneMs = Date.now() - importStarted; return r; });
  await sleep(200);
  const started = Date.now();
  const block = op('POST', `/identifiers/${card.body.id as string}/block`).then((r) => ({ r, ms: Date.now() - started, importRunning: importDoneMs === null }));
  let refusedMs = Infinity;
  for (let i = 0; i < 1000 && Date.now() - started < 10_000; i++) {
    if (await reasonOf() === Reason.DECISION_REASON_IDENTIFIER_BLOCKED) { refusedMs = Date.now() - started; break; }
    await sleep(10);
  }
  const blocked = await block;
  t.equal(blocked.r.status, 200, 'blocked');
  t.equal(blocked.r.body.status, 'blocked');
  // What matters is that the block does not wait for the import; the figures are in the names and
  // the bounds loose, so that a loaded CI machine does not fail the test (aim: under 1 s each).
  t.ok(blocked.importRunning, 'the import was still running when the block answered');
  t.ok(blocked.ms < 5000, `the block answered ${blocked.ms} ms after it was asked for (aim: under 1000)`);
  t.ok(refusedMs <= 5000, `the turnstile refused the card ${refusedMs} ms after the block was asked for (aim: under 1000)`);
  const imported = await running;
  t.equal(imported.status, 200, `the import finished after ${importDoneMs} ms`);
  t.match(imported.body, { rows: LONG_IMPORT_ROWS, applied: LONG_IMPORT_ROWS, failed: 0, created: { persons: LONG_IMPORT_ROWS } });
  t.equal(await reasonOf(), Reason.DECISION_REASON_IDENTIFIER_BLOCKED, 'the card stays refused');
});

t.test('roster - at most two imports run at once; a third gets 429', async (t) => {
  t.equal(ROSTER_IMPORTS_IN_FLIGHT_MAX, 2);
  const started = Date.now();
  const longOnes = ['Один', 'Два'].map((tag) => importCsv(op, newPupils(tag, CONCURRENT_IMPORT_ROWS)).then((r) => ({ r, ms: Date.now() - started })));
  // Both have sent their headers (which take the slots) well before either can finish.
  await sleep(150);
  const third = await importCsv(op, newPupils('Три', 5));
  const thirdMs = Date.now() - started;
  expectError(t, third, 429, 'API_TOO_MANY_REQUESTS', 'a third import while two run');
  const done = await Promise.all(longOnes);
  for (const [i, d] of done.entries()) {
    t.equal(d.r.status, 200, `import ${i + 1} finished after ${d.ms} ms`);
    t.match(d.r.body, { rows: CONCURRENT_IMPORT_ROWS, applied: CONCURRENT_IMPORT_ROWS, failed: 0, created: { persons: CONCURRENT_IMPORT_ROWS } });
    t.ok(d.ms > thirdMs, `import ${i + 1} was still running when the third was refused`);
  }
  const after = await importCsv(op, newPupils('Три', 5));
  t.equal(after.status, 200, 'once the two are done, an import works again');
  t.match(after.body, { rows: 5, applied: 5, failed: 0, created: { persons: 5 } });
});

t.test('guardians - a new invitation deletes the child\'s invitations long past their expiry; accepted ones stay', async (t) => {
  const child = (await createPupil(t)).id;
  const parent = await createGuardian(t, '+79009101001', 'Чисткина');
  t.equal((await op('POST', `/persons/${child}/guardians`, { guardianId: parent })).status, 201, 'linked');
  const parentApi = await api.clientFor({ role: 'guardian', guardianId: parent });
  const kv = await openRegistry(api.stack.nc);
  const old = (id: string, status: string, expiresAt: number) => parseRecord('invitation', { id, personId: child, guardianId: parent,
    phone: '+79009101999', surname: 'Старая', scopes: ['passes'], status, expiresAt });
  const longAgo = Date.now() - INVITATION_KEEP_AFTER_EXPIRY_MS - 86_400_000;
  for (const r of [old('inv_old_pending', 'pending', longAgo), old('inv_old_revoked', 'revoked', longAgo), old('inv_recent', 'pending', Date.now() - 1000)]) {
    await kv.put(recordKey(r), storedJson(r));
  }
  await sleep(200);
  const made = await parentApi('POST', '/me/invitations', { personId: child, phone: '+79009101888', surname: 'Новая', scopes: ['passes'] });
  t.equal(made.status, 201, 'invited');
  const sent = (await parentApi('GET', '/me/invitations')).body.sent.map((i: { id: string }) => i.id).sort();
  t.same(sent, [made.body.id, 'inv_recent'].sort(), 'the long-expired pending and revoked invitations are gone; the recently expired one stays');
  const audit = (await admin('GET', '/audit?limit=5')).body.items.find((e: { action: string }) => e.action === 'invitation.create');
  t.ok(audit.targets.includes('invitation:inv_old_pending') && audit.targets.includes('invitation:inv_old_revoked'), 'the deletions are audited');
});
