// Integration: the kindergarten hand-over (protocol v1.3, ADR 0015) against a real nats-server and
// gateway, with a device speaking the protocol. A drop-off and a pick-up write one PassEvent per
// child carrying the adult's ids; an adult without the right to a child is refused with
// ESCORT_NOT_AUTHORISED and recorded; a retransmission gets the original decision (children
// included) and writes nothing; after a SIGKILL (ledger replay) and a SIGTERM (snapshot) presence
// and the remembered decisions are the same.
import { randomBytes } from 'node:crypto';
import t from 'tap';
import type { Decision, DeviceClient } from '../../simulator/device-client.js';
import { startGateway, startStack, type GatewayProcess } from '../helpers/stack.js';
import {
  connect, ENTRY, ErrorCode, EXIT, getJson, ledgerEvents, nextError, PersonKind, readLedger, Reason, tap, Verdict, within,
  type PassEvent, type TestDevice,
} from '../helpers/gateway-fixtures.js';

const ENV = { TAPGATE_GATEWAY_ID: 'gw-handover', TAPGATE_REPEAT_WINDOW_MS: '0' };
const KG = 'kg-7';
const tag = randomBytes(3).toString('hex');
const uid = () => randomBytes(7);
const secret = randomBytes(32);
const gate: TestDevice = { id: 'kg-7-ts-1', schoolId: KG, secret };
const U = { masha: uid(), petya: uid(), other: uid(), mother: uid(), granny: uid(), aunt: uid(), dad: uid() };
const NAMES = { masha: `Сорокина Маша${tag}`, petya: `Сорокин Петя${tag}`, mother: 'Сорокина', motherGiven: `Анна${tag}` };

const doc = {
  schools: [{ id: KG, name: 'Детский сад № 7', timeZone: 'Europe/Moscow', kind: 'kindergarten' },
    { id: 'kg-8', name: 'Детский сад № 8', timeZone: 'Europe/Moscow', kind: 'kindergarten' }],
  devices: [{ id: gate.id, schoolId: KG, kind: 'turnstile', secretHex: secret.toString('hex') }],
  persons: [{ id: 'masha', schoolId: KG, kind: 'pupil', displayName: NAMES.masha, photoRef: 'photo:masha', photoConsent: true },
    { id: 'petya', schoolId: KG, kind: 'pupil', displayName: NAMES.petya },
    { id: 'other', schoolId: 'kg-8', kind: 'pupil', displayName: `Чужой${tag}` }],
  identifiers: [
    { id: 'i-masha', personId: 'masha', kind: 'bracelet', uidHex: U.masha.toString('hex') },
    { id: 'i-petya', personId: 'petya', kind: 'bracelet', uidHex: U.petya.toString('hex') },
    { id: 'i-other', personId: 'other', kind: 'bracelet', uidHex: U.other.toString('hex') },
    { id: 'i-mother', guardianId: 'mother', kind: 'social_card', uidHex: U.mother.toString('hex') },
    { id: 'i-granny', guardianId: 'granny', kind: 'fob', uidHex: U.granny.toString('hex') },
    { id: 'i-aunt', guardianId: 'aunt', kind: 'fob', uidHex: U.aunt.toString('hex') },
    { id: 'i-dad', guardianId: 'dad', kind: 'fob', uidHex: U.dad.toString('hex'), status: 'blocked' }],
  guardians: [{ id: 'mother', phone: '+79160000001', surname: NAMES.mother, givenName: NAMES.motherGiven },
    { id: 'granny', phone: '+79160000002', surname: 'Бабушкина' }, { id: 'aunt', phone: '+79160000003', surname: 'Тётина' },
    { id: 'dad', phone: '+79160000004', surname: 'Сорокин' }],
  guardianships: [
    { id: 'mother.masha', guardianId: 'mother', personId: 'masha', relation: 'parent' },
    { id: 'mother.petya', guardianId: 'mother', personId: 'petya', relation: 'parent' },
    { id: 'dad.masha', guardianId: 'dad', personId: 'masha', relation: 'parent' },
    { id: 'granny.masha', guardianId: 'granny', personId: 'masha', relation: 'trusted', scopes: ['passes', 'pickup'], grantedBy: 'mother.masha' },
    { id: 'aunt.masha', guardianId: 'aunt', personId: 'masha', relation: 'trusted', scopes: ['passes', 'balance'], grantedBy: 'mother.masha' }],
};

const stack = await startStack({ clickhouse: false });
t.teardown(() => stack.stop());
await stack.loadRegistry(doc);
let gw: GatewayProcess = await startGateway(stack, ENV);
t.teardown(() => gw.stop('SIGKILL'));

const OK = Reason.DECISION_REASON_OK;
const NOT_AUTHORISED = Reason.DECISION_REASON_ESCORT_NOT_AUTHORISED;
const pupil = (displayName: string, photoRef = '') => ({ displayName, className: '', photoRef, personKind: PersonKind.PERSON_KIND_PUPIL });
const MASHA = pupil(NAMES.masha, 'photo:masha');
const PETYA = pupil(NAMES.petya);

/** A decision in a plain shape: the adult's display and every child's result. */
function plainHandover(d: Decision): Record<string, unknown> {
  const disp = (x: Decision['display']) => (x == null ? null
    : { displayName: x.displayName ?? '', className: x.className ?? '', photoRef: x.photoRef ?? '', personKind: x.personKind ?? 0 });
  return { seq: Number(d.seq), verdict: d.verdict ?? 0, reason: d.reason ?? 0, replayed: d.replayed === true, adult: disp(d.display),
    children: (d.children ?? []).map((c) => ({ verdict: c.verdict ?? 0, reason: c.reason ?? 0, display: disp(c.display) })) };
}
const child = (reason: number, display: Record<string, unknown> | null) => ({ verdict: reason === OK ? Verdict.VERDICT_ALLOW : Verdict.VERDICT_DENY,
  reason, display });

/** The hand-over fields of a PassEvent. */
function plainEvent(e: PassEvent): Record<string, unknown> {
  return { seq: Number(e.seq), personId: e.personId ?? '', identifierId: e.identifierId ?? '', direction: e.direction ?? 0, verdict: e.verdict ?? 0,
    reason: e.reason ?? 0, escortGuardianId: e.escortGuardianId ?? '', escortIdentifierId: e.escortIdentifierId ?? '',
    escortRelation: e.escortRelation ?? '', escortReason: e.escortReason ?? 0, childIndex: e.childIndex ?? 0, childCount: e.childCount ?? 0 };
}

async function presence(): Promise<unknown> {
  const r = await getJson(`${gw.opsUrl}/v1/presence/${KG}`);
  const b = r.body as Record<string, unknown>;
  return { status: r.status, pupils: b['pupils'], staff: b['staff'] };
}

async function handover(c: DeviceClient, seq: number, adult: Buffer, direction: number, children: Buffer[]): Promise<Record<string, unknown>> {
  const [d] = await tap(c, [{ seq, uid: adult, direction, children }]);
  return plainHandover(d!);
}

const MOTHER = { displayName: `${NAMES.mother} ${NAMES.motherGiven}`, className: '', photoRef: '', personKind: PersonKind.PERSON_KIND_GUARDIAN };
const GRANNY = { displayName: 'Бабушкина', className: '', photoRef: '', personKind: PersonKind.PERSON_KIND_GUARDIAN };
const AUNT = { displayName: 'Тётина', className: '', photoRef: '', personKind: PersonKind.PERSON_KIND_GUARDIAN };
/** Seq 2, the aunt's refused pick-up, as first decided. */
const AUNT_REFUSED = { seq: 2, verdict: Verdict.VERDICT_DENY, reason: NOT_AUTHORISED, replayed: false, adult: AUNT,
  children: [child(NOT_AUTHORISED, MASHA)] };

t.test('handover - drop-off, a refused pick-up and an allowed one: decisions, ledger events and presence', async (t) => {
  const c = await connect(gw, gate);
  t.teardown(() => c.close());
  t.equal(c.welcome?.handoverChildrenMax, 8, 'Welcome announces hand-overs');
  t.same(await handover(c, 1, U.mother, ENTRY, [U.masha, U.petya]), { seq: 1, verdict: Verdict.VERDICT_ALLOW, reason: OK, replayed: false,
    adult: MOTHER, children: [child(OK, MASHA), child(OK, PETYA)] }, 'the mother brings both');
  t.same(await presence(), { status: 200, pupils: 2, staff: 0 });
  t.same(await handover(c, 2, U.aunt, EXIT, [U.masha]), AUNT_REFUSED, 'the aunt has no pickup grant');
  t.same(await presence(), { status: 200, pupils: 2, staff: 0 }, 'a refused pick-up moves nobody');
  t.same(await handover(c, 3, U.granny, EXIT, [U.masha, U.petya]), { seq: 3, verdict: Verdict.VERDICT_ALLOW, reason: OK, replayed: false,
    adult: GRANNY, children: [child(OK, MASHA), child(NOT_AUTHORISED, PETYA)] }, 'the grandmother may collect Маша only');
  t.same(await presence(), { status: 200, pupils: 1, staff: 0 });
  const events = (await ledgerEvents(stack.nc)).filter((e) => e.deviceId === gate.id).map(plainEvent);
  const ev = (seq: number, personId: string, direction: number, reason: number, guardian: string, relation: string, index: number, count: number) => ({
    seq, personId, identifierId: `i-${personId}`, direction, verdict: reason === OK ? Verdict.VERDICT_ALLOW : Verdict.VERDICT_DENY, reason,
    escortGuardianId: guardian, escortIdentifierId: `i-${guardian}`, escortRelation: relation, escortReason: OK, childIndex: index, childCount: count });
  t.same(events, [
    ev(1, 'masha', ENTRY, OK, 'mother', 'parent', 0, 2), ev(1, 'petya', ENTRY, OK, 'mother', 'parent', 1, 2),
    ev(2, 'masha', EXIT, NOT_AUTHORISED, 'aunt', '', 0, 1),
    ev(3, 'masha', EXIT, OK, 'granny', 'trusted', 0, 2), ev(3, 'petya', EXIT, NOT_AUTHORISED, 'granny', '', 1, 2),
  ], 'one PassEvent per child, with the adult\'s ids');
});

t.test('handover - refusals of the adult\'s card and malformed hand-overs', async (t) => {
  const c = await connect(gw, gate);
  t.teardown(() => c.close());
  t.same(await handover(c, 4, U.dad, EXIT, [U.masha]), { seq: 4, verdict: Verdict.VERDICT_DENY, reason: Reason.DECISION_REASON_IDENTIFIER_BLOCKED,
    replayed: false, adult: null, children: [child(NOT_AUTHORISED, MASHA)] }, 'a blocked adult card refuses every child');
  t.same(await handover(c, 5, U.petya, EXIT, [U.masha, U.other, Buffer.from('0badcafe', 'hex')]), { seq: 5, verdict: Verdict.VERDICT_DENY,
    reason: Reason.DECISION_REASON_NOT_AN_ESCORT, replayed: false, adult: null, children: [child(NOT_AUTHORISED, MASHA),
      child(Reason.DECISION_REASON_OTHER_SCHOOL, null), child(Reason.DECISION_REASON_UNKNOWN_IDENTIFIER, null)] }, 'a pupil\'s card is no escort');
  const [alone] = await tap(c, [{ seq: 6, uid: U.mother, direction: ENTRY }]);
  t.same([alone!.verdict, alone!.reason, alone!.display ?? null], [Verdict.VERDICT_DENY, Reason.DECISION_REASON_ESCORT_CARD_ALONE, null]);
  const events = (await ledgerEvents(stack.nc)).filter((e) => e.deviceId === gate.id && Number(e.seq) >= 4).map(plainEvent);
  t.same(events.map((e) => [e['seq'], e['personId'], e['reason'], e['escortGuardianId'], e['escortReason'], e['childIndex'], e['childCount']]), [
    [4, 'masha', NOT_AUTHORISED, 'dad', Reason.DECISION_REASON_IDENTIFIER_BLOCKED, 0, 1],
    [5, 'masha', NOT_AUTHORISED, '', Reason.DECISION_REASON_NOT_AN_ESCORT, 0, 3],
    [5, 'other', Reason.DECISION_REASON_OTHER_SCHOOL, '', Reason.DECISION_REASON_NOT_AN_ESCORT, 1, 3],
    [5, '', Reason.DECISION_REASON_UNKNOWN_IDENTIFIER, '', Reason.DECISION_REASON_NOT_AN_ESCORT, 2, 3],
    [6, '', Reason.DECISION_REASON_ESCORT_CARD_ALONE, '', 0, 0, 0],
  ], 'refused hand-overs are recorded too; the adult alone is an ordinary refused tap');
  const invalid: Array<[string, Buffer[]]> = [
    ['nine children', Array.from({ length: 9 }, uid)],
    ['a child twice', [U.masha, U.masha]],
    ['the adult\'s own card as a child', [U.masha, U.mother]],
    ['a 3-byte child UID', [Buffer.of(1, 2, 3)]],
  ];
  for (const [why, children] of invalid) {
    c.sendFrame({ taps: { taps: [{ seq: 7, cardUid: U.mother, direction: EXIT, deviceTimeMs: Date.now(), childUids: children }] } });
    const e = await nextError(c);
    t.same([e.code, Number(e.seq), e.tapIndex ?? 0], [ErrorCode.ERROR_CODE_INVALID_TAP, 7, 0], why);
  }
});

t.test('handover - a retransmission gets the original decision with its children and writes nothing', async (t) => {
  const c = await connect(gw, gate);
  t.teardown(() => c.close());
  const before = (await ledgerEvents(stack.nc)).length;
  t.same(await handover(c, 2, U.aunt, EXIT, [U.masha]), { ...AUNT_REFUSED, replayed: true });
  t.equal((await ledgerEvents(stack.nc)).length, before, 'no new event');
});

for (const how of ['SIGKILL', 'SIGTERM'] as const) {
  t.test(`handover - after a ${how} restart presence and the remembered hand-overs are the same`, async (t) => {
    await within(gw.stop(how), 20_000, 'gateway exit');
    gw = await startGateway(stack, ENV);
    const rebuilt = await gw.waitForLog((l) => l['msg'] === 'ledger replayed');
    t.equal(rebuilt['snapshotStreamSeq'] === null, how === 'SIGKILL', how === 'SIGKILL' ? 'rebuilt by replaying the ledger' : 'rebuilt from the stop\'s snapshot');
    t.same(await presence(), { status: 200, pupils: 1, staff: 0 }, 'Петя is still inside');
    const c = await connect(gw, gate);
    t.teardown(() => c.close());
    t.same(await handover(c, 2, U.aunt, EXIT, [U.masha]), { ...AUNT_REFUSED, replayed: true }, 'seq 2 as first decided');
    const [three] = await tap(c, [{ seq: 3, uid: U.granny, direction: EXIT, children: [U.masha, U.petya] }]);
    t.same(plainHandover(three!).children, [child(OK, MASHA), child(NOT_AUTHORISED, PETYA)], 'seq 3 with both children');
  });
}

t.test('handover - the mother collects Петя after the restarts: nobody is left inside', async (t) => {
  const c = await connect(gw, gate);
  t.teardown(() => c.close());
  t.same(await handover(c, 8, U.mother, EXIT, [U.petya]), { seq: 8, verdict: Verdict.VERDICT_ALLOW, reason: OK, replayed: false,
    adult: MOTHER, children: [child(OK, PETYA)] });
  t.same(await presence(), { status: 200, pupils: 0, staff: 0 });
});

t.test('handover - the ledger holds ids only: no adult\'s or child\'s name, no UID', async (t) => {
  const bytes = Buffer.concat((await readLedger(stack.nc)).map((m) => Buffer.from(m.data)));
  const names = [NAMES.masha, NAMES.petya, NAMES.mother, NAMES.motherGiven, 'Бабушкина', 'Тётина'];
  const needles = [...Object.values(U), ...Object.values(U).map((u) => Buffer.from(u.toString('hex'))), ...names.map((n) => Buffer.from(n, 'utf8'))];
  t.same(needles.filter((n) => bytes.includes(n)).length, 0, `${bytes.length} ledger bytes searched for ${needles.length} needles`);
});
