// parseRecord: every field of every record kind, valid forms and each way a value is refused
// (REGISTRY_INVALID_RECORD naming the field), plus the KV key helpers.
import t from 'tap';
import { parseKey, parseRecord, recordKey, TapgateError, type RecordKind, type RegistryRecord } from '../../core/index.js';

const SECRET = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const ID_64 = 'a'.repeat(64);

const base: Record<RecordKind, Record<string, unknown>> = {
  school: { id: 's1', name: 'School 1', timeZone: 'Europe/Moscow' },
  device: { id: 'd1', schoolId: 's1', kind: 'turnstile', secretHex: SECRET },
  person: { id: 'p1', schoolId: 's1', kind: 'pupil', displayName: 'Pupil One' },
  identifier: { id: 'i1', personId: 'p1', kind: 'social_card', uidHex: '01020304' },
  account: { id: 'a1', personId: 'p1', number: '12345678' },
  benefit: { id: 'b1', personId: 'p1', mealPeriods: ['lunch'], validFrom: '2026-09-01', validTo: '2027-05-31' },
  guardian: { id: 'g1', phone: '+79161234567', surname: 'Guardian' },
  guardianship: { id: 'gs1', guardianId: 'g1', personId: 'p1', relation: 'parent' },
  invitation: { id: 'inv1', personId: 'p1', guardianId: 'g1', phone: '+79161234568', surname: 'Trusted', scopes: ['passes'], expiresAt: 1_900_000_000_000 },
  preferences: { id: 'g1.p1', guardianId: 'g1', personId: 'p1', subscriptions: [{ event: 'entry_exit', channels: ['push'] }] },
  category: { id: 's1.sweets', schoolId: 's1', code: 'sweets', name: 'Sweets' },
  product: { id: 'pr1', schoolId: 's1', name: 'Bun', category: 'bakery', priceKop: 4500 },
  push_subscription: { id: 'ps1', guardianId: 'g1', endpoint: 'https://push.example/abc', p256dh: Buffer.alloc(65, 4).toString('base64url'),
    auth: Buffer.alloc(16, 1).toString('base64url'), createdAtMs: 1_800_000_000_000 },
};

function parse(kind: RecordKind, patch: Record<string, unknown>): RegistryRecord {
  return parseRecord(kind, { ...base[kind], ...patch });
}

t.test('registry - accounts: 8 to 10 digit numbers, a person, nothing else', async (t) => {
  for (const number of ['12345678', '1234567890', '00000001']) {
    t.same(parse('account', { number }).value, { id: 'a1', personId: 'p1', number, dailyLimitKop: null, bannedCategories: [], lowBalanceThresholdKop: null }, number);
  }
  for (const number of ['1234567', '12345678901', '1234567a', ' 12345678', '', 12345678]) {
    t.throws(() => parse('account', { number }), { code: 'REGISTRY_INVALID_RECORD' }, String(number));
  }
  t.throws(() => parse('account', { personId: '' }), { code: 'REGISTRY_INVALID_RECORD' });
  t.same(parse('account', { dailyLimitKop: '30000', bannedCategories: 'sweets|soda|sweets' }).value,
    { id: 'a1', personId: 'p1', number: '12345678', dailyLimitKop: 30_000, bannedCategories: ['sweets', 'soda'], lowBalanceThresholdKop: null }, 'CSV cells');
  t.same(parse('account', { dailyLimitKop: 0 }).value, { id: 'a1', personId: 'p1', number: '12345678', dailyLimitKop: 0, bannedCategories: [], lowBalanceThresholdKop: null }, 'a limit of 0 forbids spending');
  for (const dailyLimitKop of [-1, 1.5, '1e3', 10_000_001]) {
    t.throws(() => parse('account', { dailyLimitKop }), { code: 'REGISTRY_INVALID_RECORD', details: { field: 'dailyLimitKop' } }, String(dailyLimitKop));
  }
  t.throws(() => parse('account', { bannedCategories: ['Sweets'] }), { code: 'REGISTRY_INVALID_RECORD', details: { field: 'bannedCategories' } });
});

t.test('registry - benefits: meal periods and an inclusive range of local dates', async (t) => {
  t.same(parse('benefit', {}).value, { id: 'b1', personId: 'p1', mealPeriods: ['lunch'], validFromDay: Date.UTC(2026, 8, 1) / 86_400_000, validToDay: Date.UTC(2027, 4, 31) / 86_400_000 });
  t.same((parse('benefit', { mealPeriods: 'breakfast|lunch', validTo: '2026-09-01' }).value as { mealPeriods: unknown }).mealPeriods, ['breakfast', 'lunch']);
  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['no periods', { mealPeriods: [] }, 'mealPeriods'], ['unknown period', { mealPeriods: ['dinner'] }, 'mealPeriods'],
    ['not a date', { validFrom: '01.09.2026' }, 'validFrom'], ['impossible date', { validTo: '2026-02-30' }, 'validTo'],
    ['ends before it starts', { validFrom: '2027-01-01', validTo: '2026-12-31' }, 'validTo'],
  ];
  for (const [name, patch, field] of bad) t.throws(() => parse('benefit', patch), { code: 'REGISTRY_INVALID_RECORD', details: { field } }, name);
});

t.test('registry - valid records parse to their frozen typed form', async (t) => {
  const cases: Array<{ name: string; kind: RecordKind; patch: Record<string, unknown>; value: Record<string, unknown> }> = [
    { name: 'school with defaults', kind: 'school', patch: {}, value: { id: 's1', name: 'School 1', timeZone: 'Europe/Moscow', kind: 'school', shardId: 'main' } },
    { name: 'school in a shard', kind: 'school', patch: { shardId: 'north-2' }, value: { id: 's1', name: 'School 1', timeZone: 'Europe/Moscow', kind: 'school', shardId: 'north-2' } },
    { name: 'kindergarten', kind: 'school', patch: { kind: 'kindergarten', timeZone: 'Asia/Vladivostok' }, value: { id: 's1', name: 'School 1', timeZone: 'Asia/Vladivostok', kind: 'kindergarten', shardId: 'main' } },
    { name: 'college, empty kind falls back', kind: 'school', patch: { kind: '' }, value: { id: 's1', name: 'School 1', timeZone: 'Europe/Moscow', kind: 'school', shardId: 'main' } },
    { name: 'school name of 200 characters', kind: 'school', patch: { name: 'n'.repeat(200) }, value: { id: 's1', name: 'n'.repeat(200), timeZone: 'Europe/Moscow', kind: 'school', shardId: 'main' } },
    { name: 'id of 64 characters with every allowed character', kind: 'school', patch: { id: `_-.Az09${'x'.repeat(57)}` }, value: { id: `_-.Az09${'x'.repeat(57)}`, name: 'School 1', timeZone: 'Europe/Moscow', kind: 'school', shardId: 'main' } },
    { name: 'device with defaults', kind: 'device', patch: {}, value: { id: 'd1', schoolId: 's1', kind: 'turnstile', secretHex: SECRET, enabled: true, allowedPersonKinds: ['pupil', 'staff'], name: '', place: '' } },
    { name: 'device, upper-case secret, disabled, staff only', kind: 'device', patch: { kind: 'pos', secretHex: SECRET.toUpperCase(), enabled: false, allowedPersonKinds: ['staff'] },
      value: { id: 'd1', schoolId: 's1', kind: 'pos', secretHex: SECRET, enabled: false, allowedPersonKinds: ['staff'], name: '', place: '' } },
    { name: 'device from CSV cells', kind: 'device', patch: { enabled: 'false', allowedPersonKinds: 'pupil|staff|pupil' },
      value: { id: 'd1', schoolId: 's1', kind: 'turnstile', secretHex: SECRET, enabled: false, allowedPersonKinds: ['pupil', 'staff'], name: '', place: '' } },
    { name: 'device, enabled "true", empty kinds mean both', kind: 'device', patch: { enabled: 'true', allowedPersonKinds: '' },
      value: { id: 'd1', schoolId: 's1', kind: 'turnstile', secretHex: SECRET, enabled: true, allowedPersonKinds: ['pupil', 'staff'], name: '', place: '' } },
    { name: 'device with a name and a place', kind: 'device', patch: { name: 'Турникет 1', place: 'главный вход' },
      value: { id: 'd1', schoolId: 's1', kind: 'turnstile', secretHex: SECRET, enabled: true, allowedPersonKinds: ['pupil', 'staff'], name: 'Турникет 1', place: 'главный вход' } },
    { name: 'device, empty list means both', kind: 'device', patch: { allowedPersonKinds: [] }, value: { id: 'd1', schoolId: 's1', kind: 'turnstile', secretHex: SECRET, enabled: true, allowedPersonKinds: ['pupil', 'staff'], name: '', place: '' } },
    { name: 'person with defaults', kind: 'person', patch: {}, value: { id: 'p1', schoolId: 's1', kind: 'pupil', displayName: 'Pupil One', className: '', photoRef: '', photoConsent: false, surname: '', givenName: '', patronymic: '', birthDate: '' } },
    { name: 'staff with class of 16 and photo', kind: 'person', patch: { kind: 'staff', className: 'c'.repeat(16), photoRef: 'photos/p1.jpg', photoConsent: 'true' },
      value: { id: 'p1', schoolId: 's1', kind: 'staff', displayName: 'Pupil One', className: 'c'.repeat(16), photoRef: 'photos/p1.jpg', photoConsent: true, surname: '', givenName: '', patronymic: '', birthDate: '' } },
    { name: 'identifier with defaults', kind: 'identifier', patch: {}, value: { id: 'i1', personId: 'p1', kind: 'social_card', uidHex: '01020304', status: 'active', expiresAtMs: null } },
    { name: 'identifier of 16 bytes, upper case, blocked', kind: 'identifier', patch: { uidHex: 'AB'.repeat(16), status: 'blocked', kind: 'fob' },
      value: { id: 'i1', personId: 'p1', kind: 'fob', uidHex: 'ab'.repeat(16), status: 'blocked', expiresAtMs: null } },
    { name: 'temporary with ISO expiry', kind: 'identifier', patch: { kind: 'temporary', expiresAt: '2025-09-01T09:00:00Z' },
      value: { id: 'i1', personId: 'p1', kind: 'temporary', uidHex: '01020304', status: 'active', expiresAtMs: Date.UTC(2025, 8, 1, 9) } },
    { name: 'temporary with ISO expiry and offset', kind: 'identifier', patch: { kind: 'temporary', expiresAt: '2025-09-01T12:00:00+03:00' },
      value: { id: 'i1', personId: 'p1', kind: 'temporary', uidHex: '01020304', status: 'active', expiresAtMs: Date.UTC(2025, 8, 1, 9) } },
    { name: 'bracelet with ms expiry', kind: 'identifier', patch: { kind: 'bracelet', expiresAt: 1_756_717_200_000 },
      value: { id: 'i1', personId: 'p1', kind: 'bracelet', uidHex: '01020304', status: 'active', expiresAtMs: 1_756_717_200_000 } },
    { name: 'watch, null expiry', kind: 'identifier', patch: { kind: 'watch', expiresAt: null }, value: { id: 'i1', personId: 'p1', kind: 'watch', uidHex: '01020304', status: 'active', expiresAtMs: null } },
  ];
  for (const c of cases) {
    const r = parse(c.kind, c.patch);
    t.equal(r.kind, c.kind, `${c.name}: kind`);
    t.same(r.value, c.value, c.name);
    t.ok(Object.isFrozen(r.value), `${c.name}: frozen`);
    if (r.kind === 'device') t.ok(Object.isFrozen(r.value.allowedPersonKinds), `${c.name}: kinds frozen`);
  }
});

t.test('registry - invalid records are refused naming the field', async (t) => {
  const cases: Array<[string, RecordKind, Record<string, unknown>, string]> = [
    // Ids (the same rule for every id field).
    ['id missing', 'school', { id: undefined }, 'id'],
    ['id empty', 'school', { id: '' }, 'id'],
    ['id not a string', 'school', { id: 5 }, 'id'],
    ['id of 65 characters', 'school', { id: `${ID_64}a` }, 'id'],
    ['id with a space', 'school', { id: 's 1' }, 'id'],
    ['id with a slash', 'school', { id: 's/1' }, 'id'],
    ['id with a NATS wildcard *', 'school', { id: 's*' }, 'id'],
    ['id with a NATS wildcard >', 'school', { id: 's>' }, 'id'],
    ['id starting with a dot', 'school', { id: '.s1' }, 'id'],
    ['id with a non-ASCII letter', 'school', { id: 'школа1' }, 'id'],
    ['id with a newline', 'school', { id: 's1\n' }, 'id'],
    ['device schoolId bad', 'device', { schoolId: 's 1' }, 'schoolId'],
    ['person schoolId missing', 'person', { schoolId: undefined }, 'schoolId'],
    ['identifier personId bad', 'identifier', { personId: 'p#1' }, 'personId'],
    // School.
    ['school name missing', 'school', { name: '' }, 'name'],
    ['school name of 201 characters', 'school', { name: 'n'.repeat(201) }, 'name'],
    ['school name not a string', 'school', { name: 42 }, 'name'],
    ['time zone missing', 'school', { timeZone: undefined }, 'timeZone'],
    ['time zone unknown', 'school', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['time zone as an offset', 'school', { timeZone: '+03:00' }, 'timeZone'],
    ['time zone misspelt', 'school', { timeZone: 'Europe/Moskva' }, 'timeZone'],
    ['time zone of 65 characters', 'school', { timeZone: 'E'.repeat(65) }, 'timeZone'],
    ['school kind unknown', 'school', { kind: 'university' }, 'kind'],
    // Device.
    ['secret missing', 'device', { secretHex: undefined }, 'secretHex'],
    ['secret of 31 bytes', 'device', { secretHex: SECRET.slice(2) }, 'secretHex'],
    ['secret of 33 bytes', 'device', { secretHex: `${SECRET}00` }, 'secretHex'],
    ['secret of 63 hex digits', 'device', { secretHex: SECRET.slice(1) }, 'secretHex'],
    ['secret not hex', 'device', { secretHex: `zz${SECRET.slice(2)}` }, 'secretHex'],
    ['secret all zero', 'device', { secretHex: '0'.repeat(64) }, 'secretHex'],
    ['secret all one digit', 'device', { secretHex: 'f'.repeat(64) }, 'secretHex'],
    ['secret all one digit upper case', 'device', { secretHex: 'A'.repeat(64) }, 'secretHex'],
    ['device kind missing', 'device', { kind: undefined }, 'kind'],
    ['device kind unknown', 'device', { kind: 'door' }, 'kind'],
    ['enabled not a boolean', 'device', { enabled: 'yes' }, 'enabled'],
    ['enabled as a number', 'device', { enabled: 1 }, 'enabled'],
    ['allowed kinds not a list', 'device', { allowedPersonKinds: 5 }, 'allowedPersonKinds'],
    ['allowed kinds with an unknown kind', 'device', { allowedPersonKinds: ['pupil', 'guest'] }, 'allowedPersonKinds'],
    ['allowed kinds in CSV with an unknown kind', 'device', { allowedPersonKinds: 'pupil|guest' }, 'allowedPersonKinds'],
    // Person.
    ['person kind missing', 'person', { kind: undefined }, 'kind'],
    ['person kind unknown', 'person', { kind: 'parent' }, 'kind'],
    ['display name missing', 'person', { displayName: undefined }, 'displayName'],
    ['display name of 201 characters', 'person', { displayName: 'd'.repeat(201) }, 'displayName'],
    ['class of 17 characters', 'person', { className: 'c'.repeat(17) }, 'className'],
    ['photo ref not a string', 'person', { photoRef: 7 }, 'photoRef'],
    ['photo consent not a boolean', 'person', { photoConsent: 'yes' }, 'photoConsent'],
    // Identifier.
    ['UID missing', 'identifier', { uidHex: undefined }, 'uidHex'],
    ['UID of 3 bytes', 'identifier', { uidHex: '010203' }, 'uidHex'],
    ['UID of 17 bytes', 'identifier', { uidHex: '01'.repeat(17) }, 'uidHex'],
    ['UID of odd length', 'identifier', { uidHex: '010203040' }, 'uidHex'],
    ['UID not hex', 'identifier', { uidHex: '0102030g' }, 'uidHex'],
    ['UID with 0x prefix', 'identifier', { uidHex: '0x01020304' }, 'uidHex'],
    ['UID with a colon', 'identifier', { uidHex: '01:02:03:04' }, 'uidHex'],
    ['UID with a space', 'identifier', { uidHex: ' 01020304' }, 'uidHex'],
    ['identifier kind unknown', 'identifier', { kind: 'passport' }, 'kind'],
    ['identifier kind missing', 'identifier', { kind: undefined }, 'kind'],
    ['status unknown', 'identifier', { status: 'lost' }, 'status'],
    ['temporary without expiry', 'identifier', { kind: 'temporary' }, 'expiresAt'],
    ['temporary with empty expiry', 'identifier', { kind: 'temporary', expiresAt: '' }, 'expiresAt'],
    ['expiry not a date', 'identifier', { expiresAt: 'tomorrow' }, 'expiresAt'],
    ['expiry zero', 'identifier', { expiresAt: 0 }, 'expiresAt'],
    ['expiry negative', 'identifier', { expiresAt: -1 }, 'expiresAt'],
    ['expiry fractional ms', 'identifier', { expiresAt: 1.5 }, 'expiresAt'],
    ['expiry beyond 2^53', 'identifier', { expiresAt: 2 ** 53 }, 'expiresAt'],
    ['expiry a boolean', 'identifier', { expiresAt: true }, 'expiresAt'],
  ];
  for (const [name, kind, patch, field] of cases) {
    try {
      parse(kind, patch);
      t.fail(`${name}: accepted`);
    } catch (err) {
      t.ok(err instanceof TapgateError, `${name}: a TapgateError`);
      const e = err as TapgateError;
      t.equal(e.code, 'REGISTRY_INVALID_RECORD', `${name}: code`);
      t.same(e.details, { field }, `${name}: field`);
      t.match(e.message, new RegExp(`\\b${field}\\b`), `${name}: the message names ${field}`);
    }
  }
});

t.test('registry - messages say which record and what is allowed', async (t) => {
  for (const shardId of ['', 'North', '-a', 'a.b', 'x'.repeat(33), 7]) {
    t.throws(() => parse('school', { shardId }), { code: 'REGISTRY_INVALID_RECORD', details: { field: 'shardId' } }, `shardId ${String(shardId)}`);
  }
  t.throws(() => parse('school', { timeZone: 'Mars/Olympus' }), { code: 'REGISTRY_INVALID_RECORD', message: 'school s1: timeZone "Mars/Olympus" is not an IANA time zone' });
  t.throws(() => parse('identifier', { uidHex: '010203' }), { message: 'identifier i1: uidHex must be 4 to 16 bytes as hex' });
  t.throws(() => parse('device', { secretHex: '0'.repeat(64) }), { message: 'device d1: secretHex is a trivial key; generate a random one' });
  t.throws(() => parse('school', { id: 7 }), { message: 'school (no id): id must be a string' });
  t.throws(() => parse('device', { allowedPersonKinds: ['guest'] }), { message: 'device d1: allowedPersonKinds must be one of pupil, staff' });
  t.throws(() => parse('identifier', { kind: 'temporary' }), { message: 'identifier i1: a temporary identifier needs expiresAt' });
});

t.test('registry - KV keys', async (t) => {
  t.equal(recordKey(parse('school', {})), 'school.s1');
  t.equal(recordKey(parse('identifier', { id: 'i.1' })), 'identifier.i.1');
  const cases: Array<[string, ReturnType<typeof parseKey>]> = [
    ['school.s1', { kind: 'school', id: 's1' }],
    ['device.d-1', { kind: 'device', id: 'd-1' }],
    ['person.p_1', { kind: 'person', id: 'p_1' }],
    ['identifier.i.1', { kind: 'identifier', id: 'i.1' }],
    [`school.${ID_64}`, { kind: 'school', id: ID_64 }],
    [`school.${ID_64}a`, null],
    ['school', null],
    ['school.', null],
    ['school..x', null],
    ['pupil.p1', null],
    ['.s1', null],
    ['', null],
  ];
  for (const [key, want] of cases) t.same(parseKey(key), want, JSON.stringify(key));
});

t.test('registry - persons: full name and birth date; the display name is built from them when absent', async (t) => {
  const v = parse('person', { displayName: '', surname: 'Иванов', givenName: 'Пётр', patronymic: 'Ильич', birthDate: '2015-03-04' }).value;
  t.match(v, { surname: 'Иванов', givenName: 'Пётр', patronymic: 'Ильич', birthDate: '2015-03-04', displayName: 'Иванов Пётр Ильич' });
  t.throws(() => parse('person', { birthDate: '2015-02-30' }), { code: 'REGISTRY_INVALID_RECORD', details: { field: 'birthDate' } });
  t.throws(() => parse('person', { surname: 'я'.repeat(65) }), { code: 'REGISTRY_INVALID_RECORD', details: { field: 'surname' } });
  t.throws(() => parse('person', { displayName: '' }), { code: 'REGISTRY_INVALID_RECORD', details: { field: 'displayName' } }, 'no name at all');
});

t.test('registry - guardians, links, invitations, preferences, catalogue', async (t) => {
  t.same(parse('guardian', {}).value, { id: 'g1', phone: '+79161234567', surname: 'Guardian', givenName: '', email: '' });
  for (const phone of ['89161234567', '+7916', '+0123456789', '+7 916 123 45 67']) {
    t.throws(() => parse('guardian', { phone }), { code: 'REGISTRY_INVALID_RECORD', details: { field: 'phone' } }, phone);
  }
  t.same((parse('guardianship', { scopes: ['passes'] }).value as unknown as { scopes: string[] }).scopes, ['passes', 'purchases', 'balance', 'pickup'], 'a parent sees and may do everything (pickup too)');
  t.same(parse('guardianship', { relation: 'trusted', scopes: 'passes|passes', grantedBy: 'gs0' }).value, { id: 'gs1', guardianId: 'g1', personId: 'p1', relation: 'trusted', scopes: ['passes'], grantedBy: 'gs0' });
  t.throws(() => parse('guardianship', { relation: 'trusted', scopes: [], grantedBy: 'gs0' }), { code: 'REGISTRY_INVALID_RECORD', details: { field: 'scopes' } }, 'refused');
  t.throws(() => parse('guardianship', { relation: 'trusted', scopes: ['photos'], grantedBy: 'gs0' }), { code: 'REGISTRY_INVALID_RECORD', details: { field: 'scopes' } }, 'refused');
  t.match(parse('invitation', {}).value, { status: 'pending', expiresAtMs: 1_900_000_000_000, guardianshipId: '' });
  t.throws(() => parse('invitation', { expiresAt: undefined }), { code: 'REGISTRY_INVALID_RECORD', details: { field: 'expiresAt' } }, 'refused');
  t.throws(() => parse('preferences', { subscriptions: [{ event: 'daily_digest', channels: ['sms'] }] }), { code: 'REGISTRY_INVALID_RECORD', details: { field: 'subscriptions' } }, 'digests by e-mail only');
  t.throws(() => parse('preferences', { subscriptions: [{ event: 'top_up', channels: [] }, { event: 'top_up', channels: [] }] }), { code: 'REGISTRY_INVALID_RECORD', details: { field: 'subscriptions' } }, 'an event once');
  t.throws(() => parse('preferences', { subscriptions: [{ event: 'gossip', channels: ['push'] }] }), { code: 'REGISTRY_INVALID_RECORD', details: { field: 'event' } }, 'refused');
  t.throws(() => parse('category', { code: 'Sweets' }), { code: 'REGISTRY_INVALID_RECORD', details: { field: 'code' } }, 'refused');
  t.equal((parse('product', { priceKop: '4500' }).value as { priceKop: number }).priceKop, 4500, 'CSV digits');
  for (const priceKop of [-1, 1.5, 1_000_001, 'x']) t.throws(() => parse('product', { priceKop }), { code: 'REGISTRY_INVALID_RECORD', details: { field: 'priceKop' } }, String(priceKop));
});
