// Contract tests of the roster import (POST /schools/:id/roster, text/csv) against a real
// nats-server and gateway: a 50-row roster creates pupils, staff, accounts, cards, guardians
// (shared by siblings) and their links; importing it again writes nothing (no KV revision, no
// audit entry); a changed class updates the one person; bad rows are reported by line and
// column while the good rows are applied; header, content type and size problems refuse the
// whole file with the error envelope.
import { randomBytes } from 'node:crypto';
import t, { type Test } from 'tap';
import { ROSTER_BYTES_MAX, ROSTER_COLUMNS } from '../../api/routes/roster.js';
import { openRegistry } from '../../lib/index.js';
import { SCHOOL_A, SCHOOL_B, startApiStack, type ApiClient, type ApiResponse, expectApiError } from '../helpers/api-fixtures.js';

const expectError = expectApiError;

type Row = Partial<Record<(typeof ROSTER_COLUMNS)[number], string>>;

/** CSV text with the given header; cells quoted where they need it. */
function csv(header: readonly string[], rows: ReadonlyArray<Row | string[]>): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [header.join(','), ...rows.map((r) => (Array.isArray(r) ? r : header.map((h) => r[h as keyof Row] ?? '')).map(cell).join(','))];
  return lines.join('\r\n') + '\r\n';
}

const SURNAMES = ['Жаворонкова', 'Щеглов', 'Снегирёва', 'Зябликов', 'Чижова', 'Дроздов', 'Соловьёва', 'Кукушкин'];
const GIVEN = ['Алиса', 'Борис', 'Вера', 'Глеб', 'Дарья', 'Егор'];
const birthDate = (i: number) => new Date(Date.UTC(2010, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
const phoneOf = (g: number) => `+7916${String(1_000_000 + g)}`;

/**
 * 50 rows: 48 pupils and 2 staff. Pupils 0..19 are ten pairs of siblings sharing a guardian;
 * 20..43 have a guardian each; 44..47 have none. Cards of various kinds, some UIDs in upper case.
 */
function roster50(): { rows: Row[]; uids: string[] } {
  const rows: Row[] = [];
  const uids: string[] = [];
  for (let i = 0; i < 50; i++) {
    const staff = i >= 48;
    const uid = randomBytes(7).toString('hex');
    uids.push(uid);
    const guardian = staff || (i >= 44) ? null : i < 20 ? Math.floor(i / 2) : i;
    rows.push({
      surname: SURNAMES[i % SURNAMES.length]!, given_name: GIVEN[i % GIVEN.length]!, patronymic: i % 3 === 0 ? '' : 'Тестович',
      birth_date: birthDate(i), kind: staff ? 'staff' : i % 2 === 0 ? '' : 'pupil', class: staff ? '' : `${5 + (i % 4)}${'АБ'[i % 2]}`,
      identifier_kind: staff ? 'fob' : i % 5 === 0 ? 'bracelet' : '', card_uid: i % 4 === 0 ? uid.toUpperCase() : uid,
      guardian_phone: guardian === null ? '' : phoneOf(guardian), guardian_surname: guardian === null ? '' : 'Родителева',
      guardian_given_name: guardian === null ? '' : 'Мария, "мама"',
    });
  }
  return { rows, uids };
}

const api = await startApiStack({ clickhouse: false });
t.teardown(() => api.stop());
const op = await api.clientFor({ role: 'school_operator', schoolIds: [SCHOOL_A], label: 'school A office' });
const kv = await openRegistry(api.stack.nc);
const kvRevision = async () => (await kv.status()).streamInfo.state.last_seq;
const auditHead = async () => ((await api.admin('GET', '/audit?limit=1')).body.items[0] as { seq: number } | undefined)?.seq ?? 0;
const importCsv = (c: ApiClient, text: string, contentType = 'text/csv', schoolId = SCHOOL_A) =>
  c('POST', `/schools/${schoolId}/roster`, undefined, { raw: text, contentType });
const listPersons = async () => (await op('GET', `/schools/${SCHOOL_A}/persons?limit=1000`)).body as { items: Array<Record<string, unknown>>; next: string | null };

// A header in an order of its own: columns are matched by name.
const HEADER = ['class', 'surname', 'given_name', 'patronymic', 'birth_date', 'kind', 'card_uid', 'identifier_kind', 'guardian_phone', 'guardian_surname', 'guardian_given_name'];
const { rows, uids } = roster50();
const file50 = csv(HEADER, rows);
const ZERO = { persons: 0, accounts: 0, identifiers: 0, guardians: 0, links: 0 };

t.test('roster - a 50-row roster creates persons, accounts, cards, guardians and links', async (t) => {
  const res = await importCsv(op, file50, 'text/csv; charset=utf-8');
  t.equal(res.status, 200);
  t.same(res.body, { rows: 50, applied: 50, failed: 0, created: { persons: 50, accounts: 48, identifiers: 50, guardians: 34, links: 44 },
    updated: { persons: 0 }, errors: [] }, 'the report counts');
  const list = await listPersons();
  t.equal(list.items.length, 50, 'fifty persons at the school');
  const byBirth = new Map(list.items.map((p) => [p['birthDate'] as string, p]));
  for (const [i, r] of rows.entries()) {
    const p = byBirth.get(r.birth_date!);
    t.match(p, { kind: i >= 48 ? 'staff' : 'pupil', className: r.class, surname: r.surname, givenName: r.given_name }, `row ${i + 2} registered`);
    t.equal(p?.['accountId'] === null, i >= 48, `row ${i + 2}: ${i >= 48 ? 'staff have no account' : 'a pupil has an account'}`);
  }
  const [first, second] = [byBirth.get(rows[0]!.birth_date!)!, byBirth.get(rows[1]!.birth_date!)!];
  const linksOf = async (p: Record<string, unknown>) => (await op('GET', `/persons/${p['id'] as string}/guardians`)).body.items as Array<{ guardianId: string; relation: string }>;
  const [l0, l1] = [await linksOf(first), await linksOf(second)];
  t.equal(l0.length, 1);
  t.equal(l0[0]?.guardianId, l1[0]?.guardianId, 'siblings share one guardian');
  t.match((await op('GET', `/guardians/${l0[0]!.guardianId}`)).body, { phone: phoneOf(0), surname: 'Родителева', givenName: 'Мария, "мама"' }, 'quoted cells read whole');
  t.same(await linksOf(byBirth.get(rows[45]!.birth_date!)!), [], 'a row without a guardian phone has no link');
  const cards = (await op('GET', `/persons/${first['id'] as string}/identifiers`)).body.items as Array<Record<string, unknown>>;
  t.match(cards, [{ kind: 'bracelet', status: 'active', uidSuffix: uids[0]!.slice(-4) }], 'an upper-case UID is stored in lower case');
  const audit = await api.admin('GET', '/audit?limit=1');
  t.match(audit.body.items[0], { action: 'roster.import', role: 'school_operator' });
  t.ok((audit.body.items[0].targets as string[]).includes(`school:${SCHOOL_A}`), 'the audit names the school');
});

t.test('roster - importing the same file again writes nothing', async (t) => {
  const [listBefore, revisionBefore, auditBefore] = [await listPersons(), await kvRevision(), await auditHead()];
  const res = await importCsv(op, file50);
  t.equal(res.status, 200);
  t.same(res.body, { rows: 50, applied: 50, failed: 0, created: ZERO, updated: { persons: 0 }, errors: [] }, 'all counts 0');
  t.equal(await kvRevision(), revisionBefore, 'no new KV revision');
  t.equal(await auditHead(), auditBefore, 'no new audit entry');
  t.same(await listPersons(), listBefore, 'the persons are as they were');
});

t.test('roster - a class change in a re-import updates that person only', async (t) => {
  const changed = rows.map((r, i) => (i === 7 ? { ...r, class: '11В' } : r));
  const revisionBefore = await kvRevision();
  const res = await importCsv(op, csv(HEADER, changed));
  t.equal(res.status, 200);
  t.same(res.body, { rows: 50, applied: 50, failed: 0, created: ZERO, updated: { persons: 1 }, errors: [] }, 'updated.persons = 1');
  t.equal(await kvRevision(), revisionBefore + 1, 'one KV revision');
  const p = (await listPersons()).items.find((x) => x['birthDate'] === rows[7]!.birth_date);
  t.equal(p?.['className'], '11В', 'the new class');
  t.equal((await op('GET', `/schools/${SCHOOL_A}/persons?className=${encodeURIComponent('11В')}`)).body.items.length, 1, 'one pupil in the new class');
  rows[7] = changed[7]!;
});

t.test('roster - bad rows are reported by line and column; good rows are applied', async (t) => {
  const header = [...ROSTER_COLUMNS];
  const good: Row = { surname: 'Новикова', given_name: 'Ева', birth_date: '2013-04-05', class: '4А', card_uid: randomBytes(6).toString('hex'),
    guardian_phone: '+79035550101', guardian_surname: 'Новиков' };
  const lines: Array<Row | string[]> = [
    good,
    { surname: 'Ошибкин', given_name: 'Дата', birth_date: '2014-02-30', class: '3А' },
    { surname: 'Ошибкин', given_name: 'Телефон', birth_date: '2014-02-03', guardian_phone: '89161234567', guardian_surname: 'Ошибкина' },
    { surname: 'Ошибкин', given_name: 'Карта', birth_date: '2014-02-04', card_uid: uids[3]! },
    { surname: 'Ошибкин', given_name: 'Вид', birth_date: '2014-02-05', kind: 'teacher' },
    ['Ошибкин', 'Ячейки', '', '2014-02-06', 'pupil'],
    { surname: 'Новиков', given_name: 'Лев', birth_date: '2012-08-09', class: '6Б', guardian_phone: phoneOf(0), guardian_surname: 'РОДИТЕЛЕВА' },
    // A registered phone with another surname does not find (and link) that guardian.
    { surname: 'Новиков', given_name: 'Чужой', birth_date: '2012-08-10', class: '6Б', guardian_phone: phoneOf(0), guardian_surname: 'Другая' },
  ];
  const before = (await listPersons()).items.length;
  const res = await importCsv(op, csv(header, lines));
  t.equal(res.status, 200, 'a file with bad rows is still imported');
  t.match(res.body, { rows: 8, applied: 2, failed: 6, created: { persons: 2, accounts: 2, identifiers: 1, guardians: 1, links: 2 }, updated: { persons: 0 } });
  t.same((res.body.errors as Array<{ line: number; field: string }>).map((e) => ({ line: e.line, field: e.field })), [
    { line: 3, field: 'birth_date' },
    { line: 4, field: 'guardian_phone' },
    { line: 5, field: 'card_uid' },
    { line: 6, field: 'kind' },
    { line: 7, field: '' },
    { line: 9, field: 'guardian_surname' },
  ], 'one error per bad row, with its line and column');
  for (const e of res.body.errors as Array<{ message: unknown }>) t.type(e.message, 'string');
  t.match(res.body.errors[4].message, /5 cells, the header 11/, 'the cell count is explained');
  const after = (await listPersons()).items;
  t.equal(after.length, before + 2, 'only the good rows made persons');
  t.notOk(after.some((p) => p['surname'] === 'Ошибкин' || p['givenName'] === 'Чужой'), 'no person from a bad row');
  const lev = after.find((p) => p['givenName'] === 'Лев')!;
  const links = (await op('GET', `/persons/${lev['id'] as string}/guardians`)).body.items as Array<{ guardianId: string }>;
  const first = after.find((p) => p['birthDate'] === rows[0]!.birth_date)!;
  const firstLinks = (await op('GET', `/persons/${first['id'] as string}/guardians`)).body.items as Array<{ guardianId: string }>;
  t.equal(links[0]?.guardianId, firstLinks[0]?.guardianId, 'a known phone links the existing guardian');
});

t.test('roster - a person registered at another school is a row error', async (t) => {
  const moved = await api.admin('POST', `/schools/${SCHOOL_B}/persons`, { kind: 'pupil', surname: 'Дроздов', givenName: 'Переведённый', birthDate: '2012-05-05', className: '7А' });
  t.equal(moved.status, 201);
  const res = await importCsv(op, csv(['surname', 'given_name', 'birth_date', 'class'], [{ surname: 'ДРОЗДОВ', given_name: 'переведенный', birth_date: '2012-05-05', class: '7А' }]));
  t.equal(res.status, 200);
  t.match(res.body, { rows: 1, applied: 0, failed: 1, created: ZERO, updated: { persons: 0 }, errors: [{ line: 2, field: 'surname', message: /another school/ }] });
  t.equal((await api.admin('GET', `/persons/${moved.body.id as string}`)).body.schoolId, SCHOOL_B, 'the person stays at school B');
});

t.test('roster - header, content type, size and scope problems refuse the whole file', async (t) => {
  const revisionBefore = await kvRevision();
  const noBirth = csv(['surname', 'given_name', 'class'], [{ surname: 'Бездатов', given_name: 'Иван', class: '1А' }]);
  t.match(expectError(t, await importCsv(op, noBirth), 400, 'API_INVALID_REQUEST', 'missing birth_date'), { missing: ['birth_date'], unknown: [] });
  const extra = csv(['surname', 'given_name', 'birth_date', 'nickname'], [{ surname: 'Лишний', given_name: 'Иван', birth_date: '2015-01-01' }]);
  t.match(expectError(t, await importCsv(op, extra), 400, 'API_INVALID_REQUEST', 'unknown column'), { missing: [], unknown: ['nickname'] });
  t.match(expectError(t, await importCsv(op, 'surname,given_name,birth_date,surname\r\n'), 400, 'API_INVALID_REQUEST', 'a column twice'), { repeated: ['surname'] });
  expectError(t, await importCsv(op, ''), 400, 'API_INVALID_REQUEST', 'an empty file');
  for (const type of ['application/json', 'text/plain', 'text/csv; charset=windows-1251']) {
    t.match(expectError(t, await importCsv(op, file50, type), 415, 'API_UNSUPPORTED_MEDIA_TYPE', type), { expected: 'text/csv' });
  }
  const filler = `${'Длинная'.repeat(20)},Строка,2015-01-01\r\n`;
  const big = 'surname,given_name,birth_date\r\n' + filler.repeat(Math.ceil(ROSTER_BYTES_MAX / Buffer.byteLength(filler)) + 1);
  t.ok(Buffer.byteLength(big) > ROSTER_BYTES_MAX, 'the file is over 2 MiB');
  t.match(expectError(t, await importCsv(op, big), 413, 'API_BODY_TOO_LARGE', 'over 2 MiB'), { bytesMax: ROSTER_BYTES_MAX });
  // The same without Content-Length (chunked): the limit holds while the body streams in.
  const bytes = Buffer.from(big);
  const chunked = new ReadableStream<Uint8Array>({ start(c) { for (let i = 0; i < bytes.length; i += 256 * 1024) c.enqueue(bytes.subarray(i, i + 256 * 1024)); c.close(); } });
  const streamed = await fetch(`${api.gw.apiUrl}/schools/${SCHOOL_A}/roster`, { method: 'POST', body: chunked, duplex: 'half',
    headers: { authorization: `Bearer ${api.adminToken}`, 'content-type': 'text/csv' }, signal: AbortSignal.timeout(30_000) } as RequestInit);
  t.match(expectError(t, { status: streamed.status, body: await streamed.json(), headers: streamed.headers }, 413, 'API_BODY_TOO_LARGE', 'over 2 MiB, chunked'),
    { bytesMax: ROSTER_BYTES_MAX });
  const opB = await api.clientFor({ role: 'school_operator', schoolIds: [SCHOOL_B] });
  expectError(t, await importCsv(opB, file50), 404, 'API_NOT_FOUND', 'an operator of another school');
  const guardian = await api.clientFor({ role: 'guardian', guardianId: 'g_nobody' });
  expectError(t, await importCsv(guardian, file50), 403, 'API_FORBIDDEN', 'a guardian token');
  expectError(t, await importCsv(api.admin, file50, 'text/csv', 'no-such-school'), 404, 'API_NOT_FOUND', 'an unknown school');
  t.equal(await kvRevision(), revisionBefore, 'nothing was written');
});
