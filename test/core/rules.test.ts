// decideStatic: every reason the registry alone can give, the boundary of expiry, and the order
// in which the checks run (the first failing check is the reason).
import t from 'tap';
import {
  decideStatic, parseRecord, personKindOf, PersonKind, Reason, RegistryIndex, Verdict, verdictOf,
  type Device, type RecordKind,
} from '../../core/index.js';

const SECRET = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const EXPIRES_MS = Date.UTC(2025, 8, 1, 9, 0, 0);
const NOW_MS = Date.UTC(2025, 8, 1, 8, 0, 0);

function put(index: RegistryIndex, kind: RecordKind, raw: Record<string, unknown>): void {
  const record = parseRecord(kind, raw);
  index.apply(kind, record.value.id, record);
}

function fixture(): RegistryIndex {
  const r = new RegistryIndex();
  put(r, 'school', { id: 's1', name: 'School 1', timeZone: 'Europe/Moscow' });
  put(r, 'school', { id: 's2', name: 'School 2', timeZone: 'Asia/Vladivostok' });
  put(r, 'device', { id: 'gate', schoolId: 's1', kind: 'turnstile', secretHex: SECRET });
  put(r, 'device', { id: 'staffdoor', schoolId: 's1', kind: 'turnstile', secretHex: SECRET, allowedPersonKinds: ['staff'] });
  put(r, 'person', { id: 'pupil1', schoolId: 's1', kind: 'pupil', displayName: 'Pupil One', className: '5A' });
  put(r, 'person', { id: 'staff1', schoolId: 's1', kind: 'staff', displayName: 'Staff One' });
  put(r, 'person', { id: 'other1', schoolId: 's2', kind: 'pupil', displayName: 'Other Pupil' });
  const ident = (id: string, uidHex: string, personId: string, extra: Record<string, unknown> = {}) =>
    put(r, 'identifier', { id, uidHex, personId, kind: 'social_card', ...extra });
  ident('ok', '01000001', 'pupil1');
  ident('staffcard', '01000002', 'staff1');
  ident('blocked', '01000003', 'pupil1', { status: 'blocked' });
  ident('temp', '01000004', 'pupil1', { kind: 'temporary', expiresAt: EXPIRES_MS });
  ident('ghost', '01000005', 'nobody');
  ident('othercard', '01000006', 'other1');
  ident('cased', 'ABCDEF01', 'pupil1');
  // Several failing checks at once: the earliest in the documented order wins.
  ident('blocked-expired', '02000001', 'nobody', { status: 'blocked', kind: 'temporary', expiresAt: EXPIRES_MS - 1 });
  ident('expired-ghost', '02000002', 'nobody', { kind: 'temporary', expiresAt: EXPIRES_MS - 1 });
  ident('ghost-expires-later', '02000003', 'nobody', { kind: 'temporary', expiresAt: EXPIRES_MS });
  return r;
}

const registry = fixture();
const gate = registry.devices.get('gate')!;
const staffDoor = registry.devices.get('staffdoor')!;

interface Case {
  readonly name: string; readonly device: Device; readonly uid: string; readonly nowMs: number;
  readonly reason: number; readonly identifierId: string | undefined; readonly personId: string | undefined;
}

const cases: Case[] = [
  { name: 'unregistered UID', device: gate, uid: 'ffffffff', nowMs: NOW_MS, reason: Reason.DECISION_REASON_UNKNOWN_IDENTIFIER, identifierId: undefined, personId: undefined },
  { name: 'UIDs are stored lower case', device: gate, uid: 'abcdef01', nowMs: NOW_MS, reason: Reason.DECISION_REASON_OK, identifierId: 'cased', personId: 'pupil1' },
  { name: 'UID lookup is exact (workers pass lower-case hex)', device: gate, uid: 'ABCDEF01', nowMs: NOW_MS, reason: Reason.DECISION_REASON_UNKNOWN_IDENTIFIER, identifierId: undefined, personId: undefined },
  { name: 'blocked identifier', device: gate, uid: '01000003', nowMs: NOW_MS, reason: Reason.DECISION_REASON_IDENTIFIER_BLOCKED, identifierId: 'blocked', personId: undefined },
  { name: 'temporary card 1 ms before expiry', device: gate, uid: '01000004', nowMs: EXPIRES_MS - 1, reason: Reason.DECISION_REASON_OK, identifierId: 'temp', personId: 'pupil1' },
  { name: 'temporary card exactly at expiry', device: gate, uid: '01000004', nowMs: EXPIRES_MS, reason: Reason.DECISION_REASON_IDENTIFIER_EXPIRED, identifierId: 'temp', personId: undefined },
  { name: 'temporary card after expiry', device: gate, uid: '01000004', nowMs: EXPIRES_MS + 86_400_000, reason: Reason.DECISION_REASON_IDENTIFIER_EXPIRED, identifierId: 'temp', personId: undefined },
  { name: 'identifier of a person not in the registry', device: gate, uid: '01000005', nowMs: NOW_MS, reason: Reason.DECISION_REASON_UNKNOWN_IDENTIFIER, identifierId: undefined, personId: undefined },
  { name: 'pupil of another school', device: gate, uid: '01000006', nowMs: NOW_MS, reason: Reason.DECISION_REASON_OTHER_SCHOOL, identifierId: 'othercard', personId: undefined },
  { name: 'pupil at a staff-only door', device: staffDoor, uid: '01000001', nowMs: NOW_MS, reason: Reason.DECISION_REASON_NOT_ALLOWED_AT_DEVICE, identifierId: 'ok', personId: 'pupil1' },
  { name: 'staff at a staff-only door', device: staffDoor, uid: '01000002', nowMs: NOW_MS, reason: Reason.DECISION_REASON_OK, identifierId: 'staffcard', personId: 'staff1' },
  { name: 'pupil at the main gate', device: gate, uid: '01000001', nowMs: NOW_MS, reason: Reason.DECISION_REASON_OK, identifierId: 'ok', personId: 'pupil1' },
  { name: 'staff at the main gate', device: gate, uid: '01000002', nowMs: NOW_MS, reason: Reason.DECISION_REASON_OK, identifierId: 'staffcard', personId: 'staff1' },
  // Order of checks.
  { name: 'blocked is checked before expired', device: gate, uid: '02000001', nowMs: NOW_MS + 3_600_000, reason: Reason.DECISION_REASON_IDENTIFIER_BLOCKED, identifierId: 'blocked-expired', personId: undefined },
  { name: 'expired is checked before the person', device: gate, uid: '02000002', nowMs: NOW_MS + 3_600_000, reason: Reason.DECISION_REASON_IDENTIFIER_EXPIRED, identifierId: 'expired-ghost', personId: undefined },
  { name: 'unknown person once not expired', device: gate, uid: '02000003', nowMs: EXPIRES_MS - 1, reason: Reason.DECISION_REASON_UNKNOWN_IDENTIFIER, identifierId: undefined, personId: undefined },
  { name: 'other school is checked before the device kinds', device: staffDoor, uid: '01000006', nowMs: NOW_MS, reason: Reason.DECISION_REASON_OTHER_SCHOOL, identifierId: 'othercard', personId: undefined },
];

t.test('rules - decideStatic reasons, boundaries and order', async (t) => {
  for (const c of cases) {
    const out = decideStatic(registry, c.device, c.uid, c.nowMs);
    t.equal(out.reason, c.reason, `${c.name}: reason`);
    t.equal(out.identifier?.id, c.identifierId, `${c.name}: identifier`);
    t.equal(out.person?.id, c.personId, `${c.name}: person`);
  }
});

t.test('rules - a registry change takes effect on the next decision', async (t) => {
  const r = fixture();
  t.equal(decideStatic(r, gate, '01000001', NOW_MS).reason, Reason.DECISION_REASON_OK);
  put(r, 'identifier', { id: 'ok', uidHex: '01000001', personId: 'pupil1', kind: 'social_card', status: 'blocked' });
  t.equal(decideStatic(r, gate, '01000001', NOW_MS).reason, Reason.DECISION_REASON_IDENTIFIER_BLOCKED);
  r.apply('identifier', 'ok', null);
  t.equal(decideStatic(r, gate, '01000001', NOW_MS).reason, Reason.DECISION_REASON_UNKNOWN_IDENTIFIER);
});

t.test('rules - verdictOf allows only OK', async (t) => {
  const reasons: Array<[number, number]> = [
    [Reason.DECISION_REASON_UNSPECIFIED, Verdict.VERDICT_DENY],
    [Reason.DECISION_REASON_OK, Verdict.VERDICT_ALLOW],
    [Reason.DECISION_REASON_UNKNOWN_IDENTIFIER, Verdict.VERDICT_DENY],
    [Reason.DECISION_REASON_IDENTIFIER_BLOCKED, Verdict.VERDICT_DENY],
    [Reason.DECISION_REASON_IDENTIFIER_EXPIRED, Verdict.VERDICT_DENY],
    [Reason.DECISION_REASON_OTHER_SCHOOL, Verdict.VERDICT_DENY],
    [Reason.DECISION_REASON_NOT_ALLOWED_AT_DEVICE, Verdict.VERDICT_DENY],
    [Reason.DECISION_REASON_REPEATED_TAP, Verdict.VERDICT_DENY],
  ];
  for (const [reason, verdict] of reasons) t.equal(verdictOf(reason), verdict, `reason ${reason}`);
});

t.test('rules - personKindOf maps the registry kind to the protocol enum', async (t) => {
  t.equal(personKindOf(registry.persons.get('pupil1')!), PersonKind.PERSON_KIND_PUPIL);
  t.equal(personKindOf(registry.persons.get('staff1')!), PersonKind.PERSON_KIND_STAFF);
});
