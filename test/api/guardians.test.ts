// Contract tests of the guardian routes against a real nats-server, clickhouse-server, gateway
// and ClickHouse sink: registering guardians (E.164 phones, one guardian per phone), linking
// them to pupils, what a guardian token sees of its own children, trusted persons invited by a
// parent (matching, scopes, revocation that takes effect at once), notification preferences,
// and a child's entries and exits read back from ClickHouse after real turnstile taps.
import { randomBytes } from 'node:crypto';
import t, { type Test } from 'tap';
import { SCHOOL_A, SCHOOL_B, startApiStack, type ApiClient, type ApiResponse, expectApiError } from '../helpers/api-fixtures.js';
import { connect, ENTRY, EXIT, tap, Verdict, waitFor } from '../helpers/gateway-fixtures.js';
import { bindParams } from '../../api/history.js';
import { parseRecord, recordKey } from '../../core/index.js';
import { openRegistry, storedJson } from '../../lib/index.js';
import { startSink } from '../helpers/stack.js';

/** Bound of the wait for tapped events to reach ClickHouse through the sink, in ms. */
const HISTORY_WAIT_MS = 30_000;

const expectError = expectApiError;

/** A calendar date in school A's zone (Europe/Moscow): history ranges are the school's local dates. */
const MOSCOW_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit', day: '2-digit' });
const localDay = (offsetDays = 0) => MOSCOW_DATE.format(new Date(Date.now() + offsetDays * 86_400_000));

const api = await startApiStack({ clickhouse: true });
t.teardown(() => api.stop());
const sink = await startSink(api.stack);
t.teardown(async () => { await sink.stop(); });

const op = await api.clientFor({ role: 'school_operator', schoolIds: [SCHOOL_A], label: 'school A office' });
const opB = await api.clientFor({ role: 'school_operator', schoolIds: [SCHOOL_B], label: 'school B office' });

async function createPupil(c: ApiClient, schoolId: string, n: number): Promise<{ id: string; accountId: string }> {
  const r = await c('POST', `/schools/${schoolId}/persons`, { kind: 'pupil', surname: `Зябликова${n}`, givenName: 'Тест', birthDate: '2014-03-0' + String(n % 9 + 1), className: '3А' });
  if (r.status !== 201) throw new Error(`pupil not created: ${r.status} ${JSON.stringify(r.body)}`);
  return { id: r.body.id as string, accountId: r.body.accountId as string };
}

const child = await createPupil(op, SCHOOL_A, 1);
const sibling = await createPupil(op, SCHOOL_A, 2);
const childUid = randomBytes(7);
const issued = await op('POST', `/persons/${child.id}/identifiers`, { kind: 'social_card', uidHex: childUid.toString('hex') });
if (issued.status !== 201) throw new Error(`card not issued: ${issued.status}`);

const PARENT_PHONE = '+79161234567';
const TRUSTED_PHONE = '+79167654321';
const THIRD_PHONE = '+79990001122';
const ids = { parent: '', trusted: '', third: '', invitation: '', wrongSurname: '' };
const guardianClients: { parent?: ApiClient; trusted?: ApiClient; third?: ApiClient } = {};
const clientOf = (who: 'parent' | 'trusted' | 'third'): ApiClient => guardianClients[who]!;

t.test('history - ids and dates are bound as quoted literals; anything else is refused', async (t) => {
  const q = 'WHERE person_id = {p:String} AND event_date >= toDate({from:String}) AND x = {p:String}';
  t.equal(bindParams(q, { p: 'p_Ab-9.x', from: '2025-01-02' }), "WHERE person_id = 'p_Ab-9.x' AND event_date >= toDate('2025-01-02') AND x = 'p_Ab-9.x'");
  t.equal(bindParams('SELECT 1', {}), 'SELECT 1', 'no placeholders, nothing to bind');
  const refused = [
    { name: 'a quote', params: { p: "x' OR 1=1 --", from: '2025-01-02' } },
    { name: 'a backslash', params: { p: 'a\\', from: '2025-01-02' } },
    { name: 'a space', params: { p: 'a b', from: '2025-01-02' } },
    { name: 'empty', params: { p: '', from: '2025-01-02' } },
    { name: 'missing', params: { from: '2025-01-02' } },
    { name: 'a date with a time', params: { p: 'p1', from: "2025-01-02'); DROP TABLE pass_events --" } },
  ];
  for (const r of refused) t.throws(() => bindParams(q, r.params), { code: 'API_INVALID_REQUEST' }, r.name);
});

t.test('guardians - registration takes E.164 phones only, one guardian per phone', async (t) => {
  const bad = [
    { name: 'national format without +', phone: '89161234567' },
    { name: 'too short', phone: '+7916' },
  ];
  for (const b of bad) {
    const r = await op('POST', '/guardians', { phone: b.phone, surname: 'Иванова' });
    const details = expectError(t, r, 400, 'API_INVALID_REQUEST', b.name);
    t.match(details, { problems: [{ path: 'body/phone' }] }, `${b.name}: the phone is named`);
  }
  const created = await op('POST', '/guardians', { phone: PARENT_PHONE, surname: 'Иванова', givenName: 'Анна' });
  t.equal(created.status, 201, 'registered');
  t.match(created.body, { id: String, phone: PARENT_PHONE, surname: 'Иванова', givenName: 'Анна' });
  ids.parent = created.body.id as string;
  const again = await op('POST', '/guardians', { phone: PARENT_PHONE, surname: 'ИВАНОВА' });
  const details = expectError(t, again, 409, 'API_CONFLICT', 'same phone twice');
  t.equal(details['existingId'], ids.parent, 'the conflict names the registered guardian to whoever knows the surname');
  const other = await op('POST', '/guardians', { phone: PARENT_PHONE, surname: 'Другая' });
  const hidden = expectError(t, other, 409, 'API_CONFLICT', 'same phone, another surname');
  t.equal(hidden['existingId'], undefined, 'a phone alone does not find a guardian for an operator');

  const trusted = await op('POST', '/guardians', { phone: TRUSTED_PHONE, surname: 'Петров', givenName: 'Илья' });
  const third = await op('POST', '/guardians', { phone: THIRD_PHONE, surname: 'Петров' });
  t.equal(trusted.status, 201);
  t.equal(third.status, 201);
  ids.trusted = trusted.body.id as string;
  ids.third = third.body.id as string;
  guardianClients.parent = await api.clientFor({ role: 'guardian', guardianId: ids.parent });
  guardianClients.trusted = await api.clientFor({ role: 'guardian', guardianId: ids.trusted });
  guardianClients.third = await api.clientFor({ role: 'guardian', guardianId: ids.third });
  expectError(t, await clientOf('parent')('POST', '/guardians', { phone: '+79160000000', surname: 'Х' }), 403, 'API_FORBIDDEN', 'a guardian cannot register guardians');
});

t.test('guardians - a school links a parent to a pupil, idempotently; operators see the list', async (t) => {
  const first = await op('POST', `/persons/${child.id}/guardians`, { guardianId: ids.parent });
  t.equal(first.status, 201, 'linked');
  const link = { id: `${ids.parent}.${child.id}`, guardianId: ids.parent, personId: child.id, relation: 'parent',
    scopes: ['passes', 'purchases', 'balance', 'pickup'], grantedBy: '' };
  t.same(first.body, link);
  const second = await op('POST', `/persons/${child.id}/guardians`, { guardianId: ids.parent });
  t.equal(second.status, 200, 'a second link of the same pair is 200');
  t.same(second.body, link, 'with the same link');
  t.same((await op('GET', `/persons/${child.id}/guardians`)).body, { items: [link] }, 'listed once');
  expectError(t, await op('POST', `/persons/${child.id}/guardians`, { guardianId: 'g_nobody' }), 404, 'API_NOT_FOUND', 'unknown guardian');
  expectError(t, await opB('POST', `/persons/${child.id}/guardians`, { guardianId: ids.parent }), 404, 'API_NOT_FOUND', 'operator of another school');
  t.equal((await op('GET', `/guardians/${ids.parent}`)).status, 200, 'the operator reads a guardian linked to its pupil');
  expectError(t, await op('GET', `/guardians/${ids.third}`), 404, 'API_NOT_FOUND', 'a guardian with no child at the school');
});

t.test('guardians - a guardian token sees itself and its own children only', async (t) => {
  const parent = clientOf('parent');
  const me = await parent('GET', '/me');
  t.equal(me.status, 200);
  t.same(me.body, { id: ids.parent, phone: PARENT_PHONE, surname: 'Иванова', givenName: 'Анна', email: '' });
  const children = await parent('GET', '/me/children');
  t.equal(children.status, 200);
  t.match(children.body, { items: [{ personId: child.id, schoolId: SCHOOL_A, className: '3А', relation: 'parent',
    scopes: ['passes', 'purchases', 'balance', 'pickup'], accountId: child.accountId }] });
  t.equal(children.body.items.length, 1, 'only the linked child, not the sibling');
  expectError(t, await parent('GET', `/persons/${sibling.id}/account`), 404, 'API_NOT_FOUND', 'a child not linked');
  t.equal((await parent('GET', `/persons/${child.id}/account`)).status, 200, 'the own child\'s account');
  t.same((await clientOf('trusted')('GET', '/me/children')).body, { items: [] }, 'the future trusted person sees no child yet');
  expectError(t, await op('GET', '/me'), 403, 'API_FORBIDDEN', 'an operator token has no /me');
});

t.test('guardians - notification preferences: default, set, read back; digests by e-mail only', async (t) => {
  const parent = clientOf('parent');
  const path = `/me/children/${child.id}/preferences`;
  t.same((await parent('GET', path)).body, { guardianId: ids.parent, personId: child.id, subscriptions: [], lowBalanceThresholdKop: null, quietHours: null }, 'default');
  const prefs = { subscriptions: [{ event: 'entry_exit', channels: ['push', 'sms'] }, { event: 'daily_digest', channels: ['email'] }], lowBalanceThresholdKop: 20_000,
    quietHours: null };
  const put = await parent('PUT', path, prefs);
  t.equal(put.status, 200);
  t.same(put.body, { guardianId: ids.parent, personId: child.id, ...prefs });
  t.same((await parent('GET', path)).body, { guardianId: ids.parent, personId: child.id, ...prefs }, 'read back');
  const digestSms = await parent('PUT', path, { subscriptions: [{ event: 'weekly_digest', channels: ['sms'] }] });
  t.match(expectError(t, digestSms, 400, 'API_INVALID_REQUEST', 'digest by sms'), { field: 'subscriptions' });
  const unknown = await parent('PUT', path, { subscriptions: [{ event: 'birthday', channels: ['push'] }] });
  expectError(t, unknown, 400, 'API_INVALID_REQUEST', 'unknown event');
  t.same((await parent('GET', path)).body, { guardianId: ids.parent, personId: child.id, ...prefs }, 'refused changes left the preferences');
  expectError(t, await parent('PUT', `/me/children/${sibling.id}/preferences`, prefs), 404, 'API_NOT_FOUND', 'another child');
});

t.test('guardians - a parent invites a trusted person who accepts and sees passes only', async (t) => {
  const parent = clientOf('parent');
  const trusted = clientOf('trusted');
  const before = Date.now();
  const inv = await parent('POST', '/me/invitations', { personId: child.id, phone: TRUSTED_PHONE, surname: 'ПЕТРОВ', scopes: ['passes'] });
  t.equal(inv.status, 201, 'invited');
  t.match(inv.body, { id: String, personId: child.id, guardianId: ids.parent, scopes: ['passes'], status: 'pending', guardianshipId: '' });
  t.ok(inv.body.expiresAtMs >= before + 7 * 86_400_000 && inv.body.expiresAtMs <= Date.now() + 7 * 86_400_000, 'open for 7 days');
  ids.invitation = inv.body.id as string;
  const wrong = await parent('POST', '/me/invitations', { personId: child.id, phone: TRUSTED_PHONE, surname: 'Сидоров', scopes: ['passes', 'balance'] });
  t.equal(wrong.status, 201);
  ids.wrongSurname = wrong.body.id as string;
  expectError(t, await parent('POST', '/me/invitations', { personId: sibling.id, phone: TRUSTED_PHONE, surname: 'Петров', scopes: ['passes'] }),
    404, 'API_NOT_FOUND', 'invite for a child not one\'s own');
  expectError(t, await parent('POST', '/me/invitations', { personId: child.id, phone: PARENT_PHONE, surname: 'Иванова', scopes: ['passes'] }),
    409, 'API_CONFLICT', 'invite oneself');
  expectError(t, await parent('POST', '/me/invitations', { personId: child.id, phone: TRUSTED_PHONE, surname: 'Петров', scopes: ['everything'] }),
    400, 'API_INVALID_REQUEST', 'unknown scope');

  const received = await trusted('GET', '/me/invitations');
  t.equal(received.status, 200);
  t.same(received.body.sent, [], 'the invitee sent nothing');
  t.same((received.body.received as Array<{ id: string }>).map((i) => i.id).sort(), [ids.invitation, ids.wrongSurname].sort(), 'both invitations received');
  t.same(((await parent('GET', '/me/invitations')).body.sent as Array<{ id: string }>).map((i) => i.id).sort(), [ids.invitation, ids.wrongSurname].sort(), 'the parent sees them sent');
  t.same((await clientOf('third')('GET', '/me/invitations')).body, { sent: [], received: [] }, 'a third guardian sees none');

  expectError(t, await clientOf('third')('POST', `/invitations/${ids.invitation}/accept`), 404, 'API_NOT_FOUND', 'a third guardian accepts');
  expectError(t, await trusted('POST', `/invitations/${ids.wrongSurname}/accept`), 403, 'API_FORBIDDEN', 'surname does not match');
  const accepted = await trusted('POST', `/invitations/${ids.invitation}/accept`);
  t.equal(accepted.status, 201, 'accepted');
  t.same(accepted.body, { id: `${ids.trusted}.${child.id}`, guardianId: ids.trusted, personId: child.id, relation: 'trusted', scopes: ['passes'],
    grantedBy: `${ids.parent}.${child.id}` });
  const twice = expectError(t, await trusted('POST', `/invitations/${ids.invitation}/accept`), 409, 'API_CONFLICT', 'accept twice');
  t.equal(twice['status'], 'accepted');

  // An invitation past its 7 days, written straight to the registry (the API only makes fresh ones).
  const expired = parseRecord('invitation', { id: 'inv_expired', personId: child.id, guardianId: ids.parent, phone: TRUSTED_PHONE, surname: 'Петров',
    scopes: ['balance'], status: 'pending', expiresAt: Date.now() - 1000 });
  await (await openRegistry(api.stack.nc)).put(recordKey(expired), storedJson(expired));
  let late: ApiResponse | undefined;
  await waitFor(async () => (late = await trusted('POST', '/invitations/inv_expired/accept')).status !== 404, 5000, 'the expired invitation is seen', 50);
  t.equal(expectError(t, late!, 409, 'API_CONFLICT', 'accept an expired invitation')['status'], 'expired');
  t.notOk((await trusted('GET', '/me/invitations')).body.received.some((i: { id: string }) => i.id === 'inv_expired'), 'an expired invitation is not listed as received');

  t.match((await trusted('GET', '/me/children')).body, { items: [{ personId: child.id, relation: 'trusted', scopes: ['passes'], accountId: null }] });
  const passes = await trusted('GET', `/persons/${child.id}/passes?from=${localDay()}&to=${localDay()}`);
  t.equal(passes.status, 200, 'passes are granted');
  t.equal(passes.body.personId, child.id);
  expectError(t, await trusted('GET', `/persons/${child.id}/purchases?from=${localDay()}&to=${localDay()}`), 403, 'API_FORBIDDEN', 'purchases not granted');
  expectError(t, await trusted('GET', `/persons/${child.id}/account`), 403, 'API_FORBIDDEN', 'the account not granted');
  expectError(t, await trusted('POST', '/me/invitations', { personId: child.id, phone: THIRD_PHONE, surname: 'Петров', scopes: ['passes'] }),
    403, 'API_FORBIDDEN', 'a trusted person cannot invite');
  expectError(t, await trusted('PATCH', `/accounts/${child.accountId}`, { dailyLimitKop: 10_000 }), 403, 'API_FORBIDDEN', 'a trusted person cannot set limits');
  t.equal((await parent('PATCH', `/accounts/${child.accountId}`, { dailyLimitKop: 10_000 })).status, 200, 'the parent can');
  const links = (await op('GET', `/persons/${child.id}/guardians`)).body.items as Array<{ relation: string }>;
  t.same(links.map((l) => l.relation).sort(), ['parent', 'trusted'], 'the operator sees parent and trusted person');
});

t.test('guardians - entries and exits from real taps are read back from ClickHouse', async (t) => {
  const provisioned = await op('POST', `/schools/${SCHOOL_A}/devices`, { kind: 'turnstile' });
  t.equal(provisioned.status, 201, 'turnstile provisioned');
  const device = { id: provisioned.body.device.id as string, schoolId: SCHOOL_A, secret: Buffer.from(provisioned.body.secretHex as string, 'hex') };
  const client = await connect(api.gw, device);
  t.teardown(() => client.close());
  const [entry] = await tap(client, [{ seq: 1, uid: childUid, direction: ENTRY }]);
  const [exit] = await tap(client, [{ seq: 2, uid: childUid, direction: EXIT }]);
  t.equal(entry?.verdict, Verdict.VERDICT_ALLOW, 'entry allowed');
  t.equal(exit?.verdict, Verdict.VERDICT_ALLOW, 'exit allowed');
  const path = `/persons/${child.id}/passes?from=${localDay()}&to=${localDay()}`;
  let last: ApiResponse | undefined;
  await waitFor(async () => {
    last = await clientOf('trusted')('GET', path);
    return last.status === 200 && (last.body.items as unknown[]).length >= 2;
  }, HISTORY_WAIT_MS, 'both taps in the history', 250).catch((err: Error) => { throw new Error(`${err.message}; last ${last?.status} ${JSON.stringify(last?.body)}`); });
  t.match(last!.body, { personId: child.id, items: [
    { schoolId: SCHOOL_A, deviceId: device.id, direction: ENTRY, verdict: Verdict.VERDICT_ALLOW },
    { schoolId: SCHOOL_A, deviceId: device.id, direction: EXIT, verdict: Verdict.VERDICT_ALLOW },
  ] });
  t.equal(last!.body.items.length, 2, 'exactly the two taps');
  t.same((await op('GET', path)).body, last!.body, 'the operator reads the same');
  t.same((await clientOf('parent')('GET', `/persons/${sibling.id}/passes?from=${localDay()}&to=${localDay()}`)).status, 404, 'not the sibling\'s');

  const ranges = [
    { name: '92 days', from: localDay(-92), to: localDay() },
    { name: 'to before from', from: localDay(), to: localDay(-1) },
    { name: 'not a calendar date', from: '2025-02-30', to: '2025-03-01' },
  ];
  for (const r of ranges) {
    expectError(t, await op('GET', `/persons/${child.id}/passes?from=${r.from}&to=${r.to}`), 400, 'API_INVALID_REQUEST', r.name);
  }
  t.equal((await op('GET', `/persons/${child.id}/passes?from=${localDay(-91)}&to=${localDay()}`)).status, 200, '92 calendar days inclusive are fine');
  expectError(t, await op('GET', `/persons/${child.id}/passes?from=${localDay()}`), 400, 'API_INVALID_REQUEST', 'to missing');
});

t.test('guardians - revoking an invitation takes the access away at once', async (t) => {
  const revoked = await clientOf('parent')('POST', `/invitations/${ids.invitation}/revoke`);
  t.equal(revoked.status, 200);
  t.match(revoked.body, { id: ids.invitation, status: 'revoked' });
  expectError(t, await clientOf('trusted')('GET', `/persons/${child.id}/passes?from=${localDay()}&to=${localDay()}`), 404, 'API_NOT_FOUND', 'right after the revoke');
  t.same((await clientOf('trusted')('GET', '/me/children')).body, { items: [] }, 'the child is gone from the trusted person\'s list');
  expectError(t, await clientOf('trusted')('POST', `/invitations/${ids.wrongSurname}/revoke`), 404, 'API_NOT_FOUND', 'only the inviter revokes');
  expectError(t, await clientOf('trusted')('POST', `/invitations/${ids.invitation}/accept`), 409, 'API_CONFLICT', 'a revoked invitation cannot be accepted');
});

t.test('guardians - a new invitation accepted replaces the earlier grant; revoking the earlier one keeps the new', async (t) => {
  const parent = clientOf('parent');
  const trusted = clientOf('trusted');
  const first = await parent('POST', '/me/invitations', { personId: child.id, phone: TRUSTED_PHONE, surname: 'петров', scopes: ['passes'] });
  const second = await parent('POST', '/me/invitations', { personId: child.id, phone: TRUSTED_PHONE, surname: 'Петров', scopes: ['passes', 'purchases'] });
  t.equal((await trusted('POST', `/invitations/${first.body.id as string}/accept`)).status, 201, 'first accepted');
  t.equal((await trusted('POST', `/invitations/${second.body.id as string}/accept`)).status, 201, 'second accepted');
  const sent = (await parent('GET', '/me/invitations')).body.sent as Array<{ id: string; status: string }>;
  t.equal(sent.find((i) => i.id === first.body.id)?.status, 'revoked', 'the replaced invitation is closed');
  t.equal(sent.find((i) => i.id === second.body.id)?.status, 'accepted');
  t.equal((await parent('POST', `/invitations/${first.body.id as string}/revoke`)).status, 200, 'revoking the replaced one');
  t.equal((await trusted('GET', `/persons/${child.id}/purchases?from=${localDay()}&to=${localDay()}`)).status, 200, 'the new grant stands');
  t.match((await trusted('GET', '/me/children')).body, { items: [{ personId: child.id, scopes: ['passes', 'purchases'] }] });
  const prefs = { subscriptions: [{ event: 'buffet', channels: ['push'] }], lowBalanceThresholdKop: null, quietHours: null };
  t.equal((await trusted('PUT', `/me/children/${child.id}/preferences`, prefs)).status, 200, 'the trusted person sets own preferences');
  t.same((await trusted('GET', `/me/children/${child.id}/preferences`)).body, { guardianId: ids.trusted, personId: child.id, ...prefs });
});

t.test('guardians - unlinking a parent removes the trusted persons that parent invited', async (t) => {
  const parent = clientOf('parent');
  const trusted = clientOf('trusted');
  const unlinked = await op('DELETE', `/persons/${child.id}/guardians/${ids.parent}`);
  t.equal(unlinked.status, 204);
  t.equal(unlinked.body, null, 'no body');
  t.same((await op('GET', `/persons/${child.id}/guardians`)).body, { items: [] }, 'neither the parent nor the trusted person is linked');
  t.same((await parent('GET', '/me/children')).body, { items: [] });
  t.same((await trusted('GET', '/me/children')).body, { items: [] });
  expectError(t, await trusted('GET', `/persons/${child.id}/passes?from=${localDay()}&to=${localDay()}`), 404, 'API_NOT_FOUND', 'trusted person after the unlink');
  expectError(t, await parent('GET', `/persons/${child.id}/account`), 404, 'API_NOT_FOUND', 'parent after the unlink');
  expectError(t, await op('DELETE', `/persons/${child.id}/guardians/${ids.parent}`), 404, 'API_NOT_FOUND', 'unlink twice');
  const audit = await api.admin('GET', '/audit?limit=5');
  t.match(audit.body.items[0], { action: 'guardianship.unlink', targets: [`guardianship:${ids.parent}.${child.id}`, `guardianship:${ids.trusted}.${child.id}`] },
    'the audit names both links');
  t.equal((await op('POST', `/persons/${child.id}/guardians`, { guardianId: ids.parent })).status, 201, 'linked again');
  t.same((await parent('GET', `/me/children/${child.id}/preferences`)).body, { guardianId: ids.parent, personId: child.id, subscriptions: [], lowBalanceThresholdKop: null, quietHours: null },
    'the preferences went with the old link');
  t.same((await trusted('GET', '/me/children')).body, { items: [] }, 'linking the parent again does not bring the trusted person back');
});
