// Unit tests of the human text, date and class name policy (core/text.ts, ADR 0010) and of its
// use by registry records written through the API or a file (parseRecord with a WriteCheck):
// exact problem codes for control, bidi and surrogate code points, strict calendar dates that
// never roll over, plausible birth dates, canonical class names, the repair plan of records
// stored before the policy, and the device-side guard against invalid UTF-8.
import t from 'tap';
import {
  canonicalClassName, checkText, parseCalendarDate, parseRecord, planRepair, TapgateError, wellFormed,
} from '../../core/index.js';

const NOW = Date.UTC(2026, 4, 15, 12); // 2026-05-15 12:00 UTC
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

t.test('text - the policy: canonical form or the exact problem', async (t) => {
  const cases: Array<[string, string, { ok: string } | { problem: string }]> = [
    ['plain Cyrillic', 'Иванов', { ok: 'Иванов' }],
    ['trimmed, inner spaces collapsed', '  Анна   Мария ', { ok: 'Анна Мария' }],
    ['NFD made NFC (й as и + breve)', 'Заи\u0306цев', { ok: 'Зайцев' }],
    ['no-break space is white space', '\u00a0Ли\u00a0', { ok: 'Ли' }],
    ['emoji pair is fine', 'Ёж 🦔', { ok: 'Ёж 🦔' }],
    ['empty', '', { problem: 'empty' }],
    ['white space only', ' \u3000 ', { problem: 'empty' }],
    ['NUL', 'Ива\u0000нов', { problem: 'control' }],
    ['LF', 'Иванов\nПетров', { problem: 'control' }],
    ['CR', 'Иванов\r', { problem: 'control' }],
    ['TAB', 'Ива\tнов', { problem: 'control' }],
    ['DEL', 'Ива\u007fнов', { problem: 'control' }],
    ['C1 control', 'Ива\u0085нов', { problem: 'control' }],
    ['zero-width space', 'Ива\u200bнов', { problem: 'control' }],
    ['line separator', 'Ива\u2028нов', { problem: 'control' }],
    ['private use', 'Ива\ue000нов', { problem: 'control' }],
    ['right-to-left override', '\u202eвонавИ', { problem: 'bidi' }],
    ['first strong isolate', 'Ива\u2068нов', { problem: 'bidi' }],
    ['right-to-left mark', 'Ива\u200fнов', { problem: 'bidi' }],
    ['lone high surrogate', 'Ива\ud800нов', { problem: 'surrogate' }],
    ['lone low surrogate', '\udc00', { problem: 'surrogate' }],
    ['65 characters', 'я'.repeat(65), { problem: 'too_long' }],
    ['64 characters', 'я'.repeat(64), { ok: 'я'.repeat(64) }],
    ['64 emoji count as 64 characters', '🦔'.repeat(64), { ok: '🦔'.repeat(64) }],
  ];
  for (const [name, input, want] of cases) t.same(checkText(input, 64), want, name);
});

t.test('text - strict calendar dates: nothing rolls over', async (t) => {
  const cases: Array<[string, number | null]> = [
    ['2016-02-29', day('2016-02-29')], ['1900-01-01', day('1900-01-01')], ['2199-12-31', day('2199-12-31')],
    ['2016-13-02', null], ['2016-00-10', null], ['2016-01-00', null], ['2016-01-32', null], ['2015-02-29', null],
    ['2015-04-31', null], ['0000-01-01', null], ['1899-12-31', null], ['2200-01-01', null], ['2016-1-02', null],
    ['20160102', null], ['2016-01-02T00:00', null], [' 2016-01-02', null], ['２０１６-01-02', null],
  ];
  for (const [input, want] of cases) t.equal(parseCalendarDate(input), want, input);
});

t.test('text - class names: a grade 0 to 11 with a letter or a number, in one canonical form', async (t) => {
  const cases: Array<[string, string | null]> = [
    ['5А', '5А'], ['5а', '5А'], ['5 а', '5А'], ['5-А', '5А'], ['11-Б', '11Б'], ['11–б', '11Б'], ['0', '0'], ['11', '11'],
    ['5A', '5А'], ['7b', '7В'], ['10-2', '10-2'], ['1ЛА', '1ЛА'], ['', ''], ['  ', ''],
    ['12А', null], ['5Z', null], ['5АБВ', null], ['Иванова', null], ['5А Иванова', null], ['-5', null], ['5-0', null],
    ['5\u0000А', null], ['5\u202eА', null], ['5\ud800', null], ['x'.repeat(40), null],
  ];
  for (const [input, want] of cases) t.equal(canonicalClassName(input), want, JSON.stringify(input));
});

/** The problem a written record is refused with: [code, field, problem]. */
function refusal(kind: 'person' | 'guardian' | 'school', raw: Record<string, unknown>): unknown {
  try {
    parseRecord(kind, raw, { nowMs: NOW });
    return 'accepted';
  } catch (err) {
    if (!(err instanceof TapgateError)) throw err;
    return [err.code, err.details?.['field'], err.details?.['problem']];
  }
}

const PUPIL = { id: 'p1', schoolId: 's1', kind: 'pupil', surname: 'Иванов', givenName: 'Иван', birthDate: '2016-01-02', className: '5А' };

t.test('text - a written person meets the policy; the refusal names field and problem', async (t) => {
  const cases: Array<[string, Record<string, unknown>, unknown]> = [
    ['month 13', { birthDate: '2016-13-02' }, ['REGISTRY_INVALID_RECORD', 'birthDate', 'date']],
    ['month 00', { birthDate: '2016-00-02' }, ['REGISTRY_INVALID_RECORD', 'birthDate', 'date']],
    ['year 0000', { birthDate: '0000-01-02' }, ['REGISTRY_INVALID_RECORD', 'birthDate', 'date']],
    ['born tomorrow + 1', { birthDate: '2026-05-17' }, ['REGISTRY_INVALID_RECORD', 'birthDate', 'future']],
    ['born in 1899', { birthDate: '1899-12-31' }, ['REGISTRY_INVALID_RECORD', 'birthDate', 'date']],
    ['surname of spaces', { surname: '   ' }, ['REGISTRY_INVALID_RECORD', 'surname', 'empty']],
    ['given name with CR LF', { givenName: 'Иван\r\nПётр' }, ['REGISTRY_INVALID_RECORD', 'givenName', 'control']],
    ['surname with NUL', { surname: 'Ив\u0000анов' }, ['REGISTRY_INVALID_RECORD', 'surname', 'control']],
    ['surname with RLO', { surname: '\u202eвонавИ' }, ['REGISTRY_INVALID_RECORD', 'surname', 'bidi']],
    ['given name with a lone surrogate', { givenName: '\ud800' }, ['REGISTRY_INVALID_RECORD', 'givenName', 'surrogate']],
    ['display name with a lone surrogate', { displayName: 'Иван \ud800' }, ['REGISTRY_INVALID_RECORD', 'displayName', 'surrogate']],
    ['photo ref with LF', { photoRef: 'photo:1\n' }, ['REGISTRY_INVALID_RECORD', 'photoRef', 'control']],
    ['class named after a teacher', { className: 'Петрова' }, ['REGISTRY_INVALID_RECORD', 'className', 'class_name']],
    ['surname of 65 characters', { surname: 'я'.repeat(65) }, ['REGISTRY_INVALID_RECORD', 'surname', 'too_long']],
    ['born today', { birthDate: '2026-05-15' }, 'accepted'],
    ['born 1900-01-01', { birthDate: '1900-01-01' }, 'accepted'],
    ['patronymic of spaces is none', { patronymic: '  ' }, 'accepted'],
  ];
  for (const [name, patch, want] of cases) t.same(refusal('person', { ...PUPIL, ...patch }), want, name);
  t.same(refusal('guardian', { id: 'g1', phone: '+79161234567', surname: 'Ив\u2066анов' }), ['REGISTRY_INVALID_RECORD', 'surname', 'bidi'], 'guardian');
  t.same(refusal('school', { id: 's1', name: 'Школа\u0000', timeZone: 'Europe/Moscow' }), ['REGISTRY_INVALID_RECORD', 'name', 'control'], 'school');
  const stored = parseRecord('person', { ...PUPIL, surname: ' Заи\u0306цев ', patronymic: ' ', className: '11-б' }, { nowMs: NOW });
  t.match(stored.value, { surname: 'Зайцев', patronymic: '', className: '11Б', displayName: 'Зайцев Иван' }, 'stored in canonical form');
  // Read back from the registry (no WriteCheck), a record stored before the policy still loads.
  t.equal(parseRecord('person', { ...PUPIL, givenName: '\ud800', className: 'Петрова' }).value.id, 'p1', 'stored records are read as they are');
});

t.test('text - the repair plan of records stored before the policy', async (t) => {
  const plan = (patch: Record<string, unknown>) => {
    const p = planRepair('person', { ...PUPIL, displayName: 'Иванов Иван', ...patch }, NOW);
    return { action: p.action, fields: p.fields, problems: p.problems, value: p.record?.value };
  };
  t.same(plan({}), { action: 'ok', fields: [], problems: [], value: undefined }, 'a good record needs nothing');
  t.match(plan({ givenName: 'Ив\ud800ан', displayName: 'Иванов Ив\ud800ан' }),
    { action: 'repair', fields: ['displayName', 'givenName'], value: { givenName: 'Ив ан', displayName: 'Иванов Ив ан' } }, 'surrogate dropped');
  t.match(plan({ surname: ' Иванов\u202e ' }), { action: 'repair', fields: ['surname'], value: { surname: 'Иванов' } }, 'bidi dropped, trimmed');
  t.match(plan({ className: 'Петрова' }), { action: 'repair', fields: ['className'], value: { className: '' } }, 'a class that is a name is cleared');
  t.match(plan({ className: '5a' }), { action: 'repair', fields: ['className'], value: { className: '5А' } }, 'a class in another spelling is made canonical');
  t.same(plan({ birthDate: '2030-01-01' }), { action: 'manual', fields: ['birthDate'], problems: [{ field: 'birthDate', problem: 'future' }], value: undefined },
    'a future birth date needs an operator');
  t.same(plan({ givenName: '\u0000' }).action, 'manual', 'a name with nothing left needs an operator');
});

t.test('text - wellFormed: what a device gets is valid UTF-8', async (t) => {
  const strict = new TextDecoder('utf-8', { fatal: true });
  for (const s of ['Иванов', 'Ёж 🦔', 'Ива\ud800нов', '\udc00', 'a\ud83d', '\ud83d\ude00\ud800']) {
    const out = wellFormed(s);
    t.equal(strict.decode(Buffer.from(out, 'utf8')), out, `${JSON.stringify(s)} round-trips as UTF-8`);
    t.notOk(/\p{Cs}/u.test(out), `${JSON.stringify(s)}: no lone surrogate left`);
  }
  t.equal(wellFormed('Ива\ud800нов'), 'Ива\ufffdнов', 'a lone surrogate becomes U+FFFD');
  t.equal(wellFormed('🦔'), '🦔', 'a pair is left alone');
});
