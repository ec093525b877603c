// The persons section: search by name and class, then one person's panel: correct the record,
// move to another school, merge a mistaken duplicate into it, photo and consent, and the
// person's cards, parents and benefits (person-parts.ts).
import { api, ApiFailure } from '../common/api.js';
import { field, h, notice, replace } from '../common/dom.js';
import { PERSON_KINDS } from '../common/words.js';
import { benefitsPart, cardsPart, guardiansPart, historyPart } from './person-parts.js';
import { act, input, select, statusLine, table, type Office, type Person } from './shared.js';

/** Most persons one search shows. */
const SEARCH_ROWS_MAX = 100;
/** Largest photo the API takes, in bytes (300 KB). */
const PHOTO_BYTES_MAX = 300 * 1024;

export function personsSection(office: Office): HTMLElement {
  const status = statusLine();
  const q = input({ name: 'q', autocomplete: 'off', maxlength: 64 });
  const cls = input({ name: 'className', autocomplete: 'off', maxlength: 16 });
  const results = h('div', { class: 'person-results' });
  const panel = h('div', { class: 'person-panel' });
  let last: Person[] = [];
  const search = async () => {
    const params = new URLSearchParams({ limit: String(SEARCH_ROWS_MAX) });
    if (q.value.trim() !== '') params.set('q', q.value.trim());
    if (cls.value.trim() !== '') params.set('className', cls.value.trim());
    last = (await api<{ items: Person[] }>('GET', `/schools/${office.school.id}/persons?${params}`)).items
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'ru'));
    status.clear();
    replace(results, last.length === 0 ? h('p', null, 'Никого не найдено.') : table('Найденные', ['ФИО', 'Класс', 'Кто', 'Дата рождения', ''],
      last.map((p) => [p.displayName, p.className, PERSON_KINDS[p.kind] ?? p.kind, p.birthDate,
        h('button', { type: 'button', class: 'secondary', onclick: () => void open(p.id) }, 'Открыть')]), 'persons'));
  };
  // After a change the panel is drawn again from the server's record, with what was done on top.
  const open = async (id: string, done?: string) => {
    await act(null, status, async () => {
      const p = await api<Person>('GET', `/persons/${id}`);
      replace(panel, personPanel(office, p, () => last.filter((x) => x.id !== p.id), async (text) => { await search(); await open(id, text); }));
      if (done !== undefined) panel.querySelector('h2')?.after(notice('ok', done));
      panel.querySelector<HTMLElement>('h2')?.focus();
    });
  };
  const go = h('button', { type: 'submit' }, 'Найти');
  const form = h('form', { class: 'card search', role: 'search', onsubmit: (ev) => { ev.preventDefault(); void act(go, status, search); } },
    h('h2', null, 'Поиск'), h('div', { class: 'row' }, field('Фамилия или имя', q), field('Класс', cls, 'например 5А')), go, status.el);
  void act(null, status, search);
  return h('section', { 'aria-label': 'Ученики и сотрудники', class: 'persons-layout' }, h('div', null, form, results), panel);
}

function personPanel(office: Office, p: Person, others: () => Person[], reload: (done: string) => Promise<void>): HTMLElement {
  return h('article', { class: 'card person' },
    h('h2', { tabindex: -1 }, p.displayName),
    h('p', { class: 'lead' }, `${PERSON_KINDS[p.kind] ?? p.kind}${p.className === '' ? '' : `, ${p.className} класс`}`),
    editForm(p, reload), photoPart(p), cardsPart(office, p), historyPart(office, p), guardiansPart(p), benefitsPart(p),
    office.registrar ? moveForm(p, reload) : null, office.registrar ? mergeForm(p, others, reload) : null);
}

function editForm(p: Person, reload: (done: string) => Promise<void>): HTMLElement {
  const status = statusLine();
  const f = {
    surname: input({ value: p.surname, maxlength: 64, autocomplete: 'off' }), givenName: input({ value: p.givenName, maxlength: 64, autocomplete: 'off' }),
    patronymic: input({ value: p.patronymic, maxlength: 64, autocomplete: 'off' }), birthDate: input({ type: 'date', value: p.birthDate }),
    className: input({ value: p.className, maxlength: 16, autocomplete: 'off' }),
  };
  const save = h('button', { type: 'submit' }, 'Сохранить');
  return h('form', { class: 'part', onsubmit: (ev) => {
    ev.preventDefault();
    void act(save, status, async () => {
      const body: Record<string, string> = {};
      for (const [k, el] of Object.entries(f)) if (el.value !== (p as unknown as Record<string, string>)[k] && el.value !== '') body[k] = el.value;
      if (Object.keys(body).length === 0) { status.ok('Изменений нет.'); return; }
      await api('PATCH', `/persons/${p.id}`, body);
      await reload('Данные исправлены.');
    });
  } }, h('h3', null, 'Данные'), h('div', { class: 'row' }, field('Фамилия', f.surname), field('Имя', f.givenName), field('Отчество', f.patronymic)),
  h('div', { class: 'row' }, field('Дата рождения', f.birthDate), field('Класс', f.className)), save, status.el);
}

function moveForm(p: Person, reload: (done: string) => Promise<void>): HTMLElement {
  const status = statusLine();
  const school = select({});
  const cls = input({ maxlength: 16, autocomplete: 'off' });
  void api<{ items: Array<{ id: string; name: string }> }>('GET', '/schools').then((r) => {
    replace(school, ...r.items.map((s) => h('option', { value: s.id, selected: s.id === p.schoolId }, s.name)));
  }).catch((err: unknown) => status.fail(err));
  const go = h('button', { type: 'submit', class: 'secondary' }, 'Перевести');
  return h('form', { class: 'part', onsubmit: (ev) => {
    ev.preventDefault();
    void act(go, status, async () => {
      await api('POST', `/persons/${p.id}/move`, { schoolId: school.value, ...(cls.value.trim() === '' ? {} : { className: cls.value.trim() }) });
      await reload('Переведён. Счёт, баланс и карты сохранены.');
    });
  } }, h('h3', null, 'Перевод в другую школу или класс'), h('div', { class: 'row' }, field('Школа', school), field('Новый класс', cls)), go, status.el);
}

function mergeForm(p: Person, others: () => Person[], reload: (done: string) => Promise<void>): HTMLElement {
  const status = statusLine();
  const dup = select(Object.fromEntries([['', '— выберите —'], ...others().map((o) => [o.id, `${o.displayName}, ${o.className || 'без класса'}, ${o.birthDate || 'дата не указана'}`])]));
  const sure = h('input', { type: 'checkbox', required: true });
  const go = h('button', { type: 'submit', class: 'danger' }, 'Объединить');
  return h('form', { class: 'part', onsubmit: (ev) => {
    ev.preventDefault();
    void act(go, status, async () => {
      if (dup.value === '') { status.ok('Выберите ошибочную запись.'); return; }
      const r = await api<{ moved: { identifiers: number; guardianships: number; benefits: number } }>('POST', `/persons/${p.id}/merge`, { duplicateId: dup.value });
      await reload(`Объединено: перенесено карт — ${r.moved.identifiers}, родителей — ${r.moved.guardianships}, льгот — ${r.moved.benefits}. Дубликат удалён.`);
    });
  } }, h('h3', null, 'Объединить с ошибочным дубликатом'),
  h('p', { class: 'hint' }, 'Карты, родители и льготы дубликата перейдут к этой записи, дубликат будет удалён. Дубликат ищется среди результатов поиска.'),
  field('Ошибочная запись (будет удалена)', dup), h('label', { class: 'check' }, sure, ' Я проверил(а): это один и тот же человек'), go, status.el);
}

function photoPart(p: Person): HTMLElement {
  const status = statusLine();
  const box = h('div', { class: 'part' }, h('h3', null, 'Фото и согласие'));
  if (p.photoConsent === undefined) {
    box.append(h('p', { class: 'hint' }, 'Фото пока не поддерживаются сервером.'));
    return box;
  }
  const consent = h('input', { type: 'checkbox', checked: p.photoConsent });
  const file = h('input', { type: 'file', accept: 'image/jpeg,image/png', disabled: !p.photoConsent });
  const img = h('div', { class: 'photo photo-none' }, p.hasPhoto === true ? 'фото есть' : 'нет фото');
  if (p.hasPhoto === true) void loadPhoto(p.id, img);
  consent.addEventListener('change', () => void act(null, status, async () => {
    await api('PUT', `/persons/${p.id}/photo-consent`, { consent: consent.checked });
    file.disabled = !consent.checked;
    if (!consent.checked) replace(img, 'нет фото');
    status.ok(consent.checked ? 'Согласие отмечено.' : 'Согласие снято, фото удалено.');
  }));
  file.addEventListener('change', () => void act(null, status, async () => {
    const f = file.files?.[0];
    if (f === undefined) return;
    if (f.size > PHOTO_BYTES_MAX) { status.ok('Фото больше 300 КБ: уменьшите его.'); return; }
    await api('PUT', `/persons/${p.id}/photo`, undefined, { raw: f, contentType: f.type });
    await loadPhoto(p.id, img);
    status.ok('Фото загружено.');
  }));
  box.append(h('div', { class: 'row' }, img, h('div', null, h('label', { class: 'check' }, consent, ' Есть письменное согласие на фото'),
    field('Загрузить фото (JPEG или PNG, до 300 КБ)', file))), status.el);
  return box;
}

async function loadPhoto(id: string, box: HTMLElement): Promise<void> {
  try {
    const res = await fetch(`/api/v1/persons/${id}/photo`, { credentials: 'same-origin' });
    if (!res.ok) throw new ApiFailure(res.status, `HTTP_${res.status}`, '', {});
    const url = URL.createObjectURL(await res.blob());
    replace(box, h('img', { src: url, alt: 'Фото', class: 'photo' }));
  } catch { replace(box, 'нет фото'); }
}
