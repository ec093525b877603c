// The kindergarten hand-over rules (core/handover.ts, ADR 0015): the adult's card, each child's
// card, who may bring or collect which child (parent; trusted person only with `pickup`), the
// same child named twice, and the reason of the tap as a whole. Table-driven, exact reasons.
import t from 'tap';
import {
  childCard, decideStatic, escortCard, escortRelation, handoverReasons, handoverTapReason, parseRecord, Reason, RegistryIndex,
  type Device, type RecordKind,
} from '../../core/index.js';

const SECRET = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const NOW_MS = Date.UTC(2025, 8, 1, 14, 0, 0);
const R = Reason;

function put(index: RegistryIndex, kind: RecordKind, raw: Record<string, unknown>): void {
  const record = parseRecord(kind, raw);
  index.apply(kind, record.value.id, record);
}

/** A kindergarten with Маша (m) and Петя (p); Маша's mother, a grandmother with pickup, an aunt without, a stranger. */
function fixture(): RegistryIndex {
  const r = new RegistryIndex();
  put(r, 'school', { id: 'kg1', name: 'Детский сад 1', timeZone: 'Europe/Moscow', kind: 'kindergarten' });
  put(r, 'school', { id: 'kg2', name: 'Детский сад 2', timeZone: 'Europe/Moscow', kind: 'kindergarten' });
  put(r, 'device', { id: 'gate', schoolId: 'kg1', kind: 'turnstile', secretHex: SECRET });
  put(r, 'device', { id: 'till', schoolId: 'kg1', kind: 'pos', secretHex: SECRET });
  for (const [id, schoolId, kind] of [['m', 'kg1', 'pupil'], ['p', 'kg1', 'pupil'], ['x', 'kg2', 'pupil'], ['nanny', 'kg1', 'staff']] as const) {
    put(r, 'person', { id, schoolId, kind, displayName: `Person ${id}` });
  }
  for (const id of ['mother', 'granny', 'aunt', 'stranger', 'blockedmum', 'tempdad']) put(r, 'guardian', { id, phone: '+79161234567', surname: id });
  put(r, 'guardianship', { id: 'mother.m', guardianId: 'mother', personId: 'm', relation: 'parent' });
  put(r, 'guardianship', { id: 'mother.p', guardianId: 'mother', personId: 'p', relation: 'parent' });
  put(r, 'guardianship', { id: 'mother.x', guardianId: 'mother', personId: 'x', relation: 'parent' });
  put(r, 'guardianship', { id: 'granny.m', guardianId: 'granny', personId: 'm', relation: 'trusted', scopes: ['passes', 'pickup'], grantedBy: 'mother.m' });
  put(r, 'guardianship', { id: 'aunt.m', guardianId: 'aunt', personId: 'm', relation: 'trusted', scopes: ['passes', 'purchases', 'balance'], grantedBy: 'mother.m' });
  put(r, 'guardianship', { id: 'blockedmum.m', guardianId: 'blockedmum', personId: 'm', relation: 'parent' });
  const card = (id: string, uidHex: string, holder: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    put(r, 'identifier', { id, uidHex, kind: 'social_card', ...holder, ...extra });
  card('c-mother', 'a0000001', { guardianId: 'mother' });
  card('c-granny', 'a0000002', { guardianId: 'granny' });
  card('c-aunt', 'a0000003', { guardianId: 'aunt' });
  card('c-stranger', 'a0000004', { guardianId: 'stranger' });
  card('c-blockedmum', 'a0000005', { guardianId: 'blockedmum' }, { status: 'blocked' });
  card('c-tempdad', 'a0000006', { guardianId: 'tempdad' }, { kind: 'temporary', expiresAt: NOW_MS });
  card('c-ghostadult', 'a0000007', { guardianId: 'gone' });
  card('c-m', 'b0000001', { personId: 'm' }, { kind: 'bracelet' });
  card('c-p', 'b0000002', { personId: 'p' }, { kind: 'bracelet' });
  card('c-m2', 'b0000003', { personId: 'm' }, { kind: 'fob' });
  card('c-x', 'b0000004', { personId: 'x' });
  card('c-nanny', 'b0000005', { personId: 'nanny' });
  card('c-pblocked', 'b0000006', { personId: 'p' }, { status: 'blocked' });
  return r;
}

const reg = fixture();
const gate = reg.devices.get('gate') as Device;

t.test('handover - the adult\'s card: accepted only when it is a guardian\'s, active and not expired', async (t) => {
  const rows: Array<[string, number, string, string]> = [
    ['a0000001', R.DECISION_REASON_OK, 'c-mother', 'mother'],
    ['a0000005', R.DECISION_REASON_IDENTIFIER_BLOCKED, 'c-blockedmum', 'blockedmum'],
    ['a0000006', R.DECISION_REASON_IDENTIFIER_EXPIRED, 'c-tempdad', 'tempdad'],
    ['ffffffff', R.DECISION_REASON_UNKNOWN_IDENTIFIER, '', ''],
    ['b0000001', R.DECISION_REASON_NOT_AN_ESCORT, 'c-m', ''],
    ['b0000005', R.DECISION_REASON_NOT_AN_ESCORT, 'c-nanny', ''],
  ];
  for (const [uid, reason, identifierId, guardianId] of rows) {
    const o = escortCard(reg, uid, NOW_MS);
    t.same([o.reason, o.identifier?.id ?? '', o.guardianId], [reason, identifierId, guardianId], uid);
  }
});

t.test('handover - a child\'s card: the ordinary checks, then NOT_A_CHILD for an adult\'s or staff card', async (t) => {
  const rows: Array<[string, number, string]> = [
    ['b0000001', R.DECISION_REASON_OK, 'm'],
    ['b0000004', R.DECISION_REASON_OTHER_SCHOOL, ''],
    ['b0000006', R.DECISION_REASON_IDENTIFIER_BLOCKED, ''],
    ['fffffffe', R.DECISION_REASON_UNKNOWN_IDENTIFIER, ''],
    ['b0000005', R.DECISION_REASON_NOT_A_CHILD, 'nanny'],
    ['a0000001', R.DECISION_REASON_NOT_A_CHILD, ''],
  ];
  for (const [uid, reason, personId] of rows) {
    const o = childCard(reg, gate, uid, NOW_MS);
    t.same([o.reason, o.person?.id ?? ''], [reason, personId], uid);
  }
});

t.test('handover - a guardian\'s card as an ordinary tap opens nothing', async (t) => {
  t.equal(decideStatic(reg, gate, 'a0000001', NOW_MS).reason, R.DECISION_REASON_ESCORT_CARD_ALONE, 'turnstile');
  t.equal(decideStatic(reg, reg.devices.get('till')!, 'a0000001', NOW_MS).reason, R.DECISION_REASON_NOT_ALLOWED_AT_DEVICE, 'POS');
  t.equal(decideStatic(reg, gate, 'a0000005', NOW_MS).reason, R.DECISION_REASON_IDENTIFIER_BLOCKED, 'a blocked one is blocked first');
});

t.test('handover - who may hand over whom: parent yes, trusted only with pickup, nobody else', async (t) => {
  const rows: Array<[string, string, string | null]> = [
    ['mother', 'm', 'parent'], ['mother', 'p', 'parent'], ['granny', 'm', 'trusted'],
    ['granny', 'p', null], ['aunt', 'm', null], ['stranger', 'm', null], ['nobody', 'm', null],
  ];
  for (const [g, p, relation] of rows) t.equal(escortRelation(reg, g, p), relation, `${g} -> ${p}`);
});

const ok = (personId: string) => ({ reason: R.DECISION_REASON_OK, personId });

t.test('handover - the rule per child, in order: own card, escort, same child twice', async (t) => {
  const cases: Array<[string, number, string, Array<{ reason: number; personId: string }>, number, Array<[number, string]>]> = [
    ['a parent with both children', R.DECISION_REASON_OK, 'mother', [ok('m'), ok('p')], R.DECISION_REASON_OK,
      [[R.DECISION_REASON_OK, 'parent'], [R.DECISION_REASON_OK, 'parent']]],
    ['a trusted person with pickup: only her child', R.DECISION_REASON_OK, 'granny', [ok('m'), ok('p')], R.DECISION_REASON_OK,
      [[R.DECISION_REASON_OK, 'trusted'], [R.DECISION_REASON_ESCORT_NOT_AUTHORISED, '']]],
    ['a trusted person without pickup', R.DECISION_REASON_OK, 'aunt', [ok('m')], R.DECISION_REASON_OK,
      [[R.DECISION_REASON_ESCORT_NOT_AUTHORISED, '']]],
    ['a stranger', R.DECISION_REASON_OK, 'stranger', [ok('m')], R.DECISION_REASON_OK, [[R.DECISION_REASON_ESCORT_NOT_AUTHORISED, '']]],
    ['an adult whose guardian record is gone', R.DECISION_REASON_OK, 'gone', [ok('m')], R.DECISION_REASON_UNKNOWN_IDENTIFIER,
      [[R.DECISION_REASON_ESCORT_NOT_AUTHORISED, '']]],
    ['a blocked adult card: every child refused, own card reasons first', R.DECISION_REASON_IDENTIFIER_BLOCKED, 'blockedmum',
      [ok('m'), { reason: R.DECISION_REASON_UNKNOWN_IDENTIFIER, personId: '' }], R.DECISION_REASON_IDENTIFIER_BLOCKED,
      [[R.DECISION_REASON_ESCORT_NOT_AUTHORISED, ''], [R.DECISION_REASON_UNKNOWN_IDENTIFIER, '']]],
    ['a child of another school, an unknown child uid', R.DECISION_REASON_OK, 'mother',
      [{ reason: R.DECISION_REASON_OTHER_SCHOOL, personId: 'x' }, { reason: R.DECISION_REASON_UNKNOWN_IDENTIFIER, personId: '' }],
      R.DECISION_REASON_OK, [[R.DECISION_REASON_OTHER_SCHOOL, ''], [R.DECISION_REASON_UNKNOWN_IDENTIFIER, '']]],
    ['the same child twice (two of its cards)', R.DECISION_REASON_OK, 'mother', [ok('m'), ok('m')], R.DECISION_REASON_OK,
      [[R.DECISION_REASON_OK, 'parent'], [R.DECISION_REASON_REPEATED_TAP, 'parent']]],
    ['a child removed from the registry since the worker looked', R.DECISION_REASON_OK, 'mother', [ok('gone-child')], R.DECISION_REASON_OK,
      [[R.DECISION_REASON_UNKNOWN_IDENTIFIER, '']]],
  ];
  for (const [name, escortReason, guardianId, children, wantEscort, want] of cases) {
    const r = handoverReasons(reg, escortReason, guardianId, children);
    t.same({ escort: r.escortReason, children: r.children.map((c) => [c.reason, c.relation]) }, { escort: wantEscort, children: want }, name);
  }
});

t.test('handover - the tap as a whole: the adult\'s refusal, else OK if any child passes, else the first child\'s reason', async (t) => {
  const rows: Array<[number, number[], number]> = [
    [R.DECISION_REASON_IDENTIFIER_BLOCKED, [R.DECISION_REASON_ESCORT_NOT_AUTHORISED], R.DECISION_REASON_IDENTIFIER_BLOCKED],
    [R.DECISION_REASON_OK, [R.DECISION_REASON_ESCORT_NOT_AUTHORISED, R.DECISION_REASON_OK], R.DECISION_REASON_OK],
    [R.DECISION_REASON_OK, [R.DECISION_REASON_ESCORT_NOT_AUTHORISED, R.DECISION_REASON_REPEATED_TAP], R.DECISION_REASON_ESCORT_NOT_AUTHORISED],
    [R.DECISION_REASON_OK, [R.DECISION_REASON_NOT_A_CHILD], R.DECISION_REASON_NOT_A_CHILD],
  ];
  for (const [escort, children, want] of rows) t.equal(handoverTapReason(escort, children), want, `${escort} ${children.join(',')}`);
});

t.test('handover - registry: an identifier has exactly one holder, and pickup is a grant scope', async (t) => {
  const err = (raw: Record<string, unknown>) => {
    try { parseRecord('identifier', raw); return null; } catch (e) { return [(e as { code: string }).code, (e as Error).message]; }
  };
  t.same(err({ id: 'i1', uidHex: '01020304', kind: 'fob', personId: 'p', guardianId: 'g' }),
    ['REGISTRY_INVALID_RECORD', 'identifier i1: exactly one of personId and guardianId must be set (an identifier is a person\'s or a guardian\'s)']);
  t.same(err({ id: 'i1', uidHex: '01020304', kind: 'fob' }),
    ['REGISTRY_INVALID_RECORD', 'identifier i1: exactly one of personId and guardianId must be set (an identifier is a person\'s or a guardian\'s)']);
  t.same(parseRecord('identifier', { id: 'i1', uidHex: '01020304', kind: 'fob', guardianId: 'g' }).value,
    { id: 'i1', personId: '', guardianId: 'g', kind: 'fob', uidHex: '01020304', status: 'active', expiresAtMs: null });
  const parent = parseRecord('guardianship', { id: 'l', guardianId: 'g', personId: 'p', relation: 'parent' });
  t.same(parent.kind === 'guardianship' ? parent.value.scopes : null,
    ['passes', 'purchases', 'balance', 'pickup'], 'a parent has every scope, pickup included');
  t.same(reg.identifiersOfGuardianId('mother').map((i) => i.id), ['c-mother']);
  t.same(reg.identifiersOfPerson('m').map((i) => i.id).sort(), ['c-m', 'c-m2']);
  t.equal(reg.identifierByUid('a0000002')?.guardianId, 'granny', 'one UID index finds a guardian\'s card');
});
