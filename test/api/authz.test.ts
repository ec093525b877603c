// Integration: who may call what on the admin API, against a real gateway and nats-server.
// The role gate is checked for every route in ROUTES and every role not listed for it (403
// API_FORBIDDEN before anything else is looked at); then the scope checks (an operator of
// school A on school B's records, a guardian on a child not theirs), authentication (no,
// malformed, wrong-secret and revoked tokens: 401), routing (404, 405) and the public OpenAPI
// document. Every error response must carry the envelope and an x-request-id.
import t, { type Test } from 'tap';
import { ROUTES } from '../../api/routes/index.js';
import type { Route } from '../../api/route.js';
import { ROLES, type Role } from '../../api/tokens.js';
import { apiClient, SCHOOL_A, SCHOOL_B, startApiStack, type ApiClient, type ApiResponse } from '../helpers/api-fixtures.js';

const api = await startApiStack();
t.teardown(() => api.stop());
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
};
const clients = {} as Record<Role, ApiClient>;
for (const role of ROLES) clients[role] = await api.clientFor(tokenSpecs[role]);
const invitation = await created(clients.guardian('POST', '/me/invitations',
  { personId: A.pupil.id, phone: '+79160000002', surname: 'Trusted', scopes: ['passes'] }), 'invitation');

const params: Record<string, string> = {
  schoolId: SCHOOL_A, deviceId: A.device.device.id, personId: A.pupil.id, identifierId: A.identifier.id, accountId: A.account.id,
  number: A.account.number, benefitId: A.benefit.id, tokenId: throwaway.tokenInfo.id, guardianId: guardian.id, productId: A.product.id,
  invitationId: invitation.id,
};

const RANGE = '?from=2025-01-01&to=2025-01-31';
/** A minimal valid body for each route that takes one (fresh values where a repeat would conflict). */
const BODIES: Record<string, () => unknown> = {
  'POST /schools': () => ({ name: 'School C', timeZone: 'Europe/Moscow' }),
  'PATCH /schools/:schoolId': () => ({ name: 'School A' }),
  'POST /schools/:schoolId/devices': () => ({ kind: 'turnstile' }),
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
  'POST /schools/:schoolId/categories': () => ({ code: `c${freshUid()}`, name: 'Drinks' }),
  'POST /schools/:schoolId/products': () => ({ name: 'Tea', category: 'buffet', priceKop: 1500 }),
  'PATCH /products/:productId': () => ({ priceKop: 3600 }),
  'POST /schools/:schoolId/roster': () => 'surname,given_name,birth_date\r\n',
};
/** Query strings the routes require. */
const QUERIES: Record<string, string> = {
  'GET /accounts/:accountId/history': RANGE, 'GET /persons/:personId/passes': RANGE, 'GET /persons/:personId/purchases': RANGE,
};

const key = (r: Route) => `${r.method} ${r.path}`;

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
    for (const role of ROLES) {
      if (r.roles.includes(role)) continue;
      const res = await call(clients[role], r);
      expectError(t, res, 403, 'API_FORBIDDEN', `${role} on ${key(r)}`);
      t.equal(res.body?.error?.message, `role ${role} may not ${r.method} ${r.path}`, `${role} on ${key(r)}: the role gate said no`);
      checked++;
    }
  }
  t.equal(routesSeen.size, ROUTES.length, `all ${ROUTES.length} routes went through the matrix`);
  const expected = ROUTES.reduce((n, r) => n + ROLES.filter((role) => !r.roles.includes(role)).length, 0);
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
    ['persons list', op, 'GET', `/schools/${SCHOOL_B}/persons`],
    ['person', op, 'GET', `/persons/${B.pupil.id}`],
    ['person patch', op, 'PATCH', `/persons/${B.pupil.id}`, { className: '9Z' }],
    ['person move into A', op, 'POST', `/persons/${B.pupil.id}/move`, { schoolId: SCHOOL_A }],
    ['person move out of A into B', op, 'POST', `/persons/${otherPupilA.id}/move`, { schoolId: SCHOOL_B }],
    ['identifier block', op, 'POST', `/identifiers/${B.identifier.id}/block`],
    ['person account', op, 'GET', `/persons/${B.pupil.id}/account`],
    ['account', op, 'GET', `/accounts/${B.account.id}`],
    ['account patch', op, 'PATCH', `/accounts/${B.account.id}`, { dailyLimitKop: 1 }],
    ['headcount', op, 'GET', `/schools/${SCHOOL_B}/headcount`],
    ['new person', op, 'POST', `/schools/${SCHOOL_B}/persons`, { kind: 'pupil', surname: 'Nobody', givenName: 'Test', birthDate: '2015-01-01' }],
    ['products', op, 'GET', `/schools/${SCHOOL_B}/products`],
    ['catering: products', cat, 'GET', `/schools/${SCHOOL_B}/products`],
    ['catering: product patch', cat, 'PATCH', `/products/${B.product.id}`, { priceKop: 1 }],
    ['catering: new product', cat, 'POST', `/schools/${SCHOOL_B}/products`, { name: 'Tea', category: 'buffet', priceKop: 1 }],
    ['catering: refund at B', cat, 'POST', '/refunds', { refundId: 'r-b-1', deviceId: B.device.device.id, seq: 1, reason: 'other' }],
  ];
  for (const [what, client, method, path, body] of cases) expectError(t, await client(method, path, body), 403, 'API_FORBIDDEN', `operator of A: ${what} of B`);
  const roster = await op('POST', `/schools/${SCHOOL_B}/roster`, undefined, { raw: 'surname,given_name,birth_date\r\nNobody,Test,2015-01-01\r\n', contentType: 'text/csv' });
  expectError(t, roster, 403, 'API_FORBIDDEN', 'operator of A: roster of B');
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
  ] as Array<[string, string, string, unknown?]>) {
    expectError(t, await g(method, path, body), 403, 'API_FORBIDDEN', `guardian: ${what}`);
  }
  const children = await g('GET', '/me/children');
  t.same(children.body.items.map((c: { personId: string }) => c.personId), [A.pupil.id], 'the guardian lists only their child');
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

t.test('authz - every role listed for a route passes the role gate with a valid request', async (t) => {
  // Last in the file: these calls change records. Removals go last so the records the other routes need are still there.
  const ordered = [...ROUTES].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
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
