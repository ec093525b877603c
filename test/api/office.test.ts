// Contract tests of the school office's routes against a real gateway, nats-server,
// clickhouse-server and sink: devices named and placed (PATCH), person search, the merge of a
// mistaken duplicate (cards and guardians move, the duplicate's photo is purged; money is never lost or doubled: an account that
// ever held money is never removed), a guardian found by phone without telling another school's
// operator anything, and the day's purchases a refund is made from. Out of scope is one 404.
import { randomBytes } from 'node:crypto';
import t from 'tap';
import { Kvm } from '@nats-io/kv';
import { PHOTO_BUCKET } from '../../api/photos.js';
import { expectApiError, SCHOOL_A, SCHOOL_B, startApiStack, type ApiClient } from '../helpers/api-fixtures.js';
import { connect, Reason, Verdict, waitFor, WAIT_MS, type TestDevice } from '../helpers/gateway-fixtures.js';
import { BUFFET, item, posTap } from '../helpers/pos-fixtures.js';
import { startSink } from '../helpers/stack.js';
import { jpegImage, pngImage } from '../helpers/images.js';

const api = await startApiStack({ clickhouse: true, env: { TAPGATE_GATEWAY_ID: 'gw-api-office', TAPGATE_REPEAT_WINDOW_MS: '0' } });
t.teardown(() => api.stop());
const sink = await startSink(api.stack);
t.teardown(() => sink.stop());
const admin = api.admin;
const operatorA = await api.clientFor({ role: 'school_operator', schoolIds: [SCHOOL_A] });
const operatorB = await api.clientFor({ role: 'school_operator', schoolIds: [SCHOOL_B] });
const cateringA = await api.clientFor({ role: 'catering_operator', schoolIds: [SCHOOL_A] });
const payments = await api.clientFor({ role: 'payment_integration', label: 'bank' });
const isError = expectApiError;

let n = 0;
/** A person of a school, made by the city (unique birth dates keep the duplicate check quiet). */
async function person(schoolId: string, surname: string, kind: 'pupil' | 'staff' = 'pupil', c: ApiClient = admin): Promise<any> {
  n++;
  const r = await c('POST', `/schools/${schoolId}/persons`, { kind, surname, givenName: 'Анна', birthDate: `2012-03-${String(n).padStart(2, '0')}`, className: '5А' });
  if (r.status !== 201) throw new Error(`person not created: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
const card = async (personId: string) => {
  const uid = randomBytes(7);
  const r = await operatorA('POST', `/persons/${personId}/identifiers`, { kind: 'social_card', uidHex: uid.toString('hex') });
  if (r.status !== 201) throw new Error(`card not issued: ${r.status}`);
  return { id: r.body.id as string, uid };
};
const balance = async (accountId: string) => (await admin('GET', `/accounts/${accountId}`)).body.balanceKop as number;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());

t.test('devices - named and placed at provisioning and by PATCH; views carry them; scope', async (t) => {
  const made = await operatorA('POST', `/schools/${SCHOOL_A}/devices`, { kind: 'turnstile', name: 'Турникет 1' });
  t.equal(made.status, 201);
  t.same([made.body.device.name, made.body.device.place], ['Турникет 1', ''], 'a name, no place yet');
  const id = made.body.device.id as string;
  const r = await operatorA('PATCH', `/devices/${id}`, { place: '  главный   вход ' });
  t.equal(r.status, 200);
  t.same(r.body, { id, schoolId: SCHOOL_A, kind: 'turnstile', enabled: true, allowedPersonKinds: ['pupil', 'staff'], name: 'Турникет 1', place: 'главный вход' },
    'the place in canonical form; the rest stays');
  t.same((await operatorA('GET', `/devices/${id}`)).body, r.body, 'read back');
  const list = await operatorA('GET', `/schools/${SCHOOL_A}/devices`);
  t.same(list.body.items.find((d: { id: string }) => d.id === id), r.body, 'listed with its name and place');
  const off = await operatorA('PATCH', `/devices/${id}`, { enabled: false, name: '' });
  t.same([off.body.enabled, off.body.name, off.body.place], [false, '', 'главный вход'], 'disabled, name cleared');
  for (const [what, body] of [['no field', {}], ['a control character', { name: 'a\u0007b' }], ['too long', { place: 'я'.repeat(65) }],
    ['an unknown field', { kind: 'pos' }], ['enabled as text', { enabled: 'yes' }]] as const) {
    isError(t, await operatorA('PATCH', `/devices/${id}`, body), 400, 'API_INVALID_REQUEST', what);
  }
  isError(t, await operatorB('PATCH', `/devices/${id}`, { name: 'чужой' }), 404, 'API_NOT_FOUND', 'an operator of school B');
  isError(t, await cateringA('PATCH', `/devices/${id}`, { name: 'x' }), 403, 'API_FORBIDDEN', 'catering');
  t.equal((await admin('GET', `/devices/${id}`)).body.place, 'главный вход', 'the refused changes changed nothing');
});

t.test('persons - search by part of the name, any case, ё as е; with the class', async (t) => {
  const a = await person(SCHOOL_A, 'Ёлкина');
  const b = await person(SCHOOL_A, 'Елкина-Смирнова');
  await person(SCHOOL_B, 'Ёлкина');
  const found = await operatorA('GET', `/schools/${SCHOOL_A}/persons?q=${encodeURIComponent('ЕЛКИНА')}`);
  t.equal(found.status, 200);
  t.same(found.body.items.map((p: { id: string }) => p.id).sort(), [a.id, b.id].sort(), 'both of A, none of B');
  const cls = await operatorA('GET', `/schools/${SCHOOL_A}/persons?q=${encodeURIComponent('смирнова')}&className=${encodeURIComponent('5а')}`);
  t.same(cls.body.items.map((p: { id: string }) => p.id), [b.id], 'name and class together');
  t.same((await operatorA('GET', `/schools/${SCHOOL_A}/persons?q=zzz`)).body.items, [], 'nobody');
  isError(t, await operatorA('GET', `/schools/${SCHOOL_A}/persons?q=`), 400, 'API_INVALID_REQUEST', 'an empty q');
});

t.test('merge - cards, guardians and benefits move; the empty duplicate, its account and its photo go', async (t) => {
  const kept = await person(SCHOOL_A, 'Сливаева');
  const dup = await person(SCHOOL_A, 'Сливаева');
  const photoOf = async (id: string, bytes: Uint8Array, contentType: string) => {
    t.equal((await operatorA('PUT', `/persons/${id}/photo-consent`, { consent: true })).status, 200, 'setup: consent');
    const up = await operatorA('PUT', `/persons/${id}/photo`, undefined, { raw: bytes, contentType });
    t.equal(up.status, 200, 'setup: a photo');
    return up.body.photoRef as string;
  };
  const keptPhoto = await photoOf(kept.id, pngImage(48, 60, 1), 'image/png');
  const dupPhoto = await photoOf(dup.id, jpegImage(64, 80), 'image/jpeg');
  const c = await card(dup.id);
  const g = await admin('POST', '/guardians', { phone: '+79261110001', surname: 'Сливаев' });
  t.equal((await operatorA('POST', `/persons/${dup.id}/guardians`, { guardianId: g.body.id })).status, 201, 'setup: a parent of the duplicate');
  const b = await operatorA('POST', `/persons/${dup.id}/benefits`, { mealPeriods: ['lunch'], validFrom: '2025-09-01', validTo: '2026-05-31' });
  t.equal(b.status, 201, 'setup: a benefit');
  const r = await operatorA('POST', `/persons/${kept.id}/merge`, { duplicateId: dup.id });
  t.equal(r.status, 200, `merged (${r.body?.error?.code ?? ''})`);
  t.same([r.body.removedId, r.body.account, r.body.moved], [dup.id, 'removed', { identifiers: 1, guardianships: 1, benefits: 1, invitations: 0 }]);
  t.same((await operatorA('GET', `/persons/${kept.id}/identifiers`)).body.items.map((i: { id: string }) => i.id), [c.id], 'the card is the kept person\'s');
  t.same((await operatorA('GET', `/persons/${kept.id}/guardians`)).body.items.map((l: { guardianId: string }) => l.guardianId), [g.body.id], 'so is the parent');
  t.same((await operatorA('GET', `/persons/${kept.id}/benefits`)).body.items.map((x: { id: string }) => x.id), [b.body.id], 'and the benefit');
  isError(t, await operatorA('GET', `/persons/${dup.id}`), 404, 'API_NOT_FOUND', 'the duplicate is gone');
  isError(t, await admin('GET', `/accounts/${dup.accountId}`), 404, 'API_NOT_FOUND', 'with its empty account');
  const photos = await new Kvm(await api.stack.connect('ops')).open(PHOTO_BUCKET);
  t.equal((await photos.get(`photo.${dupPhoto}`))?.operation, 'PURGE', 'and its photo, purged from the store');
  t.equal((await photos.get(`photo.${keptPhoto}`))?.operation, 'PUT', 'the kept person\'s photo stays');
  t.equal((await operatorA('GET', `/persons/${kept.id}`)).body.photoRef, keptPhoto, 'named by the kept record');
  const audit = await admin('GET', '/audit?limit=20');
  t.ok(audit.body.items.some((e: { action: string; targets: string[] }) => e.action === 'person.merge' && e.targets.includes(`person:${dup.id}`)), 'audited');
});

t.test('merge - money is never lost or doubled: a duplicate account with money or history is refused; one alone moves whole', async (t) => {
  const kept = await person(SCHOOL_A, 'Деньгина');
  const rich = await person(SCHOOL_A, 'Деньгина');
  const c = await card(rich.id);
  const paid = await payments('POST', `/accounts/by-number/${(await admin('GET', `/accounts/${rich.accountId}`)).body.number}/top-ups`,
    { channel: 'sber', paymentId: 'merge-1', amountKop: 5_000 });
  t.equal(paid.status, 201, 'setup: the duplicate has 50 roubles');
  const refused = await operatorA('POST', `/persons/${kept.id}/merge`, { duplicateId: rich.id });
  t.equal(isError(t, refused, 409, 'API_MERGE_REFUSED', 'a duplicate with money')['reason'], 'account_has_money');
  t.same((await operatorA('GET', `/persons/${rich.id}/identifiers`)).body.items.map((i: { id: string }) => i.id), [c.id], 'nothing moved');
  t.equal(await balance(rich.accountId), 5_000, 'the money is where it was');

  // Spent to 0 at the canteen: the balance is 0, but the account has a history; still refused.
  await cateringA('POST', `/schools/${SCHOOL_A}/categories`, { code: 'bakery', name: 'Выпечка' });
  const bun = await cateringA('POST', `/schools/${SCHOOL_A}/products`, { name: 'Булка', category: 'bakery', priceKop: 5_000 });
  const pos = await operatorA('POST', `/schools/${SCHOOL_A}/devices`, { kind: 'pos', name: 'Касса' });
  const dev: TestDevice = { id: pos.body.device.id, schoolId: SCHOOL_A, secret: Buffer.from(pos.body.secretHex, 'hex') };
  const reader = await connect(api.gw, dev);
  t.teardown(() => reader.close());
  let sold = false;
  await waitFor(async () => {
    const [d] = await posTap(reader, [{ seq: 1, uid: c.uid, mealKind: BUFFET, items: [item(bun.body.id, 'bakery', 5_000)] }]);
    sold = d?.verdict === Verdict.VERDICT_ALLOW && d.reason === Reason.DECISION_REASON_OK;
    return sold;
  }, WAIT_MS, 'the POS knows the card', 100);
  t.equal(await balance(rich.accountId), 0, 'setup: spent to 0');
  // The history check reads ClickHouse, which the sink fills within a moment: wait until it shows the sale.
  const day = today();
  await waitFor(async () => (await admin('GET', `/accounts/${rich.accountId}/history?from=${day}&to=${day}`)).body.purchases?.length === 1,
    WAIT_MS, 'the sale in ClickHouse', 100);
  const spent = await operatorA('POST', `/persons/${kept.id}/merge`, { duplicateId: rich.id });
  t.equal(isError(t, spent, 409, 'API_MERGE_REFUSED', 'a duplicate spent to 0')['reason'], 'account_has_history');
  t.pass('a zero balance with history is refused too');
  t.ok(await admin('GET', `/persons/${rich.id}`).then((r) => r.status === 200), 'the duplicate is still there');

  // The day's purchases list the sale with the buyer's name and items; catering refunds from it.
  let row: any;
  await waitFor(async () => {
    const r = await cateringA('GET', `/schools/${SCHOOL_A}/purchases?date=${today()}`);
    row = r.body.items?.find((x: { deviceId: string }) => x.deviceId === dev.id);
    return row !== undefined;
  }, WAIT_MS, 'the sale in the day\'s list', 100);
  t.same([row.seq, row.personId, row.displayName, row.className, row.amountKop, row.items], [1, rich.id, 'Деньгина Анна', '5А', 5_000,
    [{ productId: bun.body.id, category: 'bakery', priceKop: 5_000, quantity: 1 }]], 'the sale with the name and the items');
  isError(t, await operatorB('GET', `/schools/${SCHOOL_A}/purchases?date=${today()}`), 404, 'API_NOT_FOUND', 'an operator of B');
  isError(t, await cateringA('GET', `/schools/${SCHOOL_A}/purchases?date=2025-13-01`), 400, 'API_INVALID_REQUEST', 'not a date');
  const refund = await cateringA('POST', '/refunds', { refundId: 'office-1', deviceId: row.deviceId, seq: row.seq, reason: 'not_served' });
  t.same([refund.status, refund.body.amountKop, refund.body.balanceAfterKop], [201, 5_000, 5_000], 'refunded from the list');

  // A staff member with no account keeps the duplicate's account whole: the same account, the same money.
  const staff = await person(SCHOOL_A, 'Учителева', 'staff');
  const staffDup = await person(SCHOOL_A, 'Учителева', 'staff');
  const acc = await operatorA('POST', `/persons/${staffDup.id}/account`);
  await payments('POST', `/accounts/by-number/${acc.body.number}/top-ups`, { channel: 'sber', paymentId: 'merge-2', amountKop: 7_000 });
  const m = await operatorA('POST', `/persons/${staff.id}/merge`, { duplicateId: staffDup.id });
  t.same([m.status, m.body.account, m.body.person.accountId], [200, 'reattached', acc.body.id], 'the account is re-attached');
  t.equal(await balance(acc.body.id), 7_000, 'with its 70 roubles, once');

  isError(t, await operatorA('POST', `/persons/${kept.id}/merge`, { duplicateId: staff.id }), 409, 'API_MERGE_REFUSED', 'a pupil and a staff member');
  isError(t, await operatorA('POST', `/persons/${kept.id}/merge`, { duplicateId: kept.id }), 409, 'API_MERGE_REFUSED', 'a person with itself');
  const other = await person(SCHOOL_B, 'Деньгина');
  isError(t, await operatorA('POST', `/persons/${kept.id}/merge`, { duplicateId: other.id }), 404, 'API_NOT_FOUND', 'a duplicate at school B');
  isError(t, await operatorB('POST', `/persons/${kept.id}/merge`, { duplicateId: other.id }), 404, 'API_NOT_FOUND', 'B merging into A');
  const cross = await admin('POST', `/persons/${kept.id}/merge`, { duplicateId: other.id });
  t.equal(isError(t, cross, 409, 'API_MERGE_REFUSED', 'the city: persons of two schools')['reason'], 'other_school');
});

t.test('guardians - found by phone only through a child of one\'s school; otherwise the same 404 as an unknown phone', async (t) => {
  const child = await person(SCHOOL_A, 'Телефонова');
  const g = await admin('POST', '/guardians', { phone: '+79261112233', surname: 'Телефонов' });
  const lone = await admin('POST', '/guardians', { phone: '+79261112244', surname: 'Одинокий' });
  t.equal((await operatorA('POST', `/persons/${child.id}/guardians`, { guardianId: g.body.id })).status, 201);
  const found = await operatorA('GET', `/guardians?phone=${encodeURIComponent('+79261112233')}`);
  t.equal(found.status, 200);
  t.same(found.body, { id: g.body.id, phone: '+79261112233', surname: 'Телефонов', givenName: '',
    children: [{ id: child.id, schoolId: SCHOOL_A, displayName: 'Телефонова Анна', className: '5А' }] });
  const unknown = await operatorB('GET', `/guardians?phone=${encodeURIComponent('+79990000000')}`);
  const outOfScope = await operatorB('GET', `/guardians?phone=${encodeURIComponent('+79261112233')}`);
  isError(t, unknown, 404, 'API_NOT_FOUND', 'an unknown phone');
  isError(t, outOfScope, 404, 'API_NOT_FOUND', 'a parent of another school');
  t.same(outOfScope.body, unknown.body, 'the two answers are the same');
  isError(t, await operatorA('GET', `/guardians?phone=${encodeURIComponent('+79261112244')}`), 404, 'API_NOT_FOUND', 'a guardian linked to nobody');
  const city = await admin('GET', `/guardians?phone=${encodeURIComponent('+79261112244')}`);
  t.same([city.status, city.body.id, city.body.children], [200, lone.body.id, []], 'the city finds any guardian');
  isError(t, await operatorA('GET', '/guardians?phone=89261112233'), 400, 'API_INVALID_REQUEST', 'not E.164');
  isError(t, await cateringA('GET', `/guardians?phone=${encodeURIComponent('+79261112233')}`), 403, 'API_FORBIDDEN', 'catering');
});
