// Integration: personal data entered through the admin API stays in the registry. Canary names,
// birth dates, phones, card UIDs and account numbers are seeded through the API only (persons,
// guardians, invitations, a roster CSV) and then used by a workload: a turnstile and a POS
// provisioned through the API, taps, purchases, a top-up by account number, a refund, preferences,
// 409s and bad requests that quote canaries. With the API access log on (debug), none of them may
// appear in the gateway's or the sink's log output, in any NATS subject, in any row of any table of
// the tapgate ClickHouse database, or in the AUDIT and LEDGER streams. The same search run over the
// registry's own KV traffic finds every registered canary, so a clean result is not a blind one.
// The notifier is the one other place that resolves names, phones and addresses, at send time:
// guardians set canary e-mail addresses and subscribe (e-mail, Web Push, SMS) through the API, the
// workload's events reach them through the local providers naming the child, and none of it may
// appear in the notifier's log, its journal (the NOTIFY stream), its metrics or its delivery log.
import t, { type Test } from 'tap';
import { randomBytes, randomInt } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { AUDIT_STREAM } from '../../api/audit.js';
// The journal's stream name is not on the consumers' public face (consumers/index.ts).
import { NOTIFY_STREAM } from '../../consumers/notifier/journal.js';
import { localDayNumber } from '../../core/index.js';
import { DeviceClient } from '../../simulator/device-client.js';
import { apiClient, makeToken, type ApiClient, type ApiResponse } from '../helpers/api-fixtures.js';
import { ENTRY, EXIT, Reason, readLedger, sleep, tap, waitFor, within, WAIT_MS } from '../helpers/gateway-fixtures.js';
import { startNotifier, startProviders } from '../helpers/notifier-fixtures.js';
import { BUFFET, item, mealZone, money, posTap, SUBSIDISED } from '../helpers/pos-fixtures.js';
import { startSink, startGateway, startStack } from '../helpers/stack.js';

const GW_ID = 'gw-api-pd';
/** How long the sink may take to store every ledger event, in ms. */
const SINK_WAIT_MS = 30_000;
/** How long the notifier may take to send every notice of the workload and log it, in ms. */
const NOTIFY_WAIT_MS = 30_000;

// ---- Canaries ------------------------------------------------------------------------------

type CanaryKind = 'name' | 'date' | 'phone' | 'uid' | 'account' | 'email';
/** A value that must not leave the registry; `registered` ones must be found in the registry's KV traffic. */
interface Canary { readonly what: string; readonly kind: CanaryKind; readonly value: string; registered: boolean }
const canaries: Canary[] = [];
const canary = (kind: CanaryKind, what: string, value: string, registered = true): string => {
  canaries.push({ what, kind, value, registered });
  return value;
};
const digits = (n: number) => Array.from({ length: n }, () => String(randomInt(10))).join('');
const name = (what: string, value: string, registered = true) => canary('name', what, value, registered);
const date = (what: string, value: string, registered = true) => canary('date', what, value, registered);
const phone = (what: string, registered = true) => canary('phone', what, `+7999${digits(7)}`, registered);
const uid = (what: string, registered = true) => canary('uid', what, randomBytes(7).toString('hex'), registered);
const email = (what: string) => canary('email', what, `pochta-${randomBytes(4).toString('hex')}@example.ru`);

const person = (key: string, surname: string, givenName: string, patronymic: string, birthDate: string) => ({
  surname: name(`${key} surname`, surname), givenName: name(`${key} given name`, givenName),
  patronymic: patronymic === '' ? '' : name(`${key} patronymic`, patronymic), birthDate: date(`${key} birth date`, birthDate),
});
const P1 = person('p1', 'Канареечкина', 'Аглаидия', 'Евстафьевна', '2012-11-23');
const P2 = person('p2', 'Zxqwertova', 'Vlqxandra', 'Zqyrvovna', '2013-04-17');
const S1 = person('s1', 'Щеглокрылов', 'Евлампий', 'Феоктистович', '1981-03-09');
const R1 = person('r1', 'Зимородкова', 'Олимпиада', 'Ксенофонтовна', '2012-06-13');
const R2 = person('r2', 'Qyvxtrenko', 'Bzdrogan', '', '1979-08-21');
const R3 = person('r3', 'Свиристелкина', 'Пульхерия', 'Авксентьевна', '2014-09-06');
const G1 = { phone: phone('g1 phone'), surname: name('g1 surname', 'Попугайская'), givenName: name('g1 given name', 'Ефросинья') };
const G2 = { phone: phone('g2 phone'), surname: name('g2 surname', 'Xqrplova'), givenName: name('g2 given name', 'Wlodzisla') };
const INVITEE = { phone: phone('invitee phone'), surname: name('invitee surname', 'Клестова'), givenName: name('invitee given name', 'Гликерия') };
const REVOKED_INVITEE = { phone: phone('revoked invitee phone'), surname: name('revoked invitee surname', 'Свиристелева') };
// Set by the guardians themselves (PUT /me/email); only the notifier and the registry may hold them.
const EMAIL = { g1: email('g1 e-mail'), g2: email('g2 e-mail'), trusted: email('trusted e-mail') };
const RG1 = { phone: phone('roster guardian phone'), surname: name('roster guardian surname', 'Чомгова'), givenName: name('roster guardian given name', 'Агриппина') };
const UID = { p1: uid('p1 card'), p2: uid('p2 card, duplicated and blocked'), p2b: uid('p2 duplicate card'), s1: uid('s1 fob'),
  r1: uid('r1 card'), r2: uid('r2 fob'), r3: uid('r3 card'), unknown: uid('unknown card', false), bad: uid('uid in a bad body', false) };
// Only ever sent in requests that are refused.
const BAD = {
  birthDate: name('birth date value', 'Ошибкинская', false), json: name('malformed JSON', 'Сломанова', false),
  extra: name('unknown property', 'Прозвищева', false), long: name('too long surname', 'Длиннофамильная', false),
  phone: phone('phone in a bad body', false), rowName: name('bad roster row', 'Чечеткинская', false), rowDate: date('bad roster row', '2013-10-31', false),
  rowPhone: name('bad roster phone', 'Звонарева', false), conflictRow: name('conflicting roster row', 'Оляпкина', false),
  conflictDate: date('conflicting roster row', '2011-02-28', false), header: name('roster header', 'Заголовкина', false),
  csv: name('malformed CSV', 'Кавычкина', false), event: name('preference event', 'Событийкина', false),
  account: canary('account', 'unknown account number', `9${digits(9)}`, false),
};

/** Every written form of a canary (JSON-escaped and URL-encoded names too); the search ignores case, so lower and upper hex are both covered. */
function forms(c: Canary): string[] {
  switch (c.kind) {
    case 'name': return [c.value, c.value.replace(/[^\x00-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`), encodeURIComponent(c.value)];
    case 'date': { const [y, m, d] = c.value.split('-'); return [c.value, `${d}.${m}.${y}`]; }
    case 'phone': return [c.value, c.value.slice(1)]; // '%2B7999…' contains the second form
    case 'uid': return [c.value, c.value.toUpperCase(), Buffer.from(c.value, 'hex').toString('base64').replace(/=+$/, '')];
    case 'account': return [c.value];
    case 'email': return [c.value, c.value.slice(0, c.value.indexOf('@')), encodeURIComponent(c.value)];
  }
}

/** The canaries of `subset` found in `hay` (text ignoring case; UIDs also as raw bytes), with the form that matched. */
function hits(hay: string | Uint8Array, subset: readonly Canary[]): Array<{ canary: Canary; form: string }> {
  const bytes = typeof hay === 'string' ? null : Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength);
  const text = (bytes === null ? hay as string : bytes.toString('utf8')).toLowerCase();
  const found: Array<{ canary: Canary; form: string }> = [];
  for (const c of subset) {
    const form = forms(c).find((f) => text.includes(f.toLowerCase())) ??
      (c.kind === 'uid' && bytes !== null && bytes.indexOf(Buffer.from(c.value, 'hex')) >= 0 ? 'raw bytes' : undefined);
    if (form !== undefined) found.push({ canary: c, form });
  }
  return found;
}

/** Where each canary was found in `hay`, as "where: what (form)". */
const search = (where: string, hay: string | Uint8Array): string[] => hits(hay, canaries).map((h) => `${where}: ${h.canary.what} (${h.form})`);

// ---- Stack ---------------------------------------------------------------------------------

const stack = await startStack();
t.teardown(() => stack.stop());
// The operator's user may read every subject: the spy sees all there is.
const spy = await stack.connect('ops');
t.teardown(() => spy.close());
const subjects = new Set<string>();
const registryPayloads: Uint8Array[] = [];
spy.subscribe('>', { callback: (err, m) => {
  if (err !== null) return;
  subjects.add(m.subject);
  if (m.reply) subjects.add(m.reply);
  if (m.subject.startsWith('$KV.tapgate_registry.')) registryPayloads.push(m.data);
} });
await spy.flush();

const { timeZone, period } = mealZone();
const gw = await startGateway(stack, { TAPGATE_GATEWAY_ID: GW_ID, TAPGATE_LOG_LEVEL: 'debug' });
t.teardown(() => gw.stop());
const sink = await startSink(stack, { TAPGATE_LOG_LEVEL: 'debug' });
t.teardown(() => sink.stop());
// The real SMTP mail catcher, Web Push service and SMSC, and a notifier sending through them.
const providers = await startProviders(stack.dir);
t.teardown(() => providers.stop());
const notifier = await startNotifier(stack, providers, { TAPGATE_LOG_LEVEL: 'debug' });
t.teardown(() => notifier.stop());

/** Runs one SQL statement over ClickHouse's HTTP interface and returns the raw response body. */
async function clickhouse(sql: string): Promise<Buffer> {
  const res = await fetch(`${stack.clickhouse!.url}/`, { method: 'POST', body: sql, signal: AbortSignal.timeout(WAIT_MS) });
  const body = Buffer.from(await res.arrayBuffer());
  if (!res.ok) throw new Error(`ClickHouse ${res.status} for ${sql}: ${body.toString().slice(0, 300)}`);
  return body;
}
const count = async (table: string) => Number((await clickhouse(`SELECT count() FROM tapgate.${table}`)).toString().trim());

/** Every message's raw bytes of a stream (AUDIT, NOTIFY), by stream sequence (bounded by the stream's size). */
async function readStream(stream: string): Promise<Uint8Array[]> {
  const jsm = await jetstreamManager(stack.nc);
  const info = await jsm.streams.info(stream);
  const out: Uint8Array[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && out.length < 10_000; seq++) {
    const m = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
    if (m !== null) out.push(m.data);
  }
  return out;
}

// ---- Requests ------------------------------------------------------------------------------

/** Requests sent, to compare with the access log's lines. */
let calls = 0;
const client = (token: string): ApiClient => {
  const c = apiClient(gw.apiUrl, token);
  return (async (method, path, body, opts) => { calls++; return c(method, path, body, opts); }) as ApiClient;
};
type Opts = Parameters<ApiClient>[3] & { code?: string };

/** Sends a request and checks its status (and error code when given); the body is shown only on a mismatch. */
async function expect(t: Test, c: ApiClient, status: number, method: string, path: string, body?: unknown, opts: Opts = {}): Promise<ApiResponse> {
  const r = await c(method, path, body, opts);
  const code = (r.body as { error?: { code?: string } } | null)?.error?.code;
  const ok = r.status === status && (opts.code === undefined || code === opts.code);
  t.ok(ok, `${method} ${path.replace(/\?.*/, '')}: ${status}${opts.code === undefined ? '' : ` ${opts.code}`}`, ok ? {} : { got: r.status, body: r.body });
  return r;
}

interface Account { readonly id: string; readonly number: string }
interface Seeded {
  readonly school: string;
  readonly admin: ApiClient; readonly op: ApiClient; readonly catering: ApiClient; readonly payments: ApiClient;
  readonly parent1: ApiClient; readonly parent2: ApiClient; readonly trusted: ApiClient;
  readonly p1: string; readonly p2: string; readonly acc1: Account;
}

/** A person's account; its number (which only the API hands out) becomes a canary. */
async function accountOf(t: Test, op: ApiClient, personId: string): Promise<Account> {
  const a = (await expect(t, op, 200, 'GET', `/persons/${personId}/account`)).body as Account;
  canary('account', `account of ${personId}`, a.number);
  return a;
}

/** A school, tokens, persons with cards and accounts, guardians, their links and invitations. */
async function seed(t: Test): Promise<Seeded> {
  const admin = client(await makeToken(stack.nc, { role: 'city_admin', label: 'pd admin' }));
  const tokenFor = async (spec: Record<string, unknown>) => client((await expect(t, admin, 201, 'POST', '/tokens', spec)).body.token as string);
  const school = (await expect(t, admin, 201, 'POST', '/schools', { name: 'Школа № 57', timeZone })).body.id as string;
  const op = await tokenFor({ role: 'school_operator', schoolIds: [school], label: 'pd operator' });
  const catering = await tokenFor({ role: 'catering_operator', schoolIds: [school] });
  const payments = await tokenFor({ role: 'payment_integration' });
  const p1 = (await expect(t, op, 201, 'POST', `/schools/${school}/persons`, { kind: 'pupil', ...P1, className: '5А' })).body.id as string;
  const p2 = (await expect(t, op, 201, 'POST', `/schools/${school}/persons`, { kind: 'pupil', ...P2, className: '6Б' })).body.id as string;
  const s1 = (await expect(t, op, 201, 'POST', `/schools/${school}/persons`, { kind: 'staff', ...S1 })).body.id as string;
  await expect(t, op, 201, 'POST', `/persons/${p1}/identifiers`, { kind: 'social_card', uidHex: UID.p1.toUpperCase() });
  const p2card = (await expect(t, op, 201, 'POST', `/persons/${p2}/identifiers`, { kind: 'social_card', uidHex: UID.p2 })).body.id as string;
  await expect(t, op, 201, 'POST', `/identifiers/${p2card}/duplicate`, { kind: 'social_card', uidHex: UID.p2b });
  await expect(t, op, 201, 'POST', `/persons/${s1}/identifiers`, { kind: 'fob', uidHex: UID.s1 });
  const acc1 = await accountOf(t, op, p1);
  await accountOf(t, op, p2);
  const g1 = (await expect(t, op, 201, 'POST', '/guardians', G1)).body.id as string;
  const g2 = (await expect(t, op, 201, 'POST', '/guardians', G2)).body.id as string;
  await expect(t, op, 201, 'POST', `/persons/${p1}/guardians`, { guardianId: g1 });
  await expect(t, op, 201, 'POST', `/persons/${p2}/guardians`, { guardianId: g2 });
  const parent1 = await tokenFor({ role: 'guardian', guardianId: g1 });
  const parent2 = await tokenFor({ role: 'guardian', guardianId: g2 });
  // Invitations: one accepted by a trusted person the school registers (surname in capitals), one revoked.
  const inv1 = (await expect(t, parent1, 201, 'POST', '/me/invitations', { personId: p1, phone: INVITEE.phone, surname: INVITEE.surname, scopes: ['passes', 'purchases'] })).body.id as string;
  const inv2 = (await expect(t, parent2, 201, 'POST', '/me/invitations', { personId: p2, ...REVOKED_INVITEE, scopes: ['passes'] })).body.id as string;
  await expect(t, parent2, 200, 'POST', `/invitations/${inv2}/revoke`);
  const g3 = (await expect(t, op, 201, 'POST', '/guardians', { ...INVITEE, surname: INVITEE.surname.toUpperCase() })).body.id as string;
  const trusted = await tokenFor({ role: 'guardian', guardianId: g3 });
  await expect(t, trusted, 200, 'GET', '/me/invitations');
  await expect(t, trusted, 201, 'POST', `/invitations/${inv1}/accept`);
  return { school, admin, op, catering, payments, parent1, parent2, trusted, p1, p2, acc1 };
}

/** A roster of three good rows (one linking an existing guardian), a bad phone and a card of someone else; imported twice. */
async function importRoster(t: Test, s: Seeded): Promise<{ r1: Account; r3: Account }> {
  const row = (p: typeof R1, kind: string, cls: string, idKind: string, card: string, g: string[]) =>
    [p.surname, p.givenName, p.patronymic, p.birthDate, kind, cls, idKind, card, ...g].join(',');
  const csv = ['surname,given_name,patronymic,birth_date,kind,class,identifier_kind,card_uid,guardian_phone,guardian_surname,guardian_given_name',
    row(R1, 'pupil', '5А', 'social_card', UID.r1.toUpperCase(), [RG1.phone, RG1.surname, RG1.givenName]),
    row(R2, 'staff', '', 'fob', UID.r2, ['', '', '']),
    row(R3, '', '6Б', '', UID.r3, [G1.phone, G1.surname, '']),
    [BAD.rowName, 'Фекла', '', BAD.rowDate, 'pupil', '7В', '', '', `${BAD.rowPhone}-телефон`, BAD.rowPhone, ''].join(','),
    [BAD.conflictRow, 'Домна', '', BAD.conflictDate, 'pupil', '8Г', '', UID.p1, '', '', ''].join(','),
  ].join('\n') + '\n';
  const path = `/schools/${s.school}/roster`;
  const report = (await expect(t, s.op, 200, 'POST', path, undefined, { raw: csv, contentType: 'text/csv' })).body;
  t.match(report, { rows: 5, applied: 3, failed: 2, created: { persons: 3, accounts: 2, identifiers: 3, guardians: 1, links: 2 } });
  t.same(report.errors.map((e: { line: number; field: string }) => [e.line, e.field]), [[5, 'guardian_phone'], [6, 'card_uid']]);
  const again = (await expect(t, s.op, 200, 'POST', path, undefined, { raw: csv, contentType: 'text/csv' })).body;
  t.match(again, { applied: 3, failed: 2, created: { persons: 0, accounts: 0, identifiers: 0, guardians: 0, links: 0 } }, 're-import changes nothing');
  const pupils = (await expect(t, s.op, 200, 'GET', `/schools/${s.school}/persons?kind=pupil`)).body.items as Array<{ id: string; surname: string }>;
  return { r1: await accountOf(t, s.op, pupils.find((p) => p.surname === R1.surname)!.id),
    r3: await accountOf(t, s.op, pupils.find((p) => p.surname === R3.surname)!.id) };
}

/** Limits, preferences, a benefit, a turnstile and a POS provisioned through the API, top-ups, taps, purchases and a refund. */
async function workload(t: Test, s: Seeded, roster: { r1: Account }): Promise<string> {
  await expect(t, s.parent1, 200, 'PATCH', `/accounts/${s.acc1.id}`, { dailyLimitKop: 100_000, bannedCategories: ['sweets'], lowBalanceThresholdKop: 10_000 });
  await expect(t, s.parent1, 200, 'PUT', `/me/children/${s.p1}/preferences`,
    { subscriptions: [...everyChannel('entry_exit', 'buffet', 'top_up'), { event: 'low_balance', channels: ['sms'] }],
      lowBalanceThresholdKop: 20_000 });
  await expect(t, s.trusted, 200, 'PUT', `/me/children/${s.p1}/preferences`,
    { subscriptions: everyChannel('entry_exit', 'buffet') });
  await expect(t, s.parent2, 200, 'PUT', `/me/children/${s.p2}/preferences`,
    { subscriptions: everyChannel('entry_exit', 'subsidised_meal', 'top_up') });
  const today = localDayNumber(timeZone, Date.now());
  const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
  await expect(t, s.op, 201, 'POST', `/persons/${s.p2}/benefits`, { mealPeriods: [period], validFrom: iso(today - 1), validTo: iso(today + 30) });
  // The canteen's catalogue: POS baskets name catalogue products (protocol v1.2 pricing, ADR 0011).
  for (const code of ['bakery', 'hot_meal', 'drinks', 'sweets']) {
    await expect(t, s.catering, 201, 'POST', `/schools/${s.school}/categories`, { code, name: code });
  }
  const productIds = new Map<string, string>();
  for (const [name, category, priceKop] of [['bun', 'bakery', 4500], ['set-lunch', 'hot_meal', 12_000], ['juice', 'drinks', 6000], ['choc', 'sweets', 8000]] as const) {
    productIds.set(name, (await expect(t, s.catering, 201, 'POST', `/schools/${s.school}/products`, { name, category, priceKop })).body.id as string);
  }
  const product = (name: string, category: string, priceKop: number, quantity = 1) => item(productIds.get(name)!, category, priceKop, quantity);
  const turnstile = (await expect(t, s.op, 201, 'POST', `/schools/${s.school}/devices`, { kind: 'turnstile' })).body;
  const pos = (await expect(t, s.op, 201, 'POST', `/schools/${s.school}/devices`, { kind: 'pos' })).body;
  const topUp = (number: string, paymentId: string, amountKop: number) => ({ path: `/accounts/by-number/${number}/top-ups`, body: { channel: 'sber', paymentId, amountKop } });
  for (const [status, x] of [[201, topUp(s.acc1.number, 'pd-pay-1', 50_000)], [200, topUp(s.acc1.number, 'pd-pay-1', 50_000)], [201, topUp(roster.r1.number, 'pd-pay-2', 20_000)]] as const) {
    await expect(t, s.payments, status, 'POST', x.path, x.body);
  }
  const ts = await within(DeviceClient.connect(gw.deviceUrl, turnstile.device.id, Buffer.from(turnstile.secretHex, 'hex')), WAIT_MS, 'turnstile');
  const till = await within(DeviceClient.connect(gw.deviceUrl, pos.device.id, Buffer.from(pos.secretHex, 'hex')), WAIT_MS, 'POS');
  t.teardown(() => { ts.close(); till.close(); });
  const hex = (h: string) => Buffer.from(h, 'hex');
  const passes = await tap(ts, [
    { seq: 1, uid: hex(UID.p1), direction: ENTRY }, { seq: 2, uid: hex(UID.p2b), direction: ENTRY }, { seq: 3, uid: hex(UID.s1), direction: ENTRY },
    { seq: 4, uid: hex(UID.r1), direction: ENTRY }, { seq: 5, uid: hex(UID.r2), direction: ENTRY }, { seq: 6, uid: hex(UID.unknown), direction: ENTRY },
    { seq: 7, uid: hex(UID.p2), direction: ENTRY }, { seq: 8, uid: hex(UID.p1), direction: EXIT },
  ]);
  t.same(passes.map((d) => d.reason), [...Array(5).fill(Reason.DECISION_REASON_OK), Reason.DECISION_REASON_UNKNOWN_IDENTIFIER,
    Reason.DECISION_REASON_IDENTIFIER_BLOCKED, Reason.DECISION_REASON_OK], 'turnstile decisions');
  const sales = await posTap(till, [
    { seq: 1, uid: hex(UID.p1), items: [product('bun', 'bakery', 4500, 2)] },
    { seq: 2, uid: hex(UID.p2b), items: [product('set-lunch', 'hot_meal', 12_000)], mealKind: SUBSIDISED },
    { seq: 3, uid: hex(UID.r3), items: [product('juice', 'drinks', 6000)] },
    { seq: 4, uid: hex(UID.p1), items: [product('choc', 'sweets', 8000)], mealKind: BUFFET },
    { seq: 5, uid: hex(UID.unknown), items: [product('bun', 'bakery', 4500)] },
  ]);
  t.same(sales.map((d) => money(d).reason), [Reason.DECISION_REASON_OK, Reason.DECISION_REASON_OK, Reason.DECISION_REASON_INSUFFICIENT_FUNDS,
    Reason.DECISION_REASON_BANNED_CATEGORY, Reason.DECISION_REASON_UNKNOWN_IDENTIFIER], 'POS decisions');
  t.same([money(sales[0]!).amountKop, money(sales[1]!).subsidised], [9000, true], 'a paid sale and a subsidised meal');
  await expect(t, s.catering, 201, 'POST', '/refunds', { refundId: 'pd-ref-1', deviceId: pos.device.id, seq: 1, reason: 'wrong_item' });
  return pos.device.id as string;
}

/** 409s, and refused requests whose bodies, paths or CSV quote canaries. */
async function refusals(t: Test, s: Seeded, posId: string): Promise<void> {
  const persons = `/schools/${s.school}/persons`;
  const invalid = { code: 'API_INVALID_REQUEST' };
  await expect(t, s.op, 409, 'POST', persons, { kind: 'pupil', ...P1, surname: P1.surname.toUpperCase() }, { code: 'API_ALREADY_REGISTERED' });
  await expect(t, s.op, 409, 'PATCH', `/persons/${s.p2}`, { surname: P1.surname, givenName: P1.givenName, patronymic: P1.patronymic, birthDate: P1.birthDate }, { code: 'API_ALREADY_REGISTERED' });
  await expect(t, s.op, 409, 'POST', '/guardians', { ...G1, surname: 'Другая' }, { code: 'API_CONFLICT' });
  await expect(t, s.op, 409, 'POST', `/persons/${s.p2}/identifiers`, { kind: 'fob', uidHex: UID.p1 }, { code: 'API_CONFLICT' });
  await expect(t, s.parent1, 409, 'POST', '/me/invitations', { personId: s.p1, phone: G1.phone, surname: G1.surname, scopes: ['passes'] }, { code: 'API_CONFLICT' });
  await expect(t, s.op, 400, 'POST', persons, { kind: 'pupil', surname: BAD.birthDate, givenName: 'Ия', birthDate: BAD.birthDate }, invalid);
  await expect(t, s.op, 400, 'POST', persons, { kind: 'pupil', surname: BAD.long.repeat(5), givenName: 'Ия', birthDate: '2012-01-01' }, invalid);
  await expect(t, s.op, 400, 'POST', persons, { kind: 'pupil', surname: 'Ия', givenName: 'Ия', birthDate: '2012-01-01', nickname: BAD.extra }, invalid);
  await expect(t, s.op, 400, 'POST', persons, undefined, { raw: `{"kind":"pupil","surname":"${BAD.json}","givenName":`, code: 'API_MALFORMED_BODY' });
  await expect(t, s.op, 415, 'POST', persons, undefined, { raw: `surname=${BAD.json}`, contentType: 'text/plain', code: 'API_UNSUPPORTED_MEDIA_TYPE' });
  await expect(t, s.op, 400, 'POST', '/guardians', { phone: BAD.phone.slice(1), surname: BAD.extra }, invalid);
  await expect(t, s.op, 400, 'POST', `/persons/${s.p1}/identifiers`, { kind: 'social_card', uidHex: `${UID.bad}zz` }, invalid);
  await expect(t, s.op, 400, 'POST', `/persons/${s.p1}/identifiers`, { kind: 'temporary', uidHex: UID.bad, expiresAt: BAD.birthDate }, invalid);
  await expect(t, s.parent1, 400, 'POST', '/me/invitations', { personId: s.p1, phone: BAD.phone, surname: BAD.long.repeat(5), scopes: ['passes'] }, invalid);
  await expect(t, s.parent1, 400, 'PUT', `/me/children/${s.p1}/preferences`, { subscriptions: [{ event: BAD.event, channels: ['push'] }] }, invalid);
  await expect(t, s.op, 400, 'POST', `/schools/${s.school}/roster`, undefined, { raw: `surname,given_name,birth_date,${BAD.header}\n`, contentType: 'text/csv', ...invalid });
  await expect(t, s.op, 400, 'POST', `/schools/${s.school}/roster`, undefined, { raw: `surname,given_name,birth_date\n"${BAD.csv},Ия,2012-01-01\n`, contentType: 'text/csv', ...invalid });
  const topUp = { channel: 'sber', paymentId: 'pd-pay-3', amountKop: 50_000 };
  await expect(t, s.payments, 404, 'POST', `/accounts/by-number/${BAD.account}/top-ups`, topUp, { code: 'API_NOT_FOUND' });
  await expect(t, s.payments, 400, 'POST', `/accounts/by-number/${s.acc1.number}/top-ups`, { ...topUp, amountKop: 5 }, { code: 'API_INVALID_AMOUNT' });
  await expect(t, s.payments, 400, 'POST', `/accounts/by-number/${encodeURIComponent(BAD.extra)}/top-ups`, topUp, invalid);
  await expect(t, s.op, 400, 'GET', `/persons/${encodeURIComponent(BAD.birthDate)}`, undefined, invalid);
  await expect(t, s.op, 404, 'GET', `/${encodeURIComponent(BAD.json)}/${UID.bad}`, undefined, { code: 'API_NOT_FOUND' });
  await expect(t, s.catering, 404, 'POST', '/refunds', { refundId: 'pd-ref-2', deviceId: posId, seq: 99, reason: 'other' }, { code: 'API_NOT_FOUND' });
}

// ---- Notifier ------------------------------------------------------------------------------

/** Subscriptions to these events on every channel the notifier has. */
const everyChannel = (...events: string[]) => events.map((event) => ({ event, channels: ['email', 'push', 'sms'] }));

/** A guardian the notifier writes to, and how many notices of the workload reach them on each channel. */
interface Recipient {
  readonly who: string; readonly api: ApiClient; readonly email: string; readonly phone: string;
  /** The child's given name: what every notice says (resolved by the notifier at send time). */
  readonly child: string; readonly notices: number; endpoint: string;
}

/**
 * The guardians set their e-mail canaries and subscribe a browser to Web Push, through the API.
 * Notices: parent 1 hears of p1's entry, bun (buffet) and top-up (the exit is held for a re-entry
 * beyond the test's time); the trusted person of p1's entry and bun; parent 2 of p2's entry and
 * subsidised meal. The rest of the workload is refused, not subscribed or a refund.
 */
async function contacts(t: Test, s: Seeded): Promise<Recipient[]> {
  const rs: Recipient[] = [
    { who: 'parent 1', api: s.parent1, email: EMAIL.g1, phone: G1.phone, child: P1.givenName, notices: 3, endpoint: '' },
    { who: 'trusted', api: s.trusted, email: EMAIL.trusted, phone: INVITEE.phone, child: P1.givenName, notices: 2,
      endpoint: '' },
    { who: 'parent 2', api: s.parent2, email: EMAIL.g2, phone: G2.phone, child: P2.givenName, notices: 2, endpoint: '' },
  ];
  for (const r of rs) {
    const set = await expect(t, r.api, 200, 'PUT', '/me/email', { email: r.email });
    t.same(set.body, { email: r.email }, `${r.who}: e-mail set`);
    const browser = providers.push.subscribe();
    await expect(t, r.api, 201, 'POST', '/me/push-subscriptions', { endpoint: browser.endpoint, keys: browser.keys });
    r.endpoint = browser.endpoint;
  }
  return rs;
}

/** What the providers received for a recipient: letters, SMS and Web Push messages, as text. */
function received(r: Recipient): { letters: string[]; sms: string[]; pushes: string[] } {
  return {
    letters: providers.mail.messages({ to: r.email }).map((m) => `${m.subject}\n${m.text}`),
    sms: providers.smsc.received().filter((m) => m.destination.endsWith(r.phone.slice(1))).map((m) => m.text),
    pushes: providers.push.received().filter((d) => d.endpoint === r.endpoint)
      .map((d) => { const p = JSON.parse(d.payload) as { title: string; body: string }; return `${p.title}\n${p.body}`; }),
  };
}

/** Waits until every notice reached its recipient on every channel, naming the child, and is in the delivery log. */
async function delivered(t: Test, rs: readonly Recipient[]): Promise<number> {
  const all = (r: Recipient) => Object.values(received(r));
  await waitFor(() => rs.every((r) => all(r).every((x) => x.length >= r.notices)), NOTIFY_WAIT_MS, 'every notice sent', 100);
  for (const r of rs) {
    t.same(all(r).map((x) => x.length), [r.notices, r.notices, r.notices], `${r.who}: ${r.notices} letters, SMS and pushes`);
    // Found by the same search that must find nothing elsewhere: a clean result is not a blind one.
    const named = (x: string) => hits(x, canaries).some((h) => h.canary.value === r.child);
    t.same(all(r).flat().filter((x) => !named(x)), [], `${r.who}: the search finds the child's name in each (resolved on send)`);
  }
  const sent = 3 * rs.reduce((n, r) => n + r.notices, 0);
  const sentRows = async () => Number((await clickhouse("SELECT countIf(status = 'sent') FROM tapgate.notifications")).toString());
  await waitFor(async () => await count('notifications') > 0 && await sentRows() >= sent, NOTIFY_WAIT_MS, 'delivery log', 200);
  t.equal(await sentRows(), sent, `the delivery log: ${sent} notices sent`);
  return sent;
}

/** The notifier's whole log output, its journal's raw bytes (the NOTIFY stream) and its metrics. */
async function notifierChecks(t: Test, s: Seeded): Promise<void> {
  t.ok(notifier.output().includes('notifier running'), 'the notifier log is captured');
  t.same(search('notifier log', notifier.output()), [], 'notifier log');
  const journal = await readStream(NOTIFY_STREAM);
  t.ok(journal.some((m) => Buffer.from(m).includes(`"personId":"${s.p1}"`)), `${journal.length} NOTIFY messages, notices in them`);
  t.same(journal.flatMap((m, i) => search(`NOTIFY #${i + 1}`, m)), [], 'NOTIFY messages, raw bytes');
  const metrics = await (await fetch(`${notifier.opsUrl}/metrics`, { signal: AbortSignal.timeout(WAIT_MS) })).text();
  t.match(metrics, /^tapgate_notify_finished_total\{[^}]*status="sent"[^}]*\} [1-9]/m, 'the metrics count sent notices');
  t.same(search('notifier metrics', metrics), [], 'notifier metrics');
}

// ---- The test ------------------------------------------------------------------------------

t.test('personal data - API canaries reach no log, metric, NATS subject, ClickHouse row, AUDIT, LEDGER or NOTIFY message',
  async (t) => {
  const s = await seed(t);
  const roster = await importRoster(t, s);
  const recipients = await contacts(t, s);
  const posId = await workload(t, s, roster);
  await refusals(t, s, posId);

  // Wait until the sink has stored every ledger event, then read back what history shows.
  await sleep(300);
  const ledger = await readLedger(stack.nc);
  const events = ledger.flatMap((m) => [...m.batch.passes.map(() => 'pass_events'),
    ...m.batch.money.map((e) => (e.purchase != null ? 'purchases' : e.topUp != null ? 'top_ups' : e.refund != null ? 'refunds' : 'other'))]);
  const want = Object.fromEntries(['pass_events', 'purchases', 'top_ups', 'refunds'].map((x) => [x, events.filter((e) => e === x).length]));
  t.same(want, { pass_events: 8, purchases: 5, top_ups: 2, refunds: 1 }, 'the ledger holds the workload');
  await waitFor(async () => {
    for (const [table, n] of Object.entries(want)) if (await count(table) < n) return false;
    return true;
  }, SINK_WAIT_MS, 'sink stored every ledger event', 200);
  const day = new Date().toISOString().slice(0, 10);
  t.equal((await expect(t, s.parent1, 200, 'GET', `/persons/${s.p1}/passes?from=${day}&to=${day}`)).body.items.length, 2, 'p1 history: entry and exit');
  await expect(t, s.trusted, 200, 'GET', `/persons/${s.p1}/purchases?from=${day}&to=${day}`);
  await expect(t, s.op, 200, 'GET', `/accounts/${s.acc1.id}/history?from=${day}&to=${day}`);
  await expect(t, s.op, 200, 'GET', `/schools/${s.school}/headcount`);
  const sent = await delivered(t, recipients);
  await sleep(300);
  await spy.flush();

  // (a) The gateway's, the API process's and the sink's whole log output.
  const accessLines = gw.api.logs.filter((l) => l['msg'] === 'api request');
  t.ok(accessLines.length >= calls, `${accessLines.length} 'api request' lines for ${calls} requests`);
  t.ok([400, 404, 409, 415].every((x) => accessLines.some((l) => l['status'] === x)), 'the access log has the refused requests');
  t.ok(sink.output().includes('sink listening'), 'the sink log is captured');
  t.same(search('gateway log', gw.output()), [], 'gateway log');
  t.same(search('API log', gw.api.output()), [], 'API log');
  t.same(search('sink log', sink.output()), [], 'sink log');

  // (b) Every NATS subject (and reply subject) seen.
  t.ok(subjects.has('tapgate.ledger.v1.main') && subjects.has('tapgate.audit.v1'), 'the subjects include the ledger and audit appends');
  t.ok([...subjects].some((x) => x.startsWith('$KV.tapgate_registry.')) && [...subjects].some((x) => x.startsWith('$JS.')), 'and $KV and $JS traffic');
  t.ok([...subjects].some((x) => x.startsWith('tapgate.notify.v1.journal.')), 'and the notifier\'s journal appends');
  t.same([...subjects].flatMap((x) => search(`subject ${x}`, x)), [], `${subjects.size} NATS subjects`);

  // (c) Every row of every table of the tapgate database.
  const tables = (await clickhouse("SELECT name FROM system.tables WHERE database = 'tapgate' ORDER BY name FORMAT TabSeparated"))
    .toString().split('\n').filter((x) => x !== '');
  t.ok(['pass_events', 'purchases', 'purchase_items', 'top_ups', 'refunds', 'notifications'].every((x) => tables.includes(x)),
    `tables: ${tables.join(', ')}`);
  t.ok(tables.every((x) => /^[a-z0-9_]+$/.test(x)), 'plain table names');
  const rows: Record<string, number> = {};
  const chHits: string[] = [];
  for (const table of tables) {
    const tsv = await clickhouse(`SELECT * FROM tapgate.${table} FORMAT TabSeparated`);
    rows[table] = tsv.toString().split('\n').filter((x) => x !== '').length;
    chHits.push(...search(`ClickHouse ${table}`, tsv));
  }
  t.ok((rows['pass_events'] ?? 0) >= 8 && (rows['purchases'] ?? 0) >= 5 && (rows['purchase_items'] ?? 0) >= 5 &&
    (rows['refunds'] ?? 0) >= 1 && (rows['notifications'] ?? 0) >= sent, `rows: ${JSON.stringify(rows)}`);
  t.same(chHits, [], 'ClickHouse rows');

  // (d) The AUDIT stream's messages and the LEDGER stream's raw bytes.
  const audit = await readStream(AUDIT_STREAM);
  t.ok(audit.length >= 30, `${audit.length} AUDIT messages`);
  t.same(audit.flatMap((m, i) => search(`AUDIT #${i + 1}`, m)), [], 'AUDIT messages');
  t.same(ledger.flatMap((m) => search(`LEDGER seq ${m.streamSeq}`, m.data)), [], `${ledger.length} LEDGER messages, raw bytes`);

  // (e) The notifier's log, journal and metrics (its delivery log is among the tables above).
  await notifierChecks(t, s);

  // The search is not blind: the registry's own KV puts carry every registered canary.
  const registered = canaries.filter((c) => c.registered);
  const seen = new Set(registryPayloads.flatMap((p) => hits(p, registered).map((h) => h.canary)));
  t.same(registered.filter((c) => !seen.has(c)).map((c) => c.what), [], `the same search finds all ${registered.length} registered canaries in the registry traffic`);
});
