// RegistryIndex: puts, deletes, the UID index following an identifier whose UID changes, and
// KV values applied as JSON.
import t from 'tap';
import { parseRecord, RegistryIndex, type RecordKind } from '../../core/index.js';

const SECRET = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

function put(r: RegistryIndex, kind: RecordKind, raw: Record<string, unknown>): void {
  const record = parseRecord(kind, raw);
  r.apply(kind, record.value.id, record);
}
const identifier = (id: string, uidHex: string, extra: Record<string, unknown> = {}) => ({ id, personId: 'p1', kind: 'fob', uidHex, ...extra });

t.test('registry-index - puts and lookups', async (t) => {
  const r = new RegistryIndex();
  put(r, 'school', { id: 's1', name: 'S', timeZone: 'UTC' });
  put(r, 'device', { id: 'd1', schoolId: 's1', kind: 'turnstile', secretHex: SECRET });
  put(r, 'person', { id: 'p1', schoolId: 's1', kind: 'pupil', displayName: 'P' });
  put(r, 'identifier', identifier('i1', '01020304'));
  t.equal(r.schools.get('s1')?.timeZone, 'UTC');
  t.equal(r.devices.get('d1')?.kind, 'turnstile');
  t.equal(r.persons.get('p1')?.displayName, 'P');
  t.equal(r.identifiers.get('i1')?.uidHex, '01020304');
  t.equal(r.identifierByUid('01020304')?.id, 'i1');
  t.equal(r.identifierByUid('05060708'), undefined);
  t.equal(r.changes, 4);
});

t.test('registry-index - the UID index follows changes', async (t) => {
  const steps: Array<{ name: string; apply: (r: RegistryIndex) => void; uids: Record<string, string | undefined> }> = [
    { name: 'i1 issued', apply: (r) => put(r, 'identifier', identifier('i1', 'aaaaaaaa')), uids: { aaaaaaaa: 'i1', bbbbbbbb: undefined } },
    { name: 'i1 re-keyed to a new UID', apply: (r) => put(r, 'identifier', identifier('i1', 'bbbbbbbb')), uids: { aaaaaaaa: undefined, bbbbbbbb: 'i1' } },
    { name: 'i1 blocked, same UID', apply: (r) => put(r, 'identifier', identifier('i1', 'bbbbbbbb', { status: 'blocked' })), uids: { aaaaaaaa: undefined, bbbbbbbb: 'i1' } },
    { name: 'i2 takes the freed UID', apply: (r) => put(r, 'identifier', identifier('i2', 'aaaaaaaa')), uids: { aaaaaaaa: 'i2', bbbbbbbb: 'i1' } },
    { name: 'i1 deleted', apply: (r) => r.apply('identifier', 'i1', null), uids: { aaaaaaaa: 'i2', bbbbbbbb: undefined } },
    { name: 'deleting a missing identifier is harmless', apply: (r) => r.apply('identifier', 'i1', null), uids: { aaaaaaaa: 'i2', bbbbbbbb: undefined } },
    // Out-of-order KV changes: i3 briefly shares i2's UID; i2 moving away must not drop i3.
    { name: 'i3 put with the same UID wins the index', apply: (r) => put(r, 'identifier', identifier('i3', 'aaaaaaaa')), uids: { aaaaaaaa: 'i3' } },
    { name: 'i2 moves away and i3 keeps its UID', apply: (r) => put(r, 'identifier', identifier('i2', 'cccccccc')), uids: { aaaaaaaa: 'i3', cccccccc: 'i2' } },
    { name: 'i2 deleted, i3 untouched', apply: (r) => r.apply('identifier', 'i2', null), uids: { aaaaaaaa: 'i3', cccccccc: undefined } },
  ];
  const r = new RegistryIndex();
  for (const step of steps) {
    step.apply(r);
    for (const [uid, id] of Object.entries(step.uids)) t.equal(r.identifierByUid(uid)?.id, id, `${step.name}: ${uid}`);
  }
  t.equal(r.identifierByUid('bbbbbbbb'), undefined);
  t.same([...r.identifiers.keys()], ['i3']);
  t.equal(r.changes, steps.length);
  t.equal(r.identifierByUid('aaaaaaaa')?.status, 'active');
});

t.test('registry-index - the looked-up identifier is the latest version', async (t) => {
  const r = new RegistryIndex();
  put(r, 'identifier', identifier('i1', 'aaaaaaaa'));
  put(r, 'identifier', identifier('i1', 'aaaaaaaa', { status: 'blocked' }));
  t.equal(r.identifierByUid('aaaaaaaa')?.status, 'blocked');
});

t.test('registry-index - deletes of every kind', async (t) => {
  const r = new RegistryIndex();
  put(r, 'school', { id: 's1', name: 'S', timeZone: 'UTC' });
  put(r, 'device', { id: 'd1', schoolId: 's1', kind: 'pos', secretHex: SECRET });
  put(r, 'person', { id: 'p1', schoolId: 's1', kind: 'pupil', displayName: 'P' });
  for (const [kind, id] of [['school', 's1'], ['device', 'd1'], ['person', 'p1']] as const) r.apply(kind, id, null);
  t.same([r.schools.size, r.devices.size, r.persons.size], [0, 0, 0]);
});

t.test('registry-index - applyJson', async (t) => {
  const r = new RegistryIndex();
  r.applyJson('identifier', 'i1', JSON.stringify(identifier('i1', 'DEADBEEF')));
  t.equal(r.identifierByUid('deadbeef')?.id, 'i1');
  r.applyJson('identifier', 'i1', null);
  t.equal(r.identifierByUid('deadbeef'), undefined);
  t.throws(() => r.applyJson('identifier', 'i2', JSON.stringify(identifier('i2', '0102'))), { code: 'REGISTRY_INVALID_RECORD' });
  t.throws(() => r.applyJson('identifier', 'i2', '{'), SyntaxError);
  t.notOk(r.identifiers.has('i2'), 'an invalid value changes nothing');
  t.throws(() => r.applyJson('school', 's1', '{"id":"s1","name":"S","timeZone":"Nowhere"}'), { name: 'TapgateError', code: 'REGISTRY_INVALID_RECORD', message: 'school s1: timeZone "Nowhere" is not an IANA time zone' });
  t.equal(r.schools.size, 0);
  t.equal(r.changes, 2, 'refused values are not counted as changes');
});
