// Registry files: JSON sections, RFC 4180 CSV (quotes, "" escapes, commas, CRLF, BOM), refusals
// with their exact codes and locations, and the whole-file checks (duplicate ids and UIDs,
// dangling references).
import t from 'tap';
import {
  checkRegistryRecords, parseCsv, parseRecord, parseRegistryCsv, parseRegistryJson, TapgateError,
  type ErrorCode, type RecordKind, type RegistryRecord,
} from '../../core/index.js';

const SECRET = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

function codeOf(fn: () => unknown): { code: ErrorCode; message: string; details: unknown } | 'no error' {
  try { fn(); return 'no error'; } catch (err) {
    if (!(err instanceof TapgateError)) throw err;
    return { code: err.code, message: err.message, details: err.details };
  }
}

const rec = (kind: RecordKind, raw: Record<string, unknown>): RegistryRecord => parseRecord(kind, raw);
const school = (id: string) => rec('school', { id, name: id, timeZone: 'Europe/Moscow' });
const device = (id: string, schoolId: string) => rec('device', { id, schoolId, kind: 'turnstile', secretHex: SECRET });
const person = (id: string, schoolId: string) => rec('person', { id, schoolId, kind: 'pupil', displayName: id });
const ident = (id: string, personId: string, uidHex: string) => rec('identifier', { id, personId, kind: 'fob', uidHex });

t.test('registry-file - JSON with all sections', async (t) => {
  const text = JSON.stringify({
    schools: [{ id: 's1', name: 'School 1', timeZone: 'Europe/Moscow' }],
    devices: [{ id: 'd1', schoolId: 's1', kind: 'pos', secretHex: SECRET, allowedPersonKinds: ['pupil'] }],
    persons: [{ id: 'p1', schoolId: 's1', kind: 'staff', displayName: 'Staff One' }],
    identifiers: [{ id: 'i1', personId: 'p1', kind: 'temporary', uidHex: 'A0B0C0D0', expiresAt: '2025-09-01T00:00:00Z' }],
  });
  const records = parseRegistryJson(text);
  t.same(records.map((r) => `${r.kind}.${r.value.id}`), ['school.s1', 'device.d1', 'person.p1', 'identifier.i1']);
  t.same(records[3], { kind: 'identifier', value: { id: 'i1', personId: 'p1', kind: 'temporary', uidHex: 'a0b0c0d0', status: 'active', expiresAtMs: Date.UTC(2025, 8, 1) } });
  t.same(parseRegistryJson('{}'), []);
  t.same(parseRegistryJson('{"schools": []}'), []);
});

t.test('registry-file - JSON refusals', async (t) => {
  const cases: Array<[string, string, ErrorCode, RegExp, unknown]> = [
    ['not JSON', '{"schools": [', 'REGISTRY_INVALID_FILE', /^not valid JSON: /, undefined],
    ['empty text', '', 'REGISTRY_INVALID_FILE', /^not valid JSON: /, undefined],
    ['root is an array', '[]', 'REGISTRY_INVALID_FILE', /^the JSON root must be an object/, undefined],
    ['root is null', 'null', 'REGISTRY_INVALID_FILE', /^the JSON root must be an object/, undefined],
    ['root is a string', '"x"', 'REGISTRY_INVALID_FILE', /^the JSON root must be an object/, undefined],
    ['unknown section', '{"pupils": []}', 'REGISTRY_INVALID_FILE', /^unknown section "pupils" \(expected schools, devices, persons, identifiers, accounts, benefits, guardians, guardianships, invitations, preferences, categories, products, push_subscriptions\)$/, undefined],
    ['section not an array', '{"schools": {}}', 'REGISTRY_INVALID_FILE', /^section "schools" must be an array$/, undefined],
    ['item not an object', '{"schools": [{"id":"s1","name":"n","timeZone":"UTC"}, 1]}', 'REGISTRY_INVALID_FILE', /^schools\[1\] must be an object$/, undefined],
    ['item is an array', '{"persons": [[]]}', 'REGISTRY_INVALID_FILE', /^persons\[0\] must be an object$/, undefined],
    ['invalid record', '{"schools": [{"id":"s1","name":"n","timeZone":"UTC"}, {"id":"s2","name":"n","timeZone":"Nowhere/X"}]}',
      'REGISTRY_INVALID_RECORD', /^schools\[1\]: school s2: timeZone "Nowhere\/X" is not an IANA time zone$/, { field: 'timeZone', where: 'schools[1]' }],
  ];
  for (const [name, text, code, message, details] of cases) {
    const got = codeOf(() => parseRegistryJson(text));
    t.not(got, 'no error', `${name}: refused`);
    if (got === 'no error') continue;
    t.equal(got.code, code, `${name}: code`);
    t.match(got.message, message, `${name}: message`);
    t.same(got.details, details, `${name}: details`);
  }
});

t.test('registry-file - parseCsv', async (t) => {
  const cases: Array<[string, string, string[][]]> = [
    ['plain LF', 'a,b\n1,2\n', [['a', 'b'], ['1', '2']]],
    ['CRLF', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['bare CR', 'a,b\r1,2', [['a', 'b'], ['1', '2']]],
    ['no final line end', 'a,b\n1,2', [['a', 'b'], ['1', '2']]],
    ['BOM stripped', '\ufeffrecord,id\nschool,s1', [['record', 'id'], ['school', 's1']]],
    ['BOM only at the start', 'a\n\ufeffb', [['a'], ['\ufeffb']]],
    ['quoted comma', '"a,b",c', [['a,b', 'c']]],
    ['doubled quotes', '"say ""hi""",x', [['say "hi"', 'x']]],
    ['only a doubled quote', '"""",x', [['"', 'x']]],
    ['quoted CRLF kept', '"l1\r\nl2",x\r\ny,z', [['l1\r\nl2', 'x'], ['y', 'z']]],
    ['empty quoted field', 'a,"",b', [['a', '', 'b']]],
    ['empty cells', ',,\n', [['', '', '']]],
    ['trailing comma', 'a,\n', [['a', '']]],
    ['blank lines skipped', 'a\n\n\r\n\nb\n', [['a'], ['b']]],
    ['a quote inside a field is literal', 'a"b,c', [['a"b', 'c']]],
    ['spaces kept', ' a , b ', [[' a ', ' b ']]],
    ['non-ASCII', 'Школа №1,"Иванов, Иван"', [['Школа №1', 'Иванов, Иван']]],
    ['empty text', '', []],
  ];
  for (const [name, text, rows] of cases) t.same(parseCsv(text), rows, name);
  t.same(codeOf(() => parseCsv('a,"b\nc')), { code: 'REGISTRY_INVALID_FILE', message: 'unterminated quoted field at the end of the CSV', details: undefined });
});

const HEADER = 'record,id,name,timeZone,kind,schoolId,secretHex,enabled,allowedPersonKinds,displayName,className,photoRef,personId,uidHex,status,expiresAt';

t.test('registry-file - CSV registry with quoting, CRLF and BOM', async (t) => {
  const text = `\ufeff${HEADER}\r\n`
    + 'school,s1,"School ""Lyceum"", No. 1",Europe/Moscow,school,,,,,,,,,,,\r\n'
    + `device,d1,,,pos,s1,${SECRET},false,staff|pupil,,,,,,,\r\n`
    + 'person,p1,,,pupil,s1,,,,"Ivanov, Ivan",5A,,,,,\r\n'
    + 'identifier,i1,,,temporary,,,,,,,,p1,DEADBEEF,blocked,2025-09-01T00:00:00Z\r\n';
  const records = parseRegistryCsv(text);
  // The Latin 'A' of the class is read as the Cyrillic 'А' it looks like (core/text.ts).
  t.same(records, [
    { kind: 'school', value: { id: 's1', name: 'School "Lyceum", No. 1', timeZone: 'Europe/Moscow', kind: 'school', shardId: 'main' } },
    { kind: 'device', value: { id: 'd1', schoolId: 's1', kind: 'pos', secretHex: SECRET, enabled: false, allowedPersonKinds: ['staff', 'pupil'], name: '', place: '' } },
    { kind: 'person', value: { id: 'p1', schoolId: 's1', kind: 'pupil', displayName: 'Ivanov, Ivan', className: '5\u0410', photoRef: '', photoConsent: false, surname: '', givenName: '', patronymic: '', birthDate: '' } },
    { kind: 'identifier', value: { id: 'i1', personId: 'p1', kind: 'temporary', uidHex: 'deadbeef', status: 'blocked', expiresAtMs: Date.UTC(2025, 8, 1) } },
  ]);
  t.same(parseRegistryCsv('record,id\n'), [], 'a header alone is an empty registry');
});

t.test('registry-file - CSV refusals', async (t) => {
  const cases: Array<[string, string, ErrorCode, string, unknown]> = [
    ['empty file', '', 'REGISTRY_INVALID_FILE', 'the CSV needs a header row with a "record" column', undefined],
    ['no record column', 'kind,id\nschool,s1', 'REGISTRY_INVALID_FILE', 'the CSV needs a header row with a "record" column', undefined],
    ['too few cells', 'record,id,name,timeZone\nschool,s1,n,UTC\nschool,s2,n', 'REGISTRY_INVALID_FILE', 'line 3: 3 cells, header has 4', { line: 3 }],
    ['too many cells', 'record,id,name,timeZone\nschool,s1,n,UTC,extra', 'REGISTRY_INVALID_FILE', 'line 2: 5 cells, header has 4', { line: 2 }],
    ['comma inside an unquoted name', 'record,id,name,timeZone\nschool,s1,Lyceum, No. 1,UTC', 'REGISTRY_INVALID_FILE', 'line 2: 5 cells, header has 4', { line: 2 }],
    ['unknown record kind', 'record,id\npupil,p1', 'REGISTRY_INVALID_FILE', 'line 2: record must be one of school, device, person, identifier, account, benefit, guardian, guardianship, invitation, preferences, category, product, push_subscription', { line: 2 }],
    ['empty record kind', 'record,id\n,p1', 'REGISTRY_INVALID_FILE', 'line 2: record must be one of school, device, person, identifier, account, benefit, guardian, guardianship, invitation, preferences, category, product, push_subscription', { line: 2 }],
    ['unterminated quote', 'record,id\nschool,"s1', 'REGISTRY_INVALID_FILE', 'unterminated quoted field at the end of the CSV', undefined],
    ['invalid record', 'record,id,name,timeZone\nschool,s1,n,UTC\nschool,s2,,UTC', 'REGISTRY_INVALID_RECORD', 'line 3: school s2: name is required', { field: 'name', where: 'line 3' }],
    ['temporary without expiry', 'record,id,personId,kind,uidHex,expiresAt\nidentifier,i1,p1,temporary,01020304,', 'REGISTRY_INVALID_RECORD',
      'line 2: identifier i1: a temporary identifier needs expiresAt', { field: 'expiresAt', where: 'line 2' }],
  ];
  for (const [name, text, code, message, details] of cases) {
    t.same(codeOf(() => parseRegistryCsv(text)), { code, message, details }, name);
  }
});

t.test('registry-file - whole-file checks', async (t) => {
  const existing = {
    has: (kind: RecordKind, id: string) => (kind === 'school' && id === 'old-school') || (kind === 'person' && id === 'old-person'),
    uidOwner: (uidHex: string) => (uidHex === 'aaaaaaaa' ? 'old-ident' : undefined),
  };
  const cases: Array<[string, RegistryRecord[], typeof existing | undefined, ReturnType<typeof codeOf>]> = [
    ['a consistent file', [school('s1'), device('d1', 's1'), person('p1', 's1'), ident('i1', 'p1', '01020304')], undefined, 'no error'],
    ['references in any order', [ident('i1', 'p1', '01020304'), person('p1', 's1'), device('d1', 's1'), school('s1')], undefined, 'no error'],
    ['the same id in different kinds', [school('x'), person('x', 'x')], undefined, 'no error'],
    ['references to the existing registry', [device('d1', 'old-school'), ident('i1', 'old-person', '01020304')], existing, 'no error'],
    ['an existing identifier keeps its own UID', [ident('old-ident', 'old-person', 'aaaaaaaa')], existing, 'no error'],
    ['duplicate school id', [school('s1'), school('s1')], undefined, { code: 'REGISTRY_INVALID_FILE', message: 'school s1 appears twice', details: undefined }],
    ['duplicate identifier id', [person('p1', 'old-school'), ident('i1', 'p1', '01020304'), ident('i1', 'p1', '05060708')], existing,
      { code: 'REGISTRY_INVALID_FILE', message: 'identifier i1 appears twice', details: undefined }],
    ['duplicate UID in the file', [school('s1'), person('p1', 's1'), ident('i1', 'p1', '01020304'), ident('i2', 'p1', '01020304')], undefined,
      { code: 'REGISTRY_INVALID_FILE', message: 'identifier i2 has the same UID as identifier i1', details: undefined }],
    ['duplicate UID differing in case', [ident('i1', 'old-person', 'abcdef01'), ident('i2', 'old-person', 'ABCDEF01')], existing,
      { code: 'REGISTRY_INVALID_FILE', message: 'identifier i2 has the same UID as identifier i1', details: undefined }],
    ['UID already owned in the registry', [ident('i9', 'old-person', 'AAAAAAAA')], existing,
      { code: 'REGISTRY_INVALID_FILE', message: 'identifier i9 has the same UID as identifier old-ident', details: undefined }],
    ['device of a missing school', [school('s1'), device('d1', 's2')], undefined,
      { code: 'REGISTRY_DANGLING_REFERENCE', message: 'device d1 refers to school s2, which does not exist', details: undefined }],
    ['person of a missing school', [person('p1', 's1')], existing,
      { code: 'REGISTRY_DANGLING_REFERENCE', message: 'person p1 refers to school s1, which does not exist', details: undefined }],
    ['identifier of a missing person', [school('s1'), ident('i1', 'p1', '01020304')], undefined,
      { code: 'REGISTRY_DANGLING_REFERENCE', message: 'identifier i1 refers to person p1, which does not exist', details: undefined }],
    ['a person id does not satisfy a school reference', [person('x', 'old-school'), device('d1', 'x')], existing,
      { code: 'REGISTRY_DANGLING_REFERENCE', message: 'device d1 refers to school x, which does not exist', details: undefined }],
  ];
  for (const [name, records, ex, want] of cases) t.same(codeOf(() => checkRegistryRecords(records, ex)), want, name);
});
