// Unit tests of the notice template language (core/notify-text.ts, core/notify-format.ts):
// Russian plurals, roubles from kopecks, times in the school's zone, initials, gender forms,
// sections and repeats, escaping of braces and of HTML, and every way a template is refused at
// load, with its exact code, message and details.
import t from 'tap';
import {
  formatRub, formatTime, genderForm, initials, parseTemplate, pluralForm, renderTemplate, TapgateError,
  type NotifyParams,
} from '../../core/index.js';

const AT = Date.UTC(2025, 11, 1, 5, 12); // 2025-12-01 08:12 in Moscow, 10:12 in Yekaterinburg
const MSK = { timeZone: 'Europe/Moscow' } as const;
const EVENT: NotifyParams = { child: 'Маша', sex: 'f', kind: 'school', school: 'Школа № 5', at: AT, late: false };

/** The text of a template body of the given type (an SMS; a digest is e-mail only) rendered with params. */
function sms(type: string, body: string, params: NotifyParams = EVENT, ctx: { timeZone: string; mode?: 'text' | 'html' } = MSK): string {
  const digest = type.endsWith('_digest');
  const file = `${type}.${digest ? 'email' : 'sms'}.txt`;
  return renderTemplate(parseTemplate(digest ? `Тема: x\n\n${body}` : body, file), params, ctx).text;
}

t.test('notify text - plural forms by Intl.PluralRules(ru)', async (t) => {
  const cases: Array<[number, string]> = [
    [0, '0 обедов'], [1, '1 обед'], [2, '2 обеда'], [4, '4 обеда'], [5, '5 обедов'], [11, '11 обедов'], [12, '12 обедов'],
    [21, '21 обед'], [22, '22 обеда'], [25, '25 обедов'], [111, '111 обедов'], [1001, '1\u202f001 обед'], [1.5, '1,5 обеда'],
  ];
  for (const [n, want] of cases) {
    t.equal(sms('daily_digest', '{meals|plural:обед|обеда|обедов}', { meals: n }), want, `${n}`);
  }
  t.equal(sms('daily_digest', '{meals|plural-word:обед|обеда|обедов}', { meals: 3 }), 'обеда', 'the word alone');
  t.equal(pluralForm(21, ['покупка', 'покупки', 'покупок']), 'покупка');
});

t.test('notify text - roubles from kopecks', async (t) => {
  const cases: Array<[number, string]> = [
    [0, '0\u00a0₽'], [5_000, '50\u00a0₽'], [5_050, '50,50\u00a0₽'], [5_005, '50,05\u00a0₽'], [99, '0,99\u00a0₽'],
    [125_000, '1\u202f250\u00a0₽'], [123_456_789, '1\u202f234\u202f567,89\u00a0₽'], [-1_250, '\u221212,50\u00a0₽'],
    [-125_000, '\u22121\u202f250\u00a0₽'],
  ];
  for (const [kop, want] of cases) t.equal(formatRub(kop), want, `${kop} kop`);
  t.throws(() => formatRub(12.5), /a whole number of kopecks/, 'a fraction of a kopeck is a bug');
});

t.test('notify text - time, date and weekday in the school zone', async (t) => {
  t.equal(formatTime(AT, 'Europe/Moscow'), '08:12');
  t.equal(formatTime(AT, 'Asia/Yekaterinburg'), '10:12');
  const late = Date.UTC(2025, 11, 1, 20, 5); // 23:05 in Moscow, 01:05 next day in Yekaterinburg
  const body = '{at|weekday}, {at|date}, {at|time}';
  t.equal(sms('entry', body, { ...EVENT, at: late }), 'понедельник, 1 декабря, 23:05');
  t.equal(sms('entry', body, { ...EVENT, at: late }, { timeZone: 'Asia/Yekaterinburg' }), 'вторник, 2 декабря, 01:05');
  t.equal(sms('daily_digest', '{entries|time}', { entries: [AT, AT + 7 * 3_600_000 + 60_000] }), '08:12, 15:13', 'a list of times');
  t.equal(formatTime(Date.UTC(2025, 11, 1, 21, 0), 'Europe/Moscow'), '00:00', 'midnight is 00, not 24');
});

t.test('notify text - initials, gender forms and lists', async (t) => {
  const names: Array<[string, string]> = [
    ['Петрова Анна Ивановна', 'Петрова А. И.'], ['Петрова Анна', 'Петрова А.'], ['Петрова', 'Петрова'],
    ['  Петрова   анна  ', 'Петрова А.'], ['Дюма Анна-Мария', 'Дюма А.-М.'], ['', ''],
  ];
  for (const [full, want] of names) t.equal(initials(full), want, full);
  t.equal(genderForm('m', ['вошёл', 'вошла']), 'вошёл');
  t.equal(genderForm('f', ['вошёл', 'вошла']), 'вошла');
  t.equal(genderForm('', ['вошёл', 'вошла']), 'вошёл/вошла', 'not known, no third form');
  t.equal(genderForm('', ['вошёл', 'вошла', 'вошёл(-ла)']), 'вошёл(-ла)');
  const items = [{ name: 'булочка', qty: 2 }, { name: 'чай', qty: 1 }];
  t.equal(sms('buffet', '{items|list} / {items}', { ...EVENT, items, amount: 0, balance: 0 }), 'булочка ×2, чай / булочка ×2, чай');
  t.equal(sms('entry', '{kind|choose:school=в школу|*=туда}', { ...EVENT, kind: 'college' }), 'туда', '* covers the rest');
});

t.test('notify text - sections, repeats and escapes', async (t) => {
  const late = '{child}{?late} (с опозданием: событие в {at|time}){/late}{!late}.{/late}';
  t.equal(sms('entry', late, { ...EVENT, late: true }), 'Маша (с опозданием: событие в 08:12)');
  t.equal(sms('entry', late), 'Маша.');
  const digest = '{?purchases}Покупки:\n{#purchases}{at|time} {items|list} {amount|rub}\n{/purchases}{/purchases}{!purchases}Нет покупок{/purchases}';
  const purchases = [
    { at: AT, items: [{ name: 'чай', qty: 1 }], amount: 1_500 },
    { at: AT + 3_600_000, items: [{ name: 'сок', qty: 3 }], amount: 9_000 },
  ];
  t.equal(sms('daily_digest', digest, { purchases }), 'Покупки:\n08:12 чай 15\u00a0₽\n09:12 сок ×3 90\u00a0₽');
  t.equal(sms('daily_digest', digest, { purchases: [] }), 'Нет покупок', 'an empty list is not set');
  t.equal(sms('daily_digest', '{?meals}есть{/meals}{!meals}нет{/meals}', { meals: 0 }), 'нет', 'zero is not set');
  t.equal(sms('entry', '{{child} {child}}'), '{child} Маша}', '{{ is a brace, } needs nothing');
  t.equal(sms('entry', 'a  \n\n\n\nb {?late}x{/late}  '), 'a\n\nb', 'trailing spaces and blank runs tidied');
});

t.test('notify text - headers and HTML mode', async (t) => {
  const tpl = parseTemplate('Тема: {child}: вход\n\nПривет, {child}!\n\nВторой абзац\nстрока', 'entry.email.txt');
  const params = { ...EVENT, child: '<script>alert("x")</script> & Co' };
  const out = renderTemplate(tpl, params, { ...MSK, mode: 'html' });
  t.equal(out.subject, '<script>alert("x")</script> & Co: вход', 'the subject is text');
  t.equal(out.text, 'Привет, <script>alert("x")</script> & Co!\n\nВторой абзац\nстрока');
  t.match(out.html, '<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co: вход</title>');
  t.match(out.html, '<p>Привет, &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co!</p>\n<p>Второй абзац<br>\nстрока</p>');
  t.notMatch(out.html, '<script>', 'no markup from a value');
  t.equal(renderTemplate(tpl, params, MSK).html, undefined, 'text mode has no HTML');
  const push = parseTemplate('Заголовок: {child}\n\nтело', 'entry.push.txt');
  t.same(renderTemplate(push, EVENT, MSK), { subject: 'Маша', text: 'тело' });
  t.same(renderTemplate(parseTemplate('\uFEFFтело\r\n', 'entry.sms.txt'), EVENT, MSK), { subject: '', text: 'тело' }, 'BOM and CRLF');
});

t.test('notify text - a parameter of the wrong shape is the caller\'s bug', async (t) => {
  t.throws(() => sms('entry', '{at|time}', { ...EVENT, at: 'утро' }), { message: 'notify param at: expected ms since the epoch' });
  t.throws(() => sms('entry', '{child}', { sex: 'f' }), { message: 'notify param child: missing' });
});

t.test('notify text - every invalid template is refused with its code, place and reason', async (t) => {
  const cases: Array<[string, string, string, number, string, string | undefined]> = [
    // file, source, message, line, problem, name
    ['entry.txt', 'x', 'entry.txt:0: a template file is named <type>.<channel>.txt', 0, 'file_name', undefined],
    ['entyr.sms.txt', 'x', 'entyr.sms.txt:0: unknown type entyr (types: entry, exit, dropoff, pickup, pickup_refused, dropoff_refused, buffet, hot_meal, subsidised_meal, top_up, low_balance, daily_digest, weekly_digest)', 0, 'file_name', undefined],
    ['daily_digest.sms.txt', 'x', 'daily_digest.sms.txt:0: daily_digest has no channel sms (channels: email)', 0, 'file_name', undefined],
    ['entry.email.txt', 'Привет', 'entry.email.txt:1: the first line must be «Тема: ...» with the text after it', 1, 'header', undefined],
    ['entry.push.txt', 'Заголовок:  \n\nx', 'entry.push.txt:1: the first line must be «Заголовок: ...» with the text after it', 1, 'header', undefined],
    ['entry.email.txt', 'Тема: a\nb', 'entry.email.txt:2: a blank line must follow «Тема: ...»', 2, 'header', undefined],
    ['entry.email.txt', 'Тема: a\n\nok\n{foo}', 'entry.email.txt:4: unknown placeholder {foo} (known: child, sex, kind, school, at, late)', 4, 'unknown_param', 'foo'],
    ['entry.email.txt', 'Тема: {amount|rub}\n\nx', 'entry.email.txt:1: unknown placeholder {amount} (known: child, sex, kind, school, at, late)', 1, 'unknown_param', 'amount'],
    ['entry.sms.txt', '{at|tmie}', 'entry.sms.txt:1: unknown filter «tmie» in {at|tmie} (filters: time, date, weekday, rub, plural, plural-word, initials, gender, choose, list)', 1, 'unknown_filter', 'at'],
    ['entry.sms.txt', '{child|rub}', 'entry.sms.txt:1: filter rub does not apply to {child} (use initials)', 1, 'filter_kind', 'child'],
    ['entry.sms.txt', '{kind|gender:a|b}', 'entry.sms.txt:1: filter gender does not apply to {kind} (use gender, choose)', 1, 'filter_kind', 'kind'],
    ['entry.sms.txt', '{at}', 'entry.sms.txt:1: {at} needs a filter (time, date, weekday)', 1, 'needs_filter', 'at'],
    ['entry.sms.txt', '{late}', 'entry.sms.txt:1: {late} needs a filter (no filter)', 1, 'needs_filter', 'late'],
    ['daily_digest.email.txt', 'Тема: x\n\n{meals|plural:обед|обеда}', 'daily_digest.email.txt:3: {meals|plural:обед|обеда}: plural takes 3 forms separated by |, got 2', 3, 'filter_args', 'meals'],
    ['daily_digest.email.txt', 'Тема: x\n\n{meals|plural:обед||обедов}', 'daily_digest.email.txt:3: {meals|plural:обед||обедов}: a plural form is empty', 3, 'filter_args', 'meals'],
    ['entry.sms.txt', '{at|time:x}', 'entry.sms.txt:1: {at|time:x}: time takes 0 forms separated by |, got 1', 1, 'filter_args', 'at'],
    ['entry.sms.txt', '{sex|gender:a}', 'entry.sms.txt:1: {sex|gender:a}: gender takes 2 to 3 forms, got 1', 1, 'filter_args', 'sex'],
    ['entry.sms.txt', '{kind|choose:school=школа|college=колледж}', 'entry.sms.txt:1: {kind|choose:school=школа|college=колледж}: no text for kindergarten: add them or *=text for the rest', 1, 'filter_args', 'kind'],
    ['entry.sms.txt', '{kind|choose:shcool=школа|*=x}', 'entry.sms.txt:1: {kind|choose:shcool=школа|*=x}: «shcool» is not one of school, kindergarten, college', 1, 'filter_args', 'kind'],
    ['entry.sms.txt', '{kind|choose:школа}', 'entry.sms.txt:1: {kind|choose:школа}: choose takes value=text pairs, got «школа»', 1, 'filter_args', 'kind'],
    ['entry.sms.txt', 'a\n{?late}x', 'entry.sms.txt:2: {?late} is not closed by {/late}', 2, 'section_open', 'late'],
    ['entry.sms.txt', 'x{/late}', 'entry.sms.txt:1: {/late} closes no section', 1, 'section_close', 'late'],
    ['entry.sms.txt', '{?late}\n{!child}x{/late}{/child}', 'entry.sms.txt:2: {/late} cannot close {!child} opened on line 2', 2, 'section_close', 'late'],
    ['entry.sms.txt', '{#child}x{/child}', 'entry.sms.txt:1: {#child} repeats only a list of records (purchases, topUps)', 1, 'not_records', 'child'],
    ['daily_digest.email.txt', 'Тема: x\n\n{amount|rub}', 'daily_digest.email.txt:3: unknown placeholder {amount} (known: child, sex, kind, school, day, entries, exits, purchases, purchaseCount, purchaseTotal, topUps, topUpCount, topUpTotal, meals, balance)', 3, 'unknown_param', 'amount'],
    ['entry.sms.txt', 'ok\n{child', 'entry.sms.txt:2: «{» without «}» on the same line (write {{ for a brace)', 2, 'tag', undefined],
    ['entry.sms.txt', '{child\n}', 'entry.sms.txt:1: «{» without «}» on the same line (write {{ for a brace)', 1, 'tag', undefined],
    ['entry.sms.txt', '{}', 'entry.sms.txt:1: {} is not a placeholder (a name is letters and digits)', 1, 'tag', undefined],
    ['entry.sms.txt', '{ребёнок}', 'entry.sms.txt:1: {ребёнок} is not a placeholder (a name is letters and digits)', 1, 'tag', undefined],
  ];
  for (const [file, source, message, line, problem, name] of cases) {
    const details: Record<string, unknown> = { file, line, problem };
    if (name !== undefined) details['name'] = name;
    t.throws(() => parseTemplate(source, file), { code: 'NOTIFY_TEMPLATE_INVALID', message, details }, message);
  }
  // Inside a repeat the record's fields are known; outside it they are not.
  t.doesNotThrow(() => parseTemplate('Тема: x\n\n{#topUps}{amount|rub}{/topUps}', 'daily_digest.email.txt'));
  t.throws(() => parseTemplate('Тема: x\n\n{#topUps}{/topUps}{amount|rub}', 'daily_digest.email.txt'), { code: 'NOTIFY_TEMPLATE_INVALID' });
  t.ok(((): boolean => { try { parseTemplate('{x}', 'entry.sms.txt'); return false; } catch (e) { return e instanceof TapgateError; } })(),
    'a TapgateError');
});
