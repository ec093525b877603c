// The roster section: a CSV file of the school's pupils goes up, and the per-row report comes
// back as words: how many rows were applied, what was created, and each refused row with its
// line, its column and the problem.
import { api } from '../common/api.js';
import { field, h, replace } from '../common/dom.js';
import { act, statusLine, table, type Office } from './shared.js';

interface Report {
  readonly rows: number; readonly applied: number; readonly failed: number;
  readonly created: { persons: number; accounts: number; identifiers: number; guardians: number; links: number };
  readonly updated: { persons: number };
  readonly errors: ReadonlyArray<{ line: number; field: string; message: string }>;
}

/** Roster columns in words. */
const COLUMNS: Readonly<Record<string, string>> = {
  surname: 'фамилия', given_name: 'имя', patronymic: 'отчество', birth_date: 'дата рождения', kind: 'кто', class: 'класс',
  identifier_kind: 'вид карты', card_uid: 'номер карты', guardian_phone: 'телефон родителя', guardian_surname: 'фамилия родителя',
  guardian_given_name: 'имя родителя', '': 'вся строка',
};

/** The server's row problems (English) in Russian, by what they say; the first that matches. */
const PROBLEMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/is required/, 'не заполнено'],
  [/already registered|existingId/, 'такой человек уже есть в другой записи'],
  [/UID is already|already issued|already used/, 'эта карта уже выдана'],
  [/calendar date|must be a date/, 'дата должна быть в виде ГГГГ-ММ-ДД'],
  [/in the future/, 'дата в будущем'],
  [/before 1900/, 'дата раньше 1900 года'],
  [/className|grade/, 'класс должен быть вида 5А или 10-2'],
  [/E\.164|phone/, 'телефон должен быть вида +79161234567'],
  [/hex|bytes/, 'номер карты: от 4 до 10 байт в шестнадцатеричном виде'],
  [/cells/, 'число ячеек не совпадает с заголовком'],
  [/longer than/, 'слишком длинно'],
  [/must be one of/, 'недопустимое значение'],
  [/another surname/, 'телефон уже записан за родителем с другой фамилией'],
  [/control|markup|character|letter/, 'недопустимые символы'],
];

export function rowProblem(message: string): string {
  return PROBLEMS.find(([re]) => re.test(message))?.[1] ?? 'ошибка в данных';
}

export function rosterSection(office: Office): HTMLElement {
  const status = statusLine();
  const file = h('input', { type: 'file', accept: '.csv,text/csv', required: true });
  const report = h('div', { class: 'roster-report' });
  const send = h('button', { type: 'submit' }, 'Загрузить список');
  const form = h('form', { class: 'card', onsubmit: (ev) => {
    ev.preventDefault();
    void act(send, status, async () => {
      const f = file.files?.[0];
      if (f === undefined) { status.fail(null); return; }
      status.clear();
      replace(report, h('p', { class: 'loading', role: 'status' }, 'Загружается…'));
      const r = await api<Report>('POST', `/schools/${office.school.id}/roster`, undefined, { raw: f, contentType: 'text/csv' });
      replace(report, ...reportView(r));
      status.ok(r.failed === 0 ? 'Список загружен.' : 'Список загружен, но некоторые строки не приняты.');
    });
  } },
  h('h2', null, 'Загрузка списка (CSV)'),
  h('p', { class: 'lead' }, 'Столбцы: surname, given_name, birth_date (обязательные), patronymic, kind, class, identifier_kind, card_uid, ',
    'guardian_phone, guardian_surname, guardian_given_name. Повторная загрузка того же файла ничего не меняет.'),
  field('Файл списка', file, 'Кодировка UTF-8, первая строка — заголовок'), send, status.el);
  return h('section', { 'aria-label': 'Список' }, form, report);
}

function reportView(r: Report): HTMLElement[] {
  const made = [['учеников и сотрудников', r.created.persons], ['счетов', r.created.accounts], ['карт', r.created.identifiers],
    ['родителей', r.created.guardians], ['связей с родителями', r.created.links]] as const;
  const summary = h('dl', { class: 'office-summary' },
    h('dt', null, 'Строк в файле'), h('dd', null, String(r.rows)),
    h('dt', null, 'Принято'), h('dd', null, String(r.applied)),
    h('dt', null, 'Не принято'), h('dd', { class: r.failed > 0 ? 'bad' : '' }, String(r.failed)),
    h('dt', null, 'Исправлено записей'), h('dd', null, String(r.updated.persons)),
    ...made.flatMap(([what, n]) => [h('dt', null, `Создано ${what}`), h('dd', null, String(n))]));
  const out: HTMLElement[] = [h('h3', null, 'Итог загрузки'), summary];
  if (r.errors.length > 0) {
    out.push(h('h3', null, 'Непринятые строки'), table('Непринятые строки', ['Строка', 'Столбец', 'Что не так'],
      r.errors.map((e) => [String(e.line), COLUMNS[e.field] ?? e.field, rowProblem(e.message)]), 'roster-errors'));
  }
  return out;
}
