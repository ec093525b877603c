// Contract tests of the admin API's money routes against a real gateway, nats-server,
// clickhouse-server and sink: top-ups from the payment integration (idempotent per channel and
// payment id, amounts 10 to 15,000 roubles, only that role), account settings that reach the
// POS, benefits, refunds by catering of a purchase made at a POS reader provisioned through the
// API (once per purchase, idempotent per refund id, reason codes only, own school only), and the
// account history read back from ClickHouse. Every error has the error envelope.
import { randomBytes } from 'node:crypto';
import t, { type Test } from 'tap';
import { SCHOOL_A, SCHOOL_B, startApiStack, type ApiClient, type ApiResponse, expectApiError } from '../helpers/api-fixtures.js';
import { startSink } from '../helpers/stack.js';
import { connect, Reason, sleep, Verdict, type TestDevice } from '../helpers/gateway-fixtures.js';
import { BUFFET, item, money, posTap } from '../helpers/pos-fixtures.js';

const api = await startApiStack({ clickhouse: true, env: { TAPGATE_GATEWAY_ID: 'gw-api-money', TAPGATE_REPEAT_WINDOW_MS: '0' } });
t.teardown(() => api.stop());
const sink = await startSink(api.stack);
t.teardown(() => sink.stop());
const admin = api.admin;

/** A client whose token the gateway has already seen (the token watch is asynchronous). */
const clientFor = api.clientFor;

const payments = await clientFor({ role: 'payment_integration', label: 'bank' });
const operatorA = await clientFor({ role: 'school_operator', schoolIds: [SCHOOL_A] });
const operatorB = await clientFor({ role: 'school_operator', schoolIds: [SCHOOL_B] });
const cateringA = await clientFor({ role: 'catering_operator', schoolIds: [SCHOOL_A] });
const cateringB = await clientFor({ role: 'catering_operator', schoolIds: [SCHOOL_B] });
const guardian = await clientFor({ role: 'guardian', guardianId: 'g-stranger' });

const isError = expectApiError;

interface Pupil { readonly id: string; readonly accountId: string; readonly number: string; readonly uid: Buffer }
let pupilNo = 0;
/** A pupil of school A with an account and an active card. */
async function pupil(): Promise<Pupil> {
  pupilNo++;
  const p = await admin('POST', `/schools/${SCHOOL_A}/persons`, { kind: 'pupil', surname: `Деньгова${pupilNo}`, givenName: 'Юлия', birthDate: '2013-05-17', className: '6А' });
  if (p.status !== 201) throw new Error(`pupil not created: ${p.status} ${JSON.stringify(p.body)}`);
  const uid = randomBytes(7);
  const i = await operatorA('POST', `/persons/${p.body.id}/identifiers`, { kind: 'social_card', uidHex: uid.toString('hex') });
  if (i.status !== 201) throw new Error(`card not issued: ${i.status}`);
  const a = await operatorA('GET', `/persons/${p.body.id}/account`);
  return { id: p.body.id, accountId: a.body.id, number: a.body.number, uid };
}

const topUp = (number: string, body: Record<string, unknown>, c: ApiClient = payments) => c('POST', `/accounts/by-number/${number}/top-ups`, body);

/** School A's catalogue, made through the API before the buyer's card (the tap workers see it first). */
async function product(body: { name: string; category: string; priceKop: number }): Promise<string> {
  const r = await cateringA('POST', `/schools/${SCHOOL_A}/products`, body);
  if (r.status !== 201) throw new Error(`product not created: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}
for (const [code, name] of [['drinks', 'Напитки'], ['sweets', 'Сладости']]) await cateringA('POST', `/schools/${SCHOOL_A}/categories`, { code, name });
const teaId = await product({ name: 'Чай', category: 'drinks', priceKop: 1_200 });
const chocId = await product({ name: 'Шоколад', category: 'sweets', priceKop: 1_000 });
const cakeId = await product({ name: 'Торт', category: 'sweets', priceKop: 900_000 });

// Shared by the tests below, in order: the buyer, the POS reader, the purchases to refund.
const buyer = await pupil();
const posRes = await operatorA('POST', `/schools/${SCHOOL_A}/devices`, { kind: 'pos' });
const pos: TestDevice = { id: posRes.body.device.id, schoolId: SCHOOL_A, secret: Buffer.from(posRes.body.secretHex, 'hex') };
const reader = await connect(api.gw, pos);
t.teardown(() => reader.close());
let seq = 0;

t.test('top-ups - 201 applied, 200 duplicate, 409 on another amount or account, amount bounds, 404, roles', async (t) => {
  const body = { channel: 'sber', paymentId: 'pay-1', amountKop: 50_000 };
  const first = await topUp(buyer.number, body);
  t.equal(first.status, 201, 'applied');
  t.match(first.body, { status: 'applied', accountId: buyer.accountId, amountKop: 50_000, balanceAfterKop: 50_000 });
  t.ok(Math.abs(first.body.appliedAtMs - Date.now()) < 60_000, 'appliedAtMs is now');
  const again = await topUp(buyer.number, body);
  t.equal(again.status, 200, 'a repeat is 200');
  t.same(again.body, { ...first.body, status: 'duplicate' }, 'the repeat returns the first result');
  t.equal((await operatorA('GET', `/accounts/${buyer.accountId}`)).body.balanceKop, 50_000, 'applied once');

  const other = await pupil();
  isError(t, await topUp(buyer.number, { ...body, amountKop: 50_100 }), 409, 'API_CONFLICT', 'the same payment id, another amount');
  isError(t, await topUp(other.number, body), 409, 'API_CONFLICT', 'the same payment id, another account');
  const otherChannel = await topUp(buyer.number, { ...body, channel: 'tinkoff' });
  t.same([otherChannel.status, otherChannel.body.balanceAfterKop], [201, 100_000], 'the same payment id on another channel is another payment');

  for (const amountKop of [999, 1_500_001, 0, -1_000]) {
    isError(t, await topUp(other.number, { channel: 'sber', paymentId: `amt-${amountKop}`, amountKop }), 400, 'API_INVALID_AMOUNT', `amount ${amountKop}`);
  }
  for (const amountKop of [1_000, 1_500_000]) {
    const r = await topUp(other.number, { channel: 'sber', paymentId: `amt-${amountKop}`, amountKop });
    t.equal(r.status, 201, `amount ${amountKop} is accepted`);
  }
  t.equal((await operatorA('GET', `/accounts/${other.accountId}`)).body.balanceKop, 1_501_000, 'refused amounts changed nothing');
  const unknown = await topUp('0000000001', { channel: 'sber', paymentId: 'nobody-1', amountKop: 5_000 });
  isError(t, unknown, 404, 'API_NOT_FOUND', 'an unknown account number');
  for (const [what, number, b] of [
    ['a number that is not 8-10 digits', '12ab', body],
    ['amount not an integer', buyer.number, { ...body, paymentId: 'frac', amountKop: 1_000.5 }],
    ['amount as a string', buyer.number, { ...body, paymentId: 'str', amountKop: '5000' }],
    ['a channel with capitals', buyer.number, { ...body, channel: 'Sber', paymentId: 'caps' }],
    ['a payment id with a space', buyer.number, { ...body, paymentId: 'a b' }],
    ['no payment id', buyer.number, { channel: 'sber', amountKop: 5_000 }],
    ['an unknown field', buyer.number, { ...body, paymentId: 'extra', accountId: buyer.accountId }],
  ] as const) {
    isError(t, await topUp(number, b), 400, 'API_INVALID_REQUEST', what);
  }
  for (const [role, c] of [['city_admin', admin], ['school_operator', operatorA], ['catering_operator', cateringA], ['guardian', guardian]] as const) {
    isError(t, await topUp(buyer.number, { channel: 'sber', paymentId: `role-${role}`, amountKop: 5_000 }, c), 403, 'API_FORBIDDEN', `role ${role}`);
  }
  isError(t, await payments('POST', `/accounts/by-number/${buyer.number}/top-ups`, body, { token: null }), 401, 'API_UNAUTHENTICATED', 'no token');
  isError(t, await payments('POST', `/accounts/by-number/${buyer.number}/top-ups`, body, { contentType: 'text/plain' }), 415, 'API_UNSUPPORTED_MEDIA_TYPE', 'not JSON');
  t.equal((await operatorA('GET', `/accounts/${buyer.accountId}`)).body.balanceKop, 100_000, 'the refused requests changed nothing');
  isError(t, await payments('GET', `/accounts/${buyer.accountId}`), 403, 'API_FORBIDDEN', 'the payment integration may not read accounts');
});

t.test('accounts - PATCH daily limit, banned categories, threshold; the POS applies the ban', async (t) => {
  const p = await pupil();
  const r = await operatorA('PATCH', `/accounts/${p.accountId}`, { dailyLimitKop: 30_000, bannedCategories: ['sweets', 'soda'], lowBalanceThresholdKop: 5_000 });
  t.equal(r.status, 200);
  t.same(r.body, { id: p.accountId, personId: p.id, number: p.number, balanceKop: 0, dailyLimitKop: 30_000, bannedCategories: ['sweets', 'soda'], lowBalanceThresholdKop: 5_000 });
  t.same((await admin('GET', `/persons/${p.id}/account`)).body, r.body, 'read back');
  const cleared = await admin('PATCH', `/accounts/${p.accountId}`, { dailyLimitKop: null });
  t.same(cleared.body, { ...r.body, dailyLimitKop: null }, 'null clears the limit; the rest stays');
  t.equal((await topUp(p.number, { channel: 'sber', paymentId: `ban-${p.id}`, amountKop: 10_000 })).status, 201);
  let reason = 0;
  for (let i = 0; i < 50; i++) {
    const [d] = await posTap(reader, [{ seq: ++seq, uid: p.uid, mealKind: BUFFET, items: [{ productId: chocId, quantity: 1 }] }]);
    reason = d!.reason ?? 0;
    if (reason === Reason.DECISION_REASON_BANNED_CATEGORY) break;
    await sleep(20);
  }
  t.equal(reason, Reason.DECISION_REASON_BANNED_CATEGORY, 'the POS refuses a banned category');

  const bad: Array<[string, Record<string, unknown>]> = [
    ['a category with capitals', { bannedCategories: ['Sweets'] }],
    ['a category with a space', { bannedCategories: ['hot food'] }],
    ['the same category twice', { bannedCategories: ['soda', 'soda'] }],
    ['a negative limit', { dailyLimitKop: -1 }],
    ['a limit not an integer', { dailyLimitKop: 100.5 }],
    ['an empty patch', {}],
    ['changing the number', { number: '1234567890' }],
  ];
  for (const [what, body] of bad) isError(t, await operatorA('PATCH', `/accounts/${p.accountId}`, body), 400, 'API_INVALID_REQUEST', what);
  t.same((await admin('GET', `/accounts/${p.accountId}`)).body, { ...cleared.body, balanceKop: 10_000 }, 'refused patches changed nothing');
  isError(t, await cateringA('PATCH', `/accounts/${p.accountId}`, { dailyLimitKop: 1 }), 403, 'API_FORBIDDEN', 'catering may not set limits');
  isError(t, await operatorB('PATCH', `/accounts/${p.accountId}`, { dailyLimitKop: 1 }), 404, 'API_NOT_FOUND', 'an operator of another school');
  isError(t, await guardian('PATCH', `/accounts/${p.accountId}`, { dailyLimitKop: 1 }), 404, 'API_NOT_FOUND', 'a guardian of another child');
  isError(t, await admin('PATCH', '/accounts/a_nobody', { dailyLimitKop: 1 }), 404, 'API_NOT_FOUND', 'an unknown account');
});

t.test('benefits - create, list, delete', async (t) => {
  const p = await pupil();
  const made: Array<Record<string, unknown>> = [];
  for (const body of [{ mealPeriods: ['lunch'], validFrom: '2025-09-01', validTo: '2026-05-31' }, { mealPeriods: ['breakfast', 'afternoon'], validFrom: '2025-09-01', validTo: '2025-12-31' }]) {
    const r = await operatorA('POST', `/persons/${p.id}/benefits`, body);
    t.equal(r.status, 201);
    t.match(r.body.id, /^b_/);
    t.same(r.body, { id: r.body.id, personId: p.id, ...body }, 'the benefit as granted');
    made.push(r.body);
  }
  const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => (String(a['id']) < String(b['id']) ? -1 : 1);
  const list = await cateringA('GET', `/persons/${p.id}/benefits`);
  t.equal(list.status, 200, 'catering may read benefits');
  t.same(list.body.items, [...made].sort(byId), 'both listed');
  const del = await operatorA('DELETE', `/benefits/${made[0]!['id']}`);
  t.same([del.status, del.body], [204, null], 'withdrawn: 204, no body');
  t.same((await admin('GET', `/persons/${p.id}/benefits`)).body.items, [made[1]], 'one left');
  isError(t, await operatorA('DELETE', `/benefits/${made[0]!['id']}`), 404, 'API_NOT_FOUND', 'withdrawing again');
  const bad: Array<[string, Record<string, unknown>]> = [
    ['validTo before validFrom', { mealPeriods: ['lunch'], validFrom: '2025-09-02', validTo: '2025-09-01' }],
    ['an unknown meal period', { mealPeriods: ['dinner'], validFrom: '2025-09-01', validTo: '2025-09-30' }],
    ['no meal period', { mealPeriods: [], validFrom: '2025-09-01', validTo: '2025-09-30' }],
    ['a period twice', { mealPeriods: ['lunch', 'lunch'], validFrom: '2025-09-01', validTo: '2025-09-30' }],
    ['a date not a date', { mealPeriods: ['lunch'], validFrom: '01.09.2025', validTo: '2025-09-30' }],
    ['no validTo', { mealPeriods: ['lunch'], validFrom: '2025-09-01' }],
  ];
  for (const [what, body] of bad) isError(t, await operatorA('POST', `/persons/${p.id}/benefits`, body), 400, 'API_INVALID_REQUEST', what);
  const good = { mealPeriods: ['lunch'], validFrom: '2025-09-01', validTo: '2025-09-30' };
  isError(t, await cateringA('POST', `/persons/${p.id}/benefits`, good), 403, 'API_FORBIDDEN', 'catering may not grant');
  isError(t, await operatorB('POST', `/persons/${p.id}/benefits`, good), 404, 'API_NOT_FOUND', 'an operator of another school grants');
  isError(t, await operatorB('DELETE', `/benefits/${made[1]!['id']}`), 404, 'API_NOT_FOUND', 'an operator of another school withdraws');
  isError(t, await operatorA('POST', '/persons/p_nobody/benefits', good), 404, 'API_NOT_FOUND', 'an unknown person');
  t.same((await admin('GET', `/persons/${p.id}/benefits`)).body.items, [made[1]], 'refused requests changed nothing');
});

/** The purchase the refund tests refund, and a second one. */
const purchases: Array<{ seq: number; amountKop: number }> = [];
let refundedKop = 0;

t.test('refunds - of a POS purchase: 201, 200 duplicate, once per purchase, reason codes, own school', async (t) => {
  const cat = await cateringA('POST', `/schools/${SCHOOL_A}/categories`, { code: 'bakery', name: 'Выпечка' });
  t.equal(cat.status, 201);
  const bun = await cateringA('POST', `/schools/${SCHOOL_A}/products`, { name: 'Булочка', category: 'bakery', priceKop: 4_500 });
  t.equal(bun.status, 201);
  const basket = [item(bun.body.id, 'bakery', 4_500, 2), item(teaId, 'drinks', 1_200)];
  const before = (await operatorA('GET', `/accounts/${buyer.accountId}`)).body.balanceKop as number;
  // The new product reaches the tap workers through the registry watch: until then it is unknown.
  let s1 = 0;
  let d1: Awaited<ReturnType<typeof posTap>>[number] | undefined;
  for (let i = 0; i < 50; i++) {
    s1 = ++seq;
    [d1] = await posTap(reader, [{ seq: s1, uid: buyer.uid, mealKind: BUFFET, items: basket }]);
    if (d1!.reason !== Reason.DECISION_REASON_UNKNOWN_PRODUCT) break;
    await sleep(20);
  }
  t.same(money(d1!), { seq: s1, verdict: Verdict.VERDICT_ALLOW, reason: Reason.DECISION_REASON_OK, amountKop: 10_200, balanceAfterKop: before - 10_200, subsidised: false, replayed: false }, 'the purchase is made');
  purchases.push({ seq: s1, amountKop: 10_200 });
  const s2 = ++seq;
  const [d2] = await posTap(reader, [{ seq: s2, uid: buyer.uid, mealKind: BUFFET, items: [item(teaId, 'drinks', 1_200)] }]);
  t.equal(d2!.reason, Reason.DECISION_REASON_OK, 'a second purchase');
  purchases.push({ seq: s2, amountKop: 1_200 });
  const s3 = ++seq;
  const [d3] = await posTap(reader, [{ seq: s3, uid: buyer.uid, mealKind: BUFFET, items: [item(cakeId, 'sweets', 900_000)] }]);
  t.equal(d3!.reason, Reason.DECISION_REASON_INSUFFICIENT_FUNDS, 'a declined purchase');
  const afterBuying = before - 10_200 - 1_200;
  t.equal((await operatorA('GET', `/accounts/${buyer.accountId}`)).body.balanceKop, afterBuying, 'the API shows the balance the POS left');

  const body = { refundId: 'rf-1', deviceId: pos.id, seq: s1, reason: 'not_served' };
  const first = await cateringA('POST', '/refunds', body);
  t.equal(first.status, 201, 'applied');
  t.match(first.body, { status: 'applied', accountId: buyer.accountId, amountKop: 10_200, balanceAfterKop: afterBuying + 10_200 });
  refundedKop += 10_200;
  const again = await cateringA('POST', '/refunds', body);
  t.same([again.status, again.body], [200, { ...first.body, status: 'duplicate' }], 'a repeat is 200 with the first result');
  t.equal((await operatorA('GET', `/accounts/${buyer.accountId}`)).body.balanceKop, afterBuying + 10_200, 'refunded once');

  const twice = await cateringA('POST', '/refunds', { ...body, refundId: 'rf-2' });
  t.equal(isError(t, twice, 409, 'API_CONFLICT', 'a second refund id for the same purchase')['reason'], 'already_refunded');
  const reused = await cateringA('POST', '/refunds', { ...body, seq: s2 });
  t.equal(isError(t, reused, 409, 'API_CONFLICT', 'a used refund id for another purchase')['reason'], 'conflict');
  const unknown = await cateringA('POST', '/refunds', { ...body, refundId: 'rf-3', seq: 999_999 });
  t.equal(isError(t, unknown, 404, 'API_NOT_FOUND', 'an unknown purchase')['reason'], 'unknown_purchase');
  isError(t, await cateringA('POST', '/refunds', { ...body, refundId: 'rf-4', seq: s3 }), 404, 'API_NOT_FOUND', 'a declined purchase');
  isError(t, await cateringA('POST', '/refunds', { ...body, refundId: 'rf-5', deviceId: 'd_nowhere' }), 404, 'API_NOT_FOUND', 'an unknown device');
  isError(t, await cateringB('POST', '/refunds', { ...body, refundId: 'rf-6', seq: s2 }), 404, 'API_NOT_FOUND', 'catering of another school');
  isError(t, await operatorA('POST', '/refunds', { ...body, refundId: 'rf-7', seq: s2 }), 403, 'API_FORBIDDEN', 'a school operator');
  isError(t, await payments('POST', '/refunds', { ...body, refundId: 'rf-8', seq: s2 }), 403, 'API_FORBIDDEN', 'the payment integration');
  for (const [what, b] of [
    ['free text as the reason', { ...body, refundId: 'rf-9', seq: s2, reason: 'the bun was cold' }],
    ['no reason', { refundId: 'rf-9', deviceId: pos.id, seq: s2 }],
    ['seq 0', { ...body, refundId: 'rf-9', seq: 0 }],
    ['a refund id with a space', { ...body, refundId: 'rf 9', seq: s2 }],
    ['an amount (the purchase sets it)', { ...body, refundId: 'rf-9', seq: s2, amountKop: 100 }],
  ] as const) {
    isError(t, await cateringA('POST', '/refunds', b), 400, 'API_INVALID_REQUEST', what);
  }
  const second = await admin('POST', '/refunds', { refundId: 'rf-10', deviceId: pos.id, seq: s2, reason: 'double_charge' });
  t.same([second.status, second.body.amountKop, second.body.balanceAfterKop], [201, 1_200, afterBuying + 10_200 + 1_200], 'a city admin refunds the second purchase');
  refundedKop += 1_200;
  t.equal((await operatorA('GET', `/accounts/${buyer.accountId}`)).body.balanceKop, afterBuying + refundedKop, 'refused refunds changed nothing');
});

t.test('accounts - history from ClickHouse shows the top-ups, the purchase with items and the refunds', async (t) => {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const from = day(Date.now() - 86_400_000);
  const to = day(Date.now() + 86_400_000);
  const path = `/accounts/${buyer.accountId}/history?from=${from}&to=${to}`;
  let h: ApiResponse | null = null;
  const started = Date.now();
  for (let i = 0; i < 150 && Date.now() - started < 30_000; i++) {
    h = await operatorA('GET', path);
    if (h.status === 200 && h.body.money.length >= 4 && h.body.purchases.length >= 3) break;
    await sleep(200);
  }
  t.equal(h?.status, 200, 'history read');
  t.comment(`the sink had it after ${Date.now() - started} ms`);
  const body = h!.body;
  t.equal(body.accountId, buyer.accountId);
  t.equal(body.balanceKop, (await operatorA('GET', `/accounts/${buyer.accountId}`)).body.balanceKop, 'with the live balance');
  t.same(body.money.map((m: any) => [m.kind, m.ref, m.amountKop]), [
    ['top_up', 'pay-1', 50_000], ['top_up', 'pay-1', 50_000], ['refund', 'rf-1', 10_200], ['refund', 'rf-10', 1_200],
  ], 'two top-ups and two refunds, in order');
  t.same(body.money.map((m: any) => m.balanceAfterKop), [50_000, 100_000, 100_000 - 11_400 + 10_200, 100_000], 'each with its balance after');
  const bySeq = new Map<number, any>(body.purchases.map((p: any) => [p.seq, p]));
  const first = bySeq.get(purchases[0]!.seq);
  t.match(first, { deviceId: pos.id, schoolId: SCHOOL_A, verdict: Verdict.VERDICT_ALLOW, reason: Reason.DECISION_REASON_OK, amountKop: 10_200, balanceAfterKop: 100_000 - 10_200, subsidised: false },
    'the purchase');
  t.same(first?.items.map((i: any) => [i.category, i.priceKop, i.quantity]), [['bakery', 4_500, 2], ['drinks', 1_200, 1]], 'with its items');
  t.equal(bySeq.get(purchases[1]!.seq)?.amountKop, 1_200, 'the second purchase');
  t.equal(body.purchases.filter((p: any) => p.reason === Reason.DECISION_REASON_INSUFFICIENT_FUNDS).length, 1, 'the declined one, with nothing debited');

  for (const [what, q] of [
    ['to before from', `?from=${to}&to=${from}`], ['more than 92 days', '?from=2025-01-01&to=2025-06-01'], ['no to', `?from=${from}`],
    ['not a date', `?from=${from}&to=tomorrow`], ['an impossible date', '?from=2025-02-30&to=2025-03-01'],
  ] as const) {
    isError(t, await operatorA('GET', `/accounts/${buyer.accountId}/history${q}`), 400, 'API_INVALID_REQUEST', what);
  }
  // Guardians: a parent sees the history and may set limits; a trusted person granted the balance
  // only sees the balance but neither the history (it lists purchases) nor may set limits.
  const g1 = await admin('POST', '/guardians', { phone: '+79990000101', surname: 'Родителева' });
  const g2 = await admin('POST', '/guardians', { phone: '+79990000102', surname: 'Доверенная' });
  t.same([g1.status, g2.status], [201, 201], 'two guardians registered');
  t.equal((await operatorA('POST', `/persons/${buyer.id}/guardians`, { guardianId: g1.body.id })).status, 201, 'the parent linked');
  const parent = await clientFor({ role: 'guardian', guardianId: g1.body.id });
  const trusted = await clientFor({ role: 'guardian', guardianId: g2.body.id });
  const inv = await parent('POST', '/me/invitations', { personId: buyer.id, phone: '+79990000102', surname: 'Доверенная', scopes: ['balance'] });
  t.equal(inv.status, 201, 'the parent invites a trusted person for the balance');
  t.equal((await trusted('POST', `/invitations/${inv.body.id}/accept`)).status, 201, 'accepted');
  const byParent = await parent('GET', path);
  t.same([byParent.status, byParent.body.money.length], [200, 4], 'the parent reads the history');
  t.equal((await trusted('GET', `/accounts/${buyer.accountId}`)).status, 200, 'the trusted person reads the balance');
  isError(t, await trusted('GET', path), 403, 'API_FORBIDDEN', 'the trusted person (balance only) reads the history');
  const limit = await parent('PATCH', `/accounts/${buyer.accountId}`, { lowBalanceThresholdKop: 2_000 });
  t.same([limit.status, limit.body.lowBalanceThresholdKop], [200, 2_000], 'the parent sets the threshold');
  isError(t, await trusted('PATCH', `/accounts/${buyer.accountId}`, { lowBalanceThresholdKop: 0 }), 403, 'API_FORBIDDEN', 'the trusted person sets a limit');
  isError(t, await operatorB('GET', path), 404, 'API_NOT_FOUND', 'an operator of another school');
  isError(t, await guardian('GET', path), 404, 'API_NOT_FOUND', 'a guardian of another child');
  isError(t, await payments('GET', path), 403, 'API_FORBIDDEN', 'the payment integration');
  isError(t, await admin('GET', `/accounts/a_nobody/history?from=${from}&to=${to}`), 404, 'API_NOT_FOUND', 'an unknown account');
});
