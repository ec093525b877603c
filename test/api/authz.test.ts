// Integration: who may call what on the admin API, against a real gateway, nats-server,
// clickhouse-server and sink. The role gate is checked for every route in ROUTES and every role
// not listed for it (403 API_FORBIDDEN before anything else is looked at); then the scope checks
// (an operator of school A on school B's records, a guardian on a child not theirs),
// authentication (no, malformed, wrong-secret and revoked tokens: 401), routing (404, 405) and
// the public OpenAPI document; then every route is made to work once for a role listed for it
// (its documented success status and body, and its effect). Every error response must carry the
// envelope and an x-request-id.
import { Value } from '@sinclair/typebox/value';
import t, { type Test } from 'tap';
import { ROUTES } from '../../api/routes/index.js';
import type { Route } from '../../api/route.js';
import { ROLES, type Role } from '../../api/tokens.js';
import { apiClient, SCHOOL_A, SCHOOL_B, startApiStack, type ApiClient, type ApiResponse } from '../helpers/api-fixtures.js';
import { connect, Reason, Verdict, waitClose, waitFor, WAIT_MS } from '../helpers/gateway-fixtures.js';
import { BUFFET, item, posTap } from '../helpers/pos-fixtures.js';
import { jpegImage } from '../helpers/images.js';
import { startSink } from '../helpers/stack.js';

// ClickHouse and the sink cost about 2 s here and let the history routes answer 200 with data.
const api = await startApiStack({ clickhouse: true });
t.teardown(() => api.stop());
const sink = await startSink(api.stack);
t.teardown(() => sink.stop());
const admin = api.admin;

/** Status, code and envelope shape of a response, in one comparable value. */
function shape(res: ApiResponse): Record<string, unknown> {
  const err = (res.body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  return {
    status: res.status, code: err?.code,
    envelope: typeof err?.message === 'string' && err.message !== '' && typeof err.details === 'object' && err.details !== null && !Array.isArray(err.details),
    requestId: /^[0-9a-f]{16}$/.test(res.headers.get('x-request-id') ?? ''),
  };
}

function expectError(t: Test, res: ApiResponse, status: number, code: string, what: string): void {
  t.same(shape(res), { status, code, envelope: true, requestId: true }, what);
}

async function created(res: Promise<ApiResponse>, what: string): Promise<any> {
  const r = await res;
  if (r.status !== 201 && r.status !== 200) throw new Error(`setup: ${what} gave ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

let uidCounter = 0x10000000;
/** A card UID no other call of this file used. */
const freshUid = () => (uidCounter++).toString(16).padStart(8, '0');
let nameCounter = 0;
const freshName = () => `Probe${String.fromCharCode(97 + (nameCounter % 26))}${String.fromCharCode(97 + Math.floor(nameCounter++ / 26) % 26)}`;

// Records of school A (every path parameter of the matrix is one of these) and of school B.
async function seedSchool(schoolId: string, tag: string) {
  const device = await created(admin('POST', `/schools/${schoolId}/devices`, { kind: 'pos' }), `${tag} device`);
  const pupil = await created(admin('POST', `/schools/${schoolId}/persons`,
    { kind: 'pupil', surname: `Pupil${tag}`, givenName: 'Test', birthDate: '2014-03-02', className: '3A' }), `${tag} pupil`);
  const account = await created(admin('GET', `/persons/${pupil.id}/account`), `${tag} account`);
  const identifier = await created(admin('POST', `/persons/${pupil.id}/identifiers`, { kind: 'social_card', uidHex: freshUid() }), `${tag} identifier`);
  const benefit = await created(admin('POST', `/persons/${pupil.id}/benefits`,
    { mealPeriods: ['lunch'], validFrom: '2025-01-01', validTo: '2030-12-31' }), `${tag} benefit`);
  await created(admin('POST', `/schools/${schoolId}/categories`, { code: 'buffet', name: 'Buffet' }), `${tag} category`);
  const product = await created(admin('POST', `/schools/${schoolId}/products`, { name: 'Bun', category: 'buffet', priceKop: 3500 }), `${tag} product`);
  return { device, pupil, account, identifier, benefit, product };
}

const A = await seedSchool(SCHOOL_A, 'A');
const B = await seedSchool(SCHOOL_B, 'B');
const otherPupilA = await created(admin('POST', `/schools/${SCHOOL_A}/persons`,
  { kind: 'pupil', surname: 'Other', givenName: 'Test', birthDate: '2013-05-06', className: '4B' }), 'second pupil of A');
const guardian = await created(admin('POST', '/guardians', { phone: '+79160000001', surname: 'Parent' }), 'guardian');
await created(admin('POST', `/persons/${A.pupil.id}/guardians`, { guardianId: guardian.id }), 'parent link');
const throwaway = await created(admin('POST', '/tokens', { role: 'payment_integration', label: 'throwaway' }), 'throwaway token');

const tokenSpecs: Record<Role, Parameters<typeof api.clientFor>[0]> = {
  city_admin: { role: 'city_admin', label: 'authz admin' },
  school_operator: { role: 'school_operator', schoolIds: [SCHOOL_A], label: 'authz school A' },
  catering_operator: { role: 'catering_operator', schoolIds: [SCHOOL_A], label: 'authz catering A' },
  payment_integration: { role: 'payment_integration', label: 'authz bank' },
  guardian: { role: 'guardian', guardianId: guardian.id, label: 'authz parent' },
  guard: { role: 'guard', schoolIds: [SCHOOL_A], label: 'authz guard A' },
};
const clients = {} as Record<Role, ApiClient>;
for (const role of ROLES) clients[role] = await api.clientFor(tokenSpecs[role]);
const invitation = await created(clients.guardian('POST', '/me/invitations',
  { personId: A.pupil.id, phone: '+79160000002', surname: 'Trusted', scopes: ['passes'] }), 'invitation');

const params: Record<string, string> = {
  schoolId: SCHOOL_A, deviceId: A.device.device.id, personId: A.pupil.id, identifierId: A.identifier.id, accountId: A.account.id,
  number: A.account.number, benefitId: A.benefit.id, tokenId: throwaway.tokenInfo.id, guardianId: guardian.id, productId: A.product.id,
  invitationId: invitation.id, subscriptionId: 'ps_none', photoRef: 'ph_AAAAAAAAAAAAAAAAAAAAAA',
};
/** A browser's push subscription as PushSubscription.toJSON() gives it (the keys' sizes are what count). */
const pushBody = () => ({ endpoint: `https://push.example.ru/${freshUid()}`,
  keys: { p256dh: Buffer.alloc(65, 4).toString('base64url'), auth: Buffer.alloc(16, 7).toString('base64url') } });

const RANGE = '?from=2025-01-01&to=2025-01-31';
/** A minimal valid body for each route that takes one (fresh values where a repeat would conflict). */
const BODIES: Record<string, () => unknown> = {
  'POST /schools': () => ({ name: 'School C', timeZone: 'Europe/Moscow' }),
  'PATCH /schools/:schoolId': () => ({ name: 'School A' }),
  'POST /schools/:schoolId/devices': () => ({ kind: 'turnstile' }),
  'PATCH /devices/:deviceId': () => ({ place: 'главный вход' }),
  'POST /persons/:personId/merge': () => ({ duplicateId: 'p_none' }),
  'POST /tokens': () => ({ role: 'payment_integration', label: 'matrix' }),
  'POST /schools/:schoolId/persons': () => ({ kind: 'pupil', surname: freshName(), givenName: 'Test', birthDate: '2015-01-01' }),
  'PATCH /persons/:personId': () => ({ className: '3A' }),
  'POST /persons/:personId/move': () => ({ schoolId: SCHOOL_A, className: '3A' }),
  'POST /persons/:personId/identifiers': () => ({ kind: 'fob', uidHex: freshUid() }),
  'POST /identifiers/:identifierId/duplicate': () => ({ kind: 'fob', uidHex: freshUid() }),
  'PATCH /accounts/:accountId': () => ({ dailyLimitKop: 30_000 }),
  'POST /accounts/by-number/:number/top-ups': () => ({ channel: 'bank', paymentId: `pay-${freshUid()}`, amountKop: 50_000 }),
  'POST /refunds': () => ({ refundId: `ref-${freshUid()}`, deviceId: A.device.device.id, seq: 1, reason: 'other' }),
  'POST /persons/:personId/benefits': () => ({ mealPeriods: ['breakfast'], validFrom: '2025-01-01', validTo: '2025-12-31' }),
  'POST /guardians': () => ({ phone: `+7916${String(uidCounter++).slice(-7)}`, surname: 'Another' }),
  'POST /persons/:personId/guardians': () => ({ guardianId: guardian.id }),
  'POST /me/invitations': () => ({ personId: A.pupil.id, phone: '+79160000003', surname: 'Trusted', scopes: ['passes'] }),
  'PUT /me/children/:personId/preferences': () => ({ subscriptions: [{ event: 'entry_exit', channels: ['push'] }] }),
  'PUT /me/email': () => ({ email: 'parent@example.ru' }),
  'POST /me/push-subscriptions': pushBody,
  'POST /schools/:schoolId/categories': () => ({ code: `c${freshUid()}`, name: 'Drinks' }),
  'POST /schools/:schoolId/products': () => ({ name: 'Tea', category: 'buffet', priceKop: 1500 }),
  'PATCH /products/:productId': () => ({ priceKop: 3600 }),
  'POST /schools/:schoolId/roster': () => 'surname,given_name,birth_date\r\n',
  'POST /session': () => ({ token: 'tg_0_none' }),
  'PUT /persons/:personId/photo-consent': () => ({ consent: true }),
  'PUT /persons/:personId/photo': () => jpegImage(64, 80),
  'POST /login/sms': () => ({ phone: '+79160000000' }),
  'POST /login/sms/verify': () => ({ phone: '+79160000000', code: '000000' }),
};
/** Query strings the routes require. */
const QUERIES: Record<string, string> = {
  'GET /accounts/:accountId/history': RANGE, 'GET /persons/:personId/passes': RANGE, 'GET /persons/:personId/purchases': RANGE,
  'GET /guardians': '?phone=%2B79160000001', 'GET /schools/:schoolId/purchases': '?date=2025-01-15',
};

const key = (r: Route) => `${r.method} ${r.path}`;
/**
 * Routes that take no bearer token: console sign-in and sessions (a session cookie; left to
 * test/web/session.test.ts and test/web/sms-login.test.ts) and a device's signed photo fetch
 * (test/api/photos.test.ts).
 */
const SESSION_ROUTES = new Set(['POST /session', 'GET /session', 'DELETE /session', 'POST /login/sms', 'POST /login/sms/verify',
  'GET /device/photos/:photoRef']);
const TOKEN_ROUTES = ROUTES.filter((r) => !SESSION_ROUTES.has(key(r)));

function pathOf(r: Route): string {
  return r.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`no id for path parameter :${name} of ${key(r)}; add one to the matrix`);
    return encodeURIComponent(v);
  }) + (QUERIES[key(r)] ?? '');
}

function call(client: ApiClient, r: Route): Promise<ApiResponse> {
  const body = BODIES[key(r)];
  if (r.bodyKind === 'csv') return client(r.method, pathOf(r), undefined, { raw: String(body!()), contentType: 'text/csv' });
  if (r.bodyKind === 'bytes') return client(r.method, pathOf(r), undefined, { raw: body!() as Uint8Array, contentType: r.mediaTypes![0]! });
  return client(r.method, pathOf(r), body === undefined ? undefined : body());
}

t.test('authz - the matrix covers every route, each with the ids and body it needs', async (t) => {
  const keys = new Set(ROUTES.map(key));
  t.equal(keys.size, ROUTES.length, 'no two routes share a method and path');
  for (const r of ROUTES) {
    t.doesNotThrow(() => pathOf(r), `${key(r)} has its path parameters`);
    t.equal(BODIES[key(r)] !== undefined, r.bodyKind !== undefined, `${key(r)} has a sample body exactly when it takes one`);
  }
  for (const k of Object.keys(BODIES)) t.ok(keys.has(k), `sample body for ${k} belongs to a route`);
});

t.test('authz - every role not listed for a route gets 403 API_FORBIDDEN', async (t) => {
  let checked = 0;
  const routesSeen = new Set<string>();
  for (const r of ROUTES) {
    routesSeen.add(key(r));
    if (SESSION_ROUTES.has(key(r))) continue;
    for (const role of ROLES) {
      if (r.roles.includes(role)) continue;
      const res = await call(clients[role], r);
      expectError(t, res, 403, 'API_FORBIDDEN', `${role} on ${key(r)}`);
      t.equal(res.body?.error?.message, `role ${role} may not ${r.method} ${r.path}`, `${role} on ${key(r)}: the role gate said no`);
      checked++;
    }
  }
  t.equal(routesSeen.size, ROUTES.length, `all ${ROUTES.length} routes went through the matrix`);
  const expected = TOKEN_ROUTES.reduce((n, r) => n + ROLES.filter((role) => !r.roles.includes(role)).length, 0);
  t.equal(checked, expected, 'one check per route and unlisted role');
  t.ok(checked > ROUTES.length, 'most routes refuse several roles');
});

t.test('authz - an operator of school A cannot reach school B', async (t) => {
  const op = clients.school_operator;
  const cat = clients.catering_operator;
  const cases: Array<[string, ApiClient, string, string, unknown?]> = [
    ['school', op, 'GET', `/schools/${SCHOOL_B}`],
    ['devices list', op, 'GET', `/schools/${SCHOOL_B}/devices`],
    ['device', op, 'GET', `/devices/${B.device.device.id}`],
    ['device disable', op, 'POST', `/devices/${B.device.device.id}/disable`],
    ['device name', op, 'PATCH', `/devices/${B.device.device.id}`, { name: 'Вход Б', enabled: false }],
    ['purchases of a day', op, 'GET', `/schools/${SCHOOL_B}/purchases?date=2025-01-15`],
    ['catering: purchases of a day', cat, 'GET', `/schools/${SCHOOL_B}/purchases?date=2025-01-15`],
    ['merge of B\'s persons', op, 'POST', `/persons/${B.pupil.id}/merge`, { duplicateId: B.pupil.id }],
    ['merge of B\'s person into A\'s', op, 'POST', `/persons/${otherPupilA.id}/merge`, { duplicateId: B.pupil.id }],
    ['persons list', op, 'GET', `/schools/${SCHOOL_B}/persons`],
    ['person', op, 'GET', `/persons/${B.pupil.id}`],
    ['person patch', op, 'PATCH', `/persons/${B.pupil.id}`, { className: '9Б' }],
    ['person move into A', op, 'POST', `/persons/${B.pupil.id}/move`, { schoolId: SCHOOL_A }],
    ['person move out of A into B', op, 'POST', `/persons/${otherPupilA.id}/move`, { schoolId: SCHOOL_B }],
    ['identifier block', op, 'POST', `/identifiers/${B.identifier.id}/block`],
    ['person account', op, 'GET', `/persons/${B.pupil.id}/account`],
    ['account', op, 'GET', `/accounts/${B.account.id}`],
    ['account patch', op, 'PATCH', `/accounts/${B.account.id}`, { dailyLimitKop: 1 }],
    ['headcount', op, 'GET', `/schools/${SCHOOL_B}/headcount`],
    ['passes of a school', op, 'GET', `/schools/${SCHOOL_B}/passes`],
    ['new person', op, 'POST', `/schools/${SCHOOL_B}/persons`, { kind: 'pupil', surname: 'Nobody', givenName: 'Test', birthDate: '2015-01-01' }],
    ['products', op, 'GET', `/schools/${SCHOOL_B}/products`],
    ['catering: products', cat, 'GET', `/schools/${SCHOOL_B}/products`],
    ['catering: product patch', cat, 'PATCH', `/products/${B.product.id}`, { priceKop: 1 }],
    ['catering: new product', cat, 'POST', `/schools/${SCHOOL_B}/products`, { name: 'Tea', category: 'buffet', priceKop: 1 }],
    ['catering: refund at B', cat, 'POST', '/refunds', { refundId: 'r-b-1', deviceId: B.device.device.id, seq: 1, reason: 'other' }],
  ];
  // Out of scope is the one uniform 404 (see 'authz - probing' below): B's records do not exist for A's operator.
  for (const [what, client, method, path, body] of cases) expectError(t, await client(method, path, body), 404, 'API_NOT_FOUND', `operator of A: ${what} of B`);
  const roster = await op('POST', `/schools/${SCHOOL_B}/roster`, undefined, { raw: 'surname,given_name,birth_date\r\nNobody,Test,2015-01-01\r\n', contentType: 'text/csv' });
  expectError(t, roster, 404, 'API_NOT_FOUND', 'operator of A: roster of B');
  // Nothing of B changed.
  const ids = await admin('GET', `/persons/${B.pupil.id}/identifiers`);
  t.same(ids.body.items.map((i: { status: string }) => i.status), ['active'], 'B\'s identifier is still active');
  t.equal((await admin('GET', `/devices/${B.device.device.id}`)).body.enabled, true, 'B\'s device is still enabled');
  t.equal((await admin('GET', `/products/${B.product.id}`)).status, 405, 'products are read through the school list');
  const products = await admin('GET', `/schools/${SCHOOL_B}/products`);
  t.same(products.body.items.map((p: { priceKop: number }) => p.priceKop), [3500], 'B\'s product kept its price');
  const persons = await admin('GET', `/schools/${SCHOOL_B}/persons`);
  t.equal(persons.body.items.length, 1, 'no person was added to B');
  t.equal((await admin('GET', `/persons/${otherPupilA.id}`)).body.schoolId, SCHOOL_A, 'A\'s pupil stayed at A');
  t.equal((await admin('GET', `/accounts/${B.account.id}`)).body.dailyLimitKop, null, 'B\'s account limit is unchanged');
  // The operator still reaches its own school.
  t.equal((await op('GET', `/schools/${SCHOOL_A}`)).status, 200, 'operator of A reads school A');
  const list = await op('GET', '/schools');
  t.same(list.body.items.map((s: { id: string }) => s.id), [SCHOOL_A], 'operator of A lists only school A');
});

t.test('authz - a guardian sees only their own child', async (t) => {
  const g = clients.guardian;
  t.equal((await g('GET', `/persons/${A.pupil.id}/account`)).status, 200, 'own child: account');
  for (const [what, method, path, body] of [
    ['account of a pupil at the same school', 'GET', `/persons/${otherPupilA.id}/account`],
    ['account of a pupil at another school', 'GET', `/persons/${B.pupil.id}/account`],
    ['account by id', 'GET', `/accounts/${B.account.id}`],
    ['account limits', 'PATCH', `/accounts/${B.account.id}`, { dailyLimitKop: 1 }],
    ['account history', 'GET', `/accounts/${B.account.id}/history${RANGE}`],
    ['passes', 'GET', `/persons/${otherPupilA.id}/passes${RANGE}`],
    ['purchases', 'GET', `/persons/${B.pupil.id}/purchases${RANGE}`],
    ['preferences', 'GET', `/me/children/${otherPupilA.id}/preferences`],
    ['preferences set', 'PUT', `/me/children/${otherPupilA.id}/preferences`, { subscriptions: [] }],
    ['invitation for another child', 'POST', '/me/invitations', { personId: otherPupilA.id, phone: '+79160000009', surname: 'X', scopes: ['passes'] }],
    ['cards of another child', 'GET', `/me/children/${otherPupilA.id}/identifiers`],
    ['block a card of another child', 'POST', `/me/children/${B.pupil.id}/identifiers/${B.identifier.id}/block`],
    ['block another child\'s card through their own', 'POST', `/me/children/${A.pupil.id}/identifiers/${B.identifier.id}/block`],
    ['categories of a school no child of theirs attends', 'GET', `/schools/${SCHOOL_B}/categories`],
    ['products of a school no child of theirs attends', 'GET', `/schools/${SCHOOL_B}/products`],
  ] as Array<[string, string, string, unknown?]>) {
    expectError(t, await g(method, path, body), 404, 'API_NOT_FOUND', `guardian: ${what}`);
  }
  const children = await g('GET', '/me/children');
  t.same(children.body.items.map((c: { personId: string }) => c.personId), [A.pupil.id], 'the guardian lists only their child');
});

t.test('authz - probing: out of scope and not existing give one and the same 404', async (t) => {
  const op = clients.school_operator;
  const cat = clients.catering_operator;
  const g = clients.guardian;
  // [what, client, method, path with {id}, an id that exists out of scope, body with {id}?]
  type Case = [string, ApiClient, string, string, string, Record<string, unknown>?];
  const cases: Case[] = [
    ['school', op, 'GET', '/schools/{id}', SCHOOL_B],
    ['school devices', op, 'GET', '/schools/{id}/devices', SCHOOL_B],
    ['school persons', op, 'GET', '/schools/{id}/persons', SCHOOL_B],
    ['school headcount', op, 'GET', '/schools/{id}/headcount', SCHOOL_B],
    ['school passes', op, 'GET', '/schools/{id}/passes', SCHOOL_B],
    ['school categories', cat, 'GET', '/schools/{id}/categories', SCHOOL_B],
    ['new product at a school', cat, 'POST', '/schools/{id}/products', SCHOOL_B, { name: 'Tea', category: 'buffet', priceKop: 1 }],
    ['device', op, 'GET', '/devices/{id}', B.device.device.id],
    ['device rotate', op, 'POST', '/devices/{id}/rotate-secret', B.device.device.id],
    ['refund at a device', cat, 'POST', '/refunds', B.device.device.id, { refundId: 'probe-1', deviceId: '{id}', seq: 1, reason: 'other' }],
    ['person', op, 'GET', '/persons/{id}', B.pupil.id],
    ['person identifiers', op, 'GET', '/persons/{id}/identifiers', B.pupil.id],
    ['person benefits', cat, 'GET', '/persons/{id}/benefits', B.pupil.id],
    ['person guardians', op, 'GET', '/persons/{id}/guardians', B.pupil.id],
    ['person move into a school', op, 'POST', `/persons/${otherPupilA.id}/move`, SCHOOL_B, { schoolId: '{id}' }],
    ['identifier block', op, 'POST', '/identifiers/{id}/block', B.identifier.id],
    ['identifier duplicate', op, 'POST', '/identifiers/{id}/duplicate', B.identifier.id, { kind: 'fob', uidHex: 'aabbccdd' }],
    ['benefit withdraw', op, 'DELETE', '/benefits/{id}', B.benefit.id],
    ['product patch', cat, 'PATCH', '/products/{id}', B.product.id, { priceKop: 1 }],
    ['operator: account', op, 'GET', '/accounts/{id}', B.account.id],
    ['operator: person account', op, 'GET', '/persons/{id}/account', B.pupil.id],
    ['guardian of another school', op, 'GET', '/guardians/{id}', (await created(admin('POST', '/guardians', { phone: '+79160000077', surname: 'Far' }), 'far guardian')).id],
    ['guardian: account', g, 'GET', '/accounts/{id}', B.account.id],
    ['guardian: account history', g, 'GET', `/accounts/{id}/history${RANGE}`, otherPupilA.accountId ?? B.account.id],
    ['guardian: account limits', g, 'PATCH', '/accounts/{id}', B.account.id, { dailyLimitKop: 1 }],
    ['guardian: person account', g, 'GET', '/persons/{id}/account', otherPupilA.id],
    ['guardian: passes', g, 'GET', `/persons/{id}/passes${RANGE}`, otherPupilA.id],
    ['guardian: purchases', g, 'GET', `/persons/{id}/purchases${RANGE}`, B.pupil.id],
    ['guardian: preferences', g, 'GET', '/me/children/{id}/preferences', otherPupilA.id],
    ['guardian: preferences set', g, 'PUT', '/me/children/{id}/preferences', otherPupilA.id, { subscriptions: [] }],
    ['guardian: invitation', g, 'POST', '/me/invitations', otherPupilA.id, { personId: '{id}', phone: '+79160000009', surname: 'X', scopes: ['passes'] }],
  ];
  const fill = (v: unknown, id: string): unknown => JSON.parse(JSON.stringify(v ?? null).replaceAll('{id}', id)) ?? undefined;
  for (const [what, client, method, path, id, body] of cases) {
    const outside = await client(method, path.replace('{id}', id), fill(body, id));
    const missing = await client(method, path.replace('{id}', 'no-such-id'), fill(body, 'no-such-id'));
    expectError(t, outside, 404, 'API_NOT_FOUND', `${what}: out of scope`);
    t.same(outside.body, missing.body, `${what}: the body is the same whether it exists or not`);
    t.same(outside.body?.error?.details, {}, `${what}: no details`);
    t.notOk(JSON.stringify(outside.body).includes(id), `${what}: the id is not echoed`);
  }
  // A guardian who knows the child but lacks a grant, or is not its parent, still gets 403: nothing leaks.
  const trusted = await created(admin('POST', '/guardians', { phone: '+79160000088', surname: 'Trusted' }), 'trusted guardian');
  const tg = await api.clientFor({ role: 'guardian', guardianId: trusted.id, label: 'probe trusted' });
  const inv = await created(g('POST', '/me/invitations', { personId: A.pupil.id, phone: '+79160000088', surname: 'Trusted', scopes: ['passes'] }), 'invite');
  await created(tg('POST', `/invitations/${inv.id}/accept`), 'accept');
  expectError(t, await tg('GET', `/persons/${A.pupil.id}/purchases${RANGE}`), 403, 'API_FORBIDDEN', 'trusted without purchases');
  expectError(t, await tg('POST', '/me/invitations', { personId: A.pupil.id, phone: '+79160000099', surname: 'Y', scopes: ['passes'] }),
    403, 'API_FORBIDDEN', 'a trusted person may not invite');
});

t.test('authz - authentication', async (t) => {
  const url = api.gw.apiUrl;
  const path = `/schools/${SCHOOL_A}`;
  expectError(t, await apiClient(url, null)('GET', path), 401, 'API_UNAUTHENTICATED', 'no token');
  const good = api.adminToken;
  const [, id] = /^tg_([A-Za-z0-9]+)_/.exec(good)!;
  const otherSecret = 'A'.repeat(43);
  for (const [what, header] of [
    ['not Bearer', `Basic ${good}`],
    ['empty Bearer', 'Bearer '],
    ['garbage', 'Bearer not-a-token'],
    ['token with a space', `Bearer ${good} x`],
    ['short secret', `Bearer tg_${id}_abc`],
    ['unknown id', `Bearer tg_unknown0000000000_${otherSecret}`],
    ['wrong secret', `Bearer tg_${id}_${otherSecret}`],
  ] as const) {
    const res = await fetch(`${url}${path}`, { headers: { authorization: header }, signal: AbortSignal.timeout(10_000) });
    const body = await res.json() as unknown;
    expectError(t, { status: res.status, body, headers: res.headers }, 401, 'API_UNAUTHENTICATED', what);
  }
  // A token that worked stops working once revoked.
  const spec = { role: 'school_operator' as const, schoolIds: [SCHOOL_A], label: 'to revoke' };
  const made = await created(admin('POST', '/tokens', spec), 'token to revoke');
  const victim = apiClient(url, made.token);
  t.equal((await victim('GET', path)).status, 200, 'the new token works');
  t.equal((await admin('DELETE', `/tokens/${made.tokenInfo.id}`)).status, 204, 'revoked');
  expectError(t, await victim('GET', path), 401, 'API_UNAUTHENTICATED', 'revoked token');
  expectError(t, await admin('DELETE', '/tokens/nosuchtoken'), 404, 'API_NOT_FOUND', 'revoking an unknown token');
  // Authentication comes before the role gate and before the body is looked at.
  expectError(t, await apiClient(url, null)('POST', '/schools', { bogus: true }), 401, 'API_UNAUTHENTICATED', 'no token, bad body');
  expectError(t, await victim('POST', '/schools', { bogus: true }), 401, 'API_UNAUTHENTICATED', 'revoked token, bad body');
});

t.test('authz - unknown routes, wrong methods and the public OpenAPI document', async (t) => {
  const anon = apiClient(api.gw.apiUrl, null);
  for (const [method, path] of [['GET', '/nothing'], ['GET', '/schools/a/b/c/d'], ['POST', '/me/nothing'], ['GET', '/']] as const) {
    expectError(t, await admin(method, path), 404, 'API_NOT_FOUND', `${method} ${path}`);
  }
  const outside = await fetch(api.gw.apiUrl.replace('/api/v1', '/other'), { signal: AbortSignal.timeout(10_000) });
  expectError(t, { status: outside.status, body: await outside.json(), headers: outside.headers }, 404, 'API_NOT_FOUND', 'outside /api/v1');
  for (const [method, path] of [['DELETE', '/schools'], ['PUT', `/schools/${SCHOOL_A}`], ['GET', '/refunds'], ['POST', `/persons/${A.pupil.id}`]] as const) {
    expectError(t, await admin(method, path), 405, 'API_METHOD_NOT_ALLOWED', `${method} ${path}`);
  }
  const doc = await anon('GET', '/openapi.json');
  t.equal(doc.status, 200, 'openapi.json needs no token');
  t.equal(doc.headers.get('content-type'), 'application/json');
  t.equal(doc.body?.openapi, '3.1.0');
  t.equal(Object.values(doc.body.paths as Record<string, object>).reduce((n, ops) => n + Object.keys(ops).length, 0), ROUTES.length,
    'the document lists every route');
});

t.test('authz - every route works for a role listed for it: its documented success status and body, and its effect', async (t) => {
  const byKey = new Map(ROUTES.map((r) => [key(r), r]));
  const covered: string[] = [];
  /**
   * Calls route `k` as `role` with the ids for its path parameters and asserts route.success: the
   * exact status and a body that matches the documented schema (none for 204). City_admin is used
   * wherever it is listed; the other roles only for routes that do not list it.
   */
  async function works(role: Role, client: ApiClient, k: string, ids: Record<string, string> = {},
    opts: { body?: unknown; csv?: string; bytes?: { data: Uint8Array; contentType: string }; query?: string } = {}): Promise<any> {
    const r = byKey.get(k);
    if (r === undefined) throw new Error(`no route ${k}`);
    t.ok(r.roles.includes(role) && (role === 'city_admin' || !r.roles.includes('city_admin')), `${k}: called as ${role}, a listed role`);
    const path = r.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
      const v = ids[name];
      if (v === undefined) throw new Error(`no id for :${name} of ${k}`);
      return encodeURIComponent(v);
    }) + (opts.query ?? '');
    const res = opts.bytes !== undefined ? await client(r.method, path, undefined, { raw: opts.bytes.data, contentType: opts.bytes.contentType })
      : opts.csv === undefined ? await client(r.method, path, opts.body)
      : await client(r.method, path, undefined, { raw: opts.csv, contentType: 'text/csv' });
    covered.push(k);
    const [status, schema] = r.success;
    t.equal(res.status, status, `${role} on ${k}: ${status}${res.status === status ? '' : ` (got ${res.status} ${res.body?.error?.code ?? ''})`}`);
    if (r.answers !== undefined) t.ok(r.answers.includes(res.headers.get('content-type') ?? ''), `${k}: a ${r.answers.join(' or ')} body`);
    else if (schema === null) t.equal(res.body, null, `${k}: no body`);
    else t.ok(Value.Check(schema, res.body), `${k}: the body matches the documented schema${Value.Check(schema, res.body) ? '' : `: ${[...Value.Errors(schema, res.body)][0]?.path ?? ''}`}`);
    return res.body;
  }
  const atA = { schoolId: SCHOOL_A };
  const payments = clients.payment_integration;
  const uid = () => freshUid() + freshUid();

  // Schools, devices, tokens, audit. The POS reader provisioned here makes the purchase that is refunded below.
  const school = await works('city_admin', admin, 'POST /schools', {}, { body: { name: 'School W', timeZone: 'Europe/Moscow' } });
  t.equal(school.name, 'School W', 'the school is created');
  const schools = await works('city_admin', admin, 'GET /schools');
  t.ok(schools.items.some((s: { id: string }) => s.id === school.id), 'the list has the new school');
  t.equal((await works('city_admin', admin, 'GET /schools/:schoolId', { schoolId: school.id })).id, school.id);
  t.equal((await works('city_admin', admin, 'PATCH /schools/:schoolId', { schoolId: school.id }, { body: { name: 'School W2' } })).name, 'School W2', 'renamed');
  const made = await works('city_admin', admin, 'POST /schools/:schoolId/devices', atA, { body: { kind: 'pos' } });
  const posId: string = made.device.id;
  t.same([made.device.kind, made.device.enabled, /^[0-9a-f]{64}$/.test(made.secretHex)], ['pos', true, true], 'a POS reader with a secret');
  t.ok((await works('city_admin', admin, 'GET /schools/:schoolId/devices', atA)).items.some((d: { id: string }) => d.id === posId), 'listed');
  t.equal((await works('city_admin', admin, 'GET /devices/:deviceId', { deviceId: posId })).kind, 'pos');
  const rotated = await works('city_admin', admin, 'POST /devices/:deviceId/rotate-secret', { deviceId: posId });
  const named = await works('city_admin', admin, 'PATCH /devices/:deviceId', { deviceId: posId }, { body: { name: 'Касса 1', place: 'столовая' } });
  t.same([named.name, named.place, named.enabled], ['Касса 1', 'столовая', true], 'named and placed');
  t.not(rotated.secretHex, made.secretHex, 'a new secret');
  t.equal((await works('city_admin', admin, 'GET /schools/:schoolId/headcount', atA)).schoolId, SCHOOL_A);
  t.ok(Array.isArray((await works('city_admin', admin, 'GET /schools/:schoolId/passes', atA)).items), 'today\'s passes');
  const token = await works('city_admin', admin, 'POST /tokens', {}, { body: { role: 'payment_integration', label: 'works' } });
  const tokenClient = apiClient(api.gw.apiUrl, token.token);
  const audit = await works('city_admin', admin, 'GET /audit', {}, { query: '?limit=20' });
  t.ok(audit.items.some((e: { action: string; targets: string[] }) => e.action === 'token.create' && e.targets.includes(`token:${token.tokenInfo.id}`)),
    'the audit log has the token\'s creation');

  // Catalogue: the product goes into the POS basket.
  const code = `w${freshUid()}`;
  t.equal((await works('city_admin', admin, 'POST /schools/:schoolId/categories', atA, { body: { code, name: 'Works' } })).code, code);
  t.ok((await works('city_admin', admin, 'GET /schools/:schoolId/categories', atA)).items.some((c: { code: string }) => c.code === code), 'listed');
  const product = await works('city_admin', admin, 'POST /schools/:schoolId/products', atA, { body: { name: 'Pie', category: code, priceKop: 3_500 } });
  t.ok((await works('city_admin', admin, 'GET /schools/:schoolId/products', atA)).items.some((p: { id: string }) => p.id === product.id), 'listed');
  t.equal((await works('city_admin', admin, 'PATCH /products/:productId', { productId: product.id }, { body: { priceKop: 4_000 } })).priceKop, 4_000, 'repriced');

  // Persons, identifiers, accounts. P is the pupil the rest is about; S, a staff member, has no account until one is opened.
  const P = await works('city_admin', admin, 'POST /schools/:schoolId/persons', atA,
    { body: { kind: 'pupil', surname: freshName(), givenName: 'Works', birthDate: '2014-04-04', className: '2A' } });
  const S = await created(admin('POST', `/schools/${SCHOOL_A}/persons`, { kind: 'staff', surname: freshName(), givenName: 'Works', birthDate: '1980-01-01' }), 'staff');
  t.same([P.schoolId, typeof P.accountId, S.accountId], [SCHOOL_A, 'string', null], 'a pupil gets an account, staff do not');
  t.ok((await works('city_admin', admin, 'GET /schools/:schoolId/persons', atA)).items.some((p: { id: string }) => p.id === P.id), 'listed');
  t.equal((await works('city_admin', admin, 'GET /persons/:personId', { personId: P.id })).id, P.id);
  t.equal((await works('city_admin', admin, 'PATCH /persons/:personId', { personId: P.id }, { body: { className: '2B' } })).className, '2\u0412', 'corrected (a Latin B is the Cyrillic В)');
  t.equal((await works('city_admin', admin, 'POST /persons/:personId/move', { personId: S.id }, { body: { schoolId: school.id } })).schoolId, school.id, 'moved');
  const twin = await created(admin('POST', `/schools/${SCHOOL_A}/persons`, { kind: 'pupil', surname: freshName(), givenName: 'Works', birthDate: '2014-04-05' }), 'twin');
  const keep = await created(admin('POST', `/schools/${SCHOOL_A}/persons`, { kind: 'pupil', surname: freshName(), givenName: 'Works', birthDate: '2014-04-06' }), 'keep');
  const merged = await works('city_admin', admin, 'POST /persons/:personId/merge', { personId: keep.id }, { body: { duplicateId: twin.id } });
  t.same([merged.removedId, merged.account], [twin.id, 'removed'], 'the empty duplicate is merged away');
  const card = await works('city_admin', admin, 'POST /persons/:personId/identifiers', { personId: P.id }, { body: { kind: 'social_card', uidHex: uid() } });
  t.ok((await works('city_admin', admin, 'GET /persons/:personId/identifiers', { personId: P.id })).items.some((i: { id: string }) => i.id === card.id), 'listed');
  const newUid = uid();
  const dup = await works('city_admin', admin, 'POST /identifiers/:identifierId/duplicate', { identifierId: card.id }, { body: { kind: 'social_card', uidHex: newUid } });
  t.same([dup.identifier.status, dup.blocked.id, dup.blocked.status], ['active', card.id, 'blocked'], 'a new card; the old one is blocked');
  const account = await works('city_admin', admin, 'GET /persons/:personId/account', { personId: P.id });
  t.same([account.id, account.balanceKop], [P.accountId, 0]);
  t.equal((await works('city_admin', admin, 'POST /persons/:personId/account', { personId: S.id })).personId, S.id, 'an account for the staff member');
  t.equal((await works('city_admin', admin, 'GET /accounts/:accountId', { accountId: account.id })).number, account.number);
  const limited = await works('city_admin', admin, 'PATCH /accounts/:accountId', { accountId: account.id }, { body: { dailyLimitKop: 30_000 } });
  t.equal(limited.dailyLimitKop, 30_000, 'a daily limit');

  // Photos: consent, an upload, the photo read back, deleted.
  t.equal((await works('city_admin', admin, 'PUT /persons/:personId/photo-consent', { personId: P.id }, { body: { consent: true } })).photoConsent, true,
    'consent recorded');
  const photo = await works('city_admin', admin, 'PUT /persons/:personId/photo', { personId: P.id },
    { bytes: { data: jpegImage(64, 80), contentType: 'image/jpeg' } });
  t.equal(photo.hasPhoto, true, 'a photo');
  await works('city_admin', admin, 'GET /persons/:personId/photo', { personId: P.id });
  await works('city_admin', admin, 'DELETE /persons/:personId/photo', { personId: P.id });
  t.equal((await admin('GET', `/persons/${P.id}`)).body.hasPhoto, false, 'the photo is deleted');

  // Money: a top-up, a purchase at the POS reader (over its device socket), the purchase refunded.
  const paid = await works('payment_integration', payments, 'POST /accounts/by-number/:number/top-ups', { number: account.number },
    { body: { channel: 'bank', paymentId: `pay-${freshUid()}`, amountKop: 50_000 } });
  t.same([paid.status, paid.accountId, paid.balanceAfterKop], ['applied', account.id, 50_000], 'applied');
  const reader = await connect(api.gw, { id: posId, schoolId: SCHOOL_A, secret: Buffer.from(rotated.secretHex, 'hex') });
  t.teardown(() => reader.close());
  const [sale] = await posTap(reader, [{ seq: 1, uid: Buffer.from(newUid, 'hex'), mealKind: BUFFET, items: [item(product.id, code, 4_000)] }]);
  t.same([sale?.verdict, sale?.reason, Number(sale?.balanceAfterKop)], [Verdict.VERDICT_ALLOW, Reason.DECISION_REASON_OK, 46_000], 'setup: the POS sale is made');
  const refunded = await works('city_admin', admin, 'POST /refunds', {}, { body: { refundId: `ref-${freshUid()}`, deviceId: posId, seq: 1, reason: 'not_served' } });
  t.same([refunded.status, refunded.amountKop, refunded.balanceAfterKop], ['applied', 4_000, 50_000], 'the sale is refunded');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
  const day = await works('city_admin', admin, 'GET /schools/:schoolId/purchases', atA, { query: `?date=${today}` });
  t.ok(Array.isArray(day.items), 'the day\'s purchases (the sink may not have written the sale yet)');

  // Benefits and the roster.
  const benefit = await works('city_admin', admin, 'POST /persons/:personId/benefits', { personId: P.id },
    { body: { mealPeriods: ['lunch'], validFrom: '2025-01-01', validTo: '2030-12-31' } });
  t.ok((await works('city_admin', admin, 'GET /persons/:personId/benefits', { personId: P.id })).items.some((b: { id: string }) => b.id === benefit.id), 'listed');
  const roster = await works('city_admin', admin, 'POST /schools/:schoolId/roster', atA,
    { csv: `surname,given_name,birth_date,class\r\n${freshName()},Works,2015-05-05,1A\r\n` });
  t.same([roster.rows, roster.applied, roster.failed, roster.created.persons], [1, 1, 0, 1], 'one row imported');

  // Guardians: G, P's parent, with a token; I, registered with its own token, accepts G's invitation.
  const G = await works('city_admin', admin, 'POST /guardians', {}, { body: { phone: '+79170000001', surname: 'Parentw' } });
  t.equal((await works('city_admin', admin, 'GET /guardians/:guardianId', { guardianId: G.id })).id, G.id);
  t.equal((await works('city_admin', admin, 'GET /guardians', {}, { query: '?phone=%2B79170000001' })).id, G.id, 'found by phone');
  const link = await works('city_admin', admin, 'POST /persons/:personId/guardians', { personId: P.id }, { body: { guardianId: G.id } });
  t.same([link.guardianId, link.personId, link.relation], [G.id, P.id, 'parent'], 'linked as a parent');
  t.ok((await works('city_admin', admin, 'GET /persons/:personId/guardians', { personId: P.id })).items.some((l: { id: string }) => l.id === link.id), 'listed');
  const I = await created(admin('POST', '/guardians', { phone: '+79170000002', surname: 'Trustedw' }), 'invitee');
  const g = await api.clientFor({ role: 'guardian', guardianId: G.id, label: 'works parent' });
  const invitee = await api.clientFor({ role: 'guardian', guardianId: I.id, label: 'works invitee' });
  t.equal((await works('guardian', g, 'GET /me')).id, G.id);
  t.same((await works('guardian', g, 'GET /me/children')).items.map((c: { personId: string }) => c.personId), [P.id], 'P is G\'s child');
  const inv = await works('guardian', g, 'POST /me/invitations', {}, { body: { personId: P.id, phone: '+79170000002', surname: 'Trustedw', scopes: ['passes'] } });
  t.equal(inv.status, 'pending');
  t.ok((await works('guardian', g, 'GET /me/invitations')).sent.some((i: { id: string }) => i.id === inv.id), 'listed as sent');
  const trusted = await works('guardian', invitee, 'POST /invitations/:invitationId/accept', { invitationId: inv.id });
  t.same([trusted.guardianId, trusted.personId, trusted.relation, trusted.scopes], [I.id, P.id, 'trusted', ['passes']], 'the invitee is a trusted person');
  t.same((await works('guardian', g, 'GET /me/children/:personId/preferences', { personId: P.id })).subscriptions, [], 'no preferences yet');
  const subscriptions = [{ event: 'entry_exit', channels: ['push'] }];
  t.same((await works('guardian', g, 'PUT /me/children/:personId/preferences', { personId: P.id }, { body: { subscriptions } })).subscriptions, subscriptions, 'set');
  t.same(await works('guardian', g, 'PUT /me/email', {}, { body: { email: 'mama@example.ru' } }), { email: 'mama@example.ru' });
  const browser = await works('guardian', g, 'POST /me/push-subscriptions', {}, { body: pushBody() });
  t.same((await works('guardian', g, 'GET /me/push-subscriptions')).items.map((x: { id: string }) => x.id), [browser.id], 'one browser');
  await works('guardian', g, 'DELETE /me/push-subscriptions/:subscriptionId', { subscriptionId: browser.id });
  t.same((await g('GET', '/me/push-subscriptions')).body.items, [], 'unsubscribed');
  t.same(await works('guardian', g, 'GET /me/notifications'), { items: [] }, 'no notifier ran: no notices');
  t.same(await works('guardian', g, 'GET /push/vapid-public-key'), { publicKey: null }, 'no VAPID key file here: no Web Push');
  t.same((await works('guardian', g, 'GET /me/children/:personId/identifiers', { personId: P.id })).items.map((c: { id: string; status: string }) => [c.id, c.status]),
    [[card.id, 'blocked'], [dup.identifier.id, 'active']].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)), 'the parent sees both cards of P');
  t.equal((await g('GET', `/schools/${SCHOOL_A}/categories`)).status, 200, 'the parent reads the categories of P\'s school');
  t.equal((await g('GET', `/schools/${SCHOOL_A}/products`)).status, 200, 'and its products');

  // History from ClickHouse: the sink writes the ledger's events within a moment.
  // The range is of the school's local dates: a day either side of today's UTC date covers them in any zone.
  const utcDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const range = `?from=${utcDay(-1)}&to=${utcDay(1)}`;
  t.equal((await works('city_admin', admin, 'GET /persons/:personId/passes', { personId: P.id }, { query: range })).personId, P.id);
  t.equal((await works('city_admin', admin, 'GET /persons/:personId/purchases', { personId: P.id }, { query: range })).personId, P.id);
  t.equal((await works('city_admin', admin, 'GET /accounts/:accountId/history', { accountId: account.id }, { query: range })).accountId, account.id);
  await waitFor(async () => {
    const h = await admin('GET', `/accounts/${account.id}/history${range}`);
    return h.status === 200 && h.body.money.length === 2 && h.body.purchases.length === 1;
  }, WAIT_MS, 'the top-up, the refund and the sale in the account history', 100);
  t.pass('the history shows the top-up, the refund and the sale');

  // Last, what removes or turns off: the reader is cut off, the card blocked, access withdrawn, the token revoked.
  t.equal((await works('city_admin', admin, 'POST /devices/:deviceId/disable', { deviceId: posId })).enabled, false, 'disabled');
  await waitClose(reader);
  t.pass('the disabled reader is disconnected');
  t.equal((await works('city_admin', admin, 'POST /devices/:deviceId/enable', { deviceId: posId })).enabled, true, 'enabled again');
  t.equal((await works('guardian', g, 'POST /me/children/:personId/identifiers/:identifierId/block', { personId: P.id, identifierId: dup.identifier.id })).status,
    'blocked', 'the parent blocks the card');
  t.equal((await works('city_admin', admin, 'POST /identifiers/:identifierId/block', { identifierId: dup.identifier.id })).status, 'blocked', 'blocked (again: idempotent)');
  t.equal((await works('guardian', g, 'POST /invitations/:invitationId/revoke', { invitationId: inv.id })).status, 'revoked');
  t.same((await invitee('GET', '/me/children')).body.items, [], 'the trusted person lost access');
  await works('city_admin', admin, 'DELETE /benefits/:benefitId', { benefitId: benefit.id });
  t.same((await admin('GET', `/persons/${P.id}/benefits`)).body.items, [], 'the benefit is withdrawn');
  // The gateway learns of a new token through its KV watch: by now it has (a role-gate 403, not 401).
  await waitFor(async () => (await tokenClient('GET', '/schools')).status === 403, WAIT_MS, 'the new token is known');
  t.pass('the new token works until revoked (its role may not list schools)');
  await works('city_admin', admin, 'DELETE /tokens/:tokenId', { tokenId: token.tokenInfo.id });
  expectError(t, await tokenClient('GET', '/schools'), 401, 'API_UNAUTHENTICATED', 'the revoked token');
  await works('city_admin', admin, 'DELETE /persons/:personId/guardians/:guardianId', { personId: P.id, guardianId: G.id });
  t.same((await g('GET', '/me/children')).body.items, [], 'G is no longer linked');

  t.equal(covered.length, TOKEN_ROUTES.length, `each of the ${TOKEN_ROUTES.length} token routes was called once`);
  t.same([...new Set(covered)].sort(), TOKEN_ROUTES.map(key).sort(), 'and no route was left out');
});

t.test('authz - every role listed for a route passes the role gate with a valid request', async (t) => {
  // Last in the file: these calls change records. Removals go last so the records the other routes need are still there.
  const ordered = [...TOKEN_ROUTES].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
  for (const r of ordered) {
    for (const role of r.roles) {
      const res = await call(clients[role], r);
      const err = res.body?.error as { code: string; message: string; details: Record<string, unknown> } | undefined;
      const roleGate = res.status === 403 && String(err?.message ?? '').startsWith('role ');
      t.notOk(roleGate || res.status === 401 || res.status === 405 || res.status >= 500 && res.status !== 503
        || (res.status === 400 && err?.details['problems'] !== undefined),
      `${role} on ${key(r)} passes the gate and validation (got ${res.status} ${err?.code ?? ''})`);
      if (res.status >= 400) expectError(t, res, res.status, err?.code ?? '?', `${role} on ${key(r)}: the error has the envelope`);
    }
  }
});
